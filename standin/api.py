"""The user-side API, shared by the in-process StandIn and the HTTP StandInClient.

StandInApi lists the primitive operations each of them implements once (in-process, or as a
call to a /_standin control endpoint) and builds the waiting helpers on top of them, so the
"wait until the bot answers" logic exists once. TelegramUser is a person bound to one API.
"""

from __future__ import annotations

import abc
import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from standin.errors import StandInError
from standin.views import ChatMessage

JSON = dict[str, Any]
T = TypeVar("T")
Match = Callable[[ChatMessage], bool] | str | None
DEFAULT_TIMEOUT = 5.0


class StandInApi(abc.ABC):
    # --- primitives ----------------------------------------------------------------------

    @abc.abstractmethod
    async def register_user(
        self,
        user_id: int,
        first_name: str | None = None,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> JSON:
        """Registers (or updates) a user profile; returns it as a Telegram User object."""

    @abc.abstractmethod
    async def add_group(self, title: str, chat_id: int | None = None, kind: str = "group") -> int:
        """Creates a group chat the bots are members of; returns its (negative) id."""

    @abc.abstractmethod
    async def send_text(
        self,
        user_id: int,
        text: str,
        *,
        bot: str | int | None = None,
        chat_id: int | None = None,
        reply_to: int | None = None,
    ) -> JSON:
        """The user writes `text` (commands get bot_command entities); returns the Message."""

    @abc.abstractmethod
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
        """Presses an inline button by callback_data (or label); returns the callback query id."""

    @abc.abstractmethod
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
    ) -> JSON: ...

    @abc.abstractmethod
    async def send_photo(
        self,
        user_id: int,
        content: bytes | None = None,
        *,
        caption: str | None = None,
        bot: str | int | None = None,
        chat_id: int | None = None,
    ) -> JSON: ...

    @abc.abstractmethod
    async def send_sticker(
        self, user_id: int, emoji: str = "👍", *, bot: str | int | None = None, chat_id: int | None = None
    ) -> JSON: ...

    @abc.abstractmethod
    async def edit_text(
        self, user_id: int, message_id: int, text: str, *, bot: str | int | None = None, chat_id: int | None = None
    ) -> JSON:
        """The user edits one of their text messages (an edited_message update)."""

    @abc.abstractmethod
    async def block(self, user_id: int, *, bot: str | int | None = None) -> None: ...

    @abc.abstractmethod
    async def unblock(self, user_id: int, *, bot: str | int | None = None) -> None: ...

    @abc.abstractmethod
    async def messages(
        self, chat_id: int, *, bot: str | int | None = None, include_user: bool = False
    ) -> list[ChatMessage]:
        """What the chat shows now: the bot's messages (and the user's, if asked), edits applied."""

    @abc.abstractmethod
    async def sent_count(self, chat_id: int, *, bot: str | int | None = None) -> int:
        """How many messages the bot has sent to the chat, deleted ones included."""

    @abc.abstractmethod
    async def reply_keyboard(self, chat_id: int, *, bot: str | int | None = None) -> JSON | None:
        """The reply keyboard the user has now (None if none or removed)."""

    @abc.abstractmethod
    async def chat_action(self, chat_id: int, *, bot: str | int | None = None) -> str | None:
        """The last chat action (typing, ...) shown, until the bot's next message."""

    @abc.abstractmethod
    async def commands_menu(
        self,
        chat_id: int,
        *,
        user_id: int | None = None,
        language_code: str | None = None,
        bot: str | int | None = None,
    ) -> list[JSON]:
        """The command menu the user sees in that chat, by Telegram's scope precedence."""

    @abc.abstractmethod
    async def callback_answer(self, query_id: str, *, bot: str | int | None = None) -> JSON | None:
        """The bot's answerCallbackQuery for that query, or None while unanswered."""

    @abc.abstractmethod
    async def bots(self) -> list[JSON]:
        """Known bots: id, username, how many long polls are waiting, webhook URL, pending updates."""

    @abc.abstractmethod
    async def stats(self) -> JSON: ...

    @abc.abstractmethod
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
    ) -> None: ...

    @abc.abstractmethod
    async def clear_faults(self) -> None: ...

    @abc.abstractmethod
    async def set_limits(self, **changes: Any) -> JSON:
        """Changes Limits fields (flood, validation, strict_chats, ...); returns them all."""

    @abc.abstractmethod
    async def version(self) -> int:
        """A counter that grows with every change in the world."""

    @abc.abstractmethod
    async def wait_change(self, since: int, timeout: float) -> int:
        """Returns the version once it is past `since`, or after timeout seconds."""

    # --- built on the primitives ---------------------------------------------------------

    async def add_user(
        self,
        user_id: int,
        first_name: str | None = None,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        bot: str | int | None = None,
    ) -> TelegramUser:
        await self.register_user(
            user_id, first_name, last_name=last_name, username=username, language_code=language_code
        )
        return TelegramUser(self, user_id, bot)

    def user(self, user_id: int, bot: str | int | None = None) -> TelegramUser:
        """A handle for a user (unknown ids get a default profile on their first action)."""
        return TelegramUser(self, user_id, bot)

    async def send_command(
        self, user_id: int, command: str, args: str = "", *, bot: str | int | None = None, chat_id: int | None = None
    ) -> JSON:
        text = "/" + command.lstrip("/") + (f" {args}" if args else "")
        return await self.send_text(user_id, text, bot=bot, chat_id=chat_id)

    async def edit_last_text(
        self, user_id: int, text: str, *, bot: str | int | None = None, chat_id: int | None = None
    ) -> JSON:
        """The user edits their latest text message in the chat (their private chat by default)."""
        chat = chat_id if chat_id is not None else user_id
        shown = await self.messages(chat, bot=bot, include_user=True)
        mine = [m for m in shown if not m.from_bot and m.text is not None and m.raw["from"]["id"] == user_id]
        if not mine:
            raise StandInError(f"user {user_id} has no text message in chat {chat} to edit")
        return await self.edit_text(user_id, mine[-1].message_id, text, bot=bot, chat_id=chat_id)

    async def _wait(
        self, check: Callable[[], Awaitable[T | None]], timeout: float, describe: Callable[[], Awaitable[str]]
    ) -> T:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            version = await self.version()
            found = await check()
            if found is not None:
                return found
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"timed out after {timeout}s waiting for {await describe()}")
            await self.wait_change(version, remaining)

    async def wait_for_messages(
        self, chat_id: int, count: int, *, timeout: float = DEFAULT_TIMEOUT, bot: str | int | None = None
    ) -> list[ChatMessage]:
        """Waits until the bot has sent `count` messages to the chat in all; returns the bot's messages."""

        async def check() -> list[ChatMessage] | None:
            if await self.sent_count(chat_id, bot=bot) >= count:
                return await self.messages(chat_id, bot=bot)
            return None

        async def describe() -> str:
            return f"{count} bot messages in chat {chat_id}; {await self._transcript(chat_id, bot)}"

        return await self._wait(check, timeout, describe)

    async def wait_for_message(
        self,
        chat_id: int,
        match: Match = None,
        *,
        after: int = 0,
        timeout: float = DEFAULT_TIMEOUT,
        bot: str | int | None = None,
    ) -> ChatMessage:
        """The first bot message with message_id > after that matches.

        `match` is a predicate, or a string the message shows (in its body or a button label).
        Edits count: a message that is edited into a match is returned too.
        """

        def matches(message: ChatMessage) -> bool:
            return _matches(message, match)

        async def check() -> ChatMessage | None:
            for message in await self.messages(chat_id, bot=bot):
                if message.message_id > after and matches(message):
                    return message
            return None

        async def describe() -> str:
            wanted = f"containing {match!r}" if isinstance(match, str) else "matching" if match else "any"
            return f"a bot message {wanted} after #{after} in chat {chat_id}; {await self._transcript(chat_id, bot)}"

        return await self._wait(check, timeout, describe)

    async def wait_for_answer(
        self, query_id: str, *, timeout: float = DEFAULT_TIMEOUT, bot: str | int | None = None
    ) -> JSON:
        """Waits for the bot's answerCallbackQuery to a pressed button."""

        async def describe() -> str:
            return f"an answer to callback query {query_id}"

        return await self._wait(lambda: self.callback_answer(query_id, bot=bot), timeout, describe)

    async def wait_until_polling(self, *, timeout: float = DEFAULT_TIMEOUT) -> JSON:
        """Waits until some bot has a long poll waiting (it is up and listening); returns that bot's info."""

        async def check() -> JSON | None:
            return next((info for info in await self.bots() if info["polling"]), None)

        async def describe() -> str:
            return f"a bot to long-poll; bots: {await self.bots()}"

        return await self._wait(check, timeout, describe)

    async def _transcript(self, chat_id: int, bot: str | int | None) -> str:
        try:
            shown = await self.messages(chat_id, bot=bot, include_user=True)
        except Exception as exc:  # only for the error message: never hide the timeout behind it
            return f"(chat unavailable: {exc})"
        lines = [("bot: " if m.from_bot else "user: ") + (m.body or "<media>")[:80] for m in shown[-6:]]
        return "chat so far: " + (" | ".join(lines) if lines else "(empty)")


