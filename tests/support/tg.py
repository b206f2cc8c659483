"""Builders for real telegram.Update objects as Telegram would send them."""

from __future__ import annotations

import itertools
import time
from typing import Any

from telegram import Bot, Update

_update_ids = itertools.count(1)
_message_ids = itertools.count(1)


# A test may give a user another app language (Telegram's `language_code`, e.g. "es-MX").
LANGUAGE_CODES: dict[int, str] = {}


def user(uid: int, first_name: str = "Sam") -> dict[str, Any]:
    return {"id": uid, "is_bot": False, "first_name": first_name, "language_code": LANGUAGE_CODES.get(uid, "en")}


def _message(uid: int, chat_type: str = "private", **fields: Any) -> dict[str, Any]:
    chat = (
        {"id": uid, "type": chat_type, "first_name": "Sam"}
        if chat_type == "private"
        else {"id": -100 - uid, "type": chat_type, "title": "A group"}
    )
    return {"message_id": next(_message_ids), "date": int(time.time()), "chat": chat, "from": user(uid), **fields}


def text(bot: Bot, uid: int, body: str, chat_type: str = "private") -> Update:
    """A text message; a leading /command gets its bot_command entity like Telegram adds."""
    fields: dict[str, Any] = {"text": body}
    if body.startswith("/"):
        length = len(body.split()[0])
        fields["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    data = {"update_id": next(_update_ids), "message": _message(uid, chat_type, **fields)}
    return Update.de_json(data, bot)


def edited(bot: Bot, uid: int, body: str, chat_type: str = "private") -> Update:
    """An edit of an earlier message; an edit to a /command keeps its bot_command entity."""
    fields: dict[str, Any] = {"text": body, "edit_date": int(time.time())}
    if body.startswith("/"):
        fields["entities"] = [{"type": "bot_command", "offset": 0, "length": len(body.split()[0])}]
    data = {"update_id": next(_update_ids), "edited_message": _message(uid, chat_type, **fields)}
    return Update.de_json(data, bot)


def channel_post(bot: Bot, body: str, *, edited: bool = False) -> Update:
    """A post in a channel the bot was added to (no sender user)."""
    post: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": {"id": -1009999, "type": "channel", "title": "A channel"},
        "text": body,
    }
    if body.startswith("/"):
        post["entities"] = [{"type": "bot_command", "offset": 0, "length": len(body.split()[0])}]
    return Update.de_json(
        {"update_id": next(_update_ids), ("edited_channel_post" if edited else "channel_post"): post}, bot
    )


def sticker(bot: Bot, uid: int) -> Update:
    st = {
        "file_id": "stk",
        "file_unique_id": "stku",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    return Update.de_json({"update_id": next(_update_ids), "message": _message(uid, sticker=st)}, bot)


def photo(bot: Bot, uid: int, caption: str = "") -> Update:
    ph = [{"file_id": "p", "file_unique_id": "pu", "width": 90, "height": 90}]
    fields: dict[str, Any] = {"photo": ph, **({"caption": caption} if caption else {})}
    return Update.de_json({"update_id": next(_update_ids), "message": _message(uid, **fields)}, bot)


def document(bot: Bot, uid: int, file_id: str, file_name: str, caption: str = "") -> Update:
    doc = {"file_id": file_id, "file_unique_id": file_id + "u", "file_name": file_name, "mime_type": "text/yaml"}
    fields: dict[str, Any] = {"document": doc}
    if caption:
        fields["caption"] = caption
        if caption.startswith("/"):
            fields["caption_entities"] = [{"type": "bot_command", "offset": 0, "length": len(caption.split()[0])}]
    return Update.de_json({"update_id": next(_update_ids), "message": _message(uid, **fields)}, bot)


def press(
    bot: Bot, uid: int, data: str, message_id: int = 1, message_text: str = "…", chat_type: str = "private"
) -> Update:
    """A press on an inline button carrying `data`, on a bot message with `message_id`."""
    chat = (
        {"id": uid, "type": "private", "first_name": "Sam"}
        if chat_type == "private"
        else {"id": -100 - uid, "type": chat_type, "title": "A group"}
    )
    msg = {
        "message_id": message_id,
        "date": int(time.time()),
        "text": message_text,
        "chat": chat,
        "from": {"id": 777000, "is_bot": True, "first_name": "IOP Companion", "username": "iop_companion_bot"},
    }
    query = {"id": str(next(_update_ids)), "from": user(uid), "chat_instance": "ci", "data": data, "message": msg}
    return Update.de_json({"update_id": next(_update_ids), "callback_query": query}, bot)


def my_chat_member(bot: Bot, uid: int, status: str) -> Update:
    """Telegram's notice that the user blocked ("kicked") or restarted ("member") the bot."""
    bot_user = {"id": 777000, "is_bot": True, "first_name": "IOP Companion", "username": "iop_companion_bot"}
    old, new = ("member", "kicked") if status == "kicked" else ("kicked", "member")
    member = {
        "update_id": next(_update_ids),
        "my_chat_member": {
            "chat": {"id": uid, "type": "private", "first_name": "Sam"},
            "from": user(uid),
            "date": int(time.time()),
            "old_chat_member": {"status": old, "user": bot_user, **({"until_date": 0} if old == "kicked" else {})},
            "new_chat_member": {"status": new, "user": bot_user, **({"until_date": 0} if new == "kicked" else {})},
        },
    }
    return Update.de_json(member, bot)


def voice(bot: Bot, uid: int) -> Update:
    vc = {"file_id": "v", "file_unique_id": "vu", "duration": 3, "mime_type": "audio/ogg"}
    return Update.de_json({"update_id": next(_update_ids), "message": _message(uid, voice=vc)}, bot)
