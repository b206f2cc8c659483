"""The in-memory world: bots (one per token), users, chats, messages, update queues, files, counters.

Every change calls World.touch(), which wakes whoever waits for something to happen (long
polls, webhook delivery, tests waiting for a reply), so nothing polls with sleeps.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import time
import zlib
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from standin.errors import StandInError
from standin.files import FileStore

JSON = dict[str, Any]

# Update types a bot receives when it has not chosen (or chose an empty list): all but these.
NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


@dataclass
class UserProfile:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "en"

    def to_json(self) -> JSON:
        user: JSON = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for name in ("last_name", "username", "language_code"):
            if getattr(self, name):
                user[name] = getattr(self, name)
        return user

    def private_chat(self) -> JSON:
        chat: JSON = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name:
            chat["last_name"] = self.last_name
        if self.username:
            chat["username"] = self.username
        return chat


@dataclass
class StoredMessage:
    data: JSON  # the Telegram Message object, with edits applied
    from_bot: bool
    reply_keyboard: JSON | None = None  # a reply keyboard sent with it (Telegram does not echo these)
    edits: int = 0

    @property
    def message_id(self) -> int:
        return int(self.data["message_id"])


@dataclass
class CallbackRecord:
    id: str
    user_id: int
    chat_id: int
    message_id: int
    data: str
    answer: JSON | None = None


@dataclass
class ChatState:
    chat: JSON  # the Telegram Chat object
    messages: dict[int, StoredMessage] = field(default_factory=dict)  # by message_id, in order
    next_message_id: int = 1
    blocked: bool = False  # the user blocked the bot (private chats)
    reply_keyboard: JSON | None = None  # the reply keyboard the user has now, if any
    last_action: str | None = None
    sent_by_bot: int = 0  # deleted messages included

    @property
    def id(self) -> int:
        return int(self.chat["id"])

    @property
    def is_group(self) -> bool:
        return bool(self.chat["type"] != "private")

    def new_message_id(self) -> int:
        # One counter per chat for both directions, as in a private chat on Telegram.
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


@dataclass
class WebhookConfig:
    url: str
    secret_token: str | None = None
    max_connections: int = 40
    ip_address: str | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None


class BotState:
    def __init__(self, token: str, bot_id: int, first_name: str, username: str) -> None:
        self.token = token
        self.id = bot_id
        self.first_name = first_name
        self.username = username
        self.chats: dict[int, ChatState] = {}
        self.updates: deque[JSON] = deque()
        self.next_update_id = 1
        self.allowed_updates: list[str] | None = None
        self.webhook: WebhookConfig | None = None
        self.commands: dict[tuple[Any, ...], list[JSON]] = {}
        self.menu_buttons: dict[int | None, JSON] = {}
        self.descriptions: dict[str, str] = {}
        self.short_descriptions: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.callbacks: dict[str, CallbackRecord] = {}
        self.poll_generation = 0  # a newer getUpdates ends an older one with 409, like Telegram
        self.polling = 0  # long polls waiting right now
        self.dropped_updates = 0  # filtered out by allowed_updates

    @property
    def user(self) -> JSON:
        """The bot as the `from` of its messages."""
        return {"id": self.id, "is_bot": True, "first_name": self.first_name, "username": self.username}

    def me(self) -> JSON:
        """The answer of getMe."""
        return {
            **self.user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def allows(self, kind: str) -> bool:
        if not self.allowed_updates:
            return kind not in NOT_BY_DEFAULT
        return kind in self.allowed_updates

    def enqueue(self, kind: str, payload: JSON) -> int | None:
        """Queues an update; None if the bot's allowed_updates filter it out (it is then lost, as on Telegram)."""
        if not self.allows(kind):
            self.dropped_updates += 1
            return None
        update_id = self.next_update_id
        self.next_update_id += 1
        self.updates.append({"update_id": update_id, kind: payload})
        return update_id

    def confirm(self, offset: int) -> None:
        """getUpdates' offset: forget updates below it; a negative offset keeps only the last -offset."""
        if offset > 0:
            while self.updates and self.updates[0]["update_id"] < offset:
                self.updates.popleft()
        elif offset < 0:
            while len(self.updates) > -offset:
                self.updates.popleft()

    def info(self) -> JSON:
        return {
            "id": self.id,
            "username": self.username,
            "polling": self.polling,
            "webhook": self.webhook.url if self.webhook else None,
            "pending_updates": len(self.updates),
        }


