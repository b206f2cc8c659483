"""Fault injection: make the next N matching Bot API calls fail the way Telegram's servers can fail.

Used by the stand-in's HTTP server and by the tests' offline BaseRequest, so both fail alike.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, Literal

from standin.errors import ApiError, too_many_requests

FaultKind = Literal[400, 403, 429, 500, 502, "hang"]
KINDS: tuple[FaultKind, ...] = (400, 403, 429, 500, 502, "hang")

# The answers Telegram gives for each status, word for word where it matters to a bot.
_DESCRIPTIONS = {
    400: "Bad Request: injected fault",
    403: "Forbidden: bot was blocked by the user",
    500: "Internal Server Error",
}
# A 502 comes from Telegram's nginx, not from the Bot API: an HTML page, not JSON.
BAD_GATEWAY_HTML = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n"
    "</body>\r\n</html>\r\n"
)


@dataclass
class Fault:
    kind: FaultKind
    remaining: int
    method: str | None = None  # None: any method except getUpdates (so a polling bot does not eat it)
    chat_id: int | None = None
    retry_after: int = 5  # for 429
    delay: float | None = None  # for "hang": seconds to hold the request (None: Faults.hang_seconds)
    process: bool = False  # for "hang": after the delay, perform the call anyway and answer late
    description: str | None = None

    def matches(self, method: str, chat_id: int | None) -> bool:
        if self.method is None:
            if method.lower() == "getupdates":
                return False
        elif self.method.lower() != method.lower():
            return False
        return self.chat_id is None or self.chat_id == chat_id

    def error(self) -> ApiError:
        """The error answer for a status-code fault ("hang" and 502 are answered by the server)."""
        if self.kind == 429:
            return too_many_requests(self.retry_after)
        assert isinstance(self.kind, int)
        return ApiError(self.kind, self.description or _DESCRIPTIONS.get(self.kind, "Injected fault"))

    def http_answer(self) -> tuple[int, str, str]:
        """(status, body, content type) as Telegram's servers answer; "hang" has none: it outlasts the client."""
        if self.kind == "hang":
            raise ValueError("a hang has no answer")
        if self.kind == 502:
            return 502, BAD_GATEWAY_HTML, "text/html"
        error = self.error()
        return error.code, json.dumps(error.to_json()), "application/json"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class Faults:
    """The armed faults, checked in the order they were added; each expires after `count` hits."""

    def __init__(self, hang_seconds: float = 30.0) -> None:
        self.hang_seconds = hang_seconds
        self._armed: list[Fault] = []
        self.fired = 0

    def add(
        self,
        kind: FaultKind | str | int,
        count: int = 1,
        method: str | None = None,
        chat_id: int | None = None,
        *,
        retry_after: int = 5,
        delay: float | None = None,
        process: bool = False,
        description: str | None = None,
    ) -> Fault:
        parsed = _parse_kind(kind)
        if count < 1:
            raise ValueError("count must be at least 1")
        fault = Fault(parsed, count, method, chat_id, retry_after, delay, process, description)
        self._armed.append(fault)
        return fault

    def take(self, method: str, chat_id: int | None) -> Fault | None:
        for fault in self._armed:
            if fault.matches(method, chat_id):
                fault.remaining -= 1
                if fault.remaining == 0:
                    self._armed.remove(fault)
                self.fired += 1
                return fault
        return None

    def clear(self) -> None:
        self._armed.clear()

    @property
    def armed(self) -> list[Fault]:
        return list(self._armed)


def _parse_kind(kind: FaultKind | str | int) -> FaultKind:
    if kind == "hang":
        return "hang"
    try:
        code = int(kind)
    except (TypeError, ValueError):
        code = -1
    for known in KINDS:
        if known == code:
            return known
    raise ValueError(f"unknown fault kind {kind!r}; expected one of {KINDS}")
