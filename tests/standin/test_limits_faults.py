"""Flood limits on a manual clock, and injected faults as PTB sees them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from standin import ManualClock, StandIn, TelegramUser
from standin.limits import FloodControl, Limits, TokenBucket


def seconds(value: object) -> float:
    """RetryAfter.retry_after is an int in PTB 22 and a timedelta when PTB_TIMEDELTA is set."""
    return value.total_seconds() if isinstance(value, timedelta) else float(value)  # type: ignore[arg-type]


async def test_a_burst_to_one_chat_is_refused_on_the_fourth_message(
    bot: Bot, standin: StandIn, clock: ManualClock, sam: TelegramUser
) -> None:
    await standin.set_limits(flood=True)
    for n in range(3):
        await bot.send_message(1001, f"burst {n}")
    with pytest.raises(RetryAfter) as refused:
        await bot.send_message(1001, "one too many")
    assert seconds(refused.value.retry_after) == 1
    assert len(await sam.messages()) == 3  # the refused message was not delivered
    clock.advance(1.0)
    await bot.send_message(1001, "after waiting")
    with pytest.raises(RetryAfter):
        await bot.send_message(1001, "the refill was one message")
    stats = await standin.stats()
    assert stats["flood_429"] == 2 and stats["messages_per_chat"]["1001"] == 4 and stats["errors"]["429"] == 2


async def test_edits_count_against_the_chat_limit(
    bot: Bot, standin: StandIn, clock: ManualClock, sam: TelegramUser
) -> None:
    await standin.set_limits(flood=True)
    sent = await bot.send_message(1001, "v0")
    await bot.edit_message_text("v1", chat_id=1001, message_id=sent.message_id)
    await bot.edit_message_text("v2", chat_id=1001, message_id=sent.message_id)
    with pytest.raises(RetryAfter):
        await bot.edit_message_text("v3", chat_id=1001, message_id=sent.message_id)
    await standin.set_limits(count_edits=False)
    await bot.edit_message_text("v3", chat_id=1001, message_id=sent.message_id)


async def test_thirty_messages_per_second_overall(bot: Bot, standin: StandIn, clock: ManualClock) -> None:
    await standin.set_limits(flood=True)
    for user_id in range(1, 32):
        await standin.send_text(user_id, "hi")
    for user_id in range(1, 31):
        await bot.send_message(user_id, "announcement")
    with pytest.raises(RetryAfter):
        await bot.send_message(31, "the 31st in the same second")
    clock.advance(1 / 30 + 0.001)
    await bot.send_message(31, "one more token after 1/30 s")
    assert standin.counters.flood_429 == 1


def test_group_chats_have_a_per_minute_limit() -> None:
    clock = ManualClock()
    flood = FloodControl(Limits(), clock)
    assert all(flood.check(1, -5, is_group=True) is None for _ in range(20))
    assert flood.check(1, -5, is_group=True) == 3  # 20 per minute: one every 3 s
    bucket = TokenBucket(capacity=2, rate=0.5, now=0)
    bucket.take()
    bucket.take()
    assert bucket.wait_time(1.0) == pytest.approx(1.0)


async def test_flood_off_lets_any_burst_through(bot: Bot, standin: StandIn, sam: TelegramUser) -> None:
    for n in range(10):
        await bot.send_message(1001, f"fast {n}")
    assert len(await sam.messages()) == 10 and standin.counters.flood_429 == 0


async def test_injected_429_500_502_403(bot: Bot, standin: StandIn, sam: TelegramUser) -> None:
    standin.faults.add(429, retry_after=7, method="sendMessage")
    with pytest.raises(RetryAfter) as refused:
        await bot.send_message(1001, "x")
    assert seconds(refused.value.retry_after) == 7
    standin.faults.add(500, method="sendMessage")
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(1001, "x")
    standin.faults.add(502)
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(1001, "x")
    standin.faults.add(403, chat_id=1001)
    with pytest.raises(Forbidden, match="blocked"):
        await bot.send_message(1001, "x")
    standin.faults.add(400, description="Bad Request: custom")
    with pytest.raises(BadRequest, match="Custom"):
        await bot.send_message(1001, "x")
    assert await sam.messages() == []  # none of the failed calls did anything
    await bot.send_message(1001, "all faults used up")
    assert standin.counters.faults_fired == 5 and standin.faults.armed == []


async def test_faults_match_method_and_chat_and_expire_after_count(
    bot: Bot, standin: StandIn, sam: TelegramUser
) -> None:
    await standin.send_text(2002, "other user")
    standin.faults.add(500, count=2, method="sendMessage", chat_id=1001)
    await bot.get_me()  # another method: untouched
    await bot.send_message(2002, "another chat: untouched")
    for _ in range(2):
        with pytest.raises(NetworkError):
            await bot.send_message(1001, "x")
    await bot.send_message(1001, "third call goes through")
    standin.faults.add(500)  # no method: anything but getUpdates, so a polling bot does not eat it
    assert await bot.get_updates() is not None
    await standin.clear_faults()
    await bot.send_message(1001, "cleared")


async def test_hang_holds_the_request_past_the_client_timeout(bot: Bot, standin: StandIn, sam: TelegramUser) -> None:
    standin.faults.add("hang", method="sendMessage")  # held for hang_seconds (5 s), then dropped
    with pytest.raises(TimedOut):
        await bot.send_message(1001, "lost", read_timeout=0.1)
    assert await sam.messages() == []
    standin.faults.add("hang", method="sendMessage", delay=0.2, process=True)
    with pytest.raises(TimedOut):
        await bot.send_message(1001, "delivered late", read_timeout=0.05)
    [late] = await sam.wait_for_messages(1)  # the call went through after the client gave up
    assert late.text == "delivered late"


def test_fault_kinds_are_checked() -> None:
    from standin import Faults

    with pytest.raises(ValueError, match="unknown fault kind"):
        Faults().add(418)
    with pytest.raises(ValueError, match="count"):
        Faults().add(500, count=0)
