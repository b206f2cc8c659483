"""Validating FHIR Bundles by their entries' shapes (bot.domain.questionnaires.fhir_check): a year of a
client is vouched for with a few full validations, and whatever full validation refuses (a bad leaf
deep in the Bundle, an unknown key, a missing element, a status off its binding) is refused in the
same words; valid exports are the same bytes with either validation."""

from __future__ import annotations

import argparse
import asyncio
import copy
import datetime as dt
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.observation import Observation
from pydantic import field_validator

from bot.core import crypto
from bot.db import migrate
from bot.db.models import Checkin, Person
from bot.db.questionnaire_models import QuestionnaireResponse
from bot.db.session import Database
from bot.domain.questionnaires import fhir, fhir_check
from bot.domain.questionnaires.definitions import get
from bot.domain.questionnaires.fhir_check import Shapes
from bot.domain.questionnaires.scoring import score
from bot.entry import fhir_cli
from tests.conftest import TEST_KEY, make_settings

Json = dict[str, Any]
FIRST = dt.date(2025, 12, 1)


async def _seed_year(db: Database, code: str, telegram_id: int, days: int = 365) -> int:
    """A client with a check-in every day, a BAM every week, a PHQ-9 and a GAD-7 every two weeks."""
    rng = random.Random(telegram_id)
    bam, phq, gad = get("bam7"), get("phq9"), get("gad7")
    assert bam and phq and gad
    async with db.session() as s, s.begin():
        person = Person(telegram_id=telegram_id, role="client", code=code, timezone="America/New_York")
        s.add(person)
        await s.flush()
        for n in range(days):
            day = FIRST + dt.timedelta(days=n)
            at = dt.datetime.combine(day, dt.time(23, rng.randrange(60)), dt.UTC)
            s.add(Checkin(person_id=person.id, local_date=day, craving=rng.randint(0, 10), mood=rng.randint(1, 5),
                          used="no", sleep=2, safety_yes=False, created_at=at))  # fmt: skip
            for q in ([bam] if n % 7 == 0 else []) + ([phq, gad] if n % 14 == 0 else []):
                answers = {i.id: rng.choice(i.options).value for i in q.items}
                scores = score(q, answers)
                s.add(QuestionnaireResponse(person_id=person.id, questionnaire=q.key, version=q.version,
                                            answers=json.dumps(answers, sort_keys=True), total=scores.total,
                                            band=None if scores.band is None else scores.band.key,
                                            subscales=json.dumps(scores.plain()) if scores.subscales else None,
                                            crisis_acted=False, submitted_at=at))  # fmt: skip
        return person.id


async def _built_year(folder: Path) -> Json:
    crypto.configure(TEST_KEY)
    db = Database(f"sqlite+aiosqlite:///{folder / 'year.sqlite3'}")
    try:
        await migrate.upgrade(db.engine)
        person_id = await _seed_year(db, "C-50", 50)
        async with db.session() as s:
            return await fhir.build(s, person_id, "C-50", validate=False)
    finally:
        await db.dispose()


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Json:
    """A client's year as `fhir.build` makes it (shared parts shared), not validated; tests change copies."""
    return asyncio.run(_built_year(tmp_path_factory.mktemp("fhir-year")))


def _observation(bundle: Json, nth: int = 500) -> int:
    """The entry index of the `nth` Observation."""
    return [n for n, e in enumerate(bundle["entry"]) if e["resource"]["resourceType"] == "Observation"][nth - 1]


def test_a_year_is_vouched_for_by_a_few_shapes_and_full_validation_agrees(year: Json) -> None:
    shapes = Shapes(fhir.status_bound)
    assert len(year["entry"]) > 1_000
    assert shapes.valid(year)
    assert shapes.in_full <= 12  # Patient, a Questionnaire and a response per instrument, the Observations
    in_full = shapes.in_full
    assert shapes.valid(copy.deepcopy(year)) and shapes.in_full == in_full  # the next client: nothing new
    fhir.check(year, "C-50", full=True)  # the models accept it whole
    fhir.check(year, "C-50")


def _set(**values: object) -> Callable[[Json, int], None]:
    def change(bundle: Json, n: int) -> None:
        bundle["entry"][n]["resource"] |= values

    return change


def _drop(key: str) -> Callable[[Json, int], None]:
    def change(bundle: Json, n: int) -> None:
        del bundle["entry"][n]["resource"][key]

    return change


