"""Helpers for meeting tests: clients and series straight into the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from sqlalchemy import select

from bot.db.models import ClientProfile, OutboxMessage, Person, Role
from bot.domain.meetings import changes as meetings
from bot.domain.meetings.schedule import Series

NY = "America/New_York"
T0 = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)  # a Sunday; the group meets Mon/Wed/Fri 18:00 New York


async def add_person(  # type: ignore[no-untyped-def]
    db, n: int, *, zone: str = NY, cohort: str = "", role: Role = Role.CLIENT, therapist: int | None = None
) -> int:
    async with db.session() as s, s.begin():
        p = Person(
            telegram_id=5000 + n,
            role=role.value,
            code=f"C-{n}" if role is Role.CLIENT else f"T-{n}",
            timezone=zone,
            consent_version="2026-11",
        )
        s.add(p)
        await s.flush()
        if role is Role.CLIENT:
            s.add(ClientProfile(person_id=p.id, checkin_time=dt.time(19), cohort=cohort, therapist_id=therapist))
        return p.id


EVENING_GROUP = Series(
    id=0,
    uid="",
    title="IOP evening group",
    public_title="Group session",
    kind="group",
    rrule="FREQ=WEEKLY;BYDAY=MO,WE,FR",
    starts_local=dt.datetime(2026, 3, 2, 18, 0),
    timezone=NY,
    duration=dt.timedelta(hours=3),
    place="Room 2",
)


def series(**kw: Any) -> Series:
    """The Mon/Wed/Fri evening group, with whatever the test changes."""
    return replace(EVENING_GROUP, **kw)


def family_day(on: dt.date, **kw: Any) -> Series:
    """A one-off all-day family day on `on` (New York), with whatever the test changes."""
    return series(**{"title": "Family day", "public_title": "Family day", "kind": "family", "rrule": "",
                     "starts_local": dt.datetime.combine(on, dt.time()), "duration": dt.timedelta(days=1),
                     "place": "", "all_day": True, **kw})  # fmt: skip


async def add_series(db, now: dt.datetime = T0, **kw: object) -> int:  # type: ignore[no-untyped-def]
    async with db.session() as s, s.begin():
        return await meetings.create_series(s, series(**kw), None, now)


async def outbox(db, kind: str | None = None) -> list[OutboxMessage]:  # type: ignore[no-untyped-def]
    async with db.session() as s:
        stmt = select(OutboxMessage).order_by(OutboxMessage.id)
        if kind is not None:
            stmt = stmt.where(OutboxMessage.kind == kind)
        return list((await s.execute(stmt)).scalars())
