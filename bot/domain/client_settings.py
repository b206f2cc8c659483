"""A client's own settings: time zone, daily check-in reminder time, reminders on/off."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.errors import ValidationFailed
from bot.db.models import ClientProfile, Person
from bot.domain import audit

COMMON_ZONES = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "Europe/London",
    "Europe/Berlin",
)

_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.h ]?(\d{2}))?\s*([ap]\.?m\.?)?\s*$", re.IGNORECASE)


def zone_choices(clinic_zone: str) -> list[str]:
    return [clinic_zone] + [z for z in COMMON_ZONES if z != clinic_zone][:5]


def parse_timezone(text: str) -> str:
    """Accept an IANA name, forgiving case and spaces ("america/new york")."""
    name = text.strip().replace(" ", "_")
    if not name or len(name) > 64:
        raise ValidationFailed("time zone")
    try:
        ZoneInfo(name)
        if "/" in name or name == "UTC":
            return name
    except (ZoneInfoNotFoundError, ValueError):
        pass
    lowered = {z.lower(): z for z in available_timezones()}
    if name.lower() in lowered:
        return lowered[name.lower()]
    raise ValidationFailed("time zone")


def parse_time(text: str) -> dt.time:
    """Accept 19:00, 7pm, 7:30 pm, 0730, 7.30."""
    m = _TIME.match(text or "")
    if not m:
        raise ValidationFailed("time of day")
    hour, minute, ampm = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            raise ValidationFailed("time of day")
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValidationFailed("time of day")
    return dt.time(hour, minute)


async def set_timezone(session: AsyncSession, person_id: int, zone: str) -> None:
    person = await session.get(Person, person_id)
    assert person is not None
    person.timezone = zone
    audit.record(session, "settings.timezone", actor_person_id=person_id, client_person_id=person_id)


async def set_checkin_time(session: AsyncSession, person_id: int, at: dt.time) -> None:
    prof = await session.get(ClientProfile, person_id)
    assert prof is not None
    prof.checkin_time, prof.reminders_on = at, True
    audit.record(session, "settings.checkin_time", actor_person_id=person_id, client_person_id=person_id)


async def set_reminders(session: AsyncSession, person_id: int, on: bool) -> None:
    prof = await session.get(ClientProfile, person_id)
    assert prof is not None
    prof.reminders_on = on
    audit.record(session, "settings.reminders", actor_person_id=person_id, client_person_id=person_id, on=on)
