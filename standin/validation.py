"""Telegram's content rules: text and caption lengths, parse modes, keyboards, bot commands.

Each check takes `strict`; with validation switched off (Limits.validation=False) only what
is needed to store the message is checked, so benchmarks measure the bot, not the rules.
"""

from __future__ import annotations

import re
from typing import Any

from standin.entities import Entity, EntityParseError, parse
from standin.errors import bad_request
from standin.params import Params

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64  # bytes
MAX_BUTTONS = 100
MAX_CALLBACK_ANSWER = 200
MAX_COMMANDS = 100
COMMAND = re.compile(r"[a-z0-9_]{1,32}")
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_INLINE_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


def formatted(raw: str, parse_mode: str | None, entities: Any, strict: bool) -> tuple[str, list[Entity]]:
    """Visible text and entities of a text or caption."""
    try:
        visible, parsed = parse(raw, parse_mode)
    except EntityParseError as exc:
        if strict:
            raise bad_request(f"can't parse entities: {exc}") from None
        return raw.strip(), []
    except ValueError:
        if strict:
            raise bad_request("unsupported parse_mode") from None
        return raw.strip(), []
    if not parse_mode and isinstance(entities, list):
        parsed = [e for e in entities if isinstance(e, dict)]  # explicit entities are taken as given
    return visible, parsed


def message_text(params: Params, strict: bool) -> tuple[str, list[Entity]]:
    text, entities = formatted(params.text("text") or "", params.text("parse_mode"), params.obj("entities"), strict)
    if not text:
        raise bad_request("message text is empty")
    if strict and len(text) > MAX_TEXT:
        raise bad_request("message is too long")
    return text, entities


def caption(params: Params, strict: bool) -> tuple[str | None, list[Entity]]:
    raw = params.text("caption")
    if not raw:
        return None, []
    text, entities = formatted(raw, params.text("parse_mode"), params.obj("caption_entities"), strict)
    if strict and len(text) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    return text or None, entities


def reply_markup(params: Params, strict: bool) -> dict[str, Any] | None:
    markup = params.obj("reply_markup", "reply keyboard markup JSON object")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("object expected as reply markup")
    if not strict:
        return markup
    if "inline_keyboard" in markup:
        _inline_keyboard(markup["inline_keyboard"])
    elif "keyboard" in markup:
        _reply_keyboard(markup["keyboard"])
    elif not (markup.get("remove_keyboard") is True or markup.get("force_reply") is True):
        raise bad_request("object expected as reply markup")
    return markup


def _rows(rows: Any, field: str, markup: str) -> list[list[Any]]:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f'field "{field}" of the {markup} should be an Array of Arrays')
    if sum(len(row) for row in rows) > MAX_BUTTONS:
        raise bad_request("reply markup is too long")
    return rows


def _inline_keyboard(rows: Any) -> None:
    for row in _rows(rows, "inline_keyboard", "InlineKeyboardMarkup"):
        for button in row:
            if not isinstance(button, dict):
                raise bad_request("can't parse inline keyboard button: InlineKeyboardButton should be an Object")
            if not isinstance(button.get("text"), str):
                raise bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
            if not button["text"].strip():
                raise bad_request("BUTTON_TEXT_INVALID")
            actions = [name for name in _INLINE_ACTIONS if name in button]
            if not actions:
                raise bad_request(
                    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
                )
            if "callback_data" in button:
                data = button["callback_data"]
                if not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                    raise bad_request("BUTTON_DATA_INVALID")
            if "url" in button:
                url = button["url"]
                if not isinstance(url, str) or not re.match(r"(https?|tg)://\S+$", url):
                    raise bad_request("BUTTON_URL_INVALID")


def _reply_keyboard(rows: Any) -> None:
    rows = _rows(rows, "keyboard", "ReplyKeyboardMarkup")
    if not any(rows):
        raise bad_request("keyboard must be non-empty")
    for row in rows:
        for button in row:
            text = button if isinstance(button, str) else button.get("text") if isinstance(button, dict) else None
            if not isinstance(text, str):
                raise bad_request("can't parse keyboard button: KeyboardButton should be a String or an Object")


def bot_commands(raw: Any, strict: bool) -> list[dict[str, str]]:
    if not isinstance(raw, list):
        raise bad_request("can't parse commands JSON object")
    commands = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("command"), str):
            raise bad_request("BOT_COMMAND_INVALID")
        command, description = item["command"], str(item.get("description", ""))
        if strict and not COMMAND.fullmatch(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if strict and not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        commands.append({"command": command, "description": description})
    if strict and len(commands) > MAX_COMMANDS:
        raise bad_request("too many commands")
    return commands


def max_length(value: str | None, limit: int, what: str, strict: bool) -> str:
    value = value or ""
    if strict and len(value) > limit:
        raise bad_request(f"{what} is too long")
    return value
