"""A client's record as a FHIR R4 Bundle (type collection), for the clinic's EHR.

Patient: the client code only. A Questionnaire per instrument answered (canonical url
`urn:iop-companion:questionnaire:KEY`, its version, the panel code: PHQ-9 LOINC 44249-1, GAD-7
69737-5, the BAM a local code; an item per question, `choice` with its answer codings or `integer`
for a day count). A QuestionnaireResponse per submission pointing at its Questionnaire as
`url|version`, each answer as the instrument codes it (PHQ-9 and GAD-7 by their LOINC answer codes;
BAM day counts as integers, its ratings in the local CodeSystem `urn:iop-companion:bam7`); question
texts live in the Questionnaire only, not repeated in every response. An Observation per score,
category `survey`, `derivedFrom` its response: PHQ-9 total (LOINC 44261-6), GAD-7 total (70274-6),
BAM subscales (local codes). The daily check-in's craving and mood (bot.domain.checkins.fhir).
Entries reference each other by `urn:uuid:` full URLs, so the Bundle stands on its own.

Resources are built as plain dicts by small builders and checked against fhir.resources' R4B models
(and the required bindings of `status`, which they do not check) before anything is written; the
dicts are what is written (the tests show the models give the same JSON). Measured on 730 check-in
Observations (a client's year): dicts 5 ms + validating them 86 ms + writing 1 ms, against 52 ms
through the R4B constructors + 125 ms for `model_dump_json`. Validating each whole Bundle with
`Bundle.model_validate` (`full`) is about 200 ms a client-year, 90% of an export; so by default the
shapes of bot.domain.questionnaires.fhir_check vouch for a Bundle (the first entry of each shape
validated by the models, later ones by their structure and each leaf's FHIR type, about 3 ms a
client-year), and whatever they cannot vouch for goes through `Bundle.model_validate`, whose first
error is the one reported (bench/fhir_bench.py). Either way the full URLs are then checked: each a
`urn:uuid:`, none repeated (the models see only a uri).
"""

from __future__ import annotations

import datetime as dt
import json
import re

from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Person, Role
from bot.db.questionnaire_models import QuestionnaireResponse
from bot.domain.checkins import fhir as checkins
from bot.domain.checkins.fhir import CATEGORY, LOCAL, Json, full_url
from bot.domain.questionnaires.definitions import Item, Option, Questionnaire, get
from bot.domain.questionnaires.fhir_check import Shapes
from bot.domain.records import audit


class InvalidBundle(ValueError):
    """A Bundle that fhir.resources refuses: an error naming the client, never written."""


def canonical(q: Questionnaire) -> str:
    return f"{LOCAL}:questionnaire:{q.key}"


def instant(at: dt.datetime) -> str:
    """A FHIR instant in UTC, to the second (as fhir.resources writes it back: `Z`, not `+00:00`)."""
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _is_count(item: Item) -> bool:
    """A day count: a typed count (the 30-day BAM's 0-30 days) or options that are each their own number (0-7)."""
    return item.count is not None or all(o.label == str(o.value) for o in item.options)


def _coding(q: Questionnaire, item: Item, option: Option) -> Json:
    """The coding of an answer: the instrument's code where it has one (LOINC LA…), else a local one."""
    if option.code:
        return {"system": q.codes.get("system", ""), "code": option.code, "display": option.label}
    return {"system": f"{LOCAL}:{q.key}", "code": f"{item.id}-{option.value}", "display": option.label}


def _question(q: Questionnaire, item: Item) -> Json:
    out: Json = {"linkId": item.id, "text": item.text, "type": "integer" if _is_count(item) else "choice"}
    if item.code:
        out["code"] = [{"system": q.codes.get("system", ""), "code": item.code}]
    if not _is_count(item):
        out["answerOption"] = [{"valueCoding": _coding(q, item, o)} for o in item.options]
    return out


def questionnaire(q: Questionnaire) -> Json:
    """The Questionnaire resource of one instrument, as its YAML definition says it."""
    out: Json = {
        "resourceType": "Questionnaire",
        "url": canonical(q),
        "version": q.version,
        "name": q.key.upper(),  # computer-friendly, as FHIR asks of `name`; `title` is for people
        "title": q.name,
        "status": "active",
        "subjectType": ["Patient"],
        "description": q.preamble,
        "copyright": q.licence,
    }
    if "panel" in q.codes:
        out["code"] = [{"system": q.codes.get("system", ""), "code": q.codes["panel"], "display": q.name}]
    out["item"] = [_question(q, item) for item in q.items]
    return out


def _answer(q: Questionnaire, item: Item, option: Option) -> Json:
    return {"valueInteger": option.value} if _is_count(item) else {"valueCoding": _coding(q, item, option)}


