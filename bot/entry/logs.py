"""Logging for the bot process: one format, and a filter that keeps what people wrote out of the logs.

python-telegram-bot logs whole updates and API calls at DEBUG ("Processing update ...",
"Calling Bot API endpoint ... with parameters ...") and the raw update when it cannot parse
one (at CRITICAL, whatever the level). The filter replaces such arguments before any
handler formats them, so a client's words never reach a log file.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any

from telegram import TelegramObject, Update

# Keys under which Telegram carries what a person wrote or who they are.
PRIVATE_KEYS = frozenset(
    {"text", "caption", "query", "question", "quote", "explanation", "first_name", "last_name", "phone_number"}
)
_KEYS = "|".join(sorted(PRIVATE_KEYS))
# JSON or dict repr ("text": / 'text':) and object repr (text='...') of something that carries text.
_PRIVATE_JSON = re.compile(rf"""["'](?:{_KEYS})["']\s*:|\b(?:{_KEYS})=["']""")
WITHHELD = "<withheld: may hold message text>"
_MAX_DEPTH = 8


def _private(value: object, depth: int = 0) -> bool:
    """True if `value` is, or contains, something a person wrote."""
    if depth > _MAX_DEPTH:
        return True  # too deep to be sure: withhold
    if isinstance(value, TelegramObject):
        return True
    if isinstance(value, str):
        return bool(_PRIVATE_JSON.search(value))
    if isinstance(value, bytes | bytearray):
        return _private(bytes(value).decode("utf-8", "replace"), depth)
    if isinstance(value, Mapping):
        return any((k in PRIVATE_KEYS and v not in (None, "")) or _private(v, depth + 1) for k, v in value.items())
    if isinstance(value, Sequence | AbstractSet):
        return any(_private(v, depth + 1) for v in value)
    if value is None or isinstance(value, int | float):
        return False
    # Anything else is judged by what it would print: SQLAlchemy logs result rows at DEBUG through a
    # wrapper whose repr shows the decrypted values (e.g. a conversation-state row).
    return bool(_PRIVATE_JSON.search(repr(value)))


def _scrub(value: object) -> object:
    if isinstance(value, Update):
        return f"<update {value.update_id}: content withheld>"
    return WITHHELD if _private(value) else value


class PrivacyFilter(logging.Filter):
    """Replaces log arguments (and messages) that hold message text; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not isinstance(record.msg, str) or _private(record.msg):
            record.msg, record.args = _scrub(record.msg), ()
            if not isinstance(record.msg, str):
                record.msg = str(record.msg)
            return True
        args: Any = record.args
        if isinstance(args, Mapping):
            # logging turns a single mapping argument into `args` itself ("%r" % data or "%(k)s").
            if "%(" in record.msg:
                record.args = {k: _scrub(v) for k, v in args.items()}
            elif _private(args):
                record.args = (WITHHELD,)
        elif args:
            record.args = tuple(_scrub(a) for a in args)
        return True


def install_privacy_filter() -> PrivacyFilter:
    """Put the filter on every handler of the root logger (where every record ends up)."""
    privacy = PrivacyFilter()
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, PrivacyFilter) for f in handler.filters):
            handler.addFilter(privacy)
    return privacy


def setup_logging(level: int = logging.INFO) -> None:
    """The process's logging: a plain line format, quiet libraries, and the privacy filter."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its log lines would print the token
    logging.getLogger("alembic").setLevel(logging.WARNING)
    # The job queue's scheduler logs every run of every job at INFO ("Running job ...", "... executed
    # successfully"): the 5-second delivery loop alone made about 35,000 lines a day. Its warnings stay.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    # matplotlib says "building the font cache" once on a fresh machine; the chart works either way.
    logging.getLogger("matplotlib").setLevel(logging.ERROR)
    install_privacy_filter()
