"""The daily backup's outcome: an audit row either way, and a notice to each admin when it failed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.db.models import OutboxKind, Person, Role
from bot.domain.records import audit
from bot.domain.records.outbox import enqueue
from bot.texts import catalogue

DONE = "backup.done"
FAILED = "backup.failed"


def record_done(session: AsyncSession, *, file: str, size: int, method: str, removed: int) -> None:
    """Audit a written backup: its file name, size, how it was made, and how many old files were removed."""
    audit.record(session, DONE, file=file, size=size, method=method, removed=removed)


async def record_failed(session: AsyncSession, at: dt.datetime, reason: str) -> int:
    """Audit a failed backup and queue one neutral notice per active admin (once a day); returns notices queued."""
    audit.record(session, FAILED, reason=reason[:200])
    admins = select(Person.telegram_id, Person.id, Person.language).where(
        Person.role == Role.ADMIN, Person.active.is_(True), Person.reachable.is_(True)
    )
    queued = 0
    for chat_id, admin_id, language in (await session.execute(admins)).all():
        with catalogue.speaking(language):  # a job writes it: each admin's own language
            text = texts.BACKUP_FAILED_NOTICE
        queued += await enqueue(
            session,
            chat_id=chat_id,
            person_id=admin_id,
            kind=OutboxKind.NOTICE,
            text=text,
            dedupe_key=f"backup-failed:{at:%Y%m%d}:{admin_id}",
        )
    return queued
