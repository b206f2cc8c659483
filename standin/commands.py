"""Bot command lists per scope and language, and the menu a user actually sees.

Lists are stored per (scope, language_code) exactly as set; getMyCommands answers for that
exact key. What a user sees follows the Bot API's "Determining list of commands" order.
"""

from __future__ import annotations

from typing import Any

from standin.errors import bad_request
from standin.params import chat_ref

ScopeKey = tuple[str, int | str | None, int | None, str]

SCOPE_TYPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)
_WITH_CHAT = frozenset({"chat", "chat_administrators", "chat_member"})


def scope_key(scope: Any, language_code: str | None) -> ScopeKey:
    if scope is None:
        scope = {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in SCOPE_TYPES:
        raise bad_request("can't parse BotCommandScope: unsupported type")
    kind = scope["type"]
    chat_id = user_id = None
    if kind in _WITH_CHAT:
        if scope.get("chat_id") in (None, ""):
            raise bad_request("chat_id is empty")
        chat_id = chat_ref(scope["chat_id"])
    if kind == "chat_member":
        if scope.get("user_id") in (None, ""):
            raise bad_request("user_id is empty")
        user_id = int(scope["user_id"])
    return kind, chat_id, user_id, language_code or ""


def visible_commands(
    commands: dict[ScopeKey, list[dict[str, str]]],
    chat_id: int,
    user_id: int | None,
    language_code: str | None,
    is_group: bool,
) -> list[dict[str, str]]:
    """The command menu Telegram shows this user in this chat (administrator scopes are not modelled)."""
    if is_group:
        scopes: list[tuple[str, int | None, int | None]] = [
            ("chat_member", chat_id, user_id),
            ("chat", chat_id, None),
            ("all_group_chats", None, None),
        ]
    else:
        scopes = [("chat", chat_id, None), ("all_private_chats", None, None)]
    scopes.append(("default", None, None))
    for kind, chat, user in scopes:
        for language in ([language_code] if language_code else []) + [""]:
            found = commands.get((kind, chat, user, language))
            if found:
                return found
    return []