def _matches(message: ChatMessage, match: Match) -> bool:
    if match is None:
        return True
    return message.shows(match) if isinstance(match, str) else match(message)


class TelegramUser:
    """A person on Telegram, talking to one bot through a StandIn or a StandInClient."""

    def __init__(self, api: StandInApi, user_id: int, bot: str | int | None = None) -> None:
        self.api = api
        self.id = user_id
        self.bot = bot

    def __repr__(self) -> str:
        return f"TelegramUser({self.id})"

    async def send_text(self, text: str, *, reply_to: int | None = None) -> JSON:
        return await self.api.send_text(self.id, text, bot=self.bot, reply_to=reply_to)

    async def send_command(self, command: str, args: str = "") -> JSON:
        return await self.api.send_command(self.id, command, args, bot=self.bot)

    async def press(self, data: str | None = None, *, text: str | None = None, message_id: int | None = None) -> str:
        return await self.api.press(self.id, data, text=text, message_id=message_id, bot=self.bot)

    async def send_document(
        self, content: bytes, file_name: str, mime_type: str | None = None, *, caption: str | None = None
    ) -> JSON:
        return await self.api.send_document(self.id, content, file_name, mime_type, caption=caption, bot=self.bot)

    async def send_photo(self, content: bytes | None = None, *, caption: str | None = None) -> JSON:
        return await self.api.send_photo(self.id, content, caption=caption, bot=self.bot)

    async def send_sticker(self, emoji: str = "👍") -> JSON:
        return await self.api.send_sticker(self.id, emoji, bot=self.bot)

    async def edit_text(self, message_id: int, text: str) -> JSON:
        return await self.api.edit_text(self.id, message_id, text, bot=self.bot)

    async def edit_last_text(self, text: str) -> JSON:
        return await self.api.edit_last_text(self.id, text, bot=self.bot)

    async def block(self) -> None:
        await self.api.block(self.id, bot=self.bot)

    async def unblock(self) -> None:
        await self.api.unblock(self.id, bot=self.bot)

    async def messages(self, *, include_user: bool = False) -> list[ChatMessage]:
        return await self.api.messages(self.id, bot=self.bot, include_user=include_user)

    async def last_message(self) -> ChatMessage | None:
        shown = await self.messages()
        return shown[-1] if shown else None

    async def reply_keyboard(self) -> JSON | None:
        return await self.api.reply_keyboard(self.id, bot=self.bot)

    async def commands_menu(self) -> list[JSON]:
        return await self.api.commands_menu(self.id, user_id=self.id, bot=self.bot)

    async def wait_for_messages(self, count: int, *, timeout: float = DEFAULT_TIMEOUT) -> list[ChatMessage]:
        return await self.api.wait_for_messages(self.id, count, timeout=timeout, bot=self.bot)

    async def wait_for_message(
        self, match: Match = None, *, after: int = 0, timeout: float = DEFAULT_TIMEOUT
    ) -> ChatMessage:
        return await self.api.wait_for_message(self.id, match, after=after, timeout=timeout, bot=self.bot)

    async def ask(self, text: str, match: Match = None, *, timeout: float = DEFAULT_TIMEOUT) -> ChatMessage:
        """Sends text and returns the bot's first reply to it (matching `match`, if given)."""
        sent = await self.send_text(text)
        return await self.wait_for_message(match, after=sent["message_id"], timeout=timeout)

    async def tap(
        self, data: str | None = None, *, text: str | None = None, match: Match = None, timeout: float = DEFAULT_TIMEOUT
    ) -> ChatMessage:
        """Presses a button and returns the first bot message sent or edited after the press."""
        shown = await self.messages(include_user=True)
        last_id = shown[-1].message_id if shown else 0
        edits = {m.message_id: m.edits for m in shown}
        await self.press(data, text=text)

        def changed(message: ChatMessage) -> bool:
            fresh = message.message_id > last_id or message.edits != edits.get(message.message_id)
            return fresh and _matches(message, match)

        return await self.api.wait_for_message(self.id, changed, timeout=timeout, bot=self.bot)