def _category_code(bundle: Json, n: int) -> None:
    """The shared survey category, copied for this Observation only, with a code no FHIR code can be."""
    category = copy.deepcopy(bundle["entry"][n]["resource"]["category"])
    category[0]["coding"][0]["code"] = "sur  vey"
    bundle["entry"][n]["resource"]["category"] = category


def _entry(**values: object) -> Callable[[Json, int], None]:
    def change(bundle: Json, n: int) -> None:
        bundle["entry"][n] |= values

    return change


def _null_entry(bundle: Json, n: int) -> None:
    bundle["entry"][n] = None


def _decimals(bundle: Json, value: object) -> Json:
    """A copy with every Observation's value a decimal (valueQuantity.value), the 500th's `value`."""
    out = copy.deepcopy(bundle)
    for e in out["entry"]:
        r = e["resource"]
        if r["resourceType"] == "Observation":
            r["valueQuantity"] = {"value": r.pop("valueInteger") + 0.5}
    out["entry"][_observation(out)]["resource"]["valueQuantity"] = {"value": value}
    return out


CASES: list[tuple[str, Callable[[Json, int], None], bool, str]] = [
    # (what, the change, a shape of its own (else a leaf's validator refuses it), where the error is)
    ("dateTime 2026-13-45", _set(effectiveDateTime="2026-13-45"), False, "entry.{n}.resource.effectiveDateTime"),
    ("dateTime with a time, no zone", _set(effectiveDateTime="2026-03-01T10:00:00"), False, "entry.{n}.resource"),
    ("integer beyond 32 bits", _set(valueInteger=2**31), False, "entry.{n}.resource.valueInteger"),
    ("code with two spaces in the category", _category_code, False, "entry.{n}.resource.category"),
    ("unknown key", _set(colour="red"), True, "entry.{n}.resource.colour"),
    ("integer given as text", _set(valueInteger="abc"), True, "entry.{n}.resource.valueInteger"),
    ("missing required code", _drop("code"), True, "entry.{n}.resource"),
    ("missing status", _drop("status"), True, "entry.{n}.resource"),
    ("status off its binding", _set(status="done"), True, "entry.{n}.resource.status"),
    ("two types of value[x]", _set(valueString="seven"), True, "entry.{n}.resource"),
    ("reference that is a number", _set(subject={"reference": 5}), True, "entry.{n}.resource.subject"),
    ("fullUrl that is a number", _entry(fullUrl=5), True, "entry.{n}.fullUrl"),
    ("entry with an unknown key", _entry(colour="red"), True, "entry.{n}.colour"),
    ("null entry", _null_entry, False, "entry"),  # not a shape at all: straight to full validation
]


