"""Exports match what clients see: every exported series starts (DTSTART) on its first real date."""

from __future__ import annotations

import datetime as dt

import icalendar
from sqlalchemy import update

from bot.db.meeting_models import MeetingSeries
from bot.domain.meetings import ical_export, schedule
from tests.support.meetings import T0, add_series

FRIDAY_7PM = dt.datetime(2026, 3, 6, 19, 0)  # the sandbox once wrote the NA meeting's start on the day it ran


def starts(ics: bytes) -> list[dt.datetime]:
    cal = icalendar.Calendar.from_ical(ics)
    return [ev.decoded("DTSTART").replace(tzinfo=None) for ev in cal.walk("VEVENT")]


async def export(db) -> bytes:  # type: ignore[no-untyped-def]
    async with db.session() as s:
        return ical_export.export_ics(await schedule.load(s), T0)


async def test_a_thursday_meeting_written_from_a_friday_exports_from_its_first_thursday(db):
    """A series added with a Friday start and BYDAY=TH is stored and exported from Thursday 12 March."""
    sid = await add_series(db, rrule="FREQ=WEEKLY;BYDAY=TH", starts_local=FRIDAY_7PM, kind="support")
    assert starts(await export(db)) == [dt.datetime(2026, 3, 12, 19, 0)]
    async with db.session() as s:
        row = await s.get(MeetingSeries, sid)
        assert row is not None and row.starts_local == dt.datetime(2026, 3, 12, 19, 0)


async def test_a_row_stored_with_an_earlier_start_still_exports_its_first_real_date(db):
    """Rows written before starts were moved to the first real date export right too."""
    sid = await add_series(db, rrule="FREQ=WEEKLY;BYDAY=TH", kind="support")
    async with db.session() as s, s.begin():
        await s.execute(update(MeetingSeries).where(MeetingSeries.id == sid).values(starts_local=FRIDAY_7PM))
    [start] = starts(await export(db))
    assert start == dt.datetime(2026, 3, 12, 19, 0)
    async with db.session() as s:
        [first] = (await schedule.load(s)).occurrences(T0, T0 + dt.timedelta(days=14))
    assert first.start.astimezone(schedule.ZoneInfo("America/New_York")).replace(tzinfo=None) == start


async def test_every_other_week_and_monthly_rules_keep_their_dates(db):
    """Moving the start to the first real date changes no date of the series."""
    await add_series(db, rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", starts_local=FRIDAY_7PM, title="fortnightly")
    await add_series(db, rrule="FREQ=MONTHLY;BYDAY=1FR", starts_local=dt.datetime(2026, 3, 2, 18), title="monthly")
    assert sorted(starts(await export(db))) == [dt.datetime(2026, 3, 6, 18, 0), dt.datetime(2026, 3, 19, 19, 0)]
