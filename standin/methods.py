"""The Bot API methods, bot side: what a bot can ask and what Telegram answers.

Each method takes the calling bot and its parameters and returns the `result` of the answer,
or raises ApiError. The order of checks in the sending methods is: the chat (400 chat not
found / 403 blocked), the content (400), then the flood limits (429), so a refused message
never spends flood allowance.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar
from urllib.parse import urlsplit

from standin import validation
from standin.commands import scope_key
from standin.errors import ApiError, bad_request, forbidden, too_many_requests
from standin.files import MAX_DOWNLOAD, FileRecord, image_size
from standin.limits import FloodControl, Limits
from standin.params import Params, Upload
from standin.state import (
    JSON,
    BotState,
    ChatState,
    Stats,
    StoredMessage,
    WebhookConfig,
    World,
)

_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
_KIND_NAMES = {"photos": "Photo", "documents": "Document", "stickers": "Sticker"}
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


@dataclass
class Answer:
    """A result with the optional `description` Telegram adds to some successful answers."""

    result: Any
    description: str | None = None


Method = Callable[[BotState, Params], Awaitable[Any]]
F = TypeVar("F", bound=Callable[..., Awaitable[Any]])
_REGISTRY: dict[str, str] = {}  # lower-case method name (Telegram ignores case) -> attribute


def method(name: str) -> Callable[[F], F]:
    def register(fn: F) -> F:
        _REGISTRY[name.lower()] = fn.__name__
        return fn

    return register


class BotApi:
    def __init__(
        self,
        world: World,
        limits: Limits,
        flood: FloodControl,
        stats: Stats,
        on_webhook_set: Callable[[BotState], None],
    ) -> None:
        self.world = world
        self.limits = limits
        self.flood = flood
        self.stats = stats
        self.on_webhook_set = on_webhook_set

    def lookup(self, name: str) -> Method | None:
        attribute = _REGISTRY.get(name.lower())
        return getattr(self, attribute) if attribute else None

    @property
    def strict(self) -> bool:
        return self.limits.validation

    # --- chats --------------------------------------------------------------------------

    def _chat(self, bot: BotState, chat_ref: int | str) -> ChatState:
        if isinstance(chat_ref, int):
            chat = bot.chats.get(chat_ref) or self.world.group_chat(bot, chat_ref)
            if chat is not None:
                return chat
            if not self.limits.strict_chats and chat_ref > 0:
                return self.world.private_chat(bot, chat_ref)
            if chat_ref in self.world.users:
                raise forbidden("bot can't initiate conversation with a user")
        raise bad_request("chat not found")

    def _writable_chat(self, bot: BotState, params: Params) -> ChatState:
        chat = self._chat(bot, params.chat_id())
        if chat.blocked:
            raise forbidden("bot was blocked by the user")
        return chat

    def _spend(self, bot: BotState, chat: ChatState) -> None:
        retry_after = self.flood.check(bot.id, chat.id, chat.is_group)
        if retry_after is not None:
            self.stats.flood_429 += 1
            raise too_many_requests(retry_after)

    def _stored(self, chat: ChatState, message_id: int, missing: str) -> StoredMessage:
        stored = chat.messages.get(message_id)
        if stored is None:
            raise bad_request(missing)
        return stored

    # --- sending ------------------------------------------------------------------------

    def _post(self, bot: BotState, chat: ChatState, params: Params, fields: JSON, markup: JSON | None) -> JSON:
        message: JSON = {
            "message_id": chat.new_message_id(),
            "from": bot.user,
            "chat": dict(chat.chat),
            "date": self.world.now(),
            **fields,
        }
        reply_to = self._reply_to(chat, params)
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        inline = markup is not None and "inline_keyboard" in markup
        if markup is not None and inline:
            message["reply_markup"] = {"inline_keyboard": markup["inline_keyboard"]}
        elif markup is not None:
            # Reply keyboards are not part of the Message object; the user's keyboard changes.
            chat.reply_keyboard = markup if "keyboard" in markup else None
        chat.messages[message["message_id"]] = StoredMessage(message, True, None if inline else markup)
        chat.sent_by_bot += 1
        chat.last_action = None  # a message ends the chat action, as in the apps
        self.stats.messages_per_chat[chat.id] += 1
        self.world.touch()
        return copy.deepcopy(message)

    def _reply_to(self, chat: ChatState, params: Params) -> JSON | None:
        reply = params.obj("reply_parameters") or {}
        message_id = reply.get("message_id") if isinstance(reply, dict) else None
        message_id = message_id or params.integer("reply_to_message_id")
        if not message_id:
            return None
        stored = chat.messages.get(int(message_id))
        if stored is None:
            allowed = reply.get("allow_sending_without_reply") if isinstance(reply, dict) else False
            if allowed or params.flag("allow_sending_without_reply") or not self.strict:
                return None
            raise bad_request("message to be replied not found")
        return {k: v for k, v in stored.data.items() if k != "reply_to_message"}

    def _input_file(self, params: Params, name: str, kind: str) -> FileRecord:
        value = params.file(name)
        if value is None:
            raise bad_request(f"there is no {name} in the request")
        files = self.world.files
        if isinstance(value, Upload):
            width = height = 0
            if kind == "photos":
                size = image_size(value.content)
                if size is None and self.strict:
                    raise bad_request("IMAGE_PROCESS_FAILED")
                width, height = size or (320, 320)
            mime = value.mime_type if value.mime_type != "application/octet-stream" else None
            return files.add(kind, value.content, value.file_name, mime, width=width, height=height)
        if value.startswith(("http://", "https://")):
            # Telegram would download it; the stand-in never leaves loopback, so the bytes stay empty.
            name_in_url = urlsplit(value).path.rsplit("/", 1)[-1] or None
            return files.add(kind, b"", name_in_url, source_url=value)
        record = files.get(value)
        if record is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        if record.kind != kind and self.strict:
            raise bad_request(f"can't use file of type {_KIND_NAMES[record.kind]} as {_KIND_NAMES[kind]}")
        return record

    def _caption_fields(self, params: Params) -> JSON:
        caption, entities = validation.caption(params, self.strict)
        fields: JSON = {}
        if caption:
            fields["caption"] = caption
            if entities:
                fields["caption_entities"] = entities
        return fields

    @method("sendMessage")
    async def send_message(self, bot: BotState, params: Params) -> JSON:
        chat = self._writable_chat(bot, params)
        text, entities = validation.message_text(params, self.strict)
        markup = validation.reply_markup(params, self.strict)
        self._spend(bot, chat)
        fields: JSON = {"text": text}
        if entities:
            fields["entities"] = entities
        return self._post(bot, chat, params, fields, markup)

    @method("sendPhoto")
    async def send_photo(self, bot: BotState, params: Params) -> JSON:
        chat = self._writable_chat(bot, params)
        record = self._input_file(params, "photo", "photos")
        fields = {"photo": [record.photo_size()], **self._caption_fields(params)}
        markup = validation.reply_markup(params, self.strict)
        self._spend(bot, chat)
        return self._post(bot, chat, params, fields, markup)

    @method("sendDocument")
    async def send_document(self, bot: BotState, params: Params) -> JSON:
        chat = self._writable_chat(bot, params)
        record = self._input_file(params, "document", "documents")
        fields = {"document": record.document(), **self._caption_fields(params)}
        markup = validation.reply_markup(params, self.strict)
        self._spend(bot, chat)
        return self._post(bot, chat, params, fields, markup)

    @method("sendChatAction")
    async def send_chat_action(self, bot: BotState, params: Params) -> bool:
        chat = self._writable_chat(bot, params)
        action = params.text("action")
        if action not in validation.CHAT_ACTIONS and (self.strict or not action):
            raise bad_request("wrong parameter action in request")
        chat.last_action = action
        self.world.touch()
        return True

    # --- editing and deleting -------------------------------------------------------------

    def _editable(self, bot: BotState, params: Params) -> tuple[ChatState, StoredMessage]:
        if params.has("inline_message_id"):
            raise bad_request("inline messages are not supported by the stand-in")
        chat = self._writable_chat(bot, params)
        stored = self._stored(chat, params.required_integer("message_id"), "message to edit not found")
        if not stored.from_bot:
            raise bad_request("message can't be edited")
        return chat, stored

    def _apply_edit(
        self, bot: BotState, chat: ChatState, stored: StoredMessage, changes: JSON, markup: JSON | None
    ) -> JSON:
        """Edits in place. Like Telegram, an edit without reply_markup removes the inline keyboard."""
        data = stored.data
        inline = {"inline_keyboard": markup["inline_keyboard"]} if markup and "inline_keyboard" in markup else None
        unchanged = all(data.get(k) == v for k, v in changes.items()) and data.get("reply_markup") == inline
        if unchanged and self.strict:
            raise bad_request(_NOT_MODIFIED)
        if self.limits.count_edits:
            self._spend(bot, chat)
        for key, value in changes.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        if inline is None:
            data.pop("reply_markup", None)
        else:
            data["reply_markup"] = inline
        data["edit_date"] = self.world.now()
        stored.edits += 1
        self.world.touch()
        return copy.deepcopy(data)

    @method("editMessageText")
    async def edit_message_text(self, bot: BotState, params: Params) -> JSON:
        chat, stored = self._editable(bot, params)
        if "text" not in stored.data:
            raise bad_request("there is no text in the message to edit")
        text, entities = validation.message_text(params, self.strict)
        markup = validation.reply_markup(params, self.strict)
        return self._apply_edit(bot, chat, stored, {"text": text, "entities": entities or None}, markup)

    @method("editMessageCaption")
    async def edit_message_caption(self, bot: BotState, params: Params) -> JSON:
        chat, stored = self._editable(bot, params)
        if "text" in stored.data:
            raise bad_request("there is no caption in the message to edit")
        fields = self._caption_fields(params)
        changes = {"caption": fields.get("caption"), "caption_entities": fields.get("caption_entities")}
        markup = validation.reply_markup(params, self.strict)
        return self._apply_edit(bot, chat, stored, changes, markup)

    @method("editMessageReplyMarkup")
    async def edit_message_reply_markup(self, bot: BotState, params: Params) -> JSON:
        chat, stored = self._editable(bot, params)
        markup = validation.reply_markup(params, self.strict)
        return self._apply_edit(bot, chat, stored, {}, markup)

    @method("deleteMessage")
    async def delete_message(self, bot: BotState, params: Params) -> bool:
        chat = self._chat(bot, params.chat_id())
        message_id = params.required_integer("message_id")
        self._stored(chat, message_id, "message to delete not found")
        del chat.messages[message_id]
        self.world.touch()
        return True

    @method("deleteMessages")
    async def delete_messages(self, bot: BotState, params: Params) -> bool:
        chat = self._chat(bot, params.chat_id())
        ids = params.obj("message_ids") or []
        if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
            raise bad_request("message_ids must be a list of 1-100 message identifiers")
        for message_id in ids:
            chat.messages.pop(int(message_id), None)  # missing ones are skipped, as Telegram does
        self.world.touch()
        return True

    @method("answerCallbackQuery")
    async def answer_callback_query(self, bot: BotState, params: Params) -> bool:
        record = bot.callbacks.get(params.required_text("callback_query_id"))
        if record is None or record.answer is not None:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        text = params.text("text") or ""
        if self.strict and len(text) > validation.MAX_CALLBACK_ANSWER:
            raise bad_request("MESSAGE_TOO_LONG")
        record.answer = {
            "text": text,
            "show_alert": params.flag("show_alert"),
            "url": params.text("url"),
            "cache_time": params.integer("cache_time", 0),
        }
        self.world.touch()
        return True

    # --- files --------------------------------------------------------------------------

    @method("getFile")
    async def get_file(self, bot: BotState, params: Params) -> JSON:
        record = self.world.files.get(params.required_text("file_id"))
        if record is None:
            raise bad_request("invalid file_id")
        if record.size > MAX_DOWNLOAD:
            raise bad_request("file is too big")
        return record.file()

    # --- updates and webhooks -------------------------------------------------------------

    def _set_allowed(self, bot: BotState, params: Params) -> None:
        allowed = params.obj("allowed_updates")
        if allowed is not None:
            if not isinstance(allowed, list):
                raise bad_request("can't parse allowed_updates JSON array")
            bot.allowed_updates = [str(kind) for kind in allowed]

    @method("getUpdates")
    async def get_updates(self, bot: BotState, params: Params) -> list[JSON]:
        webhook_active = ApiError(
            409,
            "Conflict: can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first",
        )
        if bot.webhook is not None:
            raise webhook_active
        self._set_allowed(bot, params)
        bot.confirm(params.integer("offset", 0) or 0)
        limit = min(max(params.integer("limit", 100) or 100, 1), 100)
        timeout = max(params.number("timeout"), 0.0)
        bot.poll_generation += 1
        generation = bot.poll_generation
        if not bot.updates and timeout > 0 and not self.world.closed:
            bot.polling += 1
            self.world.touch()
            try:
                await self.world.wait_until(
                    lambda: (
                        bool(bot.updates)
                        or bot.poll_generation != generation
                        or bot.webhook is not None
                        or self.world.closed
                    ),
                    timeout,
                )
            finally:
                bot.polling -= 1
        if bot.poll_generation != generation:
            raise ApiError(
                409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
            )
        if bot.webhook is not None:
            raise webhook_active
        return list(islice(bot.updates, limit))

    @method("setWebhook")
    async def set_webhook(self, bot: BotState, params: Params) -> Answer:
        url = params.text("url") or ""
        if not url:
            return await self.delete_webhook(bot, params)
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            # Telegram insists on HTTPS; the stand-in also takes http:// for local receivers.
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.text("secret_token")
        if secret is not None and not _SECRET_TOKEN.fullmatch(secret):
            raise bad_request("secret token contains unallowed characters")
        self._set_allowed(bot, params)
        if params.flag("drop_pending_updates"):
            bot.updates.clear()
        already = bot.webhook is not None and bot.webhook.url == url and bot.webhook.secret_token == secret
        bot.webhook = WebhookConfig(
            url, secret, min(max(params.integer("max_connections", 40) or 40, 1), 100), params.text("ip_address")
        )
        self.world.touch()
        self.on_webhook_set(bot)
        return Answer(True, "Webhook is already set" if already else "Webhook was set")

    @method("deleteWebhook")
    async def delete_webhook(self, bot: BotState, params: Params) -> Answer:
        had = bot.webhook is not None
        bot.webhook = None
        if params.flag("drop_pending_updates"):
            bot.updates.clear()
        self.world.touch()
        return Answer(True, "Webhook was deleted" if had else "Webhook is already deleted")

    @method("getWebhookInfo")
    async def get_webhook_info(self, bot: BotState, params: Params) -> JSON:
        info: JSON = {"url": "", "has_custom_certificate": False, "pending_update_count": len(bot.updates)}
        hook = bot.webhook
        if hook is not None:
            info.update(url=hook.url, max_connections=hook.max_connections)
            if hook.ip_address:
                info["ip_address"] = hook.ip_address
            if hook.last_error_date is not None:
                info.update(last_error_date=hook.last_error_date, last_error_message=hook.last_error_message)
            if bot.allowed_updates:
                info["allowed_updates"] = list(bot.allowed_updates)
        return info

    # --- the bot itself -----------------------------------------------------------------

    @method("getMe")
    async def get_me(self, bot: BotState, params: Params) -> JSON:
        return bot.me()

    @method("logOut")
    async def log_out(self, bot: BotState, params: Params) -> bool:
        return True

    @method("close")
    async def close(self, bot: BotState, params: Params) -> bool:
        return True

    @method("getChat")
    async def get_chat(self, bot: BotState, params: Params) -> JSON:
        chat = self._chat(bot, params.chat_id())
        gifts = dict.fromkeys(
            ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription", "gifts_from_channels"), False
        )
        return {**chat.chat, "accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": gifts}

    @method("setMyCommands")
    async def set_my_commands(self, bot: BotState, params: Params) -> bool:
        commands = validation.bot_commands(params.obj("commands", "commands JSON object"), self.strict)
        key = scope_key(params.obj("scope", "BotCommandScope"), params.text("language_code"))
        if commands:
            bot.commands[key] = commands
        else:
            bot.commands.pop(key, None)  # an empty list is the same as deleting
        self.world.touch()
        return True

    @method("getMyCommands")
    async def get_my_commands(self, bot: BotState, params: Params) -> list[JSON]:
        key = scope_key(params.obj("scope", "BotCommandScope"), params.text("language_code"))
        return copy.deepcopy(bot.commands.get(key, []))

    @method("deleteMyCommands")
    async def delete_my_commands(self, bot: BotState, params: Params) -> bool:
        key = scope_key(params.obj("scope", "BotCommandScope"), params.text("language_code"))
        bot.commands.pop(key, None)
        self.world.touch()
        return True

    @method("setChatMenuButton")
    async def set_chat_menu_button(self, bot: BotState, params: Params) -> bool:
        chat_id = params.integer("chat_id")
        button = params.obj("menu_button", "menu button JSON object") or {"type": "default"}
        if not isinstance(button, dict) or button.get("type") not in ("commands", "web_app", "default"):
            raise bad_request("can't parse menu button JSON object")
        bot.menu_buttons[chat_id] = button
        return True

    @method("getChatMenuButton")
    async def get_chat_menu_button(self, bot: BotState, params: Params) -> JSON:
        chat_id = params.integer("chat_id")
        button = bot.menu_buttons.get(chat_id) or bot.menu_buttons.get(None) or {"type": "commands"}
        return {"type": "commands"} if button["type"] == "default" else dict(button)

    @method("setMyDescription")
    async def set_my_description(self, bot: BotState, params: Params) -> bool:
        text = validation.max_length(params.text("description"), 512, "description", self.strict)
        bot.descriptions[params.text("language_code") or ""] = text
        return True

    @method("getMyDescription")
    async def get_my_description(self, bot: BotState, params: Params) -> JSON:
        return {"description": bot.descriptions.get(params.text("language_code") or "", "")}

    @method("setMyShortDescription")
    async def set_my_short_description(self, bot: BotState, params: Params) -> bool:
        text = validation.max_length(params.text("short_description"), 120, "short description", self.strict)
        bot.short_descriptions[params.text("language_code") or ""] = text
        return True

    @method("getMyShortDescription")
    async def get_my_short_description(self, bot: BotState, params: Params) -> JSON:
        return {"short_description": bot.short_descriptions.get(params.text("language_code") or "", "")}

    @method("setMyName")
    async def set_my_name(self, bot: BotState, params: Params) -> bool:
        name = validation.max_length(params.text("name"), 64, "name", self.strict)
        language = params.text("language_code") or ""
        bot.names[language] = name
        if not language and name:
            bot.first_name = name
        return True

    @method("getMyName")
    async def get_my_name(self, bot: BotState, params: Params) -> JSON:
        return {"name": bot.names.get(params.text("language_code") or "", bot.first_name)}
