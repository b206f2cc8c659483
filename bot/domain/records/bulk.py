"""Writing many outbox rows at once, for planners: batched executemany, each distinct value prepared once.

Planned reminders repeat a few texts, buttons and times thousands of times. Encrypting,
serialising and binding each of them per row was most of a planning pass, so each distinct
value is turned into what the driver takes once, and the statement binds those values as they
are. Rows go in batches so a pass's memory does not grow with the number of rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Dialect, Table, Text, bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import DateTime, TypeDecorator

from bot.core import crypto
from bot.core.clock import now
from bot.db.models import OutboxMessage, OutboxStatus
from bot.domain.records.outbox import payload

PENDING = OutboxStatus.PENDING
BATCH = 5000  # rows per executemany: bounds memory, and is still one round trip per batch


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


class _PreparedTime(TypeDecorator[Any]):
    """A time already in the driver's form (from UtcDateTime's own bind processor): bound as it is.

    The impl stays a timezone-aware DateTime so PostgreSQL still gets its cast.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> None:
        return None


class _Prepared:
    """Each distinct payload sealed once, each distinct time bound once, for one statement's dialect."""

    def __init__(self, table: Table, dialect: Dialect) -> None:
        processor = table.c.due_at.type.dialect_impl(dialect).bind_processor(dialect)
        self._time: Callable[[Any], Any] = processor or (lambda v: v)
        self._times: dict[dt.datetime, Any] = {}
        # Keyed by text and the buttons' identity: a planner shares one buttons list among the rows
        # of one occurrence, and every list lives as long as the messages do.
        self._sealed: dict[tuple[str, int], str] = {}

    def time(self, at: dt.datetime) -> Any:
        found = self._times.get(at)
        if found is None:
            found = self._times[at] = self._time(at)
        return found

    def sealed(self, m: NewMessage) -> str:
        key = (m.text, id(m.buttons))
        found = self._sealed.get(key)
        if found is None:
            # Equal rows share a ciphertext, which tells no more than their kind already does.
            found = self._sealed[key] = crypto.encrypt(payload(m.text, m.buttons))
        return found


async def enqueue_many(session: AsyncSession, messages: Sequence[NewMessage]) -> int:
    """Add many rows in batched executemany calls (planners); rows whose dedupe key exists are skipped.

    Returns how many rows were added.
    """
    if not messages:
        return 0
    dialect = session.bind.dialect if session.bind else sqlite.dialect()
    insert = postgresql.insert if dialect.name == "postgresql" else sqlite.insert
    table = cast(Table, OutboxMessage.__table__)
    prepared = _Prepared(table, dialect)
    created = prepared.time(now())
    # A Core insert on the table (not the ORM entity): compiled once, sent in batches by the driver.
    stmt = (
        insert(table)
        .values(
            payload=bindparam("sealed", type_=Text()),  # already encrypted: skip EncryptedText
            due_at=bindparam("due", type_=_PreparedTime()),
            next_try_at=bindparam("next_try", type_=_PreparedTime()),
            created_at=bindparam("created", type_=_PreparedTime()),
        )
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(table.c.id)
    )
    added = 0
    for start in range(0, len(messages), BATCH):
        values = [
            {
                "chat_id": m.chat_id,
                "kind": m.kind,
                "sealed": prepared.sealed(m),
                "person_id": m.person_id,
                "due": (due := prepared.time(m.due_at) if m.due_at else created),
                "next_try": due,
                "created": created,
                "dedupe_key": m.dedupe_key,
                "status": PENDING,
                "attempts": 0,
            }
            for m in messages[start : start + BATCH]
        ]
        added += len((await session.execute(stmt, values)).all())
    return added
