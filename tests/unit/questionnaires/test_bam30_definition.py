"""The 30-day BAM: its typed day counts scored by bands, its subscales as the weekly form's, and a loader
that refuses a count whose bands leave a gap, overlap or stop short, saying what to fix."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from bot.domain.questionnaires import definitions
from bot.domain.questionnaires.definitions import InvalidDefinition, parse
from bot.domain.questionnaires.scoring import InvalidAnswers, score

DAY_ITEMS = ("2", "3", "4", "5", "6", "10", "11", "13", "16")


def _q(key: str) -> definitions.Questionnaire:
    q = definitions.get(key)
    assert q is not None
    return q


def _raw() -> dict[str, Any]:
    raw: dict[str, Any] = yaml.safe_load((definitions.HERE / "bam30.yaml").read_text())
    return raw


def _bands(raw: dict[str, Any]) -> list[dict[str, Any]]:
    bands: list[dict[str, Any]] = raw["counts"]["days"]["bands"]
    return bands


def _days(raw: dict[str, Any]) -> dict[str, Any]:
    days: dict[str, Any] = raw["counts"]["days"]
    return days


def _refused(change: Any) -> str:
    raw = copy.deepcopy(_raw())
    change(raw)
    with pytest.raises(InvalidDefinition) as exc:
        parse(raw, "bam30.yaml")
    return str(exc.value)


def test_the_30_day_form_has_the_weekly_form_s_items_asked_about_30_days() -> None:
    bam7, bam30 = _q("bam7"), _q("bam30")
    assert [i.id for i in bam30.items] == [i.id for i in bam7.items]
    assert bam30.preamble == "These questions are about the past 30 days." and bam30.recall_days == 30
    assert bam7.recall_days == 7
    for week, month in zip(bam7.items, bam30.items, strict=True):
        assert month.text == week.text.replace("7 days", "30 days"), month.id
    assert bam30.citation == bam7.citation and bam30.licence == bam7.licence
    assert not bam30.has_total and bam30.bands == ()


def test_its_day_counts_are_typed_counts_to_30_and_its_ratings_buttons() -> None:
    q = _q("bam30")
    counts = [i.id for i in q.items if i.count is not None]
    assert counts == list(DAY_ITEMS)
    for item in q.items:
        if item.count is not None:
            assert item.options == () and item.count.max == 30 and item.count.quick == (0, 30)
        else:
            assert 2 <= len(item.options) <= definitions.MAX_OPTIONS


@pytest.mark.parametrize(
    ("days", "band"),
    [(0, 0), (1, 1), (3, 1), (4, 2), (8, 2), (9, 3), (15, 3), (16, 4), (30, 4)],
)
def test_days_score_by_band_at_every_edge(days: int, band: int) -> None:
    item = _q("bam30").item("4")
    assert item is not None and item.score_of(days) == band


def test_a_day_count_outside_0_to_30_is_no_answer() -> None:
    q = _q("bam30")
    item = q.item("4")
    assert item is not None and item.score_of(31) is None and item.score_of(-1) is None
    with pytest.raises(InvalidAnswers):
        score(q, {"4": 31})


def test_subscales_are_the_weekly_form_s_with_counts_scored_by_their_band() -> None:
    q = _q("bam30")
    assert {s.key: (s.items, s.higher_is_worse) for s in q.subscales} == {
        s.key: (s.items, s.higher_is_worse) for s in _q("bam7").subscales
    }
    answers = {i.id: 0 for i in q.items}
    answers |= {"1": 3, "2": 30, "3": 9, "8": 2, "11": 2, "15": 1}  # risk: 3 + 4 + 3 + 2 + 1 + 1
    answers |= {"4": 2, "5": 0, "6": 5}  # use: 1 + 0 + 2
    answers |= {"9": 4, "10": 12, "12": 1, "13": 20, "14": 1, "16": 4}  # protective: 4 + 3 + 1 + 4 + 4 + 2
    answers |= {"17": 4}  # unscored
    scores = score(q, answers)
    assert scores.total is None and scores.plain() == {"use": 3, "risk": 14, "protective": 18}
    assert [s.flagged for s in scores.subscales] == [True, True, False]
    assert q.total_range() == (0, 60)  # 15 scored items, each 0-4


def test_bands_with_a_gap_an_overlap_or_a_short_end_are_refused_naming_what_to_fix() -> None:
    gap = _refused(lambda r: _bands(r).pop(2))  # 4-8 gone
    assert "count 'days'" in gap and "the band 9-15 should start at 4" in gap and "no gaps or overlaps" in gap
    overlap = _refused(lambda r: _bands(r)[2].update(min=3))
    assert "the band 3-8 should start at 4" in overlap
    short = _refused(lambda r: _bands(r)[-1].update(max=29))
    assert "the bands end at 29, the count goes to 30" in short
    late = _refused(lambda r: _bands(r).pop(0))
    assert "the band 1-3 should start at 0" in late
    assert "'score' must be a whole number" in _refused(lambda r: _bands(r)[1].update(score="one"))
    assert "'bands' must list" in _refused(lambda r: _days(r).update(bands=[]))


def test_a_bad_count_or_item_is_refused_naming_what_to_fix() -> None:
    assert "'max' must be a whole number 1-99" in _refused(lambda r: _days(r).update(max=0))
    assert "'quick' must list 1 to 8 different numbers from 0 to 30" in _refused(lambda r: _days(r).update(quick=[31]))
    assert "'quick'" in _refused(lambda r: _days(r).update(quick=[0, 0]))
    assert "'quick'" in _refused(lambda r: _days(r).update(quick=list(range(9))))
    assert "count 'weeks' is not one of ['days']" in _refused(lambda r: r["items"][1].update(count="weeks"))
    both = _refused(lambda r: r["items"][1].update(options="extent"))
    assert "give either 'options'" in both and "or 'count'" in both
    assert "give either" in _refused(lambda r: r["items"][1].pop("count"))
    assert "'recall_days' must be a whole number" in _refused(lambda r: r.update(recall_days="a month"))


def test_a_count_defaults_to_a_single_quick_zero() -> None:
    raw = _raw()
    del raw["counts"]["days"]["quick"]
    item = parse(raw).item("4")
    assert item is not None and item.count is not None and item.count.quick == (0,)
