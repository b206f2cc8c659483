"""Who is on call: one open shift at a time; taking it ends the previous one and tells that person."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.core.clock import now
from bot.db.models import OnCallShift, OutboxKind, Person, Role
from bot.domain.records import audit
from bot.domain.records.outbox import enqueue
from bot.texts import catalogue


@dataclass(frozen=True)
class Shift:
    id: int
    person_id: int
    code: str
    since: dt.datetime


async def current_shift(session: AsyncSession) -> Shift | None:
    stmt = (
        select(OnCallShift, Person)
        .join(Person, Person.id == OnCallShift.person_id)
        .where(OnCallShift.ended_at.is_(None))
        .order_by(OnCallShift.started_at.desc(), OnCallShift.id.desc())
        .limit(1)
    )
    row = (await session.execute(stmt)).first()
    if row is None:
        return None
    shift, person = row
    return Shift(shift.id, person.id, person.code, shift.started_at)


async def current_oncall(session: AsyncSession) -> Person | None:
    shift = await current_shift(session)
    return None if shift is None else await session.get(Person, shift.person_id)


async def take_oncall(session: AsyncSession, person_id: int, at: dt.datetime | None = None) -> Shift | None:
    """Start `person_id`'s shift, ending the current one and telling its holder. Returns that shift."""
    at = at or now()
    previous = await current_shift(session)
    await session.execute(update(OnCallShift).where(OnCallShift.ended_at.is_(None)).values(ended_at=at))
    session.add(OnCallShift(person_id=person_id, started_at=at))
    audit.record(
        session, "oncall.take", actor_person_id=person_id, previous=previous.person_id if previous is not None else None
    )
    taker = await session.get(Person, person_id)
    if previous is not None and previous.person_id != person_id and taker is not None:
        before = await session.get(Person, previous.person_id)
        if before is not None:
            with catalogue.speaking(before.language):
                text = texts.ONCALL_HANDED_OVER.format(who=html.escape(taker.code))
            await enqueue(session, chat_id=before.telegram_id, person_id=before.id, kind=OutboxKind.NOTICE, text=text)
    return previous


async def last_resort(session: AsyncSession, *, widen: bool = False) -> list[Person]:
    """Whoever is told when nobody else can be: every admin who can be told; staff too when there is
    no admin, or when `widen` (nobody has been reached yet)."""
    found: list[Person] = []
    for role in (Role.ADMIN, Role.STAFF):
        stmt = select(Person).where(Person.role == role, Person.active.is_(True), Person.reachable.is_(True))
        found += list((await session.execute(stmt.order_by(Person.id))).scalars())
        if found and not widen:
            return found
    return found
