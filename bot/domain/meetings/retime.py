"""A new time of day for a series from its next date on, without giving a past date a new identity.

Attendance, RSVPs and reminders know an occurrence by (series id, original start), and every
original start of a recurring series follows from the clock of its first start. Changing that
clock in place would re-key every date that has passed and orphan its attendance. So the series
is split, as calendar programs do for "this and following events": the old series ends with its
last date before the change (an UNTIL; a COUNT becomes that UNTIL) and a new series, with a fresh
UID, starts at the next date at the new time, carrying the remaining COUNT or the same last day.
A series with no date before the change, or a single meeting, simply gets the new start. A
series with extra dates (RDATE, from an imported file) is refused: they have times of their own.
Pure functions on Series values; bot.domain.meetings.edits writes the rows.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule

from bot import texts
from bot.core.errors import ValidationFailed
from bot.domain.meetings import recurrence, schedule
from bot.domain.meetings.reminders import day_text
from bot.domain.meetings.schedule import Series
from bot.texts import dates

_OWN_TIMES = {"BYHOUR", "BYMINUTE", "BYSECOND"}
_SUB_DAILY = {"HOURLY", "MINUTELY", "SECONDLY"}
_ENDS = ("COUNT", "UNTIL")
_WEEK = dt.timedelta(days=7)


@dataclass(frozen=True)
class Retime:
    kept: Series | None  # the old series, ending before the change; None when it changes in place
    ahead: Series  # the dates from the change on, at the new time (id 0 and no UID when split off)
    boundary: dt.datetime  # UTC original start of the first date that changes
    first: dt.datetime  # UTC start of that date at the new time
    last_kept: dt.datetime | None  # UTC original start of the last date that stays as it was

    def remap(self, original: dt.datetime) -> dt.datetime:
        """The new original start of a date from the boundary on (its key in `ahead`)."""
        zone = self.ahead.zone
        if not self.ahead.rrule:
            return schedule.wall_to_utc(self.ahead.starts_local, zone)
        day = original.astimezone(zone).date()
        return schedule.wall_to_utc(dt.datetime.combine(day, self.ahead.starts_local.time()), zone)


def _parts(rule: str) -> list[tuple[str, str]]:
    return [(name.upper(), value) for name, _, value in (p.partition("=") for p in rule.split(";") if p)]


def _join(parts: list[tuple[str, str]]) -> str:
    return ";".join(f"{name}={value}" for name, value in parts)


def _until(wall: dt.datetime) -> tuple[str, str]:
    # Stored rules are read against a naive wall-clock start, so UNTIL is wall time too.
    return "UNTIL", f"{wall:%Y%m%dT%H%M%S}"


def _rule(series: Series) -> rrule | None:
    # The rule alone, without the extra dates: what ends it (COUNT, UNTIL) is what changes here.
    return recurrence.parse_rule(series.rrule, series.starts_local)


def next_date(series: Series, now: dt.datetime) -> dt.datetime:
    """Wall time of the first date whose original start is after `now`, or ValidationFailed saying why not."""
    if series.all_day:
        raise ValidationFailed("an all-day entry has no time of day")
    if series.rdates:  # extra dates keep their own times: which of them should follow is the editor's call
        raise ValidationFailed("it has extra dates of its own; change it in a calendar program and import it")
    zone = series.zone
    rule = _rule(series)
    if rule is None:
        if schedule.wall_to_utc(series.starts_local, zone) <= now:
            raise ValidationFailed("that meeting has already started")
        return series.starts_local
    parts = dict(_parts(series.rrule))
    if _OWN_TIMES & parts.keys() or parts.get("FREQ") in _SUB_DAILY:
        raise ValidationFailed("its rule sets its own times of day; change it in a calendar program and import it")
    lo = now.astimezone(zone).replace(tzinfo=None) - dt.timedelta(days=1)
    found = next((w for w in rule.xafter(lo, inc=True) if schedule.wall_to_utc(w, zone) > now), None)
    if found is None:
        raise ValidationFailed("it has no dates ahead to change")
    return found


def retime(series: Series, clock: dt.time, now: dt.datetime, day: dt.date | None = None) -> Retime:
    """The series as it stands after its time of day becomes `clock` (a single meeting may get a new `day` too)."""
    nxt = next_date(series, now)
    zone = series.zone
    boundary = schedule.wall_to_utc(nxt, zone)
    rule = _rule(series)
    if rule is None:
        wall = dt.datetime.combine(day or series.starts_local.date(), clock)
        first = schedule.wall_to_utc(wall, zone)
        if first <= now:
            raise ValidationFailed("the new time has already passed")
        return Retime(None, replace(series, starts_local=wall), boundary, first, None)
    if day is not None:
        raise ValidationFailed("a repeating meeting keeps its days: send only the time, like 17:00")
    parts = _parts(series.rrule)
    ends = dict(parts)
    ahead = [(name, value) for name, value in parts if name not in _ENDS]
    open_ended = list(ahead)
    previous = rule.before(nxt)
    if "COUNT" in ends:
        done = sum(1 for w in rule.between(series.starts_local, nxt, inc=True) if w < nxt)
        ahead.append(("COUNT", str(int(ends["COUNT"]) - done)))
    if "UNTIL" in ends:
        *_, last = rule.xafter(nxt, inc=True)  # finite: the rule has an end
        ahead.append(_until(dt.datetime.combine(last.date(), clock)))
    if previous is None:  # nothing has taken place yet: no key to keep
        moved = replace(series, starts_local=dt.datetime.combine(series.starts_local.date(), clock), rrule=_join(ahead))
        first = schedule.wall_to_utc(dt.datetime.combine(nxt.date(), clock), zone)
        return Retime(None, schedule.check_series(moved), boundary, first, None)
    kept = replace(series, rrule=_join([*open_ended, _until(previous)]))
    start = dt.datetime.combine(nxt.date(), clock)
    split = replace(series, id=0, uid="", starts_local=start, rrule=_join(ahead))
    return Retime(
        schedule.check_series(kept),
        schedule.check_series(split),
        boundary,
        schedule.wall_to_utc(start, zone),
        schedule.wall_to_utc(previous, zone),
    )


def notice_text(change: Retime, zone: ZoneInfo, now: dt.datetime) -> str:
    """What one client is told of a recurring series' new time, in their own zone: days, time, first date."""
    ahead = change.ahead
    first = change.first.astimezone(zone)
    title, clock = html.escape(ahead.public_title), f"{first:%H:%M}"
    starting = day_text(first.date(), now.astimezone(zone).date(), on=False)
    parts = dict(_parts(ahead.rrule))
    if parts.get("FREQ") not in ("WEEKLY", "DAILY") or parts.get("INTERVAL", "1") != "1":
        return texts.MEETING_RETIMED_NOTICE_PLAIN.format(title=title, time=clock, first=starting)
    # The days as the client's clock has them: far enough east, an evening group falls on the next day.
    week = [o.start.astimezone(zone) for o in schedule.expand(ahead, [], change.first, change.first + _WEEK)]
    weekdays = sorted({at.weekday(): at for at in week}.items())
    days = texts.MEETING_EVERY_DAY if len(weekdays) == 7 else ", ".join(dates.day_name(at) for _, at in weekdays)
    return texts.MEETING_RETIMED_NOTICE.format(
        title=title, days=days or dates.day_name(first), time=clock, first=starting
    )
