"""StandInClient: the user-side API of a StandIn running in another process, over /_standin/ endpoints.

async with StandInClient("http://127.0.0.1:8081") as standin:
    sam = await standin.add_user(1001, "Sam")
    reply = await sam.ask("/start")
"""

from __future__ import annotations

import base64
from typing import Any

import aiohttp

from standin.api import JSON, StandInApi
from standin.control import PREFIX
from standin.errors import StandInError
from standin.views import ChatMessage


class StandInClient(StandInApi):
    def __init__(self, url: str, *, timeout: float = 30.0) -> None:
        self.url = url.rstrip("/")
        self._timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> StandInClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _request(
        self, http_method: str, path: str, body: JSON | None = None, timeout: float | None = None
    ) -> Any:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self._timeout))
        payload = {k: v for k, v in (body or {}).items() if v is not None}
        request_timeout = aiohttp.ClientTimeout(total=timeout + self._timeout) if timeout is not None else None
        # Reads go in the query string, changes in a JSON body.
        query = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in payload.items()}
        arguments: JSON = {"params": query} if http_method == "GET" else {"json": payload}
        async with self._session.request(
            http_method, self.url + PREFIX + path, timeout=request_timeout, **arguments
        ) as response:
            answer = await response.json()
        if not answer.get("ok"):
            raise StandInError(answer.get("description", f"HTTP {response.status}"))
        return answer["result"]

    async def _object(self, http_method: str, path: str, body: JSON | None = None) -> JSON:
        result = await self._request(http_method, path, body)
        if not isinstance(result, dict):
            raise StandInError(f"expected an object from {path}, got {result!r}")
        return result

    async def health(self) -> JSON:
        """base_url and base_file_url of the stand-in, to configure a bot with."""
        return await self._object("GET", "/health")

    # --- StandInApi primitives ----------------------------------------------------------

    async def register_user(
        self,
        user_id: int,
        first_name: str | None = None,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> JSON:
        return await self._object(
            "POST",
            "/users",
            {
                "user_id": user_id,
                "first_name": first_name,
                "last_name": last_name,
                "username": username,
                "language_code": language_code,
            },
        )

    async def add_group(self, title: str, chat_id: int | None = None, kind: str = "group") -> int:
        return int(await self._request("POST", "/groups", {"title": title, "chat_id": chat_id, "kind": kind}))

    async def send_text(
        self,
        user_id: int,
        text: str,
        *,
        bot: str | int | None = None,
        chat_id: int | None = None,
        reply_to: int | None = None,
    ) -> JSON:
        return await self._object(
            "POST", f"/users/{user_id}/text", {"text": text, "bot": bot, "chat_id": chat_id, "reply_to": reply_to}
        )

    async def press(
        self,
        user_id: int,
        data: str | None = None,
        *,
        text: str | None = None,
        message_id: int | None = None,
        bot: str | int | None = None,
        chat_id: int | None = None,
    ) -> str:
        return str(
            await self._request(
                "POST",
                f"/users/{user_id}/press",
                {"data": data, "text": text, "message_id": message_id, "bot": bot, "chat_id": chat_id},
            )
        )

    async def send_document(
        self,
        user_id: int,
        content: bytes,
        file_name: str,
        mime_type: str | None = None,
        *,
        caption: str | None = None,
        bot: str | int | None = None,
        chat_id: int | None = None,
    ) -> JSON:
        return await self._object(
            "POST",
            f"/users/{user_id}/document",
            {
                "content_b64": base64.b64encode(content).decode(),
                "file_name": file_name,
                "mime_type": mime_type,
                "caption": caption,
                "bot": bot,
                "chat_id": chat_id,
            },
        )

    async def send_photo(
        self,
        user_id: int,
        content: bytes | None = None,
        *,
        caption: str | None = None,
        bot: str | int | None = None,
        chat_id: int | None = None,
    ) -> JSON:
        encoded = base64.b64encode(content).decode() if content is not None else None
        return await self._object(
            "POST",
            f"/users/{user_id}/photo",
            {"content_b64": encoded, "caption": caption, "bot": bot, "chat_id": chat_id},
        )

    async def send_sticker(
        self, user_id: int, emoji: str = "👍", *, bot: str | int | None = None, chat_id: int | None = None
    ) -> JSON:
        return await self._object("POST", f"/users/{user_id}/sticker", {"emoji": emoji, "bot": bot, "chat_id": chat_id})

    async def edit_text(
        self, user_id: int, message_id: int, text: str, *, bot: str | int | None = None, chat_id: int | None = None
    ) -> JSON:
        return await self._object(
            "POST", f"/users/{user_id}/edit", {"message_id": message_id, "text": text, "bot": bot, "chat_id": chat_id}
        )

    async def block(self, user_id: int, *, bot: str | int | None = None) -> None:
        await self._request("POST", f"/users/{user_id}/block", {"bot": bot})

    async def unblock(self, user_id: int, *, bot: str | int | None = None) -> None:
        await self._request("POST", f"/users/{user_id}/unblock", {"bot": bot})

    async def messages(
        self, chat_id: int, *, bot: str | int | None = None, include_user: bool = False
    ) -> list[ChatMessage]:
        shown = await self._request("GET", f"/chats/{chat_id}/messages", {"bot": bot, "include_user": include_user})
        return [ChatMessage.from_json(item) for item in shown]

    async def sent_count(self, chat_id: int, *, bot: str | int | None = None) -> int:
        return int(await self._request("GET", f"/chats/{chat_id}/sent_count", {"bot": bot}))

    async def reply_keyboard(self, chat_id: int, *, bot: str | int | None = None) -> JSON | None:
        result: JSON | None = await self._request("GET", f"/chats/{chat_id}/reply_keyboard", {"bot": bot})
        return result

    async def chat_action(self, chat_id: int, *, bot: str | int | None = None) -> str | None:
        result: str | None = await self._request("GET", f"/chats/{chat_id}/chat_action", {"bot": bot})
        return result

    async def commands_menu(
        self,
        chat_id: int,
        *,
        user_id: int | None = None,
        language_code: str | None = None,
        bot: str | int | None = None,
    ) -> list[JSON]:
        return list(
            await self._request(
                "GET", f"/chats/{chat_id}/commands", {"user_id": user_id, "language_code": language_code, "bot": bot}
            )
        )

    async def callback_answer(self, query_id: str, *, bot: str | int | None = None) -> JSON | None:
        result: JSON | None = await self._request("GET", f"/callbacks/{query_id}", {"bot": bot})
        return result

    async def bots(self) -> list[JSON]:
        return list(await self._request("GET", "/bots"))

    async def stats(self) -> JSON:
        return await self._object("GET", "/stats")

    async def add_fault(
        self,
        kind: int | str,
        count: int = 1,
        method: str | None = None,
        chat_id: int | None = None,
        *,
        retry_after: int = 5,
        delay: float | None = None,
        process: bool = False,
        description: str | None = None,
    ) -> None:
        await self._request(
            "POST",
            "/faults",
            {
                "kind": kind,
                "count": count,
                "method": method,
                "chat_id": chat_id,
                "retry_after": retry_after,
                "delay": delay,
                "process": process,
                "description": description,
            },
        )

    async def clear_faults(self) -> None:
        await self._request("DELETE", "/faults")

    async def set_limits(self, **changes: Any) -> JSON:
        return await self._object("POST", "/limits", changes)

    async def version(self) -> int:
        return int(await self._request("GET", "/version"))

    async def wait_change(self, since: int, timeout: float) -> int:
        # The server holds the request at most 60 s; longer waits are simply repeated by the caller.
        return int(await self._request("POST", "/wait", {"since": since, "timeout": timeout}, timeout=timeout))
