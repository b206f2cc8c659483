"""A week of meetings as text, in the reader's own time zone (for /schedule and "this week's schedule" broadcasts)."""

from __future__ import annotations

import datetime as dt
import html
from zoneinfo import ZoneInfo

from bot import texts
from bot.domain.meetings.schedule import Occurrence
from bot.domain.people import timezones
from bot.texts import dates


def render_week(occurrences: list[Occurrence], zone_name: str, closed: dict[dt.date, str] | None = None) -> str:
    """The occurrences grouped by day, in the reader's zone, with the public wording; days the clinic is closed.

    An all-day event stays on its own date wherever it is read (a family day on Thursday is on
    Thursday in Los Angeles too), first in its day; a closed day says so first of all.
    """
    closed = closed or {}
    if not occurrences and not closed:
        return texts.SCHEDULE_NONE
    zone = ZoneInfo(zone_name)
    lines = [texts.SCHEDULE_HEADER.format(zone=html.escape(timezones.label(zone_name)))]
    days = sorted({_day(o, zone) for o in occurrences} | set(closed))
    for shown in days:
        lines.append(f"\n<b>{dates.short_day(shown)}</b>")
        if shown in closed:
            why = texts.CLOSURE_REASON.format(reason=html.escape(closed[shown])) if closed[shown] else ""
            lines.append(texts.SCHEDULE_CLOSED.format(why=why))
        mine = [o for o in occurrences if _day(o, zone) == shown]
        for occ in sorted(mine, key=lambda o: (not o.series.all_day, o.start, o.series.id)):
            local, end = occ.start.astimezone(zone), occ.end.astimezone(zone)
            time = texts.SCHEDULE_ALL_DAY if occ.series.all_day else f"{local:%H:%M}–{end:%H:%M}"
            where = f" · {html.escape(occ.place)}" if occ.place else ""
            moved = texts.SCHEDULE_MOVED if occ.moved else ""
            lines.append(
                texts.SCHEDULE_LINE.format(time=time, title=html.escape(occ.series.public_title), where=where) + moved
            )
    return "\n".join(lines)


def _day(occ: Occurrence, zone: ZoneInfo) -> dt.date:
    return occ.day if occ.series.all_day else occ.start.astimezone(zone).date()
