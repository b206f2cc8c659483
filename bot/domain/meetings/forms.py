"""What staff type and see when keeping the calendar: times, repeat choices, one-line descriptions."""

from __future__ import annotations

import datetime as dt
import re

from bot import texts
from bot.core.errors import ValidationFailed
from bot.domain.meetings import how_often, when_typed
from bot.domain.meetings.schedule import Series
from bot.domain.people import typed
from bot.texts import wording

REPEATS = ("once", "weekly", "mwf", "weekdays", "daily")
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_WHEN = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})[ T]\s*(\S.*)$")
# A clock needs minutes or am/pm: a bare "7" could be morning or evening, and a change is announced at once.
_CLOCK_LIKE = re.compile(r"\d[:.h]\d|\d\s*[ap]\.?m\.?\s*$", re.IGNORECASE)
TITLE_MAX = 120  # the columns' width, for staff titles and public wording alike
MAX_MINUTES = 1440


def example(now_local: dt.datetime) -> str:
    return f"{(now_local + dt.timedelta(days=1)):%Y-%m-%d} 18:00"


def parse_local(text: str) -> dt.datetime:
    """'2026-03-02 18:00' as a naive wall time; ValidationFailed otherwise."""
    m = _WHEN.match(text)
    if not m:
        raise ValidationFailed("expected YYYY-MM-DD HH:MM")
    try:
        day = dt.date.fromisoformat(m[1])
    except ValueError:
        raise ValidationFailed("no such date or time") from None
    return dt.datetime.combine(day, parse_clock(m[2]))


def parse_clock(text: str) -> dt.time:
    """'17:00', '5pm' or '5:30 pm' as a time of day (read as client settings read one); ValidationFailed otherwise."""
    if not _CLOCK_LIKE.search(text.strip()):
        raise ValidationFailed("expected a time like 17:00 or 5pm")
    try:
        return typed.parse_time(text)
    except ValidationFailed:
        raise ValidationFailed("expected a time like 17:00 or 5pm") from None


def parse_start(text: str) -> tuple[dt.time, dt.date | None]:
    """A new start: '17:00' (the date stays) or '2026-03-02 17:00'; ValidationFailed otherwise."""
    if not _WHEN.match(text):
        return parse_clock(text), None
    try:
        wall = parse_local(text)
    except ValidationFailed:
        raise ValidationFailed("expected a time like 17:00 or 5pm, or a date and time") from None
    return wall.time(), wall.date()


def title(text: str) -> str:
    """A staff title or a public wording: 1 to 120 characters once trimmed."""
    value = text.strip()
    if not 1 <= len(value) <= TITLE_MAX:
        raise ValidationFailed(f"it must be 1 to {TITLE_MAX} characters")
    return value


def minutes(text: str) -> int:
    """A length in minutes, 1 to 1440: '90', '90 min', '3 hours', '1.5h' (ASCII only: '²' is a digit to isdigit)."""
    return when_typed.parse_length(text)


def place(text: str) -> tuple[str, str]:
    """(place, link) from what staff typed: a web address is the link, anything else the room or address."""
    value = text.strip()[:300]
    return ("", value) if value.startswith(("http://", "https://")) else (value[:200], "")


def repeat_rule(choice: str, start: dt.datetime) -> str:
    """The RRULE of a repeat button (or a typed rule, checked)."""
    if choice == "once":
        return ""
    if choice == "weekly":
        return f"FREQ=WEEKLY;BYDAY={_DAYS[start.weekday()]}"
    if choice == "mwf":
        return "FREQ=WEEKLY;BYDAY=MO,WE,FR"
    if choice == "weekdays":
        return "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    if choice == "daily":
        return "FREQ=DAILY"
    return how_often.rule_from_words(choice, start)


def describe_when(series: Series) -> str:
    """'Mon, Wed, Fri 18:00', 'once, 2026-03-04 10:00', 'daily 12:00', 'daily 12:00 + 2 extra dates'..."""
    text = _describe_rule(series)
    return (
        texts.MEETINGS_WHEN_EXTRA.format(when=text, extra=wording.count(len(series.rdates), "extra date"))
        if series.rdates
        else text
    )


def _describe_rule(series: Series) -> str:
    clock = "all day" if series.all_day else f"{series.starts_local:%H:%M}"
    if not series.rrule:
        return f"{'' if series.rdates else 'once, '}{series.starts_local:%Y-%m-%d} {clock}"
    # A series split by a new time of day ends on its last date before the change: said with the rule.
    return how_often.describe(series.rrule, series.starts_local, clock)


def describe_repeat(rule: str, start: dt.datetime) -> str:
    """A rule being added, in words: 'Tue, Thu 18:00', 'once, 2026-03-04 10:00'."""
    if not rule:
        return f"once, {start:%Y-%m-%d %H:%M}"
    return how_often.describe(rule, start, f"{start:%H:%M}")


def describe_audience(series: Series, client_code: str = "", therapist_code: str = "") -> str:
    with_therapist = f" with {therapist_code}" if therapist_code else ""
    if series.audience == "cohort":
        return f"cohort {series.cohort}{with_therapist}"
    if series.audience == "client":
        return f"client {client_code or '?'}{with_therapist}"
    return f"all clients{with_therapist}"


__all__ = [
    "REPEATS",
    "describe_audience",
    "describe_repeat",
    "describe_when",
    "example",
    "minutes",
    "parse_clock",
    "parse_local",
    "parse_start",
    "place",
    "repeat_rule",
    "title",
]
