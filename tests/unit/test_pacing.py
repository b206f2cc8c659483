"""Pacing arithmetic on a hand-moved clock."""

import pytest

from bot.pacing import Pacer


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_slots_are_booked_when_sending_starts():
    """A send that takes 5 ms still leaves the next slot 1/30 s after the previous one began."""
    clock = Clock()
    pacer = Pacer(rate=30, chat_interval=1.0, monotonic=clock)
    starts = []
    for chat in range(60):
        clock.t += pacer.global_wait()
        starts.append(clock.t)
        pacer.take(chat)
        clock.t += 0.005  # the request itself
    rate = (len(starts) - 1) / (starts[-1] - starts[0])
    assert rate == pytest.approx(30, rel=1e-6)


def test_one_message_per_chat_per_interval():
    clock = Clock()
    pacer = Pacer(rate=30, chat_interval=1.0, monotonic=clock)
    pacer.take(7)
    assert pacer.chat_wait(7) == pytest.approx(1.0)
    assert pacer.chat_wait(8) == 0
    clock.t += 1.0
    assert pacer.chat_wait(7) == 0


def test_idle_time_does_not_become_a_burst():
    clock = Clock()
    pacer = Pacer(rate=10, chat_interval=0, monotonic=clock)
    pacer.take(1)
    clock.t += 60  # idle for a minute
    pacer.take(2)
    assert pacer.global_wait() == pytest.approx(0.1)


def test_retry_after_pauses_everything():
    clock = Clock()
    pacer = Pacer(monotonic=clock)
    pacer.pause(7)
    assert pacer.global_wait() == pytest.approx(7)
    clock.t += 7
    assert pacer.global_wait() == 0


def test_bad_rates_are_refused():
    with pytest.raises(ValueError):
        Pacer(rate=0)