@dataclass
class Stats:
    """Counters for tests and benchmarks (GET /_standin/stats)."""

    requests: Counter[str] = field(default_factory=Counter)  # by Bot API method
    errors: Counter[int] = field(default_factory=Counter)  # by HTTP status, injected faults included
    flood_429: int = 0  # 429s from the flood limits (not injected ones)
    faults_fired: int = 0
    messages_per_chat: Counter[int] = field(default_factory=Counter)  # sent by bots, by chat id
    webhook_deliveries: int = 0
    webhook_failures: int = 0

    def to_json(self) -> JSON:
        return {
            "requests": dict(self.requests),
            "errors": {str(k): v for k, v in self.errors.items()},
            "flood_429": self.flood_429,
            "faults_fired": self.faults_fired,
            "messages_per_chat": {str(k): v for k, v in self.messages_per_chat.items()},
            "messages_total": sum(self.messages_per_chat.values()),
            "webhook_deliveries": self.webhook_deliveries,
            "webhook_failures": self.webhook_failures,
        }


def _bot_id(token: str) -> int:
    # A real token starts with the bot's id; anything else gets a stable made-up one.
    match = re.match(r"(\d+):", token)
    return int(match.group(1)) if match else 5_000_000_000 + zlib.crc32(token.encode())


class World:
    def __init__(
        self,
        *,
        wall_clock: Callable[[], float] = time.time,
        default_token: str | None = None,
        bot_username: str = "iop_companion_bot",
        bot_first_name: str = "IOP Companion",
    ) -> None:
        self.wall_clock = wall_clock
        self.default_token = default_token
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.bots: dict[str, BotState] = {}
        self.users: dict[int, UserProfile] = {}
        self.groups: dict[int, JSON] = {}
        self.files = FileStore()
        self.version = 0
        self.closed = False
        self._changed: asyncio.Event | None = None
        self._group_ids = itertools.count(1)
        if default_token:
            self.bot(default_token)

    def now(self) -> int:
        return int(self.wall_clock())

    # --- bots -----------------------------------------------------------------------------

    def bot(self, token: str) -> BotState:
        """The bot of a token, registered on first sight (any token is accepted)."""
        state = self.bots.get(token)
        if state is None:
            bot_id = _bot_id(token)
            # The configured profile goes to the default token, or to the first bot if none is configured.
            if token == self.default_token or (self.default_token is None and not self.bots):
                first_name, username = self.bot_first_name, self.bot_username
            else:
                first_name, username = f"Bot {bot_id}", f"bot{bot_id}_bot"
            state = self.bots[token] = BotState(token, bot_id, first_name, username)
        return state

    def resolve_bot(self, bot: str | int | None) -> BotState:
        """The bot a user-side action is aimed at: a token, a bot id, or None for the only/default one."""
        if bot is not None:
            key = str(bot)
            for state in self.bots.values():
                if str(state.id) == key:
                    return state
            if ":" in key:
                return self.bot(key)
            raise StandInError(f"unknown bot {bot!r}")
        if self.default_token:
            return self.bot(self.default_token)
        if len(self.bots) == 1:
            return next(iter(self.bots.values()))
        if not self.bots:
            raise StandInError("no bot has called the API yet: pass bot=<token> or StandIn(token=...)")
        raise StandInError("several bots are connected: pass bot=<token or id>")

    # --- users and groups ----------------------------------------------------------------

    def user(self, user_id: int) -> UserProfile:
        profile = self.users.get(user_id)
        if profile is None:
            profile = self.users[user_id] = UserProfile(user_id, f"User {user_id}")
        return profile

    def add_group(self, title: str, chat_id: int | None = None, kind: str = "group") -> JSON:
        if kind not in ("group", "supergroup"):
            raise StandInError("kind must be 'group' or 'supergroup'")
        if chat_id is None:
            number = next(self._group_ids)
            chat_id = -number if kind == "group" else -1_000_000_000_000 - number
        if chat_id >= 0:
            raise StandInError("group chat ids are negative")
        self.groups[chat_id] = {"id": chat_id, "type": kind, "title": title}
        return self.groups[chat_id]

    def private_chat(self, bot: BotState, user_id: int) -> ChatState:
        chat = bot.chats.get(user_id)
        if chat is None:
            chat = bot.chats[user_id] = ChatState(self.user(user_id).private_chat())
        return chat

    def group_chat(self, bot: BotState, chat_id: int) -> ChatState | None:
        chat = bot.chats.get(chat_id)
        if chat is None and chat_id in self.groups:
            chat = bot.chats[chat_id] = ChatState(self.groups[chat_id])
        return chat

    # --- change notification -------------------------------------------------------------

    def touch(self) -> None:
        self.version += 1
        if self._changed is not None:
            self._changed.set()
            self._changed = None

    def _event(self) -> asyncio.Event:
        if self._changed is None:
            self._changed = asyncio.Event()
        return self._changed

    async def wait_until(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """True as soon as predicate() holds (checked after every change), False after timeout seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            try:
                await asyncio.wait_for(self._event().wait(), remaining)
            except TimeoutError:
                return predicate()
        return True

    async def wait_change(self, since: int, timeout: float) -> int:
        """The version once it is past `since` (or the current one after timeout seconds)."""
        await self.wait_until(lambda: self.version > since or self.closed, timeout)
        return self.version

    def close(self) -> None:
        self.closed = True
        self.touch()
