"""Which of Telegram's rules are enforced, and the flood limits (token buckets on an injectable clock).

Telegram's published guidance: about one message per second in a single chat (short bursts
are tolerated), no more than 20 messages per minute in one group, and about 30 messages per
second overall. Sending methods (sendMessage, sendPhoto, sendDocument, ...) and message edits
count against both the chat's bucket and the bot's global bucket; everything else is free.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from typing import Any

Clock = Callable[[], float]


@dataclass
class Limits:
    """Switches and sizes of the rules; mutable at run time (also via POST /_standin/limits)."""

    flood: bool = True  # 429 Too Many Requests from the token buckets below
    validation: bool = True  # content rules: text/caption length, parse errors, keyboards, commands
    strict_chats: bool = True  # off: sending to an unknown chat id creates a private chat instead of failing
    count_edits: bool = True  # editMessage* spends flood tokens like a new message
    chat_burst: float = 3  # messages a private chat can take at once...
    chat_rate: float = 1.0  # ...refilled at this many per second
    group_burst: float = 20
    group_rate: float = 20 / 60
    global_burst: float = 30
    global_rate: float = 30.0

    def update(self, **changes: Any) -> None:
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise ValueError(f"unknown limit(s): {', '.join(sorted(unknown))}")
        for name, value in changes.items():
            # Values may arrive as strings from a query string or the command line.
            if isinstance(getattr(self, name), bool):
                value = value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes", "on")
            else:
                value = float(value)
            setattr(self, name, value)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class ManualClock:
    """A monotonic clock that moves only when told (flood limits here, pacing in the bot's tests): no real sleeps."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    async def sleep(self, seconds: float) -> None:
        """A sleep that takes no time: code under test that waits moves the clock instead."""
        self.advance(seconds)


class TokenBucket:
    def __init__(self, capacity: float, rate: float, now: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.stamp = now

    def _refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now

    def wait_time(self, now: float) -> float:
        """Seconds until one token is available (0 if one is there now)."""
        self._refill(now)
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1


class FloodControl:
    def __init__(self, limits: Limits, clock: Clock = time.monotonic) -> None:
        self.limits = limits
        self.clock = clock
        self._bots: dict[int, TokenBucket] = {}
        self._chats: dict[tuple[int, int], TokenBucket] = {}

    def check(self, bot_id: int, chat_id: int, is_group: bool) -> int | None:
        """Spends one message for the chat; returns retry_after seconds instead when over the limit.

        Nothing is spent on a refusal, as with Telegram: waiting retry_after is enough to get through.
        """
        if not self.limits.flood:
            return None
        now = self.clock()
        limits = self.limits
        overall = self._bots.get(bot_id)
        if overall is None:
            overall = self._bots[bot_id] = TokenBucket(limits.global_burst, limits.global_rate, now)
        key = (bot_id, chat_id)
        chat = self._chats.get(key)
        if chat is None:
            burst, rate = (limits.group_burst, limits.group_rate) if is_group else (limits.chat_burst, limits.chat_rate)
            chat = self._chats[key] = TokenBucket(burst, rate, now)
        wait = max(chat.wait_time(now), overall.wait_time(now))
        if wait > 0:
            return max(1, math.ceil(wait))
        chat.take()
        overall.take()
        return None

    def reset(self) -> None:
        self._bots.clear()
        self._chats.clear()
