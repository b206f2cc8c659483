"""Exporting the calendar as an iCalendar file: the clinic's full calendar for staff, or one client's own.

Occurrences are written the way calendar programs expect: a series with its RRULE, its extra
dates (RDATE) and a VTIMEZONE block, cancelled dates as EXDATE, moved dates as extra events
with RECURRENCE-ID. An all-day series gives its extra and cancelled dates as dates.
A client's file carries only the public wording, so a shared phone calendar shows nothing more.
Staff files carry kind, audience, public wording and therapist in X-IOP-* properties.
"""

from __future__ import annotations

import datetime as dt

import icalendar

from bot.domain.meetings import recurrence, schedule
from bot.domain.meetings.schedule import Calendar, Series

PRODID = "-//IOP Companion//Schedule//EN"


def _audience(series: Series, codes: dict[int, str]) -> str:
    if series.audience == "cohort":
        return f"cohort:{series.cohort}"
    if series.audience == "client" and series.client_id is not None:
        return f"client:{codes.get(series.client_id, '?')}"
    return "all"


def _rule(series: Series) -> str:
    """The RRULE as RFC 5545 wants it beside a zoned DTSTART: UNTIL in UTC (stored rules keep it as wall time)."""
    if series.all_day:
        return series.rrule
    parts = []
    for part in series.rrule.split(";"):
        name, _, value = part.partition("=")
        if name.upper() == "UNTIL" and "T" in value and not value.endswith("Z"):
            try:
                wall = dt.datetime.strptime(value, "%Y%m%dT%H%M%S")
            except ValueError:  # a form dateutil read but this does not: left as stored
                wall = None
            if wall is not None:
                value = f"{schedule.wall_to_utc(wall, series.zone):%Y%m%dT%H%M%SZ}"
        parts.append(f"{name}={value}")
    return ";".join(parts)


def _start(series: Series) -> dt.datetime | dt.date:
    """DTSTART on the series' first real date (a row stored before starts were moved there may start earlier)."""
    return _wall(series, recurrence.first_wall(series.rrule, series.starts_local))


def _wall(series: Series, wall: dt.datetime) -> dt.datetime | dt.date:
    """A wall time of the series as iCalendar writes it: a date for an all-day series, else with its TZID."""
    if series.all_day:
        return wall.date()
    return wall.replace(tzinfo=series.zone)


def _local(series: Series, instant: dt.datetime) -> dt.datetime | dt.date:
    """An instant as the series writes its dates: a date for an all-day series, else its own zone's time."""
    return _wall(series, instant.astimezone(series.zone).replace(tzinfo=None))


def export_ics(
    cal: Calendar, stamp: dt.datetime, *, public: bool = False, codes: dict[int, str] | None = None
) -> bytes:
    """The series in `cal` (active ones) as one VCALENDAR; `codes` names the people in them (person id -> code)."""
    out = icalendar.Calendar()
    out.add("prodid", PRODID)
    out.add("version", "2.0")
    out.add("calscale", "GREGORIAN")
    for series in cal.series:
        if not series.active:
            continue
        overrides = cal.overrides.get(series.id, [])
        event = _event(series, stamp, public, codes or {})
        event.add("dtstart", _start(series))
        if series.all_day:
            event.add("dtend", (recurrence.first_wall(series.rrule, series.starts_local) + series.duration).date())
        else:
            event.add("duration", series.duration)
        if series.rrule:
            event.add("rrule", icalendar.vRecur.from_ical(_rule(series)))
        if series.rdates:
            event.add("rdate", [_wall(series, w) for w in series.rdates])
        cancelled = [_local(series, o.original_start) for o in overrides if o.cancelled]
        if cancelled:
            event.add("exdate", cancelled)
        out.add_component(event)
        for o in overrides:
            if o.cancelled or o.new_start is None:
                continue
            moved = _event(series, stamp, public, codes or {})
            moved.add("recurrence-id", _local(series, o.original_start))
            moved.add("dtstart", _local(series, o.new_start))
            moved.add("duration", o.new_duration or series.duration)
            if o.new_place is not None:
                moved["location"] = o.new_place
            out.add_component(moved)
    out.add_missing_timezones()
    data: bytes = out.to_ical()
    return data


def _event(series: Series, stamp: dt.datetime, public: bool, codes: dict[int, str]) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", series.uid)
    event.add("dtstamp", stamp)
    event.add("summary", series.public_title if public else series.title)
    if series.place:
        event.add("location", series.place)
    if series.link:
        event.add("url", series.link)
    if not public:
        event.add("x-iop-kind", series.kind)
        event.add("x-iop-public", series.public_title)
        event.add("x-iop-audience", _audience(series, codes))
        if series.therapist_id is not None and series.therapist_id in codes:
            event.add("x-iop-therapist", codes[series.therapist_id])
    return event
