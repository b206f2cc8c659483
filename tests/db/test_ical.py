"""iCalendar import and export against both databases: VTIMEZONE, RRULE, EXDATE, RECURRENCE-ID, all-day, UIDs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.db.meeting_models import MeetingOverride, MeetingSeries
from bot.db.models import Role
from bot.domain.meetings import ical_export, ical_import, schedule
from tests.support.meetings import T0, add_person

DATA = Path(__file__).resolve().parents[1] / "data"
UTC = dt.UTC
NY = "America/New_York"


async def load(db, name: str):  # type: ignore[no-untyped-def]
    async with db.session() as s, s.begin():
        return await ical_import.import_ics(s, (DATA / name).read_bytes(), NY, None, T0)


async def counts(db) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    async with db.session() as s:
        series = (await s.execute(select(func.count()).select_from(MeetingSeries))).scalar_one()
        overrides = (await s.execute(select(func.count()).select_from(MeetingOverride))).scalar_one()
        return series, overrides


async def occurrences(db, start: dt.datetime, days: int):  # type: ignore[no-untyped-def]
    async with db.session() as s:
        return (await schedule.load(s)).occurrences(start, start + dt.timedelta(days=days))


async def test_outlook_file_with_a_custom_time_zone_block_imports(db):
    report = await load(db, "program.ics")
    assert (report.added, report.updated) == (3, 0)
    found = await occurrences(db, dt.datetime(2026, 3, 2, tzinfo=UTC), 14)
    groups = [o for o in found if o.series.uid.startswith("iop-group")]
    local = [o.start.astimezone(schedule.ZoneInfo(NY)).strftime("%a %d %H:%M") for o in groups]
    # Fri 6 cancelled by EXDATE, Wed 11 moved to Thu 12 19:00, Fri 13 cancelled by a RECURRENCE-ID; DST on 8 March.
    assert local == ["Mon 02 18:00", "Wed 04 18:00", "Mon 09 18:00", "Thu 12 19:00"]
    assert groups[0].series.timezone == NY and groups[0].series.place == "Room 2, 14 River St"
    moved = next(o for o in groups if o.moved)
    assert moved.place == "Room 5, 14 River St"
    smart = next(o for o in found if o.series.kind == "support")
    assert smart.series.link == "https://meet.example.org/smart" and smart.start.hour == 17


async def test_all_day_event_is_one_day_long_and_shown_as_written(db):
    await load(db, "program.ics")
    [closed] = [o for o in await occurrences(db, dt.datetime(2026, 5, 24, tzinfo=UTC), 3) if o.series.all_day]
    assert closed.series.public_title == "Clinic closed"
    assert closed.end - closed.start == dt.timedelta(days=1)


async def test_importing_the_same_file_twice_changes_nothing(db):
    await load(db, "program.ics")
    before = await counts(db)
    report = await load(db, "program.ics")
    assert (report.added, report.updated, report.unchanged) == (0, 0, 3)
    assert await counts(db) == before


async def test_a_bad_file_is_refused_with_every_problem_and_nothing_is_written(db):
    with pytest.raises(ical_import.ImportRefused) as refused:
        await load(db, "bad.ics")
    problems = "\n".join(refused.value.problems)
    assert "no-start@riverside.example: no start (DTSTART)" in problems
    assert "FREQ" in problems and "orphan@riverside.example" in problems and "Nowhere/Zone" in problems
    assert await counts(db) == (0, 0)  # the good event in the same file is not imported either


async def test_not_a_calendar_at_all_is_refused(db):
    async with db.session() as s, s.begin():
        with pytest.raises(ical_import.ImportRefused, match="not an iCalendar file"):
            await ical_import.import_ics(s, b"hello, this is a letter", NY, None, T0)


async def test_unknown_therapist_code_is_refused(db):
    await add_person(db, 7)
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:ind@x\r\nSUMMARY:Individual\r\n"
        b"X-IOP-KIND:individual\r\nX-IOP-AUDIENCE:client:C-7\r\nX-IOP-THERAPIST:T-999\r\n"
        b"DTSTART;TZID=America/New_York:20260304T100000\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    async with db.session() as s, s.begin():
        with pytest.raises(ical_import.ImportRefused, match="no therapist with code T-999"):
            await ical_import.import_ics(s, data, NY, None, T0)


async def test_unknown_client_code_is_refused(db):
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:ind@x\r\nSUMMARY:Individual\r\n"
        b"X-IOP-KIND:individual\r\nX-IOP-AUDIENCE:client:C-999\r\n"
        b"DTSTART;TZID=America/New_York:20260304T100000\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    async with db.session() as s, s.begin():
        with pytest.raises(ical_import.ImportRefused, match="no client with code C-999"):
            await ical_import.import_ics(s, data, NY, None, T0)


async def test_export_then_import_gives_the_same_calendar(db):
    client = await add_person(db, 7)
    therapist = await add_person(db, 8, role=Role.THERAPIST)
    await load(db, "program.ics")
    async with db.session() as s, s.begin():
        s.add(MeetingSeries(uid="ind@x", title="Individual: C-7", public_title="Appointment", kind="individual",
                            rrule="FREQ=WEEKLY;UNTIL=20260402T100000", starts_local=dt.datetime(2026, 3, 5, 10),
                            timezone=NY, duration_minutes=50, audience="client", client_id=client,
                            therapist_id=therapist, created_at=T0, updated_at=T0))  # fmt: skip
    async with db.session() as s:
        data = ical_export.export_ics(await schedule.load(s), T0, codes={client: "C-7", therapist: "T-8"})
    assert b"BEGIN:VTIMEZONE" in data and b"RECURRENCE-ID" in data and b"EXDATE" in data
    # RFC 5545: beside a DTSTART with a TZID, UNTIL is in UTC (stored rules keep it as wall time).
    assert b"X-IOP-THERAPIST:T-8" in data and b"UNTIL=20260402T140000Z" in data
    before = await occurrences(db, dt.datetime(2026, 3, 1, tzinfo=UTC), 90)
    report = await load_bytes(db, data)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 4)
    assert [
        (o.series.uid, o.start, o.series.therapist_id)
        for o in await occurrences(db, dt.datetime(2026, 3, 1, tzinfo=UTC), 90)
    ] == [(o.series.uid, o.start, o.series.therapist_id) for o in before]
    assert len([o for o in before if o.series.uid == "ind@x" and o.series.therapist_id == therapist]) == 5


async def load_bytes(db, data: bytes):  # type: ignore[no-untyped-def]
    async with db.session() as s, s.begin():
        return await ical_import.import_ics(s, data, NY, None, T0)


async def test_public_export_carries_only_the_neutral_wording(db):
    await load(db, "program.ics")
    async with db.session() as s:
        data = ical_export.export_ics(await schedule.load(s), T0, public=True)
    assert b"IOP evening group" not in data and b"SUMMARY:Group session" in data and b"X-IOP" not in data
