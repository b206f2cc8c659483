"""A client's own settings: time zone, daily check-in reminder time, reminders on/off, recovery start date."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import ClientProfile, Person
from bot.domain.meetings import reminders as meeting_reminders
from bot.domain.records import audit


async def set_timezone(session: AsyncSession, person_id: int, zone: str) -> None:
    person = await session.get(Person, person_id)
    assert person is not None
    if person.timezone != zone:
        await meeting_reminders.withdraw_for(session, person_id)
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


async def set_start_date(session: AsyncSession, person_id: int, day: dt.date | None) -> None:
    """Store (or clear, with None) the date the client counts their recovery from."""
    prof = await session.get(ClientProfile, person_id)
    assert prof is not None
    prof.sobriety_date = day
    # The date itself stays out of the audit log: it is the client's health information.
    audit.record(
        session, "settings.start_date", actor_person_id=person_id, client_person_id=person_id, cleared=day is None
    )


async def start_date(session: AsyncSession, person_id: int) -> dt.date | None:
    prof = await session.get(ClientProfile, person_id)
    return None if prof is None else prof.sobriety_date
