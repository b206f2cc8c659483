"""Reading iCalendar dates and times: which IANA zone a value is in, and its wall time or instant.

Values come decoded by the `icalendar` library: a date (all-day), a naive datetime (floating,
or a TZID nobody described), or an aware one (a TZID, a VTIMEZONE block, or UTC). Extra dates
(RDATE) become naive wall times in the series' zone, the way its start and rule are kept.
A value the library could not read is named plainly (`unreadable`), never by the parser's own words.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from bot.domain.meetings import schedule

# The properties an import reads, as a person knows them: one the parser could not read is named in these words.
_READ = {
    "DTSTART": "start",
    "DTEND": "end",
    "DURATION": "length",
    "RRULE": "recurrence rule",
    "RDATE": "extra dates",
    "EXDATE": "excluded dates",
    "RECURRENCE-ID": "changed date",
}


def unreadable(component: Any, uid: str) -> list[str]:
    """A plain problem for each property read here that the parser could not read (its reason is not shown)."""
    problems = []
    for name in dict.fromkeys(str(n).upper() for n, _reason in getattr(component, "errors", ())):
        if name in _READ:
            value = component.get(name)
            text = str(value) if isinstance(value, str) else ""  # a broken value keeps the text as written
            quoted = f" {text!r}" if text.isprintable() and 0 < len(text) <= 60 else ""
            problems.append(f"event {uid}: its {_READ[name]} ({name}){quoted} cannot be read")
    return problems


@functools.lru_cache(maxsize=256)
def _offsets(zone: ZoneInfo | Any, year: int) -> tuple[dt.timedelta | None, ...]:
    base = dt.datetime(year, 1, 1, 12)
    return tuple(zone.utcoffset(base + dt.timedelta(days=7 * i)) for i in range(53))


def iana(tzinfo: Any, year: int, preferred: str) -> str | None:
    """The IANA zone of an aware datetime's tzinfo: its own key, or the zone whose offsets match all year."""
    key = getattr(tzinfo, "key", None)
    if isinstance(key, str) and key:
        return key
    if tzinfo is dt.UTC or getattr(tzinfo, "utcoffset", None) is None:
        return None
    want = tuple(tzinfo.utcoffset(dt.datetime(year, 1, 1, 12) + dt.timedelta(days=7 * i)) for i in range(53))
    for name in [preferred, *sorted(available_timezones())]:
        if _offsets(ZoneInfo(name), year) == want:
            return name
    return None


def local(
    value: dt.datetime | dt.date, zone_name: str, default_zone: str, uid: str, problems: list[str]
) -> tuple[dt.datetime, str]:
    """(naive wall time, IANA zone) of a DTSTART-like value."""
    if not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time()), zone_name or default_zone
    if value.tzinfo is None:
        return value, zone_name or default_zone
    name = iana(value.tzinfo, value.year, default_zone)
    if name is None:  # UTC or an unknown block: read it on the clinic's clock
        name = zone_name or default_zone
        if value.utcoffset() != dt.timedelta(0):
            problems.append(f"event {uid}: its time zone matches no known zone")
        return value.astimezone(ZoneInfo(name)).replace(tzinfo=None), name
    return value.astimezone(ZoneInfo(name)).replace(tzinfo=None), name


def utc(value: dt.datetime | dt.date, zone: ZoneInfo) -> dt.datetime:
    """The instant of a value; a date or a floating time is read on the series' clock."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    if value.tzinfo is None:
        return schedule.wall_to_utc(value, zone)
    return value.astimezone(dt.UTC)


def extra_dates(ev: Any, zone: ZoneInfo, all_day: bool, uid: str, problems: list[str]) -> tuple[dt.datetime, ...]:
    """The event's RDATE values (any number of lines, each a comma list) as wall times in the series' zone.

    A value with a TZID or in UTC is moved to the series' zone; a floating one is read on its
    clock. Dates go with all-day events, times with timed ones. A period (a start with its own
    end) is refused: every occurrence of a series has the series' length here.
    """
    raw = ev.get("RDATE")
    found: set[dt.datetime] = set()
    for group in raw if isinstance(raw, list) else [raw] if raw is not None else []:
        tzid = str(group.params.get("TZID", ""))
        for value in group.dts:
            when = value.dt
            if isinstance(when, tuple) or str(group.params.get("VALUE", "")).upper() == "PERIOD":
                problems.append(
                    f"event {uid}: extra dates given as periods (RDATE;VALUE=PERIOD) are not supported; "
                    "give each extra date as a start time only"
                )
                return ()
            if all_day and isinstance(when, dt.datetime):
                problems.append(f"event {uid}: extra date {when:%Y-%m-%d %H:%M} has a time, but the event is all day")
            elif not all_day and not isinstance(when, dt.datetime):
                problems.append(f"event {uid}: extra date {when} is a whole day, but the event has a start time")
            elif isinstance(when, dt.datetime) and when.tzinfo is None and tzid:
                problems.append(
                    f"event {uid}: time zone {tzid!r} of an extra date is neither known nor described "
                    "in a VTIMEZONE block"
                )
            elif isinstance(when, dt.datetime) and when.tzinfo is not None:
                found.add(when.astimezone(zone).replace(tzinfo=None))
            elif isinstance(when, dt.datetime):
                found.add(when)
            else:
                found.add(dt.datetime.combine(when, dt.time()))
    return tuple(sorted(found))
