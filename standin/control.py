"""Control endpoints under /_standin/: the user-side API as JSON over HTTP, for other processes.

Every endpoint calls the same StandIn method the in-process API uses. Answers are
{"ok": true, "result": ...} or, for a request the stand-in cannot do, HTTP 400 with
{"ok": false, "description": ...}. Arguments come from the JSON body and/or the query string;
`bot` (a token or bot id) picks the bot when more than one is connected.
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from standin.errors import StandInError

if TYPE_CHECKING:
    from standin.server import StandIn

PREFIX = "/_standin"
Args = dict[str, Any]
Endpoint = Callable[[web.Request, Args], Awaitable[Any]]


def _handler(endpoint: Endpoint) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handle(request: web.Request) -> web.Response:
        try:
            body = await request.json() if request.body_exists else {}
            if not isinstance(body, dict):
                raise ValueError("the request body must be a JSON object")
            result = await endpoint(request, {**request.query, **body})
        except (StandInError, ValueError, KeyError, TypeError) as exc:
            return web.json_response({"ok": False, "description": f"{exc.__class__.__name__}: {exc}"}, status=400)
        return web.json_response({"ok": True, "result": result})

    return handle


def _int(args: Args, name: str) -> int | None:
    value = args.get(name)
    return None if value in (None, "") else int(value)


def _flag(args: Args, name: str) -> bool:
    value = args.get(name)
    return value is True or str(value).lower() in ("1", "true", "yes")


def _bytes(args: Args, name: str) -> bytes | None:
    value = args.get(name)
    return None if value is None else base64.b64decode(value)


def add_control_routes(app: web.Application, standin: StandIn) -> None:
    s = standin

    def user(request: web.Request) -> int:
        return int(request.match_info["user_id"])

    def chat(request: web.Request) -> int:
        return int(request.match_info["chat_id"])

    async def health(request: web.Request, a: Args) -> Any:
        return {"base_url": s.base_url, "base_file_url": s.base_file_url}

    async def bots(request: web.Request, a: Args) -> Any:
        return await s.bots()

    async def add_user(request: web.Request, a: Args) -> Any:
        return await s.register_user(
            int(a["user_id"]),
            a.get("first_name"),
            last_name=a.get("last_name"),
            username=a.get("username"),
            language_code=a.get("language_code", "en"),
        )

    async def add_group(request: web.Request, a: Args) -> Any:
        return await s.add_group(a["title"], _int(a, "chat_id"), a.get("kind", "group"))

    async def text(request: web.Request, a: Args) -> Any:
        return await s.send_text(
            user(request), a["text"], bot=a.get("bot"), chat_id=_int(a, "chat_id"), reply_to=_int(a, "reply_to")
        )

    async def command(request: web.Request, a: Args) -> Any:
        return await s.send_command(
            user(request), a["command"], a.get("args", ""), bot=a.get("bot"), chat_id=_int(a, "chat_id")
        )

    async def press(request: web.Request, a: Args) -> Any:
        return await s.press(
            user(request),
            a.get("data"),
            text=a.get("text"),
            message_id=_int(a, "message_id"),
            bot=a.get("bot"),
            chat_id=_int(a, "chat_id"),
        )

    async def document(request: web.Request, a: Args) -> Any:
        return await s.send_document(
            user(request),
            _bytes(a, "content_b64") or b"",
            a["file_name"],
            a.get("mime_type"),
            caption=a.get("caption"),
            bot=a.get("bot"),
            chat_id=_int(a, "chat_id"),
        )

    async def photo(request: web.Request, a: Args) -> Any:
        return await s.send_photo(
            user(request),
            _bytes(a, "content_b64"),
            caption=a.get("caption"),
            bot=a.get("bot"),
            chat_id=_int(a, "chat_id"),
        )

    async def sticker(request: web.Request, a: Args) -> Any:
        return await s.send_sticker(user(request), a.get("emoji", "👍"), bot=a.get("bot"), chat_id=_int(a, "chat_id"))

    async def edit(request: web.Request, a: Args) -> Any:
        return await s.edit_text(
            user(request), int(a["message_id"]), a["text"], bot=a.get("bot"), chat_id=_int(a, "chat_id")
        )

    async def block(request: web.Request, a: Args) -> Any:
        await s.block(user(request), bot=a.get("bot"))
        return True

    async def unblock(request: web.Request, a: Args) -> Any:
        await s.unblock(user(request), bot=a.get("bot"))
        return True

    async def messages(request: web.Request, a: Args) -> Any:
        shown = await s.messages(chat(request), bot=a.get("bot"), include_user=_flag(a, "include_user"))
        return [m.to_json() for m in shown]

    async def sent_count(request: web.Request, a: Args) -> Any:
        return await s.sent_count(chat(request), bot=a.get("bot"))

    async def reply_keyboard(request: web.Request, a: Args) -> Any:
        return await s.reply_keyboard(chat(request), bot=a.get("bot"))

    async def chat_action(request: web.Request, a: Args) -> Any:
        return await s.chat_action(chat(request), bot=a.get("bot"))

    async def commands(request: web.Request, a: Args) -> Any:
        return await s.commands_menu(
            chat(request), user_id=_int(a, "user_id"), language_code=a.get("language_code"), bot=a.get("bot")
        )

    async def callback(request: web.Request, a: Args) -> Any:
        return await s.callback_answer(request.match_info["query_id"], bot=a.get("bot"))

    async def stats(request: web.Request, a: Args) -> Any:
        return await s.stats()

    async def faults(request: web.Request, a: Args) -> Any:
        return [fault.to_json() for fault in s.faults.armed]

    async def add_fault(request: web.Request, a: Args) -> Any:
        delay = a.get("delay")
        await s.add_fault(
            a["kind"],
            int(a.get("count", 1)),
            a.get("method"),
            _int(a, "chat_id"),
            retry_after=int(a.get("retry_after", 5)),
            delay=None if delay is None else float(delay),
            process=_flag(a, "process"),
            description=a.get("description"),
        )
        return True

    async def clear_faults(request: web.Request, a: Args) -> Any:
        await s.clear_faults()
        return True

    async def limits(request: web.Request, a: Args) -> Any:
        return s.limits.to_json()

    async def set_limits(request: web.Request, a: Args) -> Any:
        return await s.set_limits(**a)

    async def version(request: web.Request, a: Args) -> Any:
        return await s.version()

    async def wait(request: web.Request, a: Args) -> Any:
        return await s.wait_change(int(a["since"]), min(float(a.get("timeout", 10)), 60.0))

    routes: list[tuple[str, str, Endpoint]] = [
        ("GET", "/health", health),
        ("GET", "/bots", bots),
        ("POST", "/users", add_user),
        ("POST", "/groups", add_group),
        ("POST", "/users/{user_id}/text", text),
        ("POST", "/users/{user_id}/command", command),
        ("POST", "/users/{user_id}/press", press),
        ("POST", "/users/{user_id}/document", document),
        ("POST", "/users/{user_id}/photo", photo),
        ("POST", "/users/{user_id}/sticker", sticker),
        ("POST", "/users/{user_id}/edit", edit),
        ("POST", "/users/{user_id}/block", block),
        ("POST", "/users/{user_id}/unblock", unblock),
        ("GET", "/chats/{chat_id}/messages", messages),
        ("GET", "/chats/{chat_id}/sent_count", sent_count),
        ("GET", "/chats/{chat_id}/reply_keyboard", reply_keyboard),
        ("GET", "/chats/{chat_id}/chat_action", chat_action),
        ("GET", "/chats/{chat_id}/commands", commands),
        ("GET", "/callbacks/{query_id}", callback),
        ("GET", "/stats", stats),
        ("GET", "/faults", faults),
        ("POST", "/faults", add_fault),
        ("DELETE", "/faults", clear_faults),
        ("GET", "/limits", limits),
        ("POST", "/limits", set_limits),
        ("GET", "/version", version),
        ("POST", "/wait", wait),
    ]
    for http_method, path, endpoint in routes:
        app.router.add_route(http_method, PREFIX + path, _handler(endpoint))
