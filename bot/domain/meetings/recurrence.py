"""A series' dates as naive wall times in its own zone: the RRULE and the extra dates (RDATE), via dateutil.

The rule and the extra dates are combined in one dateutil rruleset, so a date given both ways
counts once. Extra dates are stored as one text beside the rule, comma separated
(`20260310T180000,20260317T180000`), in the series' wall-clock time like its start: an extra
18:00 stays at 18:00 when the clocks change, and the series loads in the same single query.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

from dateutil.rrule import rrule, rruleset, rrulestr

from bot.core.errors import ValidationFailed

WALL_FORMAT = "%Y%m%dT%H%M%S"
# A meeting repeats at most daily, a few times a day at most: a sub-daily rule in a 200-byte file
# once made one planner pass write four million reminders.
SUB_DAILY = frozenset({"SECONDLY", "MINUTELY", "HOURLY"})
MAX_TIMES_A_DAY = 4
# Dates one lookup returns at most: a daily series over five years. A rule stored before sub-daily
# rules were refused still cannot flood a planner pass.
MAX_WALLS = 2000


def check_rrule(text: str, starts_local: dt.datetime) -> str:
    """The rule as stored (RRULE: prefix dropped), or ValidationFailed saying what is wrong."""
    body = text.strip().removeprefix("RRULE:")
    if not body:
        return ""
    try:
        parsed = rrulestr(body, dtstart=starts_local, forceset=False)
    except (ValueError, TypeError) as exc:
        raise ValidationFailed(f"recurrence rule {body!r} is not valid: {exc}") from None
    if not isinstance(parsed, rrule):
        raise ValidationFailed(f"recurrence rule {body!r} must be a single RRULE")
    parts = dict(part.partition("=")[::2] for part in body.upper().split(";") if part)
    if parts.get("FREQ") in SUB_DAILY:
        raise ValidationFailed(
            f"recurrence rule {body!r} repeats more often than daily; a meeting repeats at most daily"
        )
    times_a_day = 1
    for key in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        times_a_day *= len(parts[key].split(",")) if parts.get(key) else 1
    if times_a_day > MAX_TIMES_A_DAY:
        raise ValidationFailed(f"recurrence rule {body!r} meets more than {MAX_TIMES_A_DAY} times a day")
    return body


def parse_rdates(text: str) -> tuple[dt.datetime, ...]:
    """The stored extra dates as naive wall times."""
    return tuple(dt.datetime.strptime(part, WALL_FORMAT) for part in text.split(",") if part)


def format_rdates(walls: Iterable[dt.datetime]) -> str:
    """Extra dates as stored: sorted and each once, so the same dates always read the same."""
    return ",".join(w.strftime(WALL_FORMAT) for w in sorted(set(walls)))


def parse_rule(rule: str, starts_local: dt.datetime) -> rrule | None:
    """The stored rule alone (None without one), read against the series' wall-clock start."""
    if not rule:
        return None
    parsed = rrulestr(rule, dtstart=starts_local, forceset=False)
    assert isinstance(parsed, rrule)  # check_rrule let only single rules in
    return parsed


def first_wall(rule: str, starts_local: dt.datetime) -> dt.datetime:
    """The rule's first real date: a Thursday rule written from a Friday starts the Thursday after.

    dateutil (unlike RFC 5545) leaves out a start that does not match the rule; calendar programs
    show the start as a date of its own. Starting on the first real date gives both the same dates.
    """
    parsed = parse_rule(rule, starts_local)
    if parsed is None:
        return starts_local
    first = next(iter(parsed), None)
    return starts_local if first is None else first


@functools.lru_cache(maxsize=1024)
def _dates(rule: str, starts_local: dt.datetime, rdates: tuple[dt.datetime, ...]) -> rruleset:
    # Parsing a rule is the costly part of a lookup; a planner pass asks for the same series many times.
    dates = rruleset()
    parsed = parse_rule(rule, starts_local)
    if parsed is not None:
        dates.rrule(parsed)
    else:
        dates.rdate(starts_local)  # without a rule the start is the first date
    for wall in rdates:
        dates.rdate(wall)
    return dates


def walls_between(
    rule: str, starts_local: dt.datetime, rdates: tuple[dt.datetime, ...], lo: dt.datetime, hi: dt.datetime
) -> list[dt.datetime]:
    """The series' wall times in [lo, hi], each once; at most MAX_WALLS of them."""
    found: list[dt.datetime] = []
    for wall in _dates(rule, starts_local, rdates).xafter(lo, inc=True):
        if wall > hi or len(found) == MAX_WALLS:
            break
        found.append(wall)
    return found


def walls_until(
    rule: str, starts_local: dt.datetime, rdates: tuple[dt.datetime, ...], hi: dt.datetime, limit: int
) -> list[dt.datetime] | None:
    """Every wall time of the series up to `hi`, in one pass; None when there are more than `limit`.

    Checking many dates against a series one by one walks the rule from its start each time
    (3,000 excluded dates took seconds); one walk serves them all.
    """
    found: list[dt.datetime] = []
    for wall in _dates(rule, starts_local, rdates):
        if wall > hi:
            break
        if len(found) == limit:
            return None
        found.append(wall)
    return found
