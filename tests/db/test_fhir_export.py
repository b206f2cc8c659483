"""The FHIR R4 export: a client's Bundle (Questionnaires, QuestionnaireResponses, score and check-in
Observations) validated by fhir.resources, its date window, every client as NDJSON, and its CLI."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from sqlalchemy import select, update

from bot.db.models import AuditEntry, Checkin, Person
from bot.db.questionnaire_models import QuestionnaireResponse
from bot.db.session import Database
from bot.domain.checkins import fhir as checkin_fhir
from bot.domain.questionnaires import fhir, store
from bot.domain.questionnaires.definitions import get
from bot.domain.records import audit
from bot.entry import cli, fhir_cli
from tests.conftest import TEST_KEY, make_settings

LOINC = "http://loinc.org"
Json = dict[str, Any]


async def _client_with_three(db: Database, code: str = "C-50", telegram_id: int = 50) -> int:
    async with db.session() as s, s.begin():
        p = Person(telegram_id=telegram_id, role="client", code=code, timezone="America/New_York")
        s.add(p)
        await s.flush()
        phq, gad, bam = get("phq9"), get("gad7"), get("bam7")
        assert phq and gad and bam
        await store.save(s, p.id, phq, {str(i): 2 for i in range(1, 10)}, crisis_acted=True)
        await store.save(s, p.id, gad, {str(i): 1 for i in range(1, 8)})
        await store.save(s, p.id, bam, {i.id: 1 for i in bam.items})
        return p.id


async def _check_ins(db: Database, person_id: int, days: dict[dt.date, tuple[int, int]]) -> None:
    async with db.session() as s, s.begin():
        for day, (craving, mood) in days.items():
            s.add(Checkin(person_id=person_id, local_date=day, craving=craving, mood=mood, used="no", sleep=2,
                          safety_yes=False))  # fmt: skip


def _args(*argv: str) -> argparse.Namespace:
    """The command line as `python -m bot fhir export ...` parses it."""
    parser = argparse.ArgumentParser()
    fhir_cli.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["fhir", "export", *argv])


def _check_structure(bundle: Json) -> dict[str, list[Json]]:
    """Every entry has a unique fullUrl and a resourceType; every reference points inside the Bundle."""
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(set(urls)) == len(urls) and all(u.startswith("urn:uuid:") for u in urls)
    refs = []
    by_type: dict[str, list[Json]] = {}
    for e in bundle["entry"]:
        r = e["resource"]
        by_type.setdefault(r["resourceType"], []).append(e)
        refs += [r["subject"]["reference"]] if "subject" in r else []
        refs += [d["reference"] for d in r.get("derivedFrom", [])]
    assert set(refs) <= set(urls)
    return by_type


def _round_trips(bundle: Json) -> None:
    """fhir.resources reads the Bundle and writes back the same JSON: nothing dropped, renamed or reformatted."""
    plain = json.loads(json.dumps(bundle))
    model = Bundle.model_validate(plain)
    assert model.model_dump(mode="json") == plain
    assert json.loads(model.model_dump_json()) == plain


async def test_the_bundle_holds_responses_and_scores_with_loinc_codes(db: Database) -> None:
    await _client_with_three(db)
    async with db.session() as s, s.begin():
        bundle = await fhir.bundle(s, "c-50")
    assert bundle is not None
    by_type = _check_structure(json.loads(json.dumps(bundle)))  # plain JSON all the way
    [patient] = by_type["Patient"]
    assert patient["resource"]["identifier"][0]["value"] == "C-50" and "name" not in patient["resource"]
    phq, gad, bam = by_type["QuestionnaireResponse"]
    assert phq["resource"]["status"] == "completed" and len(phq["resource"]["item"]) == 9
    item9 = phq["resource"]["item"][8]
    assert item9["answer"] == [
        {"valueCoding": {"system": LOINC, "code": "LA6570-1", "display": "More than half the days"}}
    ]
    bam_answers = {i["linkId"]: i["answer"][0] for i in bam["resource"]["item"]}
    assert bam_answers["4"] == {"valueInteger": 1}  # a day count
    assert bam_answers["1"]["valueCoding"] == {
        "system": "urn:iop-companion:bam7",
        "code": "1-1",
        "display": "Very good",
    }
    totals = {
        o["resource"]["code"]["coding"][0]["code"]: (o["resource"]["valueInteger"], o["resource"]["derivedFrom"])
        for o in by_type["Observation"]
    }
    assert totals["44261-6"] == (18, [{"reference": phq["fullUrl"]}])
    assert totals["70274-6"] == (7, [{"reference": gad["fullUrl"]}])
    assert {k: v[0] for k, v in totals.items() if k.startswith("bam7-")} == {
        "bam7-use": 3,
        "bam7-risk": 6,
        "bam7-protective": 9,
    }
    for o in by_type["Observation"]:
        assert o["resource"]["category"][0]["coding"][0]["code"] == "survey" and o["resource"]["status"] == "final"
    async with db.session() as s:
        [row] = await audit.rows(s, "fhir.exported")
    assert row.detail == {"resources": len(bundle["entry"])}


async def test_the_bundle_validates_and_round_trips_through_fhir_resources(db: Database) -> None:
    person_id = await _client_with_three(db)
    await _check_ins(db, person_id, {dt.date(2026, 3, 1): (7, 2), dt.date(2026, 3, 2): (0, 5)})
    async with db.session() as s, s.begin():
        bundle = await fhir.bundle(s, "C-50")
    assert bundle is not None
    _round_trips(bundle)
    assert json.loads(json.dumps(bundle)) == bundle  # only JSON types: what is validated is what is written


async def test_a_questionnaire_per_instrument_answered_and_each_response_points_at_its_own(db: Database) -> None:
    await _client_with_three(db)
    async with db.session() as s, s.begin():
        bundle = await fhir.bundle(s, "C-50")
    assert bundle is not None
    by_type = _check_structure(bundle)
    questionnaires = {e["resource"]["name"]: e["resource"] for e in by_type["Questionnaire"]}
    assert set(questionnaires) == {"PHQ9", "GAD7", "BAM7"}
    phq, gad, bam = questionnaires["PHQ9"], questionnaires["GAD7"], questionnaires["BAM7"]
    assert (phq["url"], phq["version"], phq["status"]) == ("urn:iop-companion:questionnaire:phq9", "1", "active")
    assert phq["code"][0]["system"] == LOINC and phq["code"][0]["code"] == "44249-1"
    assert gad["code"][0]["code"] == "69737-5"
    assert bam["code"][0] == {"system": "urn:iop-companion:bam", "code": "bam7", "display": bam["title"]}
    assert [i["linkId"] for i in phq["item"]] == [str(n) for n in range(1, 10)]
    assert phq["item"][8]["code"] == [{"system": LOINC, "code": "44260-8"}]
    assert (
        phq["item"][0]["type"] == "choice" and phq["item"][0]["text"] == "Little interest or pleasure in doing things"
    )
    assert [o["valueCoding"]["code"] for o in phq["item"][0]["answerOption"]] == [
        "LA6568-5",
        "LA6569-3",
        "LA6570-1",
        "LA6571-9",
    ]
    bam_items = {i["linkId"]: i for i in bam["item"]}
    assert bam_items["4"]["type"] == "integer" and "answerOption" not in bam_items["4"]  # a day count
    assert bam_items["1"]["answerOption"][1] == {
        "valueCoding": {"system": "urn:iop-companion:bam7", "code": "1-1", "display": "Very good"}
    }
    canonicals = {f"{q['url']}|{q['version']}" for q in questionnaires.values()}
    answered = [e["resource"]["questionnaire"] for e in by_type["QuestionnaireResponse"]]
    assert sorted(answered) == sorted(canonicals)
    for response in by_type["QuestionnaireResponse"]:  # every answer is one the Questionnaire offers
        q = next(q for q in questionnaires.values() if response["resource"]["questionnaire"].startswith(q["url"] + "|"))
        items = {i["linkId"]: i for i in q["item"]}
        for answered_item in response["resource"]["item"]:
            offered = items[answered_item["linkId"]]
            [answer] = answered_item["answer"]
            if offered["type"] == "choice":
                assert answer in offered["answerOption"]
            else:
                assert list(answer) == ["valueInteger"]


async def test_each_check_in_is_a_craving_and_a_mood_observation_on_its_local_date(db: Database) -> None:
    async with db.session() as s, s.begin():
        p = Person(telegram_id=51, role="client", code="C-51", timezone="America/New_York")
        s.add(p)
    await _check_ins(db, p.id, {dt.date(2026, 3, 2): (0, 5), dt.date(2026, 3, 1): (10, 1)})
    async with db.session() as s, s.begin():
        bundle = await fhir.bundle(s, "C-51")
    assert bundle is not None
    by_type = _check_structure(bundle)
    assert "QuestionnaireResponse" not in by_type and "Questionnaire" not in by_type  # nothing answered: none
    [patient] = by_type["Patient"]
    seen = []
    for e in by_type["Observation"]:
        o = e["resource"]
        assert o["status"] == "final" and o["category"][0]["coding"][0]["code"] == "survey"
        assert o["subject"] == {"reference": patient["fullUrl"]} and "derivedFrom" not in o
        [coding] = o["code"]["coding"]
        assert coding["system"] == "urn:iop-companion:checkin" and coding["display"]
        seen.append((o["effectiveDateTime"], coding["code"], o["valueInteger"]))
    assert seen == [
        ("2026-03-01", "craving", 10),
        ("2026-03-01", "mood", 1),
        ("2026-03-02", "craving", 0),
        ("2026-03-02", "mood", 5),
    ]
    _round_trips(bundle)
    again = await _export_again(db, "C-51")
    assert [e["fullUrl"] for e in again["entry"]] == [e["fullUrl"] for e in bundle["entry"]]  # stable ids


async def _export_again(db: Database, code: str) -> Json:
    async with db.session() as s, s.begin():
        bundle = await fhir.bundle(s, code)
    assert bundle is not None
    return bundle


async def test_from_and_to_keep_responses_scores_and_check_ins_of_those_days(db: Database) -> None:
    person_id = await _client_with_three(db)
    async with db.session() as s, s.begin():
        ids = list(await s.scalars(select(QuestionnaireResponse.id).order_by(QuestionnaireResponse.id)))
        times = [  # PHQ-9 the day before, GAD-7 on the last minute of --to (UTC), BAM the minute after
            dt.datetime(2026, 2, 28, 23, 59, tzinfo=dt.UTC),
            dt.datetime(2026, 3, 31, 23, 59, tzinfo=dt.UTC),
            dt.datetime(2026, 4, 1, 0, 1, tzinfo=dt.UTC),
        ]
        for row_id, at in zip(ids, times, strict=True):
            await s.execute(
                update(QuestionnaireResponse).where(QuestionnaireResponse.id == row_id).values(submitted_at=at)
            )
    days = {dt.date(2026, 2, 28): (1, 1), dt.date(2026, 3, 1): (2, 2), dt.date(2026, 3, 31): (3, 3)}
    await _check_ins(db, person_id, days | {dt.date(2026, 4, 1): (4, 4)})
    start, end = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    async with db.session() as s, s.begin():
        bundle = await fhir.bundle(s, "C-50", start=start, end=end)
    assert bundle is not None
    by_type = _check_structure(bundle)
    [response] = by_type["QuestionnaireResponse"]
    assert response["resource"]["questionnaire"] == "urn:iop-companion:questionnaire:gad7|1"
    assert response["resource"]["authored"] == "2026-03-31T23:59:00Z"
    assert [q["resource"]["name"] for q in by_type["Questionnaire"]] == ["GAD7"]
    observations = [e["resource"] for e in by_type["Observation"]]
    assert [o["effectiveDateTime"] for o in observations if "derivedFrom" in o] == ["2026-03-31T23:59:00Z"]
    dates = sorted({o["effectiveDateTime"] for o in observations if "derivedFrom" not in o})
    assert dates == ["2026-03-01", "2026-03-31"]
    async with db.session() as s:
        [row] = await audit.rows(s, "fhir.exported")
    assert row.detail == {"resources": len(bundle["entry"]), "window": "2026-03-01..2026-03-31"}
    async with db.session() as s, s.begin():  # an open end
        later = await fhir.bundle(s, "C-50", start=dt.date(2026, 4, 1))
    assert later is not None
    assert [e["resource"]["resourceType"] for e in later["entry"]].count("QuestionnaireResponse") == 1


async def test_every_client_is_one_valid_bundle_per_line_and_audited(db: Database, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    first = await _client_with_three(db)
    second = await _client_with_three(db, "C-7", 7)
    await _check_ins(db, second, {dt.date(2026, 3, 1): (5, 3)})
    async with db.session() as s, s.begin():
        s.add(Person(telegram_id=90, role="therapist", code="T-90", timezone="America/New_York"))
    out = tmp_path / "all.ndjson"
    assert await fhir_cli.run(_args("--out", str(out)), make_settings(tmp_path), db) == 0
    lines = out.read_bytes().splitlines()
    assert len(lines) == 2 and not (tmp_path / "all.ndjson.part").exists()
    bundles = [Bundle.model_validate_json(line) for line in lines]  # each line a whole, valid Bundle
    codes = [b.model_dump(mode="json")["entry"][0]["resource"]["identifier"][0]["value"] for b in bundles]
    assert codes == ["C-50", "C-7"]  # by code; not the therapist
    assert json.loads(lines[0]) == json.loads(json.dumps(await _unaudited(db, first, "C-50")))
    async with db.session() as s:
        rows = await audit.rows(s, "fhir.exported")
    assert sorted(r.client_person_id for r in rows if r.client_person_id) == sorted([first, second])
    assert {r.client_person_id: r.detail["resources"] for r in rows} == {
        first: len(json.loads(lines[0])["entry"]),
        second: len(json.loads(lines[1])["entry"]),
    }
    assert "2 clients" in capsys.readouterr().out


async def _unaudited(db: Database, person_id: int, code: str) -> Json:
    async with db.session() as s:
        return await fhir.build(s, person_id, code)


async def test_the_cli_writes_the_bundle_and_refuses_an_unknown_code(db: Database, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    await _client_with_three(db)
    out = tmp_path / "bundle.json"
    assert await fhir_cli.run(_args("C-50", "--out", str(out)), make_settings(tmp_path), db) == 0
    assert Bundle.model_validate_json(out.read_text()).model_dump(mode="json")["resourceType"] == "Bundle"
    assert out.read_text().startswith('{\n  "resourceType"')  # one client: indented, as before
    assert capsys.readouterr().out.startswith("12 resources written to ")
    assert await fhir_cli.run(_args("--client", "c-50", "--from", "2026-01-01"), make_settings(tmp_path), db) == 0
    assert json.loads(capsys.readouterr().out)["resourceType"] == "Bundle"
    assert await fhir_cli.run(_args("C-404"), make_settings(tmp_path), db) == 1
    assert "no client with the code 'C-404'" in capsys.readouterr().err


async def test_a_bundle_fhir_does_not_accept_is_an_error_naming_the_client_and_nothing_is_written(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    person_id = await _client_with_three(db)
    await _check_ins(db, person_id, {dt.date(2026, 3, 1): (5, 3)})
    built = checkin_fhir.observation

    def status(value: str | None) -> None:
        monkeypatch.setattr(checkin_fhir, "observation", lambda *a: built(*a) | {"status": value})

    status("done")  # fhir.resources lets any code through; the required binding of status is checked beside it
    with pytest.raises(fhir.InvalidBundle, match=r"C-50 .*entry\.\d+\.resource\.status: 'done' is not an? Obs"):
        await _unaudited(db, person_id, "C-50")
    status(None)  # and fhir.resources refuses a resource without one
    with pytest.raises(fhir.InvalidBundle, match=r"C-50 .*resource\.status: Value for the field 'status' is required"):
        await _unaudited(db, person_id, "C-50")
    folder = tmp_path / "out"
    folder.mkdir()
    out, every = folder / "one.json", folder / "all.ndjson"
    assert await fhir_cli.run(_args("C-50", "--out", str(out)), make_settings(tmp_path), db) == 1
    assert await fhir_cli.run(_args("--out", str(every)), make_settings(tmp_path), db) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all(line.startswith("error: the FHIR Bundle of C-50 is not valid") for line in err)
    assert not out.exists() and not every.exists() and not (folder / "all.ndjson.part").exists()
    async with db.session() as s:
        assert await s.scalar(select(AuditEntry.id).where(AuditEntry.action == "fhir.exported")) is None


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv("ENCRYPTION_KEY", TEST_KEY)
    return tmp_path


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["C-50", "--from", "2026-02-30"], "error: --from '2026-02-30' is not a date; write it as YYYY-MM-DD"),
        (["--to", "31/03/2026", "--out", "x"], "error: --to '31/03/2026' is not a date; write it as YYYY-MM-DD"),
        (
            ["C-50", "--from", "2026-04-01", "--to", "2026-03-31"],
            "error: --from 2026-04-01 is after --to 2026-03-31; the window would be empty",
        ),
        ([], "error: exporting every client needs --out FILE (one Bundle per line, NDJSON)"),
        (["C-50", "--client", "C-51"], "error: two different clients given: C-50 and --client C-51"),
        (["--out", "nowhere/all.ndjson"], "error: --out nowhere/all.ndjson: there is no folder nowhere"),
    ],
)
def test_a_bad_date_or_window_is_one_line_and_exit_2(
    env: Path, capsys: pytest.CaptureFixture[str], argv: list[str], line: str
) -> None:
    assert cli.main(["fhir", "export", *argv]) == 2
    assert capsys.readouterr().err.splitlines() == [line]
    assert not (env / "x").exists()


async def test_the_30_day_bam_exports_its_typed_day_counts_as_integers(db: Database) -> None:
    """bam30's counts (0-30) are typed, not options: integer items with no answerOption, each answer the
    stored number of days, and the Bundle validates and round-trips."""
    bam30 = get("bam30")
    assert bam30 is not None
    counted = [i for i in bam30.items if i.count is not None]
    assert counted
    async with db.session() as s, s.begin():
        p = Person(telegram_id=51, role="client", code="C-51", timezone="America/New_York")
        s.add(p)
        await s.flush()
        answers = {i.id: (17 if i.count is not None else i.options[0].value) for i in bam30.items}
        await store.save(s, p.id, bam30, answers)
    async with db.session() as s, s.begin():
        bundle = await fhir.bundle(s, "C-51")
    assert bundle is not None
    _round_trips(bundle)
    by_type = _check_structure(bundle)
    [q] = [e["resource"] for e in by_type["Questionnaire"]]
    items = {i["linkId"]: i for i in q["item"]}
    for item in counted:
        assert items[item.id]["type"] == "integer" and "answerOption" not in items[item.id]
    [response] = [e["resource"] for e in by_type["QuestionnaireResponse"]]
    given = {i["linkId"]: i["answer"][0] for i in response["item"]}
    assert all(given[item.id] == {"valueInteger": 17} for item in counted)
