"""What people type for times and dates: a time of day ("7pm", "19:00") and a start date ("oct 1", "10/1").

Pure parsing, shared by the client's settings and the meeting forms; `ValidationFailed` names what was expected.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from bot.core.errors import ValidationFailed

_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.h ]?(\d{2}))?\s*([ap]\.?m\.?)?\s*$", re.IGNORECASE)
_MONTHS = (
    {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
    | {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
    | {"sept": 9}
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?$")
_WORDY = re.compile(
    r"^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?$|^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.?(?:,? (\d{4}))?$"
)
MAX_TYPED = 40  # the longest time or date anyone types ("Wednesday, 1 October 2026" is 25)
OLDEST_START = dt.date(1900, 1, 1)


def parse_time(text: str) -> dt.time:
    """Accept 19:00, 7pm, 7:30 pm, 0730, 7.30."""
    if len(text or "") > MAX_TYPED:  # the pattern backtracks on long runs of spaces: read nothing that long
        raise ValidationFailed("time of day")
    m = _TIME.match(text or "")
    if not m:
        raise ValidationFailed("time of day")
    hour, minute, ampm = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            raise ValidationFailed("time of day")
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValidationFailed("time of day")
    return dt.time(hour, minute)


def month_number(word: str) -> int | None:
    """'oct', 'October' or 'sept' as 10 or 9; None for anything else."""
    return _MONTHS.get(word.strip().lower().rstrip("."))


def parse_start_date(text: str, today: dt.date) -> dt.date:
    """Accept 2026-10-01, 10/1/2026, 10/1, "oct 1", "1 October 2026", "today", "yesterday".

    A date without a year is the latest one not after today. Future dates are refused.
    """
    if len(text or "") > MAX_TYPED:
        raise ValidationFailed("date")
    t = " ".join((text or "").strip().lower().replace(",", " , ").split()).replace(" ,", ",")
    if t in ("today", "yesterday"):
        return today - dt.timedelta(days=1 if t == "yesterday" else 0)
    year: int | None
    if m := _ISO.match(t):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _US.match(t):
        month, day = int(m.group(1)), int(m.group(2))
        year = None if m.group(3) is None else int(m.group(3)) + (2000 if len(m.group(3)) == 2 else 0)
    elif (m := _WORDY.match(t)) and _MONTHS.get(m.group(1) or m.group(5) or "") is not None:
        month = _MONTHS[m.group(1) or m.group(5)]
        day = int(m.group(2) or m.group(4))
        year = int(m.group(3) or m.group(6)) if (m.group(3) or m.group(6)) else None
    else:
        raise ValidationFailed("date")
    try:
        found = dt.date(year or today.year, month, day)
        if year is None and found > today:
            found = dt.date(today.year - 1, month, day)
    except ValueError:
        raise ValidationFailed("date") from None
    if found > today or found < OLDEST_START:
        raise ValidationFailed("date")
    return found
