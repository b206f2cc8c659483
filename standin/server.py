"""StandIn: the local Bot API server (aiohttp on loopback) and the in-process user-side API.

Routes: POST/GET /bot{token}/{method} (the Bot API), GET /file/bot{token}/{file_path}
(downloads) and /_standin/... (control endpoints, see control.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from aiohttp import web

from standin.api import JSON, StandInApi
from standin.commands import visible_commands
from standin.control import add_control_routes
from standin.errors import ApiError, StandInError, not_found
from standin.faults import Fault, Faults
from standin.limits import Clock, FloodControl, Limits
from standin.methods import Answer, BotApi, Method
from standin.params import Params
from standin.state import BotState, ChatState, Stats, World
from standin.users import People
from standin.views import ChatMessage
from standin.webhook import WebhookDelivery

MAX_UPLOAD = 60 * 1024 * 1024  # Telegram takes documents up to 50 MB


class StandIn(StandInApi):
    """A Telegram Bot API stand-in: start() it, point the bot at base_url, act as users in tests."""

    def __init__(
        self,
        *,
        token: str | None = None,
        limits: Limits | None = None,
        clock: Clock = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        bot_username: str = "iop_companion_bot",
        bot_first_name: str = "IOP Companion",
        hang_seconds: float = 30.0,
        webhook_retry_delays: Sequence[float] = (0.05, 0.1, 0.2, 0.5, 1.0),
    ) -> None:
        self.limits = limits if limits is not None else Limits()
        self.world = World(
            wall_clock=wall_clock, default_token=token, bot_username=bot_username, bot_first_name=bot_first_name
        )
        self.counters = Stats()
        self.faults = Faults(hang_seconds)
        self.flood = FloodControl(self.limits, clock)
        self.webhooks = WebhookDelivery(self.world, self.counters, webhook_retry_delays)
        self.bot_api = BotApi(self.world, self.limits, self.flood, self.counters, self.webhooks.ensure_running)
        self.people = People(self.world)
        self.host = "127.0.0.1"
        self.port = 0
        self._runner: web.AppRunner | None = None

    # --- lifecycle ----------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        """Starts serving; returns the bound port (port=0 picks a free one)."""
        app = web.Application(client_max_size=MAX_UPLOAD)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_bot_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_download)
        add_control_routes(app, self)
        # Hanging requests end when the world closes, so a short shutdown timeout is enough.
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.host = host
        self.port = self._runner.addresses[0][1]
        return self.port

    async def stop(self) -> None:
        """Stops serving and ends waiting requests; a stopped StandIn is not started again."""
        self.world.close()  # wakes long polls, hangs and webhook loops so they end now
        await self.webhooks.stop()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> StandIn:
        if self._runner is None:
            await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """For telegram.Bot(base_url=...): PTB appends the token and the method."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    def bot(self, bot: str | int | None = None) -> BotState:
        """A bot's state (by token or id; None: the only/default bot), for tests that look inside."""
        return self.world.resolve_bot(bot)

    # --- the Bot API over HTTP ----------------------------------------------------------

    async def _handle_bot_api(self, request: web.Request) -> web.Response:
        token, name = request.match_info["token"], request.match_info["method"]
        handler = self.bot_api.lookup(name)
        if not token or handler is None:
            return self._error(not_found())
        try:
            params = await Params.from_request(request)
        except ApiError as error:
            return self._error(error)
        bot = self.world.bot(token)
        self.counters.requests[name] += 1
        fault = self.faults.take(name, _chat_id(params))
        if fault is not None:
            self.counters.faults_fired += 1
            response = await self._fault_response(fault)
            if response is not None:
                return response
        return await self._call(bot, handler, params)

    async def _call(self, bot: BotState, handler: Method, params: Params) -> web.Response:
        try:
            result = await handler(bot, params)
        except ApiError as error:
            return self._error(error)
        body: JSON = {"ok": True, "result": result}
        if isinstance(result, Answer):
            body["result"] = result.result
            if result.description:
                body["description"] = result.description
        return web.json_response(body)

    async def _fault_response(self, fault: Fault) -> web.Response | None:
        """The injected failure; None when a late-answering hang should go on to do the call."""
        if fault.kind == "hang":
            delay = fault.delay if fault.delay is not None else self.faults.hang_seconds
            await self.world.wait_until(lambda: self.world.closed, delay)
            if fault.process and not self.world.closed:
                return None
            self.counters.errors[504] += 1
            return web.Response(
                status=504, text="<html><body><h1>504 Gateway Time-out</h1></body></html>", content_type="text/html"
            )
        status, body, content_type = fault.http_answer()
        self.counters.errors[status] += 1
        return web.Response(status=status, text=body, content_type=content_type)

    def _error(self, error: ApiError) -> web.Response:
        self.counters.errors[error.code] += 1
        return web.json_response(error.to_json(), status=error.code)

    async def _handle_download(self, request: web.Request) -> web.Response:
        record = self.world.files.at_path(request.match_info["path"])
        if record is None:
            return self._error(not_found())
        return web.Response(body=record.content, content_type=record.mime_type or "application/octet-stream")

    # --- the user side, in process (StandInApi) ---------------------------------------------

    def _chat(self, chat_id: int, bot: str | int | None) -> ChatState | None:
        return self.world.resolve_bot(bot).chats.get(chat_id)

    async def register_user(
        self,
        user_id: int,
        first_name: str | None = None,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> JSON:
        return self.people.add_user(
            user_id, first_name, last_name=last_name, username=username, language_code=language_code
        ).to_json()

    async def add_group(self, title: str, chat_id: int | None = None, kind: str = "group") -> int:
        return int(self.world.add_group(title, chat_id, kind)["id"])

    async def send_text(
        self,
        user_id: int,
        text: str,
        *,
        bot: str | int | None = None,
        chat_id: int | None = None,
        reply_to: int | None = None,
    ) -> JSON:
        return self.people.send_text(self.world.resolve_bot(bot), user_id, text, chat_id=chat_id, reply_to=reply_to)

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
        return self.people.press(
            self.world.resolve_bot(bot), user_id, data, text=text, message_id=message_id, chat_id=chat_id
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
        return self.people.send_document(
            self.world.resolve_bot(bot), user_id, content, file_name, mime_type, caption=caption, chat_id=chat_id
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
        return self.people.send_photo(self.world.resolve_bot(bot), user_id, content, caption=caption, chat_id=chat_id)

    async def send_sticker(
        self, user_id: int, emoji: str = "👍", *, bot: str | int | None = None, chat_id: int | None = None
    ) -> JSON:
        return self.people.send_sticker(self.world.resolve_bot(bot), user_id, emoji, chat_id=chat_id)

    async def edit_text(
        self, user_id: int, message_id: int, text: str, *, bot: str | int | None = None, chat_id: int | None = None
    ) -> JSON:
        return self.people.edit_text(self.world.resolve_bot(bot), user_id, message_id, text, chat_id=chat_id)

    async def block(self, user_id: int, *, bot: str | int | None = None) -> None:
        self.people.block(self.world.resolve_bot(bot), user_id)

    async def unblock(self, user_id: int, *, bot: str | int | None = None) -> None:
        self.people.unblock(self.world.resolve_bot(bot), user_id)

    async def messages(
        self, chat_id: int, *, bot: str | int | None = None, include_user: bool = False
    ) -> list[ChatMessage]:
        chat = self._chat(chat_id, bot)
        if chat is None:
            return []
        return [
            ChatMessage.from_stored(m, self.world.files) for m in chat.messages.values() if include_user or m.from_bot
        ]

    async def sent_count(self, chat_id: int, *, bot: str | int | None = None) -> int:
        chat = self._chat(chat_id, bot)
        return chat.sent_by_bot if chat else 0

    async def reply_keyboard(self, chat_id: int, *, bot: str | int | None = None) -> JSON | None:
        chat = self._chat(chat_id, bot)
        return chat.reply_keyboard if chat else None

    async def chat_action(self, chat_id: int, *, bot: str | int | None = None) -> str | None:
        chat = self._chat(chat_id, bot)
        return chat.last_action if chat else None

    async def commands_menu(
        self,
        chat_id: int,
        *,
        user_id: int | None = None,
        language_code: str | None = None,
        bot: str | int | None = None,
    ) -> list[JSON]:
        state = self.world.resolve_bot(bot)
        user_id = user_id if user_id is not None else (chat_id if chat_id > 0 else None)
        if language_code is None and user_id is not None and user_id in self.world.users:
            language_code = self.world.users[user_id].language_code
        return visible_commands(state.commands, chat_id, user_id, language_code, is_group=chat_id < 0)

    async def callback_answer(self, query_id: str, *, bot: str | int | None = None) -> JSON | None:
        bots = [self.world.resolve_bot(bot)] if bot is not None else list(self.world.bots.values())
        for state in bots:
            if query_id in state.callbacks:
                return state.callbacks[query_id].answer
        raise StandInError(f"no callback query {query_id}")

    async def bots(self) -> list[JSON]:
        return [state.info() for state in self.world.bots.values()]

    async def stats(self) -> JSON:
        return self.counters.to_json()

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
        self.faults.add(
            kind, count, method, chat_id, retry_after=retry_after, delay=delay, process=process, description=description
        )

    async def clear_faults(self) -> None:
        self.faults.clear()

    async def set_limits(self, **changes: Any) -> JSON:
        self.limits.update(**changes)
        self.flood.reset()  # new sizes apply from a full bucket
        return self.limits.to_json()

    async def version(self) -> int:
        return self.world.version

    async def wait_change(self, since: int, timeout: float) -> int:
        return await self.world.wait_change(since, timeout)


def _chat_id(params: Params) -> int | None:
    try:
        value = params.values.get("chat_id")
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
