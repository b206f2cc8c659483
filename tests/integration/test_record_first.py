"""Record first, then speak: a flagged message's alert is committed before any reply is tried,
so nothing Telegram or the rest of the update does afterwards can take it back."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from sqlalchemy import select

from bot import texts
from bot.db.models import Alert, OutboxMessage, Role
from bot.services import replies as reply_service
from bot.services import writer
from conversations.safety import crisis
from tests.support.harness import Harness

CLIENT, THERAPIST = 131, 531


@pytest.fixture(autouse=True)
def no_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reply_service, "RETRY_PAUSES", (0, 0))


async def _client(harness: Harness) -> None:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    await harness.enroll(CLIENT, therapist_id=therapist.id)
    harness.req.clear()


async def _alerts(harness: Harness) -> list[tuple[str, bool]]:
    """(severity, has a next escalation time) of every alert."""
    async with harness.db.session() as s:
        rows = (await s.execute(select(Alert).order_by(Alert.id))).scalars()
        return [(a.severity, a.next_escalation_at is not None) for a in rows]


async def test_the_alert_is_committed_before_the_reply_is_tried(harness: Harness) -> None:
    await _client(harness)
    seen_when_replying: list[list[tuple[str, bool]]] = []
    original = harness.req.do_request

    async def spy(url: str, method: str, request_data: Any = None, *args: Any, **kw: Any) -> tuple[int, bytes]:
        text = str(request_data.parameters.get("text", "")) if request_data is not None else ""
        if url.endswith("/sendMessage") and "988" in text:
            seen_when_replying.append(await _alerts(harness))  # read through another connection
        return await original(url, method, request_data, *args, **kw)

    harness.req.do_request = spy  # type: ignore[method-assign]
    await harness.send(CLIENT, "i want to kill myself")
    assert seen_when_replying == [[("crisis", True)]]


@pytest.mark.parametrize(
    ("fault", "kw"),
    [
        (403, {"description": "Forbidden: bot was blocked by the user"}),
        (400, {"description": "Bad Request: message is too long"}),
        (429, {"retry_after": 30}),
    ],
)
async def test_a_refused_crisis_reply_keeps_the_alert_and_no_apology(
    harness: Harness, fault: int, kw: dict[str, Any]
) -> None:
    await _client(harness)
    harness.req.faults.add(fault, count=1, method="sendMessage", chat_id=CLIENT, **kw)
    await harness.send(CLIENT, "i want to kill myself")
    assert await _alerts(harness) == [("crisis", True)]  # the escalation loop carries it
    assert texts.ERROR not in harness.req.texts(CLIENT)
    async with harness.db.session() as s:
        pushes = (await s.execute(select(OutboxMessage.chat_id).where(OutboxMessage.kind == "alert"))).scalars()
        assert THERAPIST in list(pushes)


async def test_a_rate_limited_crisis_reply_waits_in_the_outbox_for_the_time_telegram_gave(harness: Harness) -> None:
    await _client(harness)
    harness.req.faults.add(429, count=1, method="sendMessage", chat_id=CLIENT, retry_after=30)
    await harness.send(CLIENT, "i want to kill myself")
    async with harness.db.session() as s:
        row = (await s.execute(select(OutboxMessage).where(OutboxMessage.kind == "crisis-reply"))).scalar_one()
    assert "988" in json.loads(row.payload)["text"]
    assert 25 <= (row.next_try_at - row.created_at).total_seconds() <= 35


async def test_a_failure_later_in_the_update_leaves_the_alert(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The update's own work rolls back (here the safety-plan step raises); the alert was already committed."""
    harness.expect_error = True
    await _client(harness)

    async def broken(*_: object) -> None:
        raise RuntimeError("database went away mid-update")

    monkeypatch.setattr(crisis, "_send_plan", broken)
    replies = await harness.send(CLIENT, "i want to kill myself")
    assert "988" in replies[0]
    assert await _alerts(harness) == [("crisis", True)]


async def test_the_reply_says_the_team_is_being_told_only_to_a_client(harness: Harness) -> None:
    await _client(harness)
    told = await harness.send(CLIENT, "i want to kill myself")
    assert texts.CRISIS_TELLING_TEAM in told[0] and texts.CLIENT_RECEIPT_TOLD not in told
    stranger = await harness.send(4545, "i want to kill myself")
    assert "988" in stranger[0] and texts.CRISIS_TELLING_TEAM not in stranger[0]


async def test_a_hanging_database_does_not_hold_the_crisis_lines_back(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database that neither answers nor refuses: the guard stops waiting to learn who wrote, and the
    record, after their bounds; the lines go out without a claim that anyone was told."""
    from bot.services import crisis_record

    await _client(harness)
    people = harness.app.bot_data["services"].people
    stuck = asyncio.Event()

    async def hangs(*_: Any) -> None:
        await stuck.wait()

    monkeypatch.setattr(writer, "LOOKUP_SECONDS", 0.01)
    monkeypatch.setattr(crisis_record, "RECORD_SECONDS", 0.01)
    monkeypatch.setattr(people, "by_telegram_id", hangs)
    task = asyncio.create_task(harness.send(CLIENT, "i want to kill myself"))
    for _ in range(200):  # the event loop's own turns, not a clock: done once both bounds have passed
        if [s for s in harness.req.sent if s.chat_id == CLIENT]:
            break
        await asyncio.sleep(0.01)
    [reply] = [s.text for s in harness.req.sent if s.chat_id == CLIENT]
    assert "988" in reply and texts.CRISIS_TELLING_TEAM not in reply
    stuck.set()  # the database comes back: the update and the shielded record finish
    await task
