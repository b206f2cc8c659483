"""Offboarding: staff deactivate someone who left (a therapist, a client who finished) and reactivate them.

A deactivated person is inactive everywhere (nothing is sent to them, their pending messages are
cancelled, their open alerts escalate at once because the escalation loop treats an inactive
therapist as unreachable), and unlike a pause by /stop they cannot lift it themselves.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import now
from bot.db.models import ClientProfile, OutboxMessage, OutboxStatus, Person, Role
from bot.db.session import affected
from bot.domain.records import audit


class Outcome(enum.StrEnum):
    DONE = "done"
    NOT_FOUND = "not_found"
    ALREADY = "already"  # already deactivated (or already active, for reactivation)
    LAST_ADMIN = "last_admin"
    NOT_ALLOWED = "not_allowed"  # staff cannot deactivate admins
    SELF = "self"  # /stop is how one pauses oneself


@dataclass(frozen=True)
class Change:
    outcome: Outcome
    person_id: int = 0
    code: str = ""
    role: Role | None = None
    cancelled: int = 0  # pending messages cancelled
    clients: int = 0  # a therapist's clients now needing a new therapist


async def find(session: AsyncSession, code: str) -> Person | None:
    return (await session.execute(select(Person).where(Person.code == code.strip().upper()[:16]))).scalar_one_or_none()


async def _active_admins(session: AsyncSession) -> int:
    stmt = select(func.count()).where(
        Person.role == Role.ADMIN, Person.active.is_(True), Person.deactivated_at.is_(None)
    )
    return int((await session.execute(stmt)).scalar_one())


async def _clients_of(session: AsyncSession, therapist_id: int) -> int:
    stmt = select(func.count()).where(ClientProfile.therapist_id == therapist_id)
    return int((await session.execute(stmt)).scalar_one())


async def check(session: AsyncSession, target: Person | None, actor: Person, *, deactivate: bool) -> Change:
    """What deactivating (or reactivating) `target` would do, without doing it: shown before the confirm."""
    if target is None:
        return Change(Outcome.NOT_FOUND)
    base = Change(Outcome.DONE, target.id, target.code, target.role)
    if target.id == actor.id:
        return Change(Outcome.SELF, target.id, target.code, target.role)
    if target.role is Role.ADMIN and actor.role is not Role.ADMIN:
        return Change(Outcome.NOT_ALLOWED, target.id, target.code, target.role)
    if (target.deactivated_at is not None) == deactivate:
        return Change(Outcome.ALREADY, target.id, target.code, target.role)
    if deactivate and target.role is Role.ADMIN and target.active and await _active_admins(session) <= 1:
        return Change(Outcome.LAST_ADMIN, target.id, target.code, target.role)
    if deactivate and target.role is Role.THERAPIST:
        return Change(Outcome.DONE, target.id, target.code, target.role, clients=await _clients_of(session, target.id))
    return base


async def deactivate(session: AsyncSession, target_id: int, actor_id: int) -> Change:
    """Deactivate, cancel their pending messages, audit. Checked again here: the confirm may be stale."""
    target, actor = await session.get(Person, target_id), await session.get(Person, actor_id)
    assert actor is not None
    change = await check(session, target, actor, deactivate=True)
    if change.outcome is not Outcome.DONE or target is None:
        return change
    t = now()
    target.deactivated_at, target.active = t, False
    cancelled = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.person_id == target.id, OutboxMessage.status == OutboxStatus.PENDING)
        .values(status=OutboxStatus.CANCELLED, last_error="person deactivated", finished_at=t)
    )
    count = affected(cancelled)
    audit.record(
        session,
        "person.deactivated",
        actor_person_id=actor.id,
        client_person_id=target.id if target.role is Role.CLIENT else None,
        person=target.id,
        role=target.role,
        cancelled=count,
        clients_without_therapist=change.clients,
    )
    return Change(Outcome.DONE, target.id, target.code, target.role, count, change.clients)


async def reactivate(session: AsyncSession, target_id: int, actor_id: int) -> Change:
    """Lift a deactivation. Someone who had paused themselves (no consent) stays paused until they agree."""
    target, actor = await session.get(Person, target_id), await session.get(Person, actor_id)
    assert actor is not None
    change = await check(session, target, actor, deactivate=False)
    if change.outcome is not Outcome.DONE or target is None:
        return change
    target.deactivated_at, target.active = None, target.consent_version is not None
    audit.record(
        session,
        "person.reactivated",
        actor_person_id=actor.id,
        client_person_id=target.id if target.role is Role.CLIENT else None,
        person=target.id,
        role=target.role,
    )
    return change
