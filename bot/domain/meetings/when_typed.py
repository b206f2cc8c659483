"""A meeting's first date and its length as staff type them: "monday 9am", "12/7/2026 9:00", "3 hours", "1.5h".

Slashed dates read month first by default (`DATE_ORDER=mdy`, US); a clinic sets `dmy` to read day first.
A weekday or a date without a year is the next one ahead. `ValidationFailed` names what was expected.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.core.errors import ValidationFailed
from bot.domain.meetings import how_often
from bot.domain.people import typed

DATE_ORDERS = ("mdy", "dmy")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_SLASHED = re.compile(r"^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?$")
_WORDY = re.compile(
    r"^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?: (\d{4}))?$|^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.?(?: (\d{4}))?$"
)
_CLOCK = re.compile(r"(?:^|\s)(\d{1,2}(?:[:.h]\d{2})?\s*(?:[ap]\.?m\.?)?|noon)$", re.IGNORECASE)
_LENGTH = re.compile(
    r"^(?:(\d+(?:[.,]\d+)?)\s*(?:h|hr|hrs|hour|hours))?\s*(?:(\d+)\s*(?:m|min|mins|minute|minutes)?)?$"
)
MAX_TYPED = 60
MAX_MINUTES = 1440


def parse_when(text: str, now_local: dt.datetime, order: str = "mdy") -> dt.datetime:
    """A first date and time as a naive wall time in the clinic's zone; ValidationFailed otherwise."""
    said = " ".join(text.strip().lower().replace(",", " ").split())
    if not said or len(said) > MAX_TYPED:
        raise ValidationFailed("expected a date and a time")
    said = re.sub(r"(\d)t(\d)", r"\1 \2", said)  # 2026-03-02T18:00
    m = _CLOCK.search(said)
    if m is None:
        raise ValidationFailed("expected a time like 9am or 18:00")
    clock = dt.time(12) if m[1] == "noon" else _clock(m[1])
    day_words = re.sub(r"\s+at$", "", said[: m.start()].strip()).strip()
    day = _day(day_words, now_local.date(), order)
    wall = dt.datetime.combine(day, clock)
    if not re.search(r"\d", day_words) and day_words not in ("today",) and wall <= now_local:
        wall += dt.timedelta(days=7)  # "monday 9am" said on a Monday at noon: next Monday
    return wall


def parse_day(text: str, today: dt.date, order: str = "mdy") -> dt.date:
    """A date alone: '2026-12-25', '12/25/2026', 'dec 25', 'friday', 'tomorrow'; ValidationFailed otherwise."""
    said = " ".join(text.strip().lower().replace(",", " ").split())
    if len(said) > MAX_TYPED:
        raise ValidationFailed("expected a date like 12/25/2026 or 2026-12-25")
    return _day(said, today, order)


def _clock(text: str) -> dt.time:
    if not re.search(r"\d[:.h]\d|[ap]\.?m\.?$", text):
        raise ValidationFailed("expected a time like 9am or 18:00")  # a bare "7" could be morning or evening
    try:
        return typed.parse_time(text.replace(" ", ""))
    except ValidationFailed:
        raise ValidationFailed("expected a time like 9am or 18:00") from None


def _day(words: str, today: dt.date, order: str) -> dt.date:
    words = words.removeprefix("this ").removeprefix("next ").removeprefix("on ")
    if words in ("", "today"):
        return today
    if words == "tomorrow":
        return today + dt.timedelta(days=1)
    weekday = how_often.day_code(words)
    if weekday is not None:
        ahead = (how_often.DAYS.index(weekday) - today.weekday()) % 7
        return today + dt.timedelta(days=ahead)
    year: int | None
    if m := _ISO.match(words):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _SLASHED.match(words):
        first, second = int(m[1]), int(m[2])
        month, day = (first, second) if order == "mdy" else (second, first)
        year = None if m[3] is None else int(m[3]) + (2000 if len(m[3]) == 2 else 0)
    elif (m := _WORDY.match(words)) and typed.month_number(m[1] or m[5]) is not None:
        month = typed.month_number(m[1] or m[5]) or 0
        day = int(m[2] or m[4])
        year = int(m[3] or m[6]) if (m[3] or m[6]) else None
    else:
        raise ValidationFailed("expected a date like 12/7/2026 or a weekday")
    return typed.with_year(year, month, day, today, ahead=True, error="no such date")


def parse_length(text: str) -> int:
    """A length in minutes from '90', '90 min', '3 hours', '1.5h', '1h30'; 1 to 1440, else ValidationFailed."""
    said = " ".join(text.strip().lower().split())
    m = _LENGTH.match(said) if said.isascii() and len(said) <= MAX_TYPED else None
    if m is None or not (m[1] or m[2]):
        raise ValidationFailed(f"the length must be 1 to {MAX_MINUTES} minutes")
    total = float(m[1].replace(",", ".")) * 60 if m[1] else 0.0
    total += int(m[2]) if m[2] else 0
    if total != int(total) or not 1 <= total <= MAX_MINUTES:
        raise ValidationFailed(f"the length must be 1 to {MAX_MINUTES} minutes")
    return int(total)
