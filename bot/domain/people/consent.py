"""Consent: recorded before anything about a client is stored; withdrawing stops all messages."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import now
from bot.db.models import ConsentRecord, OutboxMessage, OutboxStatus, Person
from bot.db.session import affected
from bot.domain.people.directory import PersonView, view
from bot.domain.records import audit


async def record_decline(session: AsyncSession, telegram_id: int, version: str) -> None:
    """A declined notice stores no person; only the audit trail keeps the attempt."""
    audit.record(session, "consent.declined", actor_telegram_id=telegram_id, version=version)


async def agree(session: AsyncSession, person_id: int, version: str, language: str = "en") -> PersonView:
    """Record consent (again) for an enrolled person and turn messages back on."""
    t = now()
    person = await session.get(Person, person_id)
    assert person is not None
    # A person staff deactivated stays inactive: only reactivation lets them back.
    person.active, person.consent_version, person.consent_at = person.deactivated_at is None, version, t
    session.add(ConsentRecord(person_id=person_id, version=version, language=language, decision="agreed", at=t))
    audit.record(session, "consent.agreed", actor_person_id=person_id, client_person_id=person_id, version=version)
    return view(person)


async def withdraw(session: AsyncSession, person_id: int) -> int:
    """Stop processing for this person: deactivate, cancel pending messages. Returns rows cancelled."""
    t = now()
    person = await session.get(Person, person_id)
    assert person is not None
    version = person.consent_version or ""
    person.active, person.consent_version, person.consent_at = False, None, None
    session.add(ConsentRecord(person_id=person_id, version=version, decision="withdrawn", at=t))
    cancelled = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.person_id == person_id, OutboxMessage.status == OutboxStatus.PENDING)
        .values(status=OutboxStatus.CANCELLED, last_error="consent withdrawn", finished_at=t)
    )
    count = affected(cancelled)
    audit.record(session, "consent.withdrawn", actor_person_id=person_id, client_person_id=person_id, cancelled=count)
    return count
