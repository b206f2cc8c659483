"""Planners' bulk writes: the rows read back exactly as `enqueue` would have written them, on both databases."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import select

from bot.db.models import OutboxKind, OutboxMessage
from bot.domain.records import bulk
from bot.domain.records.outbox import enqueue
from tests.support.tx import in_tx

NY = ZoneInfo("America/New_York")
DUE = dt.datetime(2026, 3, 8, 1, 30, tzinfo=NY)  # the night the clocks change: still a plain instant


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    monkeypatch.setattr(bulk, "BATCH", 3)  # several batches from a handful of rows


async def rows(db) -> list[OutboxMessage]:
    async with db.session() as s:
        return list((await s.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars())


async def test_rows_across_batches_keep_their_own_time_text_and_buttons(db):
    shared = [[("I'll be there", "yes:1"), ("Can't make it", "no:1")]]
    messages = [
        bulk.NewMessage(
            chat_id=100 + i,
            kind=OutboxKind.MEETING_REMINDER,
            text=f"Reminder {i % 2}",
            person_id=None,
            due_at=(DUE.astimezone(dt.UTC) + dt.timedelta(hours=i)).astimezone(NY),  # an hour apart each
            dedupe_key=f"k:{i}",
            buttons=shared if i < 4 else [[("Other", f"x:{i}")]],
        )
        for i in range(7)
    ]
    assert await in_tx(db, bulk.enqueue_many, messages) == 7
    found = await rows(db)
    assert [r.chat_id for r in found] == [100 + i for i in range(7)]
    for i, r in enumerate(found):
        assert r.due_at == r.next_try_at == DUE.astimezone(dt.UTC) + dt.timedelta(hours=i)
        assert r.status == "pending" and r.attempts == 0 and r.dedupe_key == f"k:{i}"
        body = json.loads(r.payload)
        assert body["text"] == f"Reminder {i % 2}"
        assert body["buttons"] == ([list(map(list, shared[0]))] if i < 4 else [[["Other", f"x:{i}"]]])


async def test_existing_keys_are_skipped_and_not_counted(db):
    await in_tx(db, enqueue, chat_id=1, kind=OutboxKind.MEETING_REMINDER, text="first", dedupe_key="k:1")
    messages = [bulk.NewMessage(chat_id=i, kind=OutboxKind.MEETING_REMINDER, text="again", dedupe_key=f"k:{i}")
                for i in range(5)]  # fmt: skip
    assert await in_tx(db, bulk.enqueue_many, messages) == 4
    found = {r.dedupe_key: json.loads(r.payload)["text"] for r in await rows(db)}
    assert found["k:1"] == "first" and len(found) == 5


async def test_a_row_without_a_due_time_is_due_now(db):
    with time_machine.travel(DUE, tick=False):
        await in_tx(db, bulk.enqueue_many, [bulk.NewMessage(chat_id=1, kind=OutboxKind.MEETING_REMINDER, text="now")])
    (row,) = await rows(db)
    assert row.due_at == row.created_at == row.next_try_at == DUE
