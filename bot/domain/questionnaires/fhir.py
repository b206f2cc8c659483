"""A client's questionnaires as a FHIR R4 Bundle (type collection), for the clinic's record.

Patient: the client code only. QuestionnaireResponse per submission, each answer as the instrument
codes it (PHQ-9 and GAD-7 answers by their LOINC answer codes; BAM day counts as integers, its
ratings in a local CodeSystem). Observation per score, category `survey`, `derivedFrom` its
QuestionnaireResponse: PHQ-9 total (LOINC 44261-6), GAD-7 total (70274-6), BAM subscales (local
codes: the BAM has no LOINC code). Built as plain JSON here; entries reference each other by
`urn:uuid:` full URLs, so the Bundle stands on its own.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Person, Role
from bot.db.questionnaire_models import QuestionnaireResponse
from bot.domain.questionnaires.definitions import Item, Questionnaire, get
from bot.domain.questionnaires.store import answers_of
from bot.domain.records import audit

NAMESPACE = uuid.UUID("6b1f3a52-2f0e-4d8a-9a57-3f1e0c9d2a10")  # fixed: the same row gets the same id
LOCAL = "urn:iop-companion"
SURVEY = {"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey", "display": "Survey"}
Json = dict[str, Any]


def _url(kind: str, key: object) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}/{key}')}"


def _answer(q: Questionnaire, item: Item, value: int) -> Json:
    option = item.option(value)
    if option is not None and option.code:
        return {"valueCoding": {"system": q.codes.get("system", ""), "code": option.code, "display": option.label}}
    if option is None or option.label == str(value):  # a day count
        return {"valueInteger": value}
    return {"valueCoding": {"system": f"{LOCAL}:{q.key}", "code": f"{item.id}-{value}", "display": option.label}}


def _response(q: Questionnaire, row: QuestionnaireResponse, answers: dict[str, int], patient: str) -> Json:
    items = []
    for item in q.items:
        if item.id in answers:
            linked = {"linkId": item.id, "text": item.text, "answer": [_answer(q, item, answers[item.id])]}
            items.append(linked)
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "questionnaire": f"{LOCAL}:questionnaire:{q.key}|{q.version}",
        "subject": {"reference": patient},
        "authored": row.submitted_at.isoformat(),
        "item": items,
    }


def _observation(code: Json, value: int, row: QuestionnaireResponse, patient: str, response: str) -> Json:
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [SURVEY]}],
        "code": {"coding": [code]},
        "subject": {"reference": patient},
        "effectiveDateTime": row.submitted_at.isoformat(),
        "valueInteger": value,
        "derivedFrom": [{"reference": response}],
    }


def _observations(q: Questionnaire, row: QuestionnaireResponse, patient: str, response: str) -> list[Json]:
    out = []
    if row.total is not None and "total" in q.codes:
        code = {"system": q.codes["system"], "code": q.codes["total"], "display": f"{q.title} total score"}
        out.append(_observation(code, row.total, row, patient, response))
    if row.subscales:
        subscales = json.loads(row.subscales)
        for s in q.subscales:
            value = subscales.get(s.key)
            if value is not None:
                code = {"system": f"{LOCAL}:{q.key}", "code": f"{q.key}-{s.key}", "display": f"BAM {s.label} subscale"}
                out.append(_observation(code, int(value), row, patient, response))
    return out


async def bundle(session: AsyncSession, code: str) -> Json | None:
    """The Bundle of one client's questionnaires and scores, or None if no client has this code (audited)."""
    person = await session.scalar(select(Person).where(Person.code == code.strip().upper(), Person.role == Role.CLIENT))
    if person is None:
        return None
    patient = _url("Patient", person.id)
    entries: list[Json] = [
        {
            "fullUrl": patient,
            "resource": {
                "resourceType": "Patient",
                "identifier": [{"system": f"{LOCAL}:client-code", "value": person.code}],
            },
        }
    ]
    rows = await session.scalars(
        select(QuestionnaireResponse)
        .where(QuestionnaireResponse.person_id == person.id)
        .order_by(QuestionnaireResponse.submitted_at, QuestionnaireResponse.id)
    )
    for row in list(rows):
        q = get(row.questionnaire)
        if q is None:
            continue
        response = _url("QuestionnaireResponse", row.id)
        qr = _response(q, row, await answers_of(session, row.id), patient)
        entries.append({"fullUrl": response, "resource": qr})
        for n, obs in enumerate(_observations(q, row, patient, response)):
            entries.append({"fullUrl": _url("Observation", f"{row.id}/{n}"), "resource": obs})
    audit.record(session, "fhir.exported", client_person_id=person.id, resources=len(entries))
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}
