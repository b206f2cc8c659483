"""The daily check-in as FHIR R4: one Observation for the craving (0–10) and one for the mood (1–5) of each day.

Both are status `final`, category `survey`, coded in the local CodeSystem `urn:iop-companion:checkin`
(codes `craving` and `mood`: the check-in's questions have no LOINC code), effective on the client's
local date (a FHIR date: the day as the client lived it, which is what the check-in records), with a
valueInteger. Plain JSON builders; bot.domain.questionnaires.fhir puts them in the client's Bundle and
validates it. The pieces both exports share (the fixed namespace of entry ids, the survey category)
live here because that module depends on this one, not the other way round.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Checkin

Json = dict[str, Any]
NAMESPACE = uuid.UUID("6b1f3a52-2f0e-4d8a-9a57-3f1e0c9d2a10")  # fixed: the same row always gets the same id
LOCAL = "urn:iop-companion"
SYSTEM = f"{LOCAL}:checkin"
SURVEY: Json = {
    "system": "http://terminology.hl7.org/CodeSystem/observation-category",
    "code": "survey",
    "display": "Survey",
}
DISPLAYS = {
    "craving": "Craving, 0 (none) to 10 (strongest)",
    "mood": "Mood, 1 (very low) to 5 (very good)",
}


_SEED = hashlib.sha1(NAMESPACE.bytes, usedforsecurity=False)  # uuid5: the namespace, then the name
_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}  # RFC 4122: the variant's two bits


def full_url(kind: str, key: object) -> str:
    """A `urn:uuid:` full URL for one exported row: uuid5(NAMESPACE, "kind/key"), so a second export says the same.

    Formatted here rather than by uuid.uuid5 (the same string, a third of the time: a year of one
    client is about a thousand of them).
    """
    h = _SEED.copy()
    h.update(f"{kind}/{key}".encode())
    d = h.hexdigest()
    return f"urn:uuid:{d[:8]}-{d[8:12]}-5{d[13:16]}-{_VARIANT[d[16]]}{d[17:20]}-{d[20:32]}"


# Parts every check-in Observation has, built once and shared (never mutated): a year is 730 of them.
CATEGORY = [{"coding": [SURVEY]}]
CODES = {what: {"coding": [{"system": SYSTEM, "code": what, "display": text}]} for what, text in DISPLAYS.items()}


def observation(what: str, value: int, day: str, subject: Json) -> Json:
    """The Observation of one check-in answer (`craving` or `mood`) on the client's local `day` (YYYY-MM-DD)."""
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": CATEGORY,
        "code": CODES[what],
        "subject": subject,
        "effectiveDateTime": day,
        "valueInteger": value,
    }


def day_entries(checkin_id: int, day: dt.date, craving: int, mood: int, subject: Json) -> list[Json]:
    """The two Bundle entries of one check-in; `subject` is the Patient's reference."""
    date = day.isoformat()
    return [
        {
            "fullUrl": full_url("Observation", f"checkin/{checkin_id}/craving"),
            "resource": observation("craving", craving, date, subject),
        },
        {
            "fullUrl": full_url("Observation", f"checkin/{checkin_id}/mood"),
            "resource": observation("mood", mood, date, subject),
        },
    ]


async def entries(
    session: AsyncSession, person_id: int, patient: str, start: dt.date | None = None, end: dt.date | None = None
) -> list[Json]:
    """The Bundle entries of a client's check-ins from `start` to `end` (local dates, both included), by day."""
    stmt = select(Checkin.id, Checkin.local_date, Checkin.craving, Checkin.mood).where(Checkin.person_id == person_id)
    if start is not None:
        stmt = stmt.where(Checkin.local_date >= start)
    if end is not None:
        stmt = stmt.where(Checkin.local_date <= end)
    out: list[Json] = []
    subject = {"reference": patient}
    # Columns, not ORM objects: a year of days per client stays out of the session's identity map.
    for checkin_id, day, craving, mood in await session.execute(stmt.order_by(Checkin.local_date)):
        out += day_entries(checkin_id, day, craving, mood, subject)
    return out
