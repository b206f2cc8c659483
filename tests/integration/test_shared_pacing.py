"""Handler replies and the outbox loop draw on one sending budget."""

import pytest

from tests.support.harness import Harness


async def test_a_reply_waits_while_the_outbox_is_held_back_by_telegram(settings):
    """After a RetryAfter seen by the outbox, a reply waits it out too instead of drawing another 429."""
    h = Harness(settings, rate_limit=True)
    await h.start()
    try:
        waits: list[float] = []

        async def record(seconds: float) -> None:
            waits.append(seconds)

        h.bot.rate_limiter.sleep = record  # the real limiter, its clock's sleeps recorded instead of slept
        h.delivery.pacer.pause(12)
        replies = await h.send(5001, "hello?")
        assert "enrollment code" in replies[0]
        assert waits and waits[0] == pytest.approx(12, abs=0.5)
        # ...and the outbox now waits behind the slot the reply took.
        assert h.delivery.pacer.chat_wait(5001) > 0
    finally:
        await h.stop()
