"""The insert-only audit log. Callers add rows inside their own transaction."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import now
from bot.db.models import AuditEntry


def record(
    session: AsyncSession,
    action: str,
    *,
    actor_telegram_id: int | None = None,
    actor_person_id: int | None = None,
    client_person_id: int | None = None,
    **detail: object,
) -> None:
    """Add one audit row to the session; the caller's commit makes it durable."""
    session.add(
        AuditEntry(
            at=now(),
            action=action,
            actor_telegram_id=actor_telegram_id,
            actor_person_id=actor_person_id,
            client_person_id=client_person_id,
            detail=json.dumps(detail, default=str, sort_keys=True) if detail else "",
        )
    )


async def count_since(session: AsyncSession, telegram_id: int, action: str, since: dt.datetime) -> int:
    stmt = select(func.count()).where(
        AuditEntry.actor_telegram_id == telegram_id, AuditEntry.action == action, AuditEntry.at > since
    )
    return int((await session.execute(stmt)).scalar_one())


async def count_action_since(session: AsyncSession, action: str, since: dt.datetime) -> int:
    """Rows of `action` from anyone since `since` (the global limit on wrong codes)."""
    stmt = select(func.count()).where(AuditEntry.action == action, AuditEntry.at > since)
    return int((await session.execute(stmt)).scalar_one())


async def count_detail_since(session: AsyncSession, action: str, since: dt.datetime, **detail: str) -> int:
    """Rows of `action` since `since` whose detail holds each `name: value` (stored as sorted JSON)."""
    stmt = select(func.count()).where(AuditEntry.action == action, AuditEntry.at > since)
    for name, value in detail.items():
        stmt = stmt.where(AuditEntry.detail.contains(json.dumps({name: value})[1:-1], autoescape=True))
    return int((await session.execute(stmt)).scalar_one())


async def latest(session: AsyncSession, telegram_id: int, action: str) -> dt.datetime | None:
    stmt = select(func.max(AuditEntry.at)).where(
        AuditEntry.actor_telegram_id == telegram_id, AuditEntry.action == action
    )
    value = (await session.execute(stmt)).scalar_one_or_none()
    if value is not None and value.tzinfo is None:  # func.max bypasses the column type on SQLite
        value = dt.datetime.fromisoformat(str(value)).replace(tzinfo=dt.UTC)
    return value


@dataclass(frozen=True)
class AuditRow:
    at: dt.datetime
    action: str
    actor_telegram_id: int | None
    actor_person_id: int | None
    client_person_id: int | None
    detail: dict[str, object]


async def rows(session: AsyncSession, action: str | None = None) -> list[AuditRow]:
    stmt = select(AuditEntry).order_by(AuditEntry.id)
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    return [
        AuditRow(
            r.at,
            r.action,
            r.actor_telegram_id,
            r.actor_person_id,
            r.client_person_id,
            json.loads(r.detail) if r.detail else {},
        )
        for r in (await session.execute(stmt)).scalars()
    ]
