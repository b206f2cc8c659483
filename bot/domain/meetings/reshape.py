"""New days of the week, or a new end, for a series: planned as a new time of day is (bot.domain.meetings.retime).

New days change which dates a series has from now on, so a series that has met already is split
as it is for a new time: the old one ends with its last date before now, a new one carries the
new days from the next of them. A series that has not met yet just gets the new rule. A new end
("until 6/30/2026", "12 sessions", "no end") leaves every date before it as it was, so it is
written in place. Pure functions on Series values; bot.domain.meetings.edits writes the rows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from bot.core.errors import ValidationFailed
from bot.domain.meetings import how_often, recurrence, schedule, when_typed
from bot.domain.meetings.retime import Retime
from bot.domain.meetings.schedule import Series

_ENDS = ("COUNT", "UNTIL")
_NO_END = frozenset({"none", "no end", "never", "forever", "open", "open-ended", "-"})
_SESSIONS = re.compile(r"^(?:for\s+)?(\d{1,4})(?:\s*(?:sessions?|times|meetings?|dates?|weeks?))?$")


def _parts(rule: str) -> list[tuple[str, str]]:
    return [(name.upper(), value) for name, _, value in (p.partition("=") for p in rule.split(";") if p)]


def _join(parts: list[tuple[str, str]]) -> str:
    return ";".join(f"{name}={value}" for name, value in parts)


def _repeating(series: Series) -> None:
    if not series.rrule:
        raise ValidationFailed("it meets once; add a new series for repeating dates")
    if series.rdates:
        raise ValidationFailed("it has extra dates of its own; change it in a calendar program and import it")


def new_days(series: Series, said: str, now: dt.datetime) -> Retime | None:
    """The series with the days staff typed ('tuesdays and thursdays') from its next date on; None if the same."""
    _repeating(series)
    wanted = how_often.rule_from_words(said, series.starts_local)
    if not wanted:
        raise ValidationFailed("a repeating meeting keeps repeating; to end it, change its end or cancel it")
    ends = [(n, v) for n, v in _parts(series.rrule) if n in _ENDS]
    rule = _join([(n, v) for n, v in _parts(wanted) if n not in _ENDS] + ends)
    if rule == series.rrule:
        return None
    zone = series.zone
    now_wall = now.astimezone(zone).replace(tzinfo=None)
    old = recurrence.parse_rule(series.rrule, series.starts_local)
    assert old is not None
    previous = old.before(now_wall)
    clock = series.starts_local.time()
    if previous is None:  # nothing has taken place yet: the new rule from the same start
        moved = schedule.check_series(replace(series, rrule=rule))
        first = schedule.wall_to_utc(moved.starts_local, zone)
        return Retime(None, moved, first, first, None)
    start = dt.datetime.combine(now_wall.date(), clock)
    if start <= now_wall:
        start += dt.timedelta(days=1)
    kept = replace(
        series, rrule=_join([*[(n, v) for n, v in _parts(series.rrule) if n not in _ENDS], _until(previous)])
    )
    ends_now = dict(ends)
    if "COUNT" in ends_now:  # a count runs from the first date: the new series has what is left of it
        left = int(ends_now["COUNT"]) - sum(1 for w in old.between(series.starts_local, now_wall, inc=True))
        if left < 1:
            raise ValidationFailed("it has no dates ahead to change")
        rule = _join([(n, v) for n, v in _parts(rule) if n != "COUNT"] + [("COUNT", str(left))])
    ahead = schedule.check_series(replace(series, id=0, uid="", starts_local=start, rrule=rule))
    first = schedule.wall_to_utc(ahead.starts_local, zone)
    return Retime(schedule.check_series(kept), ahead, first, first, schedule.wall_to_utc(previous, zone))


def _until(wall: dt.datetime) -> tuple[str, str]:
    return "UNTIL", f"{wall:%Y%m%dT%H%M%S}"  # stored rules are read against a naive wall start: UNTIL is wall time


def new_end(series: Series, said: str, today: dt.date, order: str = "mdy") -> str:
    """The rule with the end staff typed: 'until 6/30/2026', '12 sessions', 'no end'. ValidationFailed otherwise."""
    _repeating(series)
    text = " ".join(said.strip().lower().split())
    body = [(n, v) for n, v in _parts(series.rrule) if n not in _ENDS]
    if text in _NO_END:
        return _join(body)
    if m := _SESSIONS.match(text):
        count = int(m[1])
        if not 1 <= count <= 1000:
            raise ValidationFailed("the number of sessions must be 1 to 1000")
        return _join([*body, ("COUNT", str(count))])
    day = when_typed.parse_day(re.sub(r"^(?:until|till|through|thru|ends?|ending|to)\s+", "", text), today, order)
    if day < series.starts_local.date():
        raise ValidationFailed("the end is before its first date")
    return _join([*body, _until(dt.datetime.combine(day, dt.time(23, 59, 59)))])
