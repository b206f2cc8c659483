"""Consent: recorded before anything about a client is stored; withdrawing stops all messages."""

from __future__ import annotations

from sqlalchemy import update

from bot.core.clock import now
from bot.db.models import ConsentRecord, OutboxMessage, OutboxStatus, Person
from bot.db.session import Database
from bot.domain import audit
from bot.domain.people import PersonView, view


async def record_decline(db: Database, telegram_id: int, version: str) -> None:
    """A declined notice stores no person; only the audit trail keeps the attempt."""
    async with db.session() as s, s.begin():
        audit.record(s, "consent.declined", actor_telegram_id=telegram_id, version=version)


async def agree(db: Database, person_id: int, version: str) -> PersonView:
    """Record consent (again) for an enrolled person and turn messages back on."""
    t = now()
    async with db.session() as s, s.begin():
        person = await s.get(Person, person_id)
        assert person is not None
        person.active, person.consent_version, person.consent_at = True, version, t
        s.add(ConsentRecord(person_id=person_id, version=version, decision="agreed", at=t))
        audit.record(s, "consent.agreed", actor_person_id=person_id, client_person_id=person_id, version=version)
        return view(person)


async def withdraw(db: Database, person_id: int) -> int:
    """Stop processing for this person: deactivate, cancel pending messages. Returns rows cancelled."""
    t = now()
    async with db.session() as s, s.begin():
        person = await s.get(Person, person_id)
        assert person is not None
        version = person.consent_version or ""
        person.active, person.consent_version, person.consent_at = False, None, None
        s.add(ConsentRecord(person_id=person_id, version=version, decision="withdrawn", at=t))
        cancelled = await s.execute(
            update(OutboxMessage)
            .where(OutboxMessage.person_id == person_id, OutboxMessage.status == OutboxStatus.PENDING.value)
            .values(status=OutboxStatus.CANCELLED.value, last_error="consent withdrawn", finished_at=t)
        )
        audit.record(
            s, "consent.withdrawn", actor_person_id=person_id, client_person_id=person_id, cancelled=cancelled.rowcount
        )
        return cancelled.rowcount or 0
