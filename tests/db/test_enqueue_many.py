"""Many keyed outbox rows in one statement, on SQLite and PostgreSQL: a key already taken is skipped."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.db.models import OutboxKind, OutboxMessage
from bot.db.session import Database
from bot.domain.records.outbox import NewRow, enqueue, enqueue_many

AT = dt.datetime(2027, 1, 11, 23, 0, tzinfo=dt.UTC)


def _rows(n: int) -> list[NewRow]:
    return [NewRow(100 + i, None, OutboxKind.REMINDER, f"hello {i}", AT, f"k:{i}", [[("Go", "x")]]) for i in range(n)]


async def test_rows_are_written_once_whoever_wrote_a_key_first(db: Database) -> None:
    async with db.session() as s, s.begin():
        assert await enqueue(s, chat_id=1, kind=OutboxKind.REMINDER, text="first", dedupe_key="k:3")
        await enqueue_many(s, _rows(5))
    async with db.session() as s, s.begin():
        await enqueue_many(s, _rows(6))  # again, and one more
        await enqueue_many(s, [])
    async with db.session() as s:
        rows = (await s.execute(select(OutboxMessage).order_by(OutboxMessage.dedupe_key))).scalars().all()
    assert [r.dedupe_key for r in rows] == [f"k:{i}" for i in range(6)]
    assert [r.chat_id for r in rows if r.dedupe_key == "k:3"] == [1]  # the first writer's row stands
    assert all(r.due_at == AT and r.status == "pending" for r in rows if r.dedupe_key != "k:3")
