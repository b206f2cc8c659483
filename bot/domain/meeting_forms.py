"""What staff type and see when keeping the calendar: times, repeat choices, one-line descriptions."""

from __future__ import annotations

import datetime as dt
import re

from bot import texts
from bot.core.errors import ValidationFailed
from bot.domain import recurrence
from bot.domain.schedule import Series

REPEATS = ("once", "weekly", "mwf", "weekdays", "daily")
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_NAMES = {"MO": "Mon", "TU": "Tue", "WE": "Wed", "TH": "Thu", "FR": "Fri", "SA": "Sat", "SU": "Sun"}
_WHEN = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})\s*$")


def example(now_local: dt.datetime) -> str:
    return f"{(now_local + dt.timedelta(days=1)):%Y-%m-%d} 18:00"


def parse_local(text: str) -> dt.datetime:
    """'2026-03-02 18:00' as a naive wall time; ValidationFailed otherwise."""
    m = _WHEN.match(text)
    if not m:
        raise ValidationFailed("expected YYYY-MM-DD HH:MM")
    try:
        return dt.datetime.combine(dt.date.fromisoformat(m[1]), dt.time(int(m[2]), int(m[3])))
    except ValueError:
        raise ValidationFailed("no such date or time") from None


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
    return recurrence.check_rrule(choice, start)


def describe_when(series: Series) -> str:
    """'Mon, Wed, Fri 18:00', 'once, 2026-03-04 10:00', 'daily 12:00', 'daily 12:00 + 2 extra date(s)'..."""
    text = _describe_rule(series)
    return texts.MEETINGS_WHEN_EXTRA.format(when=text, n=len(series.rdates)) if series.rdates else text


def _describe_rule(series: Series) -> str:
    clock = "all day" if series.all_day else f"{series.starts_local:%H:%M}"
    if not series.rrule:
        return f"{'' if series.rdates else 'once, '}{series.starts_local:%Y-%m-%d} {clock}"
    parts = dict(p.partition("=")[::2] for p in series.rrule.split(";"))
    freq = parts.get("FREQ", "")
    if freq == "WEEKLY":
        days = parts.get("BYDAY", _DAYS[series.starts_local.weekday()]).split(",")
        names = ", ".join(_NAMES.get(d[-2:], d) for d in days)
        every = "" if parts.get("INTERVAL", "1") == "1" else f"every {parts['INTERVAL']} weeks, "
        return f"{every}{names} {clock}"
    if freq == "DAILY":
        return f"daily {clock}"
    return f"{series.rrule} from {series.starts_local:%Y-%m-%d} {clock}"


def describe_audience(series: Series, client_code: str = "") -> str:
    if series.audience == "cohort":
        return f"cohort {series.cohort}"
    if series.audience == "client":
        return f"client {client_code or '?'}"
    return "all clients"


__all__ = ["REPEATS", "describe_audience", "describe_when", "example", "parse_local", "repeat_rule"]
