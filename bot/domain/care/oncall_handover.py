"""Handing on-call over, and going off call, by the person who holds it.

Taking on-call (`oncall.take_oncall`) is for someone who is not on call; here the holder acts:
they pass the shift to a named colleague (who is told at once) or end it, leaving nobody on call
(alerts then go straight to the admins, who are told so). Both check that the shift is still the
one the button was shown for, and both are audited.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.core.clock import now
from bot.db.models import OnCallShift, OutboxKind, Person, Role
from bot.domain.care.oncall import current_shift
from bot.domain.records import audit
from bot.domain.records.outbox import enqueue
from bot.texts import catalogue

TEAM_ROLES = (Role.THERAPIST, Role.STAFF, Role.ADMIN)


class HandOutcome(enum.StrEnum):
    DONE = "done"
    STALE = "stale"  # the shift changed since the button was shown
    NOT_HOLDER = "not_holder"
    NOT_TEAM = "not_team"  # the colleague left, is paused or is not on the care team


@dataclass(frozen=True)
class Colleague:
    id: int
    code: str
    name: str


def label(code: str, name: str) -> str:
    """How the team is named in on-call views: "Dr. Lee (T-1234)", or the code alone."""
    return f"{name} ({code})" if name else code


async def colleagues(session: AsyncSession, except_id: int) -> list[Colleague]:
    """Active, reachable care-team members who could take the shift, by name."""
    stmt = select(Person).where(
        Person.role.in_(TEAM_ROLES), Person.active.is_(True), Person.reachable.is_(True), Person.id != except_id
    )
    people = (await session.execute(stmt)).scalars()
    return sorted((Colleague(p.id, p.code, p.display_name) for p in people), key=lambda c: (c.name or c.code, c.id))


async def hand_over(
    session: AsyncSession, holder_id: int, shift_id: int, to_id: int, at: dt.datetime | None = None
) -> HandOutcome:
    """End the holder's shift and start `to_id`'s; the new holder is told."""
    at = at or now()
    shift = await current_shift(session)
    if shift is None or shift.id != shift_id:
        return HandOutcome.STALE
    if shift.person_id != holder_id:
        return HandOutcome.NOT_HOLDER
    taker = await session.get(Person, to_id)
    if taker is None or taker.role not in TEAM_ROLES or not taker.active or not taker.reachable:
        return HandOutcome.NOT_TEAM
    holder = await session.get(Person, holder_id)
    await session.execute(update(OnCallShift).where(OnCallShift.ended_at.is_(None)).values(ended_at=at))
    session.add(OnCallShift(person_id=to_id, started_at=at))
    audit.record(session, "oncall.handover", actor_person_id=holder_id, to=to_id)
    who = label(holder.code, holder.display_name) if holder is not None else "?"
    with catalogue.speaking(taker.language):
        text = texts.ONCALL_HANDED_TO_YOU.format(who=html.escape(who))
    await enqueue(session, chat_id=taker.telegram_id, person_id=taker.id, kind=OutboxKind.NOTICE, text=text)
    return HandOutcome.DONE


async def go_off(session: AsyncSession, holder_id: int, shift_id: int, at: dt.datetime | None = None) -> HandOutcome:
    """End the holder's shift; nobody is on call until someone takes it."""
    at = at or now()
    shift = await current_shift(session)
    if shift is None or shift.id != shift_id:
        return HandOutcome.STALE
    if shift.person_id != holder_id:
        return HandOutcome.NOT_HOLDER
    await session.execute(update(OnCallShift).where(OnCallShift.ended_at.is_(None)).values(ended_at=at))
    audit.record(session, "oncall.off", actor_person_id=holder_id)
    return HandOutcome.DONE
