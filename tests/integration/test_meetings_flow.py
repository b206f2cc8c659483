"""Meetings through the real Application: /meetings, /schedule, reminders with RSVP, the digest, /attendance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from sqlalchemy import select

from bot.db.meeting_models import Attendance, MeetingSeries
from bot.db.models import Alert, FlagRecord, OutboxMessage, Person, Role
from bot.domain.care.buttons import DigestView
from bot.domain.caseload import digest
from bot.domain.meetings import attendance as attendance_rules
from bot.domain.meetings import ical_import
from bot.domain.meetings.buttons import MeetingRsvp
from bot.services import jobs
from conversations.meetings import attendance, menu, schedule
from tests.support import tg
from tests.support.harness import Harness

DATA = Path(__file__).resolve().parents[1] / "data"
STAFF, THERAPIST, CLIENT, FAR_CLIENT = 8101, 8102, 8103, 8104
SUNDAY = dt.datetime(2026, 3, 1, 17, 0, tzinfo=dt.UTC)  # noon in New York; the group meets Mon/Wed/Fri 18:00
MONDAY = dt.datetime(2026, 3, 2, 23, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(SUNDAY, tick=False) as traveller:
        yield traveller


async def add_group_by_chat(harness: Harness) -> int:
    """Staff add the evening group step by step; returns its id."""
    await harness.send(STAFF, "/meetings")
    await harness.press(STAFF, menu.Add().pack())
    await harness.send(STAFF, "IOP evening group")
    await harness.press(STAFF, menu.Pick(field="kind", value="group").pack())
    await harness.press(STAFF, menu.Pick(field="audience", value="all").pack())
    await harness.send(STAFF, "2026-03-02 18:00")
    await harness.press(STAFF, menu.Pick(field="repeat", value="mwf").pack())
    await harness.send(STAFF, "180")
    preview = await harness.send(STAFF, "Room 2, 14 River St")
    assert "Mon, Wed, Fri 18:00" in preview[-1] and "Mon 2 Mar 18:00" in preview[-1]
    saved = await harness.press(STAFF, menu.Save(ok=True).pack())
    assert saved[-1].startswith("Saved as M-")
    async with harness.db.session() as s:
        [row] = (await s.execute(select(MeetingSeries))).scalars()
    assert (row.rrule, row.duration_minutes, row.place, row.public_title) == (
        "FREQ=WEEKLY;BYDAY=MO,WE,FR",
        180,
        "Room 2, 14 River St",
        "Group session",
    )
    return row.id


async def setup(harness: Harness) -> tuple[int, int]:
    await harness.enroll(STAFF, Role.STAFF)
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    client = await harness.enroll(CLIENT, therapist_id=therapist.id)
    return await add_group_by_chat(harness), client.id


async def test_client_sees_their_week_in_their_own_zone_and_gets_an_ics(harness: Harness, clock) -> None:
    await setup(harness)
    far = await harness.enroll(FAR_CLIENT)
    async with harness.db.session() as s, s.begin():
        (await s.get(type(far), far.id)).timezone = "America/Los_Angeles"  # type: ignore[union-attr]
    [week] = await harness.send(FAR_CLIENT, "/schedule")
    assert "times in Pacific (Los Angeles)" in week
    assert "<b>Mon 2 Mar</b>\n• 15:00–18:00 Group session · Room 2, 14 River St" in week
    assert "IOP evening group" not in week  # staff wording stays with staff
    await harness.press(FAR_CLIENT, harness.last(FAR_CLIENT).buttons[0][1])
    [(method, name, content)] = harness.req.uploads
    assert (method, name) == ("sendDocument", "schedule.ics")
    assert b"SUMMARY:Group session" in content and b"RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR" in content


async def test_reminder_with_rsvp_and_cant_make_it_reaches_the_therapists_digest(harness: Harness, clock) -> None:
    series_id, _ = await setup(harness)
    clock.move_to(MONDAY - dt.timedelta(hours=1, minutes=1))
    await jobs.run_planner(harness.app.bot_data["services"])
    clock.shift(dt.timedelta(minutes=2))
    await harness.delivery.run_once()
    reminder = harness.last(CLIENT)
    assert reminder.text == "Reminder: Group session today at 18:00.\nWhere: Room 2, 14 River St"
    at = int(MONDAY.timestamp())
    assert [b for b in reminder.buttons] == [
        ("I'll be there", MeetingRsvp(series=series_id, at=at, yes=True).pack()),
        ("Can't make it", MeetingRsvp(series=series_id, at=at, yes=False).pack()),
    ]
    assert await harness.press(CLIENT, reminder.buttons[1][1]) == [
        "Thanks for letting us know. Your care team will see it; no need to explain."
    ]
    async with harness.db.session() as s, s.begin():
        assert await digest.plan_digests(s, MONDAY + dt.timedelta(hours=15), dt.time(8, 0)) == 1
    shown = await harness.press(THERAPIST, DigestView(day="2026-03-03").pack())
    assert any("Can't make it" in t and "IOP evening group" in t for t in shown)


async def test_rsvp_after_the_start_or_for_a_cancelled_date_says_so(harness: Harness, clock) -> None:
    series_id, _ = await setup(harness)
    yes = MeetingRsvp(series=series_id, at=int(MONDAY.timestamp()), yes=True).pack()
    assert await harness.press(CLIENT, yes) == ["Thanks — see you there."]
    await harness.press(STAFF, menu.CancelDate(series=series_id, at=int(MONDAY.timestamp()), sure=True).pack())
    assert "cancelled or moved" in (await harness.press(CLIENT, yes))[0]


async def test_staff_cancel_a_date_and_the_client_is_told_once(harness: Harness, clock) -> None:
    series_id, _ = await setup(harness)
    at = int(MONDAY.timestamp())
    await harness.press(STAFF, menu.Open(series=series_id).pack())
    confirm = await harness.press(STAFF, menu.CancelDate(series=series_id, at=at).pack())
    assert "Cancel <b>IOP evening group</b> on Mon 2 Mar 18:00?" in confirm[-1]
    done = await harness.press(STAFF, menu.CancelDate(series=series_id, at=at, sure=True).pack())
    assert done[-1] == "Done: 1 date cancelled, 0 moved; 1 client told; 0 pending reminders withdrawn."
    await harness.press(STAFF, menu.CancelDate(series=series_id, at=at, sure=True).pack())  # a second tap
    await harness.delivery.run_once()
    assert harness.req.texts(CLIENT).count("Schedule change: Group session tomorrow at 18:00 is cancelled.") == 1


async def test_staff_move_a_date_by_typing_the_new_time(harness: Harness, clock) -> None:
    series_id, _ = await setup(harness)
    await harness.press(STAFF, menu.MoveDate(series=series_id, at=int(MONDAY.timestamp())).pack())
    assert "has already passed" in (await harness.send(STAFF, "2026-02-01 10:00"))[0]
    done = await harness.send(STAFF, "2026-03-03 19:00")
    assert "1 moved" in done[-1]
    [week] = await harness.send(CLIENT, "/schedule")
    assert "<b>Tue 3 Mar</b>\n• 19:00–22:00 Group session · Room 2, 14 River St (moved)" in week


async def test_staff_import_an_ics_document_and_a_bad_one_is_refused(harness: Harness, clock) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    harness.req.files["good"] = (DATA / "program.ics").read_bytes()
    harness.req.files["bad"] = (DATA / "bad.ics").read_bytes()
    ok = await harness.push(STAFF, tg.document(harness.bot, STAFF, "good", "program.ics"))
    assert ok[-1].startswith("Imported: 3 added, 0 updated, 0 unchanged.")
    bad = await harness.push(STAFF, tg.document(harness.bot, STAFF, "bad", "bad.ics"))
    assert "I did not import that file; nothing changed." in bad[-1] and "no start (DTSTART)" in bad[-1]


async def test_clients_and_therapists_cannot_keep_the_calendar(harness: Harness, clock) -> None:
    await harness.enroll(THERAPIST, Role.THERAPIST)
    await harness.enroll(CLIENT)
    assert "only for clinic staff" in (await harness.send(CLIENT, "/meetings"))[0]
    assert "only for clinic staff" in (await harness.send(THERAPIST, "/meetings"))[0]


async def test_attendance_two_missed_groups_in_a_row_raise_one_medium_flag(harness: Harness, clock) -> None:
    series_id, client_id = await setup(harness)
    other = await harness.enroll(FAR_CLIENT)
    wednesday = MONDAY + dt.timedelta(days=2)
    for start in (MONDAY, wednesday):
        clock.move_to(start + dt.timedelta(hours=3))
        assert await harness.send(THERAPIST, "/attendance") == ["Which session? (the last 3 days)"]
        at = int(start.timestamp())
        assert harness.last(THERAPIST).buttons[0][1] == attendance.PickSession(series=series_id, at=at).pack()
        await harness.press(THERAPIST, attendance.PickSession(series=series_id, at=at).pack())
        toggle = attendance.Toggle(series=series_id, at=at, person=other.id).pack()
        assert (f"▫️ {other.code}", toggle) in harness.last(THERAPIST).buttons
        await harness.press(THERAPIST, toggle)
        assert (f"✅ {other.code}", toggle) in harness.last(THERAPIST).buttons
        saved = await harness.press(THERAPIST, attendance.SaveAttendance(series=series_id, at=at).pack())
    assert "1 of 2 came" in saved[-1] and "missed two group sessions in a row" in saved[-1]
    await harness.press(THERAPIST, attendance.SaveAttendance(series=series_id, at=int(wednesday.timestamp())).pack())
    async with harness.db.session() as s:
        flags = list((await s.execute(select(FlagRecord))).scalars())
        alerts = list((await s.execute(select(Alert))).scalars())
        came = (await s.execute(select(Attendance.attended).where(Attendance.person_id == other.id))).scalars()
    assert [(f.person_id, f.severity, f.rule) for f in flags] == [(client_id, "medium", attendance_rules.MISSED_RULE)]
    assert len(alerts) == 1 and all(came)


async def test_settings_meeting_reminders_sub_menu(harness: Harness, clock) -> None:
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    assert ("Meeting reminders", schedule.MeetingPrefsOpen().pack()) in harness.last(CLIENT).buttons
    await harness.press(CLIENT, schedule.MeetingPrefsOpen().pack())
    assert harness.last(CLIENT).buttons[0][0] == "Group: day before 24 h"
    await harness.press(CLIENT, schedule.MeetingPrefCycle(kind="group", slot=1).pack())
    assert harness.last(CLIENT).buttons[1][0] == "Group: shortly before 2 h"
    async with harness.db.session() as s:
        rows = list((await s.execute(select(OutboxMessage))).scalars())
    assert rows == [] or all(r.kind != "meeting_reminder" for r in rows)


async def test_schedule_shows_extra_dates_and_an_all_day_event_on_its_own_date(harness: Harness, clock) -> None:
    far = await harness.enroll(FAR_CLIENT)
    async with harness.db.session() as s, s.begin():
        person = await s.get(Person, far.id)
        assert person is not None
        person.timezone = "America/Los_Angeles"
        await ical_import.import_ics(s, (DATA / "rdate.ics").read_bytes(), "America/New_York", None, SUNDAY)
    [week] = await harness.send(FAR_CLIENT, "/schedule")
    assert "<b>Thu 5 Mar</b>\n• 15:00–18:00 Group session · Room 2, 14 River St" in week  # an extra date
    assert "<b>Fri 6 Mar</b>\n• 16:00–18:00 Meeting" in week
    # Midnight in New York is 21:00 on Friday in Los Angeles: the family day stays on Saturday.
    assert week.endswith("<b>Sat 7 Mar</b>\n• all day Family day")
    clock.move_to(dt.datetime(2026, 3, 7, 15, 0, tzinfo=dt.UTC))  # the family day has begun
    [today] = await harness.send(FAR_CLIENT, "/schedule")
    assert "<b>Sat 7 Mar</b>\n• all day Family day" in today


async def test_staff_can_cancel_an_all_day_event_on_its_day(harness: Harness, clock) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    await harness.enroll(CLIENT)
    async with harness.db.session() as s, s.begin():
        await ical_import.import_ics(s, (DATA / "rdate.ics").read_bytes(), "America/New_York", None, SUNDAY)
        family = (await s.execute(select(MeetingSeries).where(MeetingSeries.all_day.is_(True)))).scalar_one()
    clock.move_to(dt.datetime(2026, 3, 7, 15, 0, tzinfo=dt.UTC))  # 10:00 on the family day in New York
    [view] = await harness.press(STAFF, menu.Open(series=family.id).pack())
    assert "• Sat 7 Mar (all day)" in view  # begun at midnight, still there to act on
    cancel = next(data for label, data in harness.last(STAFF).buttons if label.startswith("Cancel Sat 7 Mar"))
    [confirm] = await harness.press(STAFF, cancel)
    assert "on Sat 7 Mar (all day)?" in confirm
    [done] = await harness.press(STAFF, harness.last(STAFF).buttons[0][1])
    assert "Done: 1 date cancelled, 0 moved; 1 client told;" in done
    await harness.delivery.run_once()
    assert harness.req.texts(CLIENT)[-1] == "Schedule change: Family day today (all day) is cancelled."


async def test_a_calendar_file_whose_size_nobody_states_is_refused_unread(harness: Harness, clock) -> None:
    """A document with no size from Telegram is refused before its bytes are asked for, and nothing changes."""
    await harness.enroll(STAFF, Role.STAFF)
    harness.req.files["quiet"] = (DATA / "program.ics").read_bytes()
    harness.req.sizeless.add("quiet")
    downloads: list[str] = []
    inner = harness.req.do_request

    async def do_request(url: str, method: str, request_data: Any = None, **kw: Any) -> tuple[int, bytes]:
        if "/documents/" in url:
            downloads.append(url)
        return await inner(url, method, request_data, **kw)

    harness.req.do_request = do_request  # type: ignore[method-assign]
    refused = await harness.push(STAFF, tg.document(harness.bot, STAFF, "quiet", "program.ics"))
    assert "I did not import that file; nothing changed." in refused[-1]
    assert "larger than 1,000,000 bytes (or does not say its size)" in refused[-1]
    assert downloads == []
    harness.req.sizeless.clear()  # the same file with its size stated: all of it is new, so nothing was kept before
    ok = await harness.push(STAFF, tg.document(harness.bot, STAFF, "quiet", "program.ics"))
    assert ok[-1].startswith("Imported: 3 added, 0 updated, 0 unchanged.")
    assert len(downloads) == 1


async def test_cant_make_it_to_a_meeting_today_reaches_the_therapist_the_same_day(harness: Harness, clock) -> None:
    """A "can't make it" on the day is pushed to the therapist at once, neutrally, and once only."""
    series_id, _ = await setup(harness)
    clock.move_to(MONDAY - dt.timedelta(hours=3))  # 15:00 in New York, the group is at 18:00
    no = MeetingRsvp(series=series_id, at=int(MONDAY.timestamp()), yes=False).pack()
    await harness.press(CLIENT, no)
    async with harness.db.session() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == THERAPIST))).scalars().all()
    texts_ = [r.payload for r in rows]
    assert len(texts_) == 1 and "can't make it to Group session today (18:00)" in texts_[0]
    assert "IOP evening group" not in texts_[0]
    await harness.press(CLIENT, MeetingRsvp(series=series_id, at=int(MONDAY.timestamp()), yes=True).pack())
    await harness.press(CLIENT, no)  # changed their mind twice: still one push
    async with harness.db.session() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == THERAPIST))).scalars().all()
    assert len(rows) == 1


async def test_cant_make_it_for_a_later_day_waits_for_the_digest(harness: Harness, clock) -> None:
    series_id, _ = await setup(harness)
    wednesday = MONDAY + dt.timedelta(days=2)
    await harness.press(CLIENT, MeetingRsvp(series=series_id, at=int(wednesday.timestamp()), yes=False).pack())
    async with harness.db.session() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == THERAPIST))).scalars().all()
    assert rows == []
