"""One sending budget for the whole bot: under the overall rate, one message per chat per interval.

`Pacer` is pure timing arithmetic on an injected monotonic clock, so tests move time by hand.
The outbox loop and `SharedRateLimiter` (handler replies) book slots from the same Pacer, so
together they stay under Telegram's overall limit instead of each using all of it.

A RetryAfter is about one chat unless several chats hear it at once: one chat's 429 holds
back that chat only; `GLOBAL_CHATS` chats told to wait within `GLOBAL_WINDOW` seconds hold
back the whole bot, except crisis replies (`URGENT`), which also go first once it lifts.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import time
from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

GLOBAL_CHATS = 3  # distinct chats told RetryAfter within the window: Telegram means the whole bot
GLOBAL_WINDOW = 1.0  # seconds

# Set while a crisis reply is being sent: a bot-wide pause does not hold it back.
URGENT: ContextVar[bool] = ContextVar("urgent_send", default=False)


class Pacer:
    def __init__(
        self, rate: float = 30.0, chat_interval: float = 1.0, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        if rate <= 0 or chat_interval < 0:
            raise ValueError("rate must be > 0 and chat_interval >= 0")
        self.interval = 1.0 / rate
        self.chat_interval = chat_interval
        self.monotonic = monotonic
        self._next_global = 0.0
        self._next_chat: dict[int, float] = {}
        self._chat_paused: dict[int, float] = {}  # chat -> until when Telegram asked us to wait
        self._recent: list[tuple[float, int]] = []  # (when, chat) of recent RetryAfters
        self._paused_until = 0.0

    def global_wait(self, *, urgent: bool = False) -> float:
        """Seconds until the next message may go out at all (a crisis reply ignores a bot-wide pause)."""
        paused = 0.0 if urgent else self._paused_until
        return max(0.0, max(self._next_global, paused) - self.monotonic())

    def chat_wait(self, chat_id: int) -> float:
        """Seconds until this chat may receive its next message."""
        until = max(self._next_chat.get(chat_id, 0.0), self._chat_paused.get(chat_id, 0.0))
        return max(0.0, until - self.monotonic())

    def reserve(self, chat_id: int | None = None, *, urgent: bool = False) -> float:
        """Book the next free overall slot (and the chat's next one); returns seconds to wait for it.

        Booking happens before the wait and in one synchronous step, so senders that wait at
        the same time get different slots, and the time a request takes overlaps the interval
        instead of adding to it (sending at the full rate, never above it).
        """
        now = self.monotonic()
        # max(now, ...) keeps an idle spell from turning into a burst afterwards.
        start = max(now, self._next_global, 0.0 if urgent else self._paused_until)
        if chat_id is not None:
            start = max(start, self._chat_paused.get(chat_id, 0.0))
        self._next_global = start + self.interval
        if chat_id is not None:
            self._next_chat[chat_id] = start + self.chat_interval
            if len(self._next_chat) > 10_000:
                self._next_chat = {c: t for c, t in self._next_chat.items() if t > now}
                self._chat_paused = {c: t for c, t in self._chat_paused.items() if t > now}
        return start - now

    def pause(self, seconds: float) -> None:
        """Hold everything (but crisis replies) for that long."""
        self._paused_until = max(self._paused_until, self.monotonic() + seconds)

    def retry_after(self, chat_id: int | None, seconds: float) -> bool:
        """Telegram said RetryAfter on a send to `chat_id`: hold that chat, or everything if many chats hear it.

        Returns True when the whole bot is held back.
        """
        now = self.monotonic()
        if chat_id is None:
            self.pause(seconds)
            return True
        self._chat_paused[chat_id] = max(self._chat_paused.get(chat_id, 0.0), now + seconds)
        self._recent = [(t, c) for t, c in self._recent if now - t <= GLOBAL_WINDOW] + [(now, chat_id)]
        if len({c for _, c in self._recent}) >= GLOBAL_CHATS:
            self.pause(seconds)
            return True
        return False


# PTB 22.2 deprecates reading RetryAfter.retry_after as an int (it becomes a timedelta). Opt in to
# the coming behaviour now rather than read the deprecated form; as_seconds takes either.
os.environ.setdefault("PTB_TIMEDELTA", "1")


def as_seconds(value: float | dt.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


class SharedRateLimiter(AIORateLimiter):
    """PTB's rate limiter for handler replies, drawing on the outbox's Pacer for the overall rate.

    Keeps AIORateLimiter's retry on RetryAfter (and its group limits); its own overall limiter
    is switched off, because a second 30/s budget beside the outbox's would allow 60/s.
    """

    def __init__(
        self, pacer: Pacer, *, max_retries: int = 2, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    ) -> None:
        super().__init__(overall_max_rate=0, max_retries=max_retries)
        self.pacer = pacer
        self.sleep = sleep

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        if data.get("chat_id") is None:  # getUpdates, answerCallbackQuery, setMyCommands: not messages
            return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)

        chat = data["chat_id"] if isinstance(data["chat_id"], int) else None

        async def paced(*a: Any, **kw: Any) -> Any:
            # Books the chat's slot without waiting for it (a reply may be two messages in a
            # row), so a queued outbox message to this chat waits its turn behind the reply.
            await self.sleep(self.pacer.reserve(chat, urgent=URGENT.get()))
            try:
                return await callback(*a, **kw)
            except RetryAfter as exc:
                self.pacer.retry_after(chat, as_seconds(exc.retry_after))  # the outbox holds back too
                raise

        return await super().process_request(paced, args, kwargs, endpoint, data, rate_limit_args)
