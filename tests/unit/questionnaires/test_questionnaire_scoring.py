"""Questionnaire definitions load and check themselves; scores follow the published rules."""

from __future__ import annotations

import copy

import pytest
import yaml

from bot.domain.questionnaires import definitions
from bot.domain.questionnaires.definitions import InvalidDefinition, parse
from bot.domain.questionnaires.scoring import InvalidAnswers, crisis_items, score
from bot.domain.questionnaires.typed import parse_typed


def _q(key: str) -> definitions.Questionnaire:
    q = definitions.get(key)
    assert q is not None
    return q


def _raw(key: str) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((definitions.HERE / f"{key}.yaml").read_text())


def test_the_shipped_questionnaires_load_with_their_licence_and_citation() -> None:
    qs = definitions.all_questionnaires()
    assert list(qs) == ["bam7", "bam30", "phq9", "gad7"]
    assert [len(q.items) for q in qs.values()] == [16, 16, 9, 7]
    for q in qs.values():
        assert q.licence and q.citation
    assert "No permission required" in _q("phq9").licence
    assert _q("phq9").codes["total"] == "44261-6" and _q("gad7").codes["total"] == "70274-6"


def test_phq9_published_item_text_and_answer_codes() -> None:
    q = _q("phq9")
    assert q.items[8].text == "Thoughts that you would be better off dead or of hurting yourself in some way"
    assert [(o.value, o.label, o.code) for o in q.items[0].options] == [
        (0, "Not at all", "LA6568-5"),
        (1, "Several days", "LA6569-3"),
        (2, "More than half the days", "LA6570-1"),
        (3, "Nearly every day", "LA6571-9"),
    ]


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
     (15, "moderately_severe"), (19, "moderately_severe"), (20, "severe"), (27, "severe")],
)  # fmt: skip
def test_phq9_bands_at_every_edge(total: int, band: str) -> None:
    q = _q("phq9")
    answers = {str(i): 0 for i in range(1, 10)}
    left = total
    for i in range(1, 10):
        answers[str(i)] = min(3, left)
        left -= answers[str(i)]
    scores = score(q, answers)
    assert scores.total == total and scores.band is not None and scores.band.key == band


@pytest.mark.parametrize(
    ("total", "band"), [(4, "minimal"), (5, "mild"), (10, "moderate"), (15, "severe"), (21, "severe")]
)
def test_gad7_bands(total: int, band: str) -> None:
    answers, left = {}, total
    for i in range(1, 8):
        answers[str(i)] = min(3, left)
        left -= answers[str(i)]
    scores = score(_q("gad7"), answers)
    assert (scores.total, scores.band.key if scores.band else None) == (total, band)


def test_a_missing_phq9_item_leaves_no_total() -> None:
    answers = {str(i): 2 for i in range(1, 9)}  # item 9 not answered
    scores = score(_q("phq9"), answers)
    assert scores.total is None and scores.band is None and scores.missing == ("9",)


def test_missing_items_are_prorated_when_the_definition_allows() -> None:
    raw = _raw("gad7")
    raw["scoring"]["max_missing"] = 1
    q = parse(raw)
    assert score(q, {str(i): 2 for i in range(1, 7)}).total == 14  # 12 over 6 items, as 7


def test_bam_subscales_mix_day_counts_and_ratings_and_there_is_no_total() -> None:
    q = _q("bam7")
    answers = {i.id: 0 for i in q.items}
    answers |= {"1": 3, "2": 7, "3": 2, "8": 2, "11": 1, "15": 1}  # risk: 3 + 4 + 2 + 2 + 1 + 1
    answers |= {"4": 1, "5": 0, "6": 3}  # use: 1 + 0 + 2 (days scored 0-4)
    answers |= {"9": 4, "10": 7, "12": 1, "13": 5, "14": 1, "16": 2}  # protective: 4 + 4 + 1 + 3 + 4 + 2
    answers |= {"17": 4}  # unscored
    scores = score(q, answers)
    assert scores.total is None and scores.band is None
    assert scores.plain() == {"use": 3, "risk": 13, "protective": 18}
    assert [s.flagged for s in scores.subscales] == [True, True, False]


def test_bam_subscales_are_the_published_items() -> None:
    assert {s.key: s.items for s in _q("bam7").subscales} == {
        "use": ("4", "5", "6"),
        "risk": ("1", "2", "3", "8", "11", "15"),
        "protective": ("9", "10", "12", "13", "14", "16"),
    }


def test_only_phq9_item_9_above_not_at_all_acts_at_once() -> None:
    q = _q("phq9")
    assert crisis_items(q, {"9": 0, "2": 3}) == []
    assert crisis_items(q, {"9": 1}) == ["9"]
    assert all(not i.crisis_above for i in (*_q("gad7").items, *_q("bam7").items))


def test_answers_that_are_not_the_questionnaires_are_refused() -> None:
    with pytest.raises(InvalidAnswers):
        score(_q("phq9"), {"1": 4})
    with pytest.raises(InvalidAnswers):
        score(_q("phq9"), {"10": 0})


@pytest.mark.parametrize(
    ("said", "value"),
    [("2", 2), ("several days", 1), ("Nearly every day.", 3), ("sev", 1), ("NOT AT ALL", 0), ("9", None),
     ("no", None), ("", None), ("more", 2)],
)  # fmt: skip
def test_typed_answers(said: str, value: int | None) -> None:
    option = parse_typed(_q("phq9").items[0], said)
    assert (option.value if option else None) == value


def _broken(change) -> str:  # type: ignore[no-untyped-def]
    raw = copy.deepcopy(_raw("phq9"))
    change(raw)
    with pytest.raises(InvalidDefinition) as exc:
        parse(raw, "phq9.yaml")
    return str(exc.value)


def test_validation_names_what_to_fix() -> None:
    assert "should start at 10" in _broken(lambda r: r["bands"].pop(2))
    assert "the total reaches 27" in _broken(lambda r: r["bands"][-1].update(max=26))
    assert "is not one of" in _broken(lambda r: r["items"][0].update(options="nope"))
    assert "unique" in _broken(lambda r: r["items"][1].update(id="1"))
    assert "key" in _broken(lambda r: r.update(key="PHQ 9!"))
    assert "licence" in _broken(lambda r: r.pop("licence"))
    assert "unique" in _broken(lambda r: r["option_sets"]["frequency"][1].update(value=0))


def test_a_bam_subscale_naming_an_unscored_item_is_refused() -> None:
    raw = _raw("bam7")
    raw["subscales"][0]["items"].append("17")
    with pytest.raises(InvalidDefinition, match="not scored items"):
        parse(raw)
    raw = _raw("bam7")
    raw["bands"] = [{"min": 0, "max": 60, "key": "x", "label": "X"}]
    with pytest.raises(InvalidDefinition, match="bands without a total"):
        parse(raw)
