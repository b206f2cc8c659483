"""Extra dates (RDATE) against both databases: import, re-import, export and back, changes to them, refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.db.meeting_models import MeetingOverride, MeetingSeries
from bot.db.session import Database
from bot.domain.meetings import changes as meetings
from bot.domain.meetings import ical_export, ical_import, schedule
from tests.support.meetings import T0, add_person

DATA = Path(__file__).resolve().parents[1] / "data"
UTC = dt.UTC
NY = "America/New_York"
MARCH = dt.datetime(2026, 3, 1, tzinfo=UTC)


async def import_bytes(db: Database, data: bytes, now: dt.datetime = T0) -> ical_import.ImportReport:
    async with db.session() as s, s.begin():
        return await ical_import.import_ics(s, data, NY, None, now)


async def occurrences(db: Database, start: dt.datetime = MARCH, days: int = 120) -> list[schedule.Occurrence]:
    async with db.session() as s:
        return (await schedule.load(s)).occurrences(start, start + dt.timedelta(days=days))


async def stored(db: Database) -> dict[str, str]:
    async with db.session() as s:
        return dict((await s.execute(select(MeetingSeries.uid, MeetingSeries.rdates))).tuples().all())


async def counts(db: Database) -> tuple[int, int]:
    async with db.session() as s:
        series = (await s.execute(select(func.count()).select_from(MeetingSeries))).scalar_one()
        overrides = (await s.execute(select(func.count()).select_from(MeetingOverride))).scalar_one()
        return series, overrides


def local(occ: schedule.Occurrence) -> str:
    return f"{occ.start.astimezone(schedule.ZoneInfo(NY)):%a %d %b %H:%M}"


async def test_extra_dates_import_with_their_zones_and_the_rules_overrides(db):
    report = await import_bytes(db, (DATA / "rdate.ics").read_bytes())
    assert (report.added, report.updated) == (3, 0)
    assert await stored(db) == {
        # A custom block, Los Angeles (a comma list) and UTC, all kept as New York wall times.
        "iop-group-tuesday@riverside.example": "20260305T180000,20260312T180000,20260319T180000,20260326T180000",
        "alumni-night@riverside.example": "20260403T190000,20260501T190000",  # floating
        "family-day@riverside.example": "20260404T000000,20260502T000000,20260606T000000",  # dates, two lines
    }
    found = await occurrences(db)
    group = [(local(o), o.moved) for o in found if o.series.kind == "group"]
    assert group == [
        ("Tue 03 Mar 18:00", False),
        ("Thu 05 Mar 18:00", False),  # an extra date before the clocks change
        ("Tue 10 Mar 18:00", False),
        ("Fri 13 Mar 10:00", True),  # the extra Thursday 12th, moved by its RECURRENCE-ID
        ("Tue 17 Mar 18:00", False),  # Thursday 19th: an extra date cancelled by EXDATE
        ("Tue 24 Mar 18:00", False),
        ("Thu 26 Mar 18:00", False),  # given in UTC
        ("Tue 31 Mar 18:00", False),
        ("Tue 07 Apr 18:00", False),
    ]
    assert [local(o) for o in found if o.series.kind == "support"] == [
        "Fri 06 Mar 19:00",
        "Fri 03 Apr 19:00",
        "Fri 01 May 19:00",
    ]
    assert [o.day.isoformat() for o in found if o.series.all_day] == [
        "2026-03-07",
        "2026-04-04",
        "2026-05-02",
        "2026-06-06",
    ]


async def test_importing_the_same_file_twice_changes_nothing(db):
    data = (DATA / "rdate.ics").read_bytes()
    await import_bytes(db, data)
    before = (await counts(db), await stored(db))
    report = await import_bytes(db, data)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 3)
    assert (await counts(db), await stored(db)) == before


async def test_export_writes_the_extra_dates_and_imports_back_unchanged(db):
    await import_bytes(db, (DATA / "rdate.ics").read_bytes())
    before = [(o.series.uid, o.start, o.end, o.place) for o in await occurrences(db)]
    async with db.session() as s:
        data = ical_export.export_ics(await schedule.load(s), T0)
    text = data.decode().replace("\r\n ", "")  # unfolded
    assert "RDATE;TZID=America/New_York:20260305T180000,20260312T180000,20260319T180000,20260326T180000" in text
    assert "RDATE;VALUE=DATE:20260404,20260502,20260606" in text
    report = await import_bytes(db, data)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 3)
    assert [(o.series.uid, o.start, o.end, o.place) for o in await occurrences(db)] == before


async def test_an_extra_date_can_be_cancelled_and_a_dropped_one_is_announced(db):
    await add_person(db, 1)
    await import_bytes(db, (DATA / "rdate.ics").read_bytes())
    [thursday] = [o for o in await occurrences(db) if local(o) == "Thu 05 Mar 18:00"]
    async with db.session() as s, s.begin():
        change = await meetings.cancel_occurrence(s, thursday.series.id, thursday.original_start, None, T0)
    assert change.cancelled == 1 and change.notices == 1
    assert "Thu 05 Mar 18:00" not in [local(o) for o in await occurrences(db)]
    # The file without the Thursday 26th: one series updated, that date gone, its clients told.
    edited = (DATA / "rdate.ics").read_bytes().replace(b"RDATE:20260326T220000Z\n", b"")
    report = await import_bytes(db, edited, now=dt.datetime(2026, 3, 20, tzinfo=UTC))
    assert (report.updated, report.change.cancelled, report.change.notices) == (1, 1, 1)
    assert "Thu 26 Mar 18:00" not in [local(o) for o in await occurrences(db)]


EVENT = (
    "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\n"
    "BEGIN:VEVENT\nUID:good@x\nSUMMARY:Good\nDTSTART;TZID=America/New_York:20260304T100000\nDURATION:PT1H\n"
    "RDATE;TZID=America/New_York:20260311T100000\nEND:VEVENT\n"
    "BEGIN:VEVENT\nUID:bad@x\nSUMMARY:Bad\nDTSTART;TZID=America/New_York:20260304T180000\nDURATION:PT1H\n{rdate}\n"
    "END:VEVENT\nEND:VCALENDAR\n"
)


@pytest.mark.parametrize(
    ("rdate", "problem"),
    [
        ("RDATE;VALUE=PERIOD:20260310T230000Z/PT2H", "bad@x: extra dates given as periods (RDATE;VALUE=PERIOD)"),
        ("RDATE;VALUE=PERIOD:20260310T230000Z/20260311T010000Z", "bad@x: extra dates given as periods"),
        ("RDATE;VALUE=DATE:20260310", "bad@x: extra date 2026-03-10 is a whole day, but the event has a start time"),
        ("RDATE;TZID=Nowhere/Zone:20260310T180000", "bad@x: time zone 'Nowhere/Zone' of an extra date"),
    ],
)
async def test_an_extra_date_that_cannot_be_one_is_refused_and_nothing_is_written(db, rdate: str, problem: str):
    with pytest.raises(ical_import.ImportRefused) as refused:
        await import_bytes(db, EVENT.format(rdate=rdate).encode())
    assert problem in "\n".join(refused.value.problems)
    assert await counts(db) == (0, 0)  # the good event in the same file is not imported either


async def test_dates_moved_or_cancelled_in_chat_export_and_import_back_unchanged(db):
    """All-day ones as dates; a move that keeps the series' length and place reads back as just a move."""
    await import_bytes(db, (DATA / "rdate.ics").read_bytes())
    days = [o for o in await occurrences(db) if o.series.all_day]
    saturday, later = days[0], days[1]
    alumni = next(o for o in await occurrences(db) if o.series.uid.startswith("alumni"))
    async with db.session() as s, s.begin():
        await meetings.move_occurrence(s, alumni.series.id, alumni.original_start, alumni.start + dt.timedelta(hours=1),
                                       None, T0)  # fmt: skip
        await meetings.move_occurrence(s, saturday.series.id, saturday.original_start,
                                       saturday.start + dt.timedelta(days=1), None, T0)  # fmt: skip
        await meetings.cancel_occurrence(s, later.series.id, later.original_start, None, T0)
    before = [(o.series.uid, o.original_start, o.start, o.end) for o in await occurrences(db)]
    async with db.session() as s:
        data = ical_export.export_ics(await schedule.load(s), T0)
    text = data.decode().replace("\r\n ", "")
    assert "RECURRENCE-ID;VALUE=DATE:20260307" in text and "DTSTART;VALUE=DATE:20260308" in text
    assert f"EXDATE;VALUE=DATE:{later.day:%Y%m%d}" in text
    report = await import_bytes(db, data)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 3)
    assert [(o.series.uid, o.original_start, o.start, o.end) for o in await occurrences(db)] == before