def answer_table(q: Questionnaire) -> dict[str, dict[int, Json]]:
    """{item id: {stored value: its answer}}: built once per client, shared by the responses (never mutated)."""
    return {item.id: {o.value: _answer(q, item, o) for o in item.options} for item in q.items}


def response_resource(
    q: Questionnaire, table: dict[str, dict[int, Json]], answers: dict[str, int], authored: str, subject: Json
) -> Json:
    items = []
    for item in q.items:
        if item.id in answers:
            value = answers[item.id]
            items.append({"linkId": item.id, "answer": [table[item.id].get(value) or {"valueInteger": value}]})
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "questionnaire": f"{canonical(q)}|{q.version}",
        "subject": subject,
        "authored": authored,
        "item": items,
    }


def _observation(code: Json, value: int, authored: str, subject: Json, response: str) -> Json:
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": CATEGORY,
        "code": {"coding": [code]},
        "subject": subject,
        "effectiveDateTime": authored,
        "valueInteger": value,
        "derivedFrom": [{"reference": response}],
    }


def scores(
    q: Questionnaire, total: int | None, subscales: str | None, authored: str, subject: Json, response: str
) -> list[Json]:
    """The Observations of a response's scores: its total where it has a code, its subscales (stored JSON)."""
    out = []
    if total is not None and "total" in q.codes:
        code = {"system": q.codes["system"], "code": q.codes["total"], "display": f"{q.title} total score"}
        out.append(_observation(code, total, authored, subject, response))
    if subscales:
        values = json.loads(subscales)
        for s in q.subscales:
            value = values.get(s.key)
            if value is not None:
                code = {"system": f"{LOCAL}:{q.key}", "code": f"{q.key}-{s.key}", "display": f"BAM {s.label} subscale"}
                out.append(_observation(code, int(value), authored, subject, response))
    return out


# fhir.resources checks structure, cardinality and types, not code bindings: a status "done" passes it.
# The statuses' bindings are required ones, so they are checked here.
STATUSES = {
    "Observation": {
        "registered",
        "preliminary",
        "final",
        "amended",
        "corrected",
        "cancelled",
        "entered-in-error",
        "unknown",
    },
    "QuestionnaireResponse": {"in-progress", "completed", "amended", "entered-in-error", "stopped"},
    "Questionnaire": {"draft", "active", "retired", "unknown"},
}


def _refused(code: str, problems: int, where: str, what: str) -> InvalidBundle:
    return InvalidBundle(
        f"the FHIR Bundle of {code} is not valid FHIR R4 ({problems} problem(s); first at {where}: {what}); "
        "nothing was written"
    )


def status_bound(resource: Json) -> bool:
    """The resource's status is one its required binding allows (none for a resource without one)."""
    return resource.get("status") in STATUSES.get(resource.get("resourceType", ""), {None})


SHAPES = Shapes(status_bound)  # learnt from the first Bundles of a process, used for the rest


def check(built: Json, code: str, *, full: bool = False) -> None:
    """Refuse a Bundle fhir.resources (R4B) does not accept, naming the client and the first problem's place.

    The shapes (fhir_check) vouch for most Bundles; any other, and every one with `full`, is validated
    whole by `Bundle.model_validate`, which says what is wrong. Then the envelope's full URLs."""
    if full or not SHAPES.valid(built):
        _whole(built, code)
    _full_urls(built, code)


def _whole(built: Json, code: str) -> None:
    try:
        Bundle.model_validate(built)
    except ValidationError as exc:
        first = exc.errors(include_input=False)[0]  # never the value: it could be an answer
        raise _refused(code, exc.error_count(), ".".join(str(p) for p in first["loc"]), first["msg"]) from exc
    wrong = [(n, e["resource"]) for n, e in enumerate(built["entry"]) if not status_bound(e["resource"])]
    if wrong:
        n, resource = wrong[0]
        what = f"{resource['status']!r} is not a {resource['resourceType']} status"
        raise _refused(code, len(wrong), f"entry.{n}.resource.status", what)


