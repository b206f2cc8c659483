"""A small local spool for flagged messages the database could not take.

When the database is down, the crisis reply still goes out, and what is needed to raise the
alert later (who wrote, what, when) is appended here, one line per entry. The same format holds
the inbox (INBOX_NAME, bot.services.crisis_inbox): a flagged update written down before Telegram
is told it arrived, with the reply it needs, until the bot has recorded and answered it. Each line is
encrypted with the clinic key (bot.core.crypto, the key of every encrypted column) and the
file is created with mode 0600, so only the bot's own user can read it. The bot replays
and empties the spool at start, and then on the escalation clock (bot.services.crisis_record.schedule)
until the database takes every entry.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bot.core import crypto

FILE_NAME = "crisis-spool"
INBOX_NAME = "crisis-inbox"


@dataclass(frozen=True)
class Spooled:
    telegram_id: int
    kind: str  # "message" (text to screen again) or "answer" (said yes when asked)
    text: str
    at: str  # ISO time the person wrote
    # Inbox entries only: which update, where to answer, and the reply it needs (buttons as (label, data) rows).
    update_id: int | None = None
    chat_id: int | None = None
    reply: str = ""
    buttons: list[list[tuple[str, str]]] | None = None


def keep(directory: str | Path, entry: Spooled, name: str = FILE_NAME) -> Path:
    """Append one entry, durably (fsync), to a file only the bot's user can read."""
    path = Path(directory) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    line = crypto.encrypt(json.dumps(asdict(entry))) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.fchmod(fd, 0o600)  # even if the file was made earlier with a looser mode
        os.write(fd, line.encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    return path


def read(directory: str | Path, name: str = FILE_NAME) -> list[Spooled]:
    path = Path(directory) / name
    if not path.exists():
        return []
    lines = [line for line in path.read_text().splitlines() if line.strip()]
    return [_entry(json.loads(crypto.decrypt(line))) for line in lines]


def _entry(raw: dict[str, Any]) -> Spooled:
    buttons = raw.pop("buttons", None)
    rows = [[(str(label), str(data)) for label, data in row] for row in buttons] if buttons else None
    return Spooled(**raw, buttons=rows)


def replace(directory: str | Path, remaining: list[Spooled], name: str = FILE_NAME) -> None:
    """Keep only `remaining` (those a replay could not record yet); remove the file when none is left."""
    path = Path(directory) / name
    if not remaining:
        path.unlink(missing_ok=True)
        return
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, "".join(crypto.encrypt(json.dumps(asdict(e))) + "\n" for e in remaining).encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    tmp.replace(path)


def stamp(at: dt.datetime) -> str:
    return at.isoformat()