@pytest.mark.parametrize(("change", "own_shape", "where"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_bad_500th_observation_is_refused_as_full_validation_refuses_it(
    year: Json, change: Callable[[Json, int], None], own_shape: bool, where: str
) -> None:
    bad, n = copy.deepcopy(year), _observation(year)
    change(bad, n)
    _refused_alike(year, bad, own_shape, where.format(n=n))


@pytest.mark.parametrize(("bad", "own_shape"), [("abc", True), (float("nan"), False)], ids=["abc", "NaN"])
def test_a_decimal_that_is_no_decimal_is_refused_as_full_validation_refuses_it(
    year: Json, bad: object, own_shape: bool
) -> None:
    valid = _decimals(year, 1.5)
    fhir.check(valid, "C-50", full=True)
    _refused_alike(valid, _decimals(year, bad), own_shape, f"entry.{_observation(valid)}.resource.valueQuantity.value")
    as_text = _decimals(year, "1.5")  # a decimal as a JSON string: the models let it pass, and so do the shapes
    fhir.check(as_text, "C-50", full=True)
    fhir.check(as_text, "C-50")


def test_a_bad_instant_in_a_response_and_a_bad_bundle_type_are_refused_alike(year: Json) -> None:
    bad = copy.deepcopy(year)
    n = [n for n, e in enumerate(bad["entry"]) if e["resource"]["resourceType"] == "QuestionnaireResponse"][40]
    bad["entry"][n]["resource"]["authored"] = "2026-02-30T10:00:00Z"
    _refused_alike(year, bad, False, f"entry.{n}.resource.authored")
    bad = copy.deepcopy(year)
    bad["type"] = ""
    _refused_alike(year, bad, False, "type")


@pytest.mark.parametrize(
    ("url", "what"),
    [
        ("http://example.org/fhir/Observation/1", "'http://example.org/fhir/Observation/1' is not a urn:uuid"),
        ("urn:uuid:6B1F3A52-2F0E-4D8A-9A57-3F1E0C9D2A10", "is not a urn:uuid"),  # upper case
        ("urn:uuid:6b1f3a52-2f0e-4d8a-9a57-3f1e0c9d2a1x", "is not a urn:uuid"),
        (None, "an earlier entry's too"),  # the Patient's
    ],
)
def test_a_full_url_not_a_urn_uuid_or_repeated_is_refused_either_way(year: Json, url: str | None, what: str) -> None:
    bad, n = copy.deepcopy(year), _observation(year)
    bad["entry"][n]["fullUrl"] = url or bad["entry"][0]["fullUrl"]
    assert Shapes(fhir.status_bound).valid(bad)  # a uri to the models: the envelope's own rule says no
    for full in (False, True):
        with pytest.raises(fhir.InvalidBundle, match=rf"C-50 .*1 problem\(s\); first at entry\.{n}\.fullUrl: .*{what}"):
            fhir.check(bad, "C-50", full=full)


def _refused_alike(valid: Json, bad: Json, own_shape: bool, where: str) -> None:
    """Shapes that learnt from `valid` are not sure of `bad` (a leaf's validator refuses it, or its shape is
    new and the models refuse it), and `check` refuses it in full validation's words, naming the client
    and the place."""
    shapes = Shapes(fhir.status_bound)
    assert shapes.valid(valid)
    in_full = shapes.in_full
    assert not shapes.valid(bad) and not shapes.valid(bad)  # nothing wrong was learnt the first time
    assert shapes.in_full - in_full == (2 if own_shape else 0)
    assert shapes.valid(valid)
    with pytest.raises(fhir.InvalidBundle) as by_shapes:
        fhir.check(bad, "C-50")
    with pytest.raises(fhir.InvalidBundle) as whole:
        fhir.check(bad, "C-50", full=True)
    assert str(by_shapes.value) == str(whole.value)
    assert str(whole.value).startswith("the FHIR Bundle of C-50 is not valid FHIR R4 (")
    assert f"first at {where}" in str(whole.value)


def test_an_entry_of_a_shape_the_matchers_do_not_follow_is_validated_in_full_each_time(year: Json) -> None:
    shapes = Shapes(fhir.status_bound)
    bundle = copy.deepcopy(year)
    observations = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"][:3]
    for o in observations:
        o["fhir_comments"] = ["kept for the test"]  # `str | list[str]`: a union of types
    assert shapes.valid(bundle)
    in_full = shapes.in_full
    assert shapes.valid(bundle)
    assert shapes.in_full - in_full == len(observations)  # those three every time, the others' shapes once


def test_a_model_with_validators_beyond_the_structural_ones_is_not_followed() -> None:
    """Such a validator might look at values, which the matchers do not show it: validated in full instead."""

    class Checked(Observation):
        @field_validator("status")
        @classmethod
        def _final_only(cls, value: str) -> str:
            return value

    assert "status" in fhir_check._fields(Observation)
    with pytest.raises(fhir_check._Unsupported):
        fhir_check._fields(Checked)


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    fhir_cli.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["fhir", "export", *argv])


async def test_valid_exports_are_the_same_bytes_by_shapes_in_full_or_unvalidated(db: Database, tmp_path: Path) -> None:
    await _seed_year(db, "C-1", 1, days=60)
    await _seed_year(db, "C-2", 2, days=60)
    outs = {what: tmp_path / f"{what}.ndjson" for what in ("shapes", "full", "none")}
    settings = make_settings(tmp_path)
    assert await fhir_cli.run(_args("--out", str(outs["shapes"])), settings, db) == 0
    assert await fhir_cli.run(_args("--out", str(outs["full"]), "--full-validation"), settings, db) == 0
    await fhir_cli.export_all(db, outs["none"], validate=False)
    shapes, full, none = (outs[w].read_bytes() for w in ("shapes", "full", "none"))
    assert shapes == full == none and len(shapes.splitlines()) == 2
    one = tmp_path / "one.json"
    assert await fhir_cli.run(_args("C-2", "--out", str(one), "--full-validation"), settings, db) == 0
    assert json.loads(one.read_text()) == json.loads(shapes.splitlines()[1])
