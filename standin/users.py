"""The user side: people writing to bots, pressing buttons, sending files, blocking — as updates.

Each action builds the same Message / CallbackQuery / ChatMemberUpdated objects Telegram
would and queues them for the bot (delivered by getUpdates or the webhook).
"""

from __future__ import annotations

import copy
import itertools
import re
import struct
import zlib
from typing import Any

from standin.entities import utf16_len
from standin.errors import StandInError
from standin.files import image_size
from standin.state import (
    JSON,
    BotState,
    CallbackRecord,
    ChatState,
    StoredMessage,
    UserProfile,
    World,
)

# "/start", "/help@iop_companion_bot": a command is a slash at the start or after whitespace.
_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")


def _tiny_png() -> bytes:
    """A valid 1x1 white PNG, for photos sent without content."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


TINY_PNG = _tiny_png()


def command_entities(text: str) -> list[JSON]:
    """bot_command entities like Telegram adds to a user's text (offsets in UTF-16 units)."""
    return [
        {"type": "bot_command", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m.group())}
        for m in _COMMAND.finditer(text)
    ]


class People:
    def __init__(self, world: World) -> None:
        self.world = world
        self._query_ids = itertools.count(1)

    def add_user(
        self,
        user_id: int,
        first_name: str | None = None,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> UserProfile:
        """Registers a user, or updates the profile of a known one."""
        if user_id <= 0:
            raise StandInError("user ids are positive")
        profile = self.world.user(user_id)
        profile.first_name = first_name or profile.first_name
        profile.last_name, profile.username, profile.language_code = last_name, username, language_code
        for bot in self.world.bots.values():
            if user_id in bot.chats:
                bot.chats[user_id].chat = profile.private_chat()
        return profile

    # --- chats --------------------------------------------------------------------------

    def _chat_for(self, bot: BotState, user: UserProfile, chat_id: int | None) -> ChatState:
        if chat_id is None or chat_id == user.id:
            chat = self.world.private_chat(bot, user.id)
            if chat.blocked:
                # Writing to a blocked bot means pressing "Restart": Telegram unblocks first.
                self._set_blocked(bot, user, chat, blocked=False)
            return chat
        group = self.world.group_chat(bot, chat_id)
        if group is None:
            raise StandInError(f"no group chat {chat_id}: create it with add_group()")
        return group

    def _post(self, bot: BotState, user: UserProfile, chat: ChatState, fields: JSON) -> JSON:
        message: JSON = {
            "message_id": chat.new_message_id(),
            "from": user.to_json(),
            "chat": dict(chat.chat),
            "date": self.world.now(),
            **fields,
        }
        chat.messages[message["message_id"]] = StoredMessage(message, from_bot=False)
        if chat.reply_keyboard and chat.reply_keyboard.get("one_time_keyboard"):
            chat.reply_keyboard = None  # the app hides a one-time keyboard once the user has answered
        bot.enqueue("message", copy.deepcopy(message))
        self.world.touch()
        return copy.deepcopy(message)

    # --- actions ------------------------------------------------------------------------

    def send_text(
        self, bot: BotState, user_id: int, text: str, *, chat_id: int | None = None, reply_to: int | None = None
    ) -> JSON:
        if not text.strip():
            raise StandInError("Telegram does not send empty messages")
        user = self.world.user(user_id)
        chat = self._chat_for(bot, user, chat_id)
        fields: JSON = {"text": text}
        entities = command_entities(text)
        if entities:
            fields["entities"] = entities
        if reply_to is not None:
            fields["reply_to_message"] = self._message(chat, reply_to).data
        return self._post(bot, user, chat, fields)

    def send_document(
        self,
        bot: BotState,
        user_id: int,
        content: bytes,
        file_name: str,
        mime_type: str | None = None,
        *,
        caption: str | None = None,
        chat_id: int | None = None,
    ) -> JSON:
        user = self.world.user(user_id)
        chat = self._chat_for(bot, user, chat_id)
        record = self.world.files.add("documents", content, file_name, mime_type)
        return self._post(bot, user, chat, {"document": record.document(), **_caption(caption)})

    def send_photo(
        self,
        bot: BotState,
        user_id: int,
        content: bytes | None = None,
        *,
        caption: str | None = None,
        chat_id: int | None = None,
    ) -> JSON:
        user = self.world.user(user_id)
        chat = self._chat_for(bot, user, chat_id)
        content = content if content is not None else TINY_PNG
        width, height = image_size(content) or (320, 320)
        record = self.world.files.add("photos", content, width=width, height=height)
        return self._post(bot, user, chat, {"photo": [record.photo_size()], **_caption(caption)})

    def send_sticker(self, bot: BotState, user_id: int, emoji: str = "👍", *, chat_id: int | None = None) -> JSON:
        user = self.world.user(user_id)
        chat = self._chat_for(bot, user, chat_id)
        record = self.world.files.add(
            "stickers", b"RIFF\x00\x00\x00\x00WEBP", "sticker.webp", "image/webp", width=512, height=512
        )
        sticker = {
            "file_id": record.file_id,
            "file_unique_id": record.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "file_size": record.size,
        }
        return self._post(bot, user, chat, {"sticker": sticker})

    def edit_text(self, bot: BotState, user_id: int, message_id: int, text: str, *, chat_id: int | None = None) -> JSON:
        user = self.world.user(user_id)
        chat = self._chat_for(bot, user, chat_id)
        stored = self._message(chat, message_id)
        if stored.from_bot or stored.data["from"]["id"] != user_id or "text" not in stored.data:
            raise StandInError(f"message {message_id} is not a text message of user {user_id}")
        stored.data["text"] = text
        stored.data.pop("entities", None)
        if command_entities(text):
            stored.data["entities"] = command_entities(text)
        stored.data["edit_date"] = self.world.now()
        stored.edits += 1
        bot.enqueue("edited_message", copy.deepcopy(stored.data))
        self.world.touch()
        return copy.deepcopy(stored.data)

    def press(
        self,
        bot: BotState,
        user_id: int,
        data: str | None = None,
        *,
        text: str | None = None,
        message_id: int | None = None,
        chat_id: int | None = None,
    ) -> str:
        """Presses an inline button (by callback_data or label) of a bot message; returns the query id.

        Without message_id, the newest bot message that has such a button is used.
        """
        if data is None and text is None:
            raise StandInError("press() needs the button's callback data or its text")
        user = self.world.user(user_id)
        chat = self._chat_for(bot, user, chat_id)
        candidates = (
            [self._message(chat, message_id)]
            if message_id is not None
            else [m for m in reversed(chat.messages.values()) if m.from_bot]
        )
        for stored in candidates:
            for row in (stored.data.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    if (data is not None and button.get("callback_data") == data) or (
                        data is None and button.get("text") == text
                    ):
                        return self._callback(bot, user, chat, stored, button)
        wanted = f"callback_data {data!r}" if data is not None else f"text {text!r}"
        raise StandInError(f"no inline button with {wanted} in chat {chat.id}")

    def _callback(self, bot: BotState, user: UserProfile, chat: ChatState, stored: StoredMessage, button: JSON) -> str:
        if "callback_data" not in button:
            raise StandInError(f"button {button.get('text')!r} has no callback_data (it opens a link)")
        query_id = str(4_000_000_000_000_000 + next(self._query_ids))
        bot.callbacks[query_id] = CallbackRecord(query_id, user.id, chat.id, stored.message_id, button["callback_data"])
        query = {
            "id": query_id,
            "from": user.to_json(),
            "message": copy.deepcopy(stored.data),
            "chat_instance": str(abs(bot.id * 1_000_003 + chat.id) % 2**63),
            "data": button["callback_data"],
        }
        bot.enqueue("callback_query", query)
        self.world.touch()
        return query_id

    def block(self, bot: BotState, user_id: int) -> None:
        user = self.world.user(user_id)
        chat = self.world.private_chat(bot, user_id)
        if not chat.blocked:
            self._set_blocked(bot, user, chat, blocked=True)

    def unblock(self, bot: BotState, user_id: int) -> None:
        user = self.world.user(user_id)
        chat = self.world.private_chat(bot, user_id)
        if chat.blocked:
            self._set_blocked(bot, user, chat, blocked=False)

    def _set_blocked(self, bot: BotState, user: UserProfile, chat: ChatState, *, blocked: bool) -> None:
        chat.blocked = blocked
        member: dict[str, Any] = {"user": bot.user, "status": "member"}
        kicked: dict[str, Any] = {"user": bot.user, "status": "kicked", "until_date": 0}
        bot.enqueue(
            "my_chat_member",
            {
                "chat": dict(chat.chat),
                "from": user.to_json(),
                "date": self.world.now(),
                "old_chat_member": member if blocked else kicked,
                "new_chat_member": kicked if blocked else member,
            },
        )
        self.world.touch()

    @staticmethod
    def _message(chat: ChatState, message_id: int) -> StoredMessage:
        stored = chat.messages.get(message_id)
        if stored is None:
            raise StandInError(f"no message {message_id} in chat {chat.id}")
        return stored


def _caption(caption: str | None) -> JSON:
    if not caption:
        return {}
    fields: JSON = {"caption": caption}
    entities = command_entities(caption)
    if entities:
        fields["caption_entities"] = entities
    return fields
