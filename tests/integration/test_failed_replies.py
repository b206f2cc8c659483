"""A reply Telegram fails with a 5xx or a timeout is retried, then handed to the outbox: never lost."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot import texts
from bot.db.models import OutboxKind, OutboxMessage
from bot.services import replies
from conversations.settings import Choice, SettingsButton
from tests.support.harness import Harness

CLIENT = 6401


@pytest.fixture(autouse=True)
def no_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(replies, "RETRY_PAUSES", (0, 0))  # the backoff itself is not under test


async def _queued(harness: Harness) -> list[tuple[int, OutboxKind, str]]:
    async with harness.db.session() as s:
        rows = (await s.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars().all()
    return [(r.chat_id, r.kind, json.loads(r.payload)["text"]) for r in rows]


@pytest.mark.parametrize("fault", [500, 502, "hang"])
async def test_a_reply_that_fails_twice_arrives_on_the_third_try(harness: Harness, fault: object) -> None:
    await harness.enroll(CLIENT)
    harness.req.faults.add(fault, count=2, method="sendMessage", chat_id=CLIENT)
    replies_seen = await harness.send(CLIENT, "/help")
    assert len(replies_seen) == 1 and "/settings" in replies_seen[0]
    assert await _queued(harness) == [] and not harness.crashed()


@pytest.mark.parametrize("fault", [502, "hang"])
async def test_a_reply_telegram_keeps_refusing_goes_through_the_outbox(harness: Harness, fault: object) -> None:
    await harness.enroll(CLIENT)
    harness.req.faults.add(fault, count=3, method="sendMessage", chat_id=CLIENT)
    assert await harness.send(CLIENT, "/frobnicate") == []
    assert await _queued(harness) == [(CLIENT, OutboxKind.REPLY, texts.UNKNOWN_COMMAND)]
    await harness.delivery.run_once()  # Telegram is back: the owed reply arrives
    assert harness.req.texts(CLIENT)[-1] == texts.UNKNOWN_COMMAND


async def test_an_owed_reply_survives_the_update_rolling_back(harness: Harness) -> None:
    """The outbox row is written on its own: a handler failing afterwards does not take it back."""
    await harness.enroll(CLIENT)
    harness.req.faults.add(502, count=3, method="sendMessage", chat_id=CLIENT)
    await harness.send(CLIENT, "/frobnicate")
    await harness.restart()
    assert [k for _, k, _ in await _queued(harness)] == [OutboxKind.REPLY]


async def test_an_edit_that_keeps_failing_comes_as_a_new_message(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    harness.req.faults.add(502, count=3, method="editMessageText", chat_id=CLIENT)
    await harness.press(CLIENT, SettingsButton(Choice.ZONE).pack())
    queued = await _queued(harness)
    assert len(queued) == 1 and queued[0][:2] == (CLIENT, OutboxKind.REPLY) and not harness.crashed()


async def test_a_bad_request_is_not_retried(harness: Harness) -> None:
    harness.expect_error = True
    await harness.enroll(CLIENT)
    harness.req.faults.add(400, count=1, method="sendMessage", chat_id=CLIENT)
    harness.req.clear()
    await harness.send(CLIENT, "/frobnicate")
    assert len(harness.req.methods("sendMessage")) == 1  # the text itself is wrong: one try, then the error log
    assert await _queued(harness) == []
