"""Writing many outbox rows at once, for planners: one executemany, each distinct text encrypted once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, Text, bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import crypto
from bot.core.clock import now
from bot.db.models import OutboxMessage
from bot.delivery.outbox import PENDING, payload


@dataclass(frozen=True)
class NewMessage:
    """One row for `enqueue_many`; the same fields as `enqueue` takes."""

    chat_id: int
    kind: str
    text: str
    person_id: int | None = None
    due_at: dt.datetime | None = None
    dedupe_key: str | None = None
    buttons: list[list[tuple[str, str]]] | None = None


async def enqueue_many(session: AsyncSession, messages: list[NewMessage]) -> int:
    """Add many rows in one executemany (planners); rows whose dedupe key exists are skipped.

    Returns how many rows were added.
    """
    if not messages:
        return 0
    t = now()
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # Planned messages repeat a few texts thousands of times: encrypt each distinct one once.
    # Equal rows then share a ciphertext, which tells no more than their kind already does.
    sealed: dict[str, str] = {}
    plains = [payload(m.text, m.buttons) for m in messages]
    for plain in plains:
        if plain not in sealed:
            sealed[plain] = crypto.encrypt(plain)
    values = [
        dict(
            chat_id=m.chat_id,
            kind=m.kind,
            sealed_payload=sealed[plain],
            person_id=m.person_id,
            due_at=m.due_at or t,
            next_try_at=m.due_at or t,
            dedupe_key=m.dedupe_key,
            status=PENDING,
            attempts=0,
            created_at=t,
        )
        for m, plain in zip(messages, plains, strict=True)
    ]
    # A Core insert on the table (not the ORM entity): compiled once, sent in batches by the driver.
    table = cast(Table, OutboxMessage.__table__)
    stmt = (
        insert(table)
        .values(payload=bindparam("sealed_payload", type_=Text()))  # already encrypted: skip EncryptedText
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(table.c.id)
    )
    return len((await session.execute(stmt, values)).all())
