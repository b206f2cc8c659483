"""A crash in the middle of a broadcast: every recipient gets it, duplicates at most one batch (both databases)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

import pytest
import time_machine
from telegram import Bot
from telegram.request import BaseRequest, RequestData

from bot.core.clock import now
from bot.db.models import Role
from bot.delivery import broadcast_copies, outbox
from bot.delivery.pacing import Pacer
from bot.domain.meetings import broadcasts
from tests.support.meetings import add_person

BATCH = 10


class CountingRequest(BaseRequest):
    """Answers sendMessage at once and counts the copies each chat received."""

    def __init__(self) -> None:
        self.received: Counter[int] = Counter()

    async def initialize(self) -> None: ...

    async def shutdown(self) -> None: ...

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None, *a: Any, **k: Any):  # type: ignore[no-untyped-def]
        chat_id = int(request_data.parameters["chat_id"]) if request_data else 0
        self.received[chat_id] += 1
        msg = {"message_id": 1, "date": 0, "chat": {"id": chat_id, "type": "private"}, "text": "x"}
        return 200, json.dumps({"ok": True, "result": msg}).encode()


async def test_crash_between_sending_and_recording_repeats_at_most_one_batch(db) -> None:
    staff = await add_person(db, 0, role=Role.STAFF)
    for n in range(1, 36):
        await add_person(db, n)
    async with db.session() as s, s.begin():
        bid, queued = await broadcast_copies.start(s, staff, "clients", "", "text", "Hello all", now())
    assert queued == 35
    request = CountingRequest()
    delivery = outbox.Delivery(db, Bot("1:X", request=request), outbox.Policy(batch_size=BATCH),
                               Pacer(rate=1e9, chat_interval=0))  # fmt: skip
    await delivery.run_once()  # batch 1 recorded
    real_record = delivery._record

    async def crash(*args: Any) -> None:
        raise RuntimeError("process killed after sending, before recording")

    delivery._record = crash  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        await delivery.run_once()  # batch 2 sent, never recorded: its rows stay claimed
    delivery._record = real_record  # type: ignore[method-assign]
    with time_machine.travel(now() + dt.timedelta(minutes=1)):  # the lease of the lost batch runs out
        while (await delivery.run_once()).handled:
            pass
        async with db.session() as s:
            p = await broadcasts.progress(s, bid)
    assert p is not None and (p.sent, p.pending, p.failed) == (35, 0, 0)
    assert len(request.received) == 35 and min(request.received.values()) == 1
    duplicates = sum(request.received.values()) - 35
    assert 0 < duplicates <= BATCH
