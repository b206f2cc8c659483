"""Writing outbox rows in the caller's transaction; the delivery loop (bot.delivery.outbox) sends them."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import now
from bot.db.models import OutboxKind, OutboxMessage, OutboxStatus
from bot.db.session import affected


def payload(text: str, buttons: list[list[tuple[str, str]]] | None = None) -> str:
    """A row's message. Its text is HTML like every text (the delivery bot's Defaults say so)."""
    return json.dumps({"text": text, "buttons": buttons or []})


async def enqueue(
    session: AsyncSession,
    *,
    chat_id: int,
    kind: OutboxKind,
    text: str,
    person_id: int | None = None,
    due_at: dt.datetime | None = None,
    dedupe_key: str | None = None,
    buttons: list[list[tuple[str, str]]] | None = None,
    alert_id: int | None = None,
) -> bool:
    """Add a row in the caller's transaction. Returns False when the dedupe key already exists."""
    values = dict(
        chat_id=chat_id,
        kind=kind,
        payload=payload(text, buttons),
        person_id=person_id,
        due_at=due_at or now(),
        next_try_at=due_at or now(),
        dedupe_key=dedupe_key,
        status=OutboxStatus.PENDING,
        attempts=0,
        created_at=now(),
        alert_id=alert_id,
    )
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(OutboxMessage).values(**values)
    if dedupe_key is not None:
        stmt = stmt.on_conflict_do_nothing(index_elements=["dedupe_key"])
    result = await session.execute(stmt)
    return affected(result) > 0
