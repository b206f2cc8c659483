"""Pacing for bot-initiated messages: under the overall rate and one message per chat per interval.

Pure timing arithmetic on an injected monotonic clock, so tests move time by hand.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class Pacer:
    def __init__(self, rate: float = 30.0, chat_interval: float = 1.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        if rate <= 0 or chat_interval < 0:
            raise ValueError("rate must be > 0 and chat_interval >= 0")
        self.interval = 1.0 / rate
        self.chat_interval = chat_interval
        self.monotonic = monotonic
        self._next_global = 0.0
        self._next_chat: dict[int, float] = {}
        self._paused_until = 0.0

    def global_wait(self) -> float:
        """Seconds until the next message may go out at all."""
        return max(0.0, max(self._next_global, self._paused_until) - self.monotonic())

    def chat_wait(self, chat_id: int) -> float:
        """Seconds until this chat may receive its next message."""
        return max(0.0, self._next_chat.get(chat_id, 0.0) - self.monotonic())

    def take(self, chat_id: int) -> None:
        """Book the slot for a message about to go out to `chat_id`.

        Booked when sending starts, not when it ends, so the time a request takes overlaps
        the interval instead of adding to it (sending at the full rate, never above it).
        """
        now = self.monotonic()
        # max(now, ...) keeps an idle spell from turning into a burst afterwards.
        self._next_global = max(now, self._next_global) + self.interval
        self._next_chat[chat_id] = now + self.chat_interval
        if len(self._next_chat) > 10_000:
            self._next_chat = {c: t for c, t in self._next_chat.items() if t > now}

    def pause(self, seconds: float) -> None:
        """Telegram said RetryAfter: hold everything for that long."""
        self._paused_until = max(self._paused_until, self.monotonic() + seconds)
