"""Values typed on the command line (dates, numbers of days), read before the database is opened.

A wrong one is said in one line and exit status 2 (argparse's usage block is kept for a wrong command).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

FIRST_DAY = dt.date(1970, 1, 1)
LAST_DAY = dt.date(2999, 12, 31)
MAX_DAYS = 366


class BadArgument(Exception):
    """A value on the command line that cannot be used; the message is the one line printed after "error: "."""


def day(option: str) -> Callable[[str], dt.date]:
    """An argparse `type` for a YYYY-MM-DD day given with `option` (e.g. "--from")."""

    def parse(text: str) -> dt.date:
        try:
            value = dt.date.fromisoformat(text.strip())
        except ValueError:
            raise BadArgument(f"{option} {text!r} is not a date; write it as YYYY-MM-DD") from None
        if not FIRST_DAY <= value <= LAST_DAY:
            raise BadArgument(
                f"{option} {value.isoformat()} is out of range; give a day from {FIRST_DAY} to {LAST_DAY}"
            )
        return value

    return parse


def days(text: str) -> int:
    """An argparse `type` for --days: a whole number of days from 1 to MAX_DAYS."""
    try:
        value = int(text.strip())
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_DAYS:
        raise BadArgument(f"--days {text!r} is not a number of days; give a whole number from 1 to {MAX_DAYS}")
    return value


def in_order(first: dt.date | None, last: dt.date | None, today: dt.date) -> None:
    """--from no later than --to (or today, when --to is left out)."""
    end = last or today
    if first is not None and first > end:
        to = f"--to {end:%Y-%m-%d}" if last else f"today ({end:%Y-%m-%d})"
        raise BadArgument(f"--from {first:%Y-%m-%d} is after {to}; the window would be empty")
