"""The FHIR R4 export: a Bundle of the client's QuestionnaireResponses and score Observations, and its CLI."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sqlalchemy import select

from bot.db.models import AuditEntry, Person
from bot.db.session import Database
from bot.domain.questionnaires import fhir, store
from bot.domain.questionnaires.definitions import get
from bot.entry import fhir_cli

LOINC = "http://loinc.org"


async def _client_with_three(db: Database) -> None:
    async with db.session() as s, s.begin():
        p = Person(telegram_id=50, role="client", code="C-50", timezone="America/New_York")
        s.add(p)
        await s.flush()
        phq, gad, bam = get("phq9"), get("gad7"), get("bam7")
        assert phq and gad and bam
        await store.save(s, p.id, phq, {str(i): 2 for i in range(1, 10)}, crisis_acted=True)
        await store.save(s, p.id, gad, {str(i): 1 for i in range(1, 8)})
        await store.save(s, p.id, bam, {i.id: 1 for i in bam.items})


def _check_structure(bundle: dict) -> dict[str, list[dict]]:  # type: ignore[type-arg]
    """Every entry has a unique fullUrl and a resourceType; every reference points inside the Bundle."""
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(set(urls)) == len(urls) and all(u.startswith("urn:uuid:") for u in urls)
    refs = []
    by_type: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    for e in bundle["entry"]:
        r = e["resource"]
        by_type.setdefault(r["resourceType"], []).append(e)
        refs += [r["subject"]["reference"]] if "subject" in r else []
        refs += [d["reference"] for d in r.get("derivedFrom", [])]
    assert set(refs) <= set(urls)
    return by_type


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
    assert bam_answers["1"]["valueCoding"]["display"] == "Very good"
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
        assert (await s.scalar(select(AuditEntry.action).where(AuditEntry.action == "fhir.exported"))) is not None


async def test_the_cli_writes_the_bundle_and_refuses_an_unknown_code(db: Database, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    await _client_with_three(db)
    out = tmp_path / "bundle.json"
    assert await fhir_cli.run(argparse.Namespace(code="C-50", out=out), db) == 0
    assert json.loads(out.read_text())["resourceType"] == "Bundle"
    assert await fhir_cli.run(argparse.Namespace(code="C-404", out=None), db) == 1
    assert "no client with the code" in capsys.readouterr().err
