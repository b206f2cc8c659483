"""Pacing arithmetic on a hand-moved clock, and handler replies sharing the outbox's budget."""

import pytest
from telegram.error import RetryAfter

from bot.delivery.pacing import Pacer, SharedRateLimiter
from standin import ManualClock


def test_slots_are_booked_when_sending_starts():
    """A send that takes 5 ms still leaves the next slot 1/30 s after the previous one began."""
    clock = ManualClock(start=100.0)
    pacer = Pacer(rate=30, chat_interval=1.0, monotonic=clock)
    starts = []
    for chat in range(60):
        clock.advance(pacer.reserve(chat))
        starts.append(clock.now)
        clock.advance(0.005)  # the request itself
    rate = (len(starts) - 1) / (starts[-1] - starts[0])
    assert rate == pytest.approx(30, rel=1e-6)


def test_senders_waiting_at_once_get_different_slots():
    clock = ManualClock(start=100.0)
    pacer = Pacer(rate=10, chat_interval=0, monotonic=clock)
    assert [pacer.reserve() for _ in range(3)] == pytest.approx([0.0, 0.1, 0.2])


def test_one_message_per_chat_per_interval():
    clock = ManualClock(start=100.0)
    pacer = Pacer(rate=30, chat_interval=1.0, monotonic=clock)
    pacer.reserve(7)
    assert pacer.chat_wait(7) == pytest.approx(1.0)
    assert pacer.chat_wait(8) == 0
    clock.advance(1.0)
    assert pacer.chat_wait(7) == 0


def test_idle_time_does_not_become_a_burst():
    clock = ManualClock(start=100.0)
    pacer = Pacer(rate=10, chat_interval=0, monotonic=clock)
    pacer.reserve(1)
    clock.advance(60)  # idle for a minute
    assert pacer.reserve(2) == 0
    assert pacer.global_wait() == pytest.approx(0.1)


def test_retry_after_pauses_everything():
    clock = ManualClock(start=100.0)
    pacer = Pacer(monotonic=clock)
    pacer.pause(7)
    assert pacer.global_wait() == pytest.approx(7)
    assert pacer.reserve() == pytest.approx(7)
    clock.advance(7)
    assert pacer.global_wait() == pytest.approx(1 / 30)


def test_bad_rates_are_refused():
    with pytest.raises(ValueError):
        Pacer(rate=0)


async def _call(limiter: SharedRateLimiter, clock: ManualClock, data: dict, sent: list, fail: Exception | None = None):
    async def send() -> bool:
        sent.append(clock.now)
        if fail is not None:
            raise fail
        return True

    return await limiter.process_request(send, (), {}, "sendMessage", data, None)


async def test_replies_and_outbox_share_one_overall_budget():
    """A reply waits behind slots the outbox booked, and the outbox behind the reply's."""
    clock = ManualClock(start=100.0)
    pacer = Pacer(rate=10, chat_interval=1.0, monotonic=clock)
    limiter = SharedRateLimiter(pacer, sleep=clock.sleep)
    await limiter.initialize()
    pacer.reserve(500)  # the outbox just sent to chat 500
    sent: list[float] = []
    await _call(limiter, clock, {"chat_id": 42, "text": "hi"}, sent)
    await _call(limiter, clock, {"chat_id": 42, "text": "and the menu"}, sent)
    assert sent == pytest.approx([100.1, 100.2])  # one slot each, a reply's second message not held for the chat
    assert pacer.global_wait() == pytest.approx(0.1)
    assert pacer.chat_wait(42) == pytest.approx(1.0)  # an outbox row to 42 now waits its turn


async def test_calls_that_are_not_messages_are_not_paced():
    clock = ManualClock(start=100.0)
    pacer = Pacer(rate=1, monotonic=clock)
    limiter = SharedRateLimiter(pacer, sleep=clock.sleep)
    await limiter.initialize()
    pacer.reserve()
    sent: list[float] = []
    await _call(limiter, clock, {"callback_query_id": "1"}, sent)
    assert sent == [100.0]


async def test_retry_after_on_a_reply_holds_back_that_chat_in_the_outbox_too():
    clock = ManualClock(start=100.0)
    pacer = Pacer(rate=30, monotonic=clock)
    limiter = SharedRateLimiter(pacer, max_retries=0, sleep=clock.sleep)
    await limiter.initialize()
    with pytest.raises(RetryAfter):
        await _call(limiter, clock, {"chat_id": 42, "text": "hi"}, [], fail=RetryAfter(12))
    assert pacer.chat_wait(42) == pytest.approx(12)
    assert pacer.global_wait() < 0.1  # one chat's 429 holds back nobody else


def test_a_429_for_one_chat_delays_that_chat_only():
    clock = ManualClock(start=100.0)
    pacer = Pacer(monotonic=clock)
    assert pacer.retry_after(1, 5) is False
    assert pacer.chat_wait(1) == pytest.approx(5) and pacer.reserve(2) == 0
    assert pacer.reserve(1) == pytest.approx(5)


def test_429s_for_many_chats_at_once_pause_all_but_crisis_replies():
    clock = ManualClock(start=100.0)
    pacer = Pacer(monotonic=clock)
    pacer.retry_after(1, 9)
    pacer.retry_after(2, 9)
    assert pacer.retry_after(3, 9) is True  # three chats within a second: Telegram means the whole bot
    assert pacer.global_wait() == pytest.approx(9)
    assert pacer.global_wait(urgent=True) < 0.1 and pacer.reserve(7, urgent=True) < 0.1
    assert pacer.reserve(8) == pytest.approx(9)