URN_UUID = re.compile(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HEX = bytes.maketrans(b"0123456789abcdefx", b"x" * 16 + b"!")  # every lower-case hex digit an x, and x not
_URN_UUID_LINE = b"urn:uuid:".translate(_HEX) + b"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\n"


def _full_urls(built: Json, code: str) -> None:
    """Entries reference each other by full URL, so each is a `urn:uuid:` and none is two entries' (FHIR's
    bdl-7); the models only see a uri."""
    given = [entry.get("fullUrl") for entry in built.get("entry") or ()]
    if not given:
        return
    try:  # the usual case at C's speed (a regex a URL is ten times slower): all urn:uuid, all different
        shapes = ("\n".join(given) + "\n").encode().translate(_HEX)
        if shapes == _URN_UUID_LINE * len(given) and len(set(given)) == len(given):
            return
    except (TypeError, UnicodeError):  # not all strings, or not all UTF-8
        pass
    urls: set[str] = set()
    wrong = []
    for n, url in enumerate(given):
        if not (isinstance(url, str) and URN_UUID.fullmatch(url)):
            wrong.append((n, f"{url!r} is not a urn:uuid"))
        elif url in urls:
            wrong.append((n, f"{url} is an earlier entry's too"))
        else:
            urls.add(url)
    if wrong:
        n, what = wrong[0]
        raise _refused(code, len(wrong), f"entry.{n}.fullUrl", what)


async def _responses(
    session: AsyncSession, person_id: int, patient: str, start: dt.date | None, end: dt.date | None
) -> tuple[list[Json], list[Json]]:
    """The Questionnaire entries (one per instrument answered) and the response and score entries."""
    qr = QuestionnaireResponse
    stmt = select(qr.id, qr.questionnaire, qr.answers, qr.total, qr.subscales, qr.submitted_at)
    stmt = stmt.where(qr.person_id == person_id)
    if start is not None:  # the day of submitted_at in UTC: the clinic's window, as plain dates
        stmt = stmt.where(qr.submitted_at >= dt.datetime.combine(start, dt.time(), dt.UTC))
    if end is not None:
        stmt = stmt.where(qr.submitted_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), dt.UTC))
    instruments: dict[str, tuple[Questionnaire, dict[str, dict[int, Json]]]] = {}
    entries: list[Json] = []
    subject = {"reference": patient}  # shared by every resource of the client, like the answers' table
    # Columns, not ORM objects (a year is about a hundred rows a client); `answers` is decrypted by its type.
    for row_id, key, answers, total, subscales, submitted_at in await session.execute(
        stmt.order_by(qr.submitted_at, qr.id)
    ):
        q = get(key)
        if q is None:
            continue
        if key not in instruments:
            instruments[key] = (q, answer_table(q))
        table = instruments[key][1]
        url, authored = full_url("QuestionnaireResponse", row_id), instant(submitted_at)
        stored = {str(k): int(v) for k, v in json.loads(answers).items()}
        entries.append({"fullUrl": url, "resource": response_resource(q, table, stored, authored, subject)})
        for n, obs in enumerate(scores(q, total, subscales, authored, subject, url)):
            entries.append({"fullUrl": full_url("Observation", f"{row_id}/{n}"), "resource": obs})
    questionnaires = [
        {"fullUrl": full_url("Questionnaire", f"{q.key}|{q.version}"), "resource": questionnaire(q)}
        for q, _ in instruments.values()
    ]
    return questionnaires, entries


async def build(
    session: AsyncSession,
    person_id: int,
    code: str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    validate: bool = True,
    full: bool = False,
) -> Json:
    """One client's Bundle from `start` to `end` (both included), validated unless `validate` is False (the
    bench only, to show what validation costs), whole by the models with `full`. Not audited: see
    `record_export`."""
    patient = full_url("Patient", person_id)
    resource = {"resourceType": "Patient", "identifier": [{"system": f"{LOCAL}:client-code", "value": code}]}
    instruments, answered = await _responses(session, person_id, patient, start, end)
    days = await checkins.entries(session, person_id, patient, start, end)
    built: Json = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"fullUrl": patient, "resource": resource}, *instruments, *answered, *days],
    }
    if validate:
        check(built, code, full=full)
    return built


def record_export(
    session: AsyncSession, person_id: int, resources: int, start: dt.date | None, end: dt.date | None
) -> None:
    """The audit row of one client's export: how many resources, and the window when there is one."""
    if start is None and end is None:
        audit.record(session, "fhir.exported", client_person_id=person_id, resources=resources)
    else:  # "2026-01-01..2026-03-31", an open side left empty
        window = f"{start or ''}..{end or ''}"
        audit.record(session, "fhir.exported", client_person_id=person_id, resources=resources, window=window)


async def clients(session: AsyncSession) -> list[tuple[int, str]]:
    """(id, code) of every client, by code: the all-clients export's list."""
    rows = await session.execute(select(Person.id, Person.code).where(Person.role == Role.CLIENT).order_by(Person.code))
    return [(person_id, code) for person_id, code in rows]


async def bundle(
    session: AsyncSession,
    code: str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    full: bool = False,
) -> Json | None:
    """The validated Bundle of one client, or None if no client has this code (audited in `session`)."""
    person = await session.scalar(select(Person).where(Person.code == code.strip().upper(), Person.role == Role.CLIENT))
    if person is None:
        return None
    built = await build(session, person.id, person.code, start=start, end=end, full=full)
    record_export(session, person.id, len(built["entry"]), start, end)
    return built
