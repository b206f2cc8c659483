"""A week of meetings as text, in the reader's own time zone (for /schedule and "this week's schedule" broadcasts)."""

from __future__ import annotations

import datetime as dt
import html
from zoneinfo import ZoneInfo

from bot import texts
from bot.domain.meetings.schedule import Occurrence
from bot.domain.people import timezones


def render_week(occurrences: list[Occurrence], zone_name: str) -> str:
    """The occurrences grouped by day, in the reader's zone, with the public wording.

    An all-day event stays on its own date wherever it is read (a family day on Thursday is on
    Thursday in Los Angeles too), first in its day.
    """
    if not occurrences:
        return texts.SCHEDULE_NONE
    zone = ZoneInfo(zone_name)
    lines = [texts.SCHEDULE_HEADER.format(zone=html.escape(timezones.label(zone_name)))]
    day = None
    for occ in sorted(occurrences, key=lambda o: (_day(o, zone), not o.series.all_day, o.start, o.series.id)):
        local, shown = occ.start.astimezone(zone), _day(occ, zone)
        if shown != day:
            day = shown
            lines.append(f"\n<b>{shown:%a} {shown.day} {shown:%b}</b>")
        end = occ.end.astimezone(zone)
        time = texts.SCHEDULE_ALL_DAY if occ.series.all_day else f"{local:%H:%M}–{end:%H:%M}"
        where = f" · {html.escape(occ.place)}" if occ.place else ""
        moved = texts.SCHEDULE_MOVED if occ.moved else ""
        lines.append(
            texts.SCHEDULE_LINE.format(time=time, title=html.escape(occ.series.public_title), where=where) + moved
        )
    return "\n".join(lines)


def _day(occ: Occurrence, zone: ZoneInfo) -> dt.date:
    return occ.day if occ.series.all_day else occ.start.astimezone(zone).date()
