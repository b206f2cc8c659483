"""An offline Bot API for integration tests: a BaseRequest that answers like Telegram.

Every call is recorded; sent messages are kept per chat so tests assert what a user sees.
Nothing leaves the process. Injected faults are the stand-in's (`standin.Faults`), so a fault
looks the same here as over HTTP; a "hang" is a timeout at once, as the client would see it,
and a "hang" with process=True is a slow answer: held until the test calls `release()` (or
its delay passes), then answered.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

from standin import Faults

BOT_USER = {
    "id": 777000,
    "is_bot": True,
    "first_name": "IOP Companion",
    "username": "iop_companion_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


@dataclass
class Sent:
    method: str
    chat_id: int | None
    text: str
    params: dict[str, Any]
    message_id: int = 0

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback_data) of every inline button, row by row."""
        markup = self.params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        if not markup or "inline_keyboard" not in markup:
            return []
        return [(b["text"], b.get("callback_data", "")) for row in markup["inline_keyboard"] for b in row]


@dataclass
class OfflineRequest(BaseRequest):
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)
    faults: Faults = field(default_factory=Faults)
    files: dict[str, bytes] = field(default_factory=dict)  # file_id -> content a user "uploaded"
    sizeless: set[str] = field(default_factory=set)  # file_ids whose getFile states no size (a hostile server)
    answered: set[str] = field(default_factory=set)
    uploads: list[tuple[str, str, bytes]] = field(default_factory=list)  # (method, file name, content) sent by the bot
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1000))
    _released: asyncio.Event | None = None

    def release(self) -> None:
        """Let every held ("hang" with process=True) call answer now, and later ones at once."""
        self._gate().set()

    def _gate(self) -> asyncio.Event:
        if self._released is None:
            self._released = asyncio.Event()
        return self._released

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        if "/file/bot" in url:  # a download of a file the user sent
            return 200, self.files[url.rsplit("/", 1)[-1]]
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        self.calls.append((api_method, params))
        if request_data is not None and request_data.contains_files:
            for name, part in request_data.multipart_data.items():
                self.uploads.append((api_method, part[0] if isinstance(part, tuple) else name, part[1]))
        if api_method == "answerCallbackQuery":  # Telegram takes one answer per query
            if params["callback_query_id"] in self.answered:
                return 400, json.dumps(
                    {
                        "ok": False,
                        "error_code": 400,
                        "description": "Bad Request: query is too old and response timeout expired",
                    }
                ).encode()
            self.answered.add(params["callback_query_id"])
        fault = self.faults.take(api_method, _chat_id(params))
        if fault is not None:
            if fault.kind == "hang" and fault.process:
                with contextlib.suppress(TimeoutError):  # the delay passed: answer late
                    await asyncio.wait_for(self._gate().wait(), fault.delay)
            elif fault.kind == "hang":
                raise TimedOut("injected hang")
            else:
                status, body, _ = fault.http_answer()
                return status, body.encode()
        return 200, json.dumps({"ok": True, "result": self._result(api_method, params)}).encode()

    def _message(self, chat_id: int, params: dict[str, Any], **extra: Any) -> dict[str, Any]:
        msg = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "User"},
            "from": BOT_USER,
            **extra,
        }
        if params.get("reply_markup"):
            markup = params["reply_markup"]
            msg["reply_markup"] = json.loads(markup) if isinstance(markup, str) else markup
        return msg

    def _result(self, method: str, p: dict[str, Any]) -> Any:
        chat_id = int(p["chat_id"]) if "chat_id" in p else None
        if method == "getMe":
            return BOT_USER
        if method in ("sendMessage", "sendPhoto", "sendDocument"):
            text = p.get("text") or p.get("caption") or ""
            extra: dict[str, Any] = {"text": text} if method == "sendMessage" else {"caption": text}
            if method == "sendPhoto":
                extra["photo"] = [{"file_id": "ph1", "file_unique_id": "u1", "width": 10, "height": 10}]
            if method == "sendDocument":
                extra["document"] = {"file_id": "doc1", "file_unique_id": "u2", "file_name": "f"}
            msg = self._message(chat_id or 0, p, **extra)
            self.sent.append(Sent(method, chat_id, text, p, msg["message_id"]))
            return msg
        if method == "editMessageText":
            self.sent.append(Sent(method, chat_id, p.get("text", ""), p, int(p.get("message_id", 0))))
            return self._message(chat_id or 0, p, text=p.get("text", ""))
        if method == "editMessageReplyMarkup":
            return self._message(chat_id or 0, p, text="")
        if method == "getFile":
            found = {"file_id": p["file_id"], "file_unique_id": "u", "file_path": f"documents/{p['file_id']}"}
            if p["file_id"] in self.files and p["file_id"] not in self.sizeless:  # Telegram states the size
                found["file_size"] = len(self.files[p["file_id"]])
            return found
        if method == "getUpdates":
            return []
        return True

    # --- what tests read -------------------------------------------------------------
    def texts(self, chat_id: int) -> list[str]:
        return [s.text for s in self.sent if s.chat_id == chat_id]

    def last(self, chat_id: int) -> Sent:
        mine = [s for s in self.sent if s.chat_id == chat_id]
        assert mine, f"nothing was sent to chat {chat_id}"
        return mine[-1]

    def methods(self, name: str) -> list[dict[str, Any]]:
        return [p for m, p in self.calls if m == name]

    def clear(self) -> None:
        self.calls.clear()
        self.sent.clear()


def _chat_id(params: dict[str, Any]) -> int | None:
    """The numeric chat id of a call, if it has one (PTB sends it as int or str; "@name" is not one)."""
    try:
        return int(params["chat_id"])
    except (KeyError, TypeError, ValueError):
        return None
