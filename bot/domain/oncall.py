"""Who is on call: one open shift at a time; taking it ends the previous one."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import now
from bot.db.models import OnCallShift, Person
from bot.domain import audit


async def current_oncall(session: AsyncSession) -> Person | None:
    stmt = select(OnCallShift).where(OnCallShift.ended_at.is_(None)).order_by(OnCallShift.started_at.desc())
    shift = (await session.execute(stmt.limit(1))).scalar_one_or_none()
    return None if shift is None else await session.get(Person, shift.person_id)


async def take_oncall(session: AsyncSession, person_id: int, at: dt.datetime | None = None) -> Person | None:
    """Start `person_id`'s shift, ending whoever was on call. Returns the previous person."""
    at = at or now()
    previous = await current_oncall(session)
    await session.execute(update(OnCallShift).where(OnCallShift.ended_at.is_(None)).values(ended_at=at))
    session.add(OnCallShift(person_id=person_id, started_at=at))
    audit.record(
        session, "oncall.take", actor_person_id=person_id, previous=previous.id if previous is not None else None
    )
    return previous
