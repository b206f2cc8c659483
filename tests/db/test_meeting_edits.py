"""Editing a series against both databases: reminders withdrawn and re-planned, clients told once, the split."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from bot.core.errors import ValidationFailed
from bot.db.meeting_models import Attendance, MeetingOverride, MeetingSeries
from bot.db.models import Role
from bot.delivery import meeting_planner
from bot.domain.meetings import changes, ical_export, ical_import, schedule
from bot.domain.meetings import reminders as meeting_reminders
from bot.domain.meetings.edits import Change, Field, edit_series
from bot.domain.records import audit
from tests.support.meetings import NY, T0, add_person, add_series, outbox

UTC = dt.UTC
GRACE, HORIZON, LEADS = dt.timedelta(hours=2), dt.timedelta(hours=48), (1440, 60)
MONDAY = dt.datetime(2026, 3, 2, 23, 0, tzinfo=UTC)  # 18:00 EST
TUESDAY = dt.datetime(2026, 3, 10, 16, 0, tzinfo=UTC)  # after Monday 9 March's group, before Wednesday's
WEDNESDAY_11 = dt.datetime(2026, 3, 11, 22, 0, tzinfo=UTC)  # 18:00 EDT


async def plan(db, now=T0):  # type: ignore[no-untyped-def]
    async with db.session() as s, s.begin():
        return await meeting_planner.plan_meeting_reminders(s, now, GRACE, HORIZON, LEADS)


async def edit(db, series_id: int, change: Change, now=T0):  # type: ignore[no-untyped-def]
    async with db.session() as s, s.begin():
        return await edit_series(s, series_id, change, None, now)


def pending(rows):  # type: ignore[no-untyped-def]
    return [r for r in rows if r.status == "pending"]


def texts_of(rows) -> list[str]:  # type: ignore[no-untyped-def]
    return [json.loads(r.payload)["text"] for r in rows]


async def test_new_public_wording_replaces_every_planned_reminder_and_tells_each_client_once(db):
    a, b = await add_person(db, 1), await add_person(db, 2, zone="America/Los_Angeles")
    series_id = await add_series(db)
    await plan(db)
    assert len(pending(await outbox(db, meeting_reminders.KIND))) == 4
    report = await edit(db, series_id, Change(Field.PUBLIC, text="  Evening & weekend "))
    assert (report.reminders_cancelled, report.notices) == (4, 2)
    assert await outbox(db, meeting_reminders.KIND) == []  # withdrawn: their keys are free again
    await plan(db)
    await plan(db)
    rows = pending(await outbox(db, meeting_reminders.KIND))
    keys = sorted((k.person_id, k.lead) for r in rows if (k := meeting_reminders.parse_key(r.dedupe_key)))
    assert keys == [(a, 60), (a, 1440), (b, 60), (b, 1440)]
    # Texts are HTML: the wording staff typed is escaped, or Telegram would refuse the message.
    assert all(t.startswith("Reminder: Evening &amp; weekend ") for t in texts_of(rows))
    notices = await outbox(db, meeting_reminders.NOTICE_KIND)
    assert sorted(r.person_id for r in notices) == [a, b]
    assert set(texts_of(notices)) == {
        "Schedule change: Group session will be called Evening &amp; weekend from now on."
    }


async def test_staff_title_and_length_change_in_place_and_nobody_is_told(db):
    await add_person(db, 1)
    series_id = await add_series(db)
    await plan(db)
    for change in (Change(Field.TITLE, text="Evening IOP"), Change(Field.MINUTES, text="150")):
        report = await edit(db, series_id, change)
        assert (report.unchanged, report.notices, report.reminders_cancelled) == (False, 0, 0)
    assert (await edit(db, series_id, Change(Field.MINUTES, text="150"))).unchanged
    async with db.session() as s:
        row = await s.get(MeetingSeries, series_id)
        assert row is not None and (row.title, row.duration_minutes) == ("Evening IOP", 150)
        assert [r.detail for r in await audit.rows(s, "meeting.edit")] == [
            {"meeting": series_id, "field": "title"},
            {"meeting": series_id, "field": "minutes"},
        ]
    assert await outbox(db, meeting_reminders.NOTICE_KIND) == []
    assert len(pending(await outbox(db, meeting_reminders.KIND))) == 2
    with pytest.raises(ValidationFailed):
        await edit(db, series_id, Change(Field.MINUTES, text="²"))


async def test_a_new_place_tells_clients_once_without_naming_it(db):
    await add_person(db, 1)
    series_id = await add_series(db)
    report = await edit(db, series_id, Change(Field.PLACE, text="https://meet.example.org/g"))
    assert report.notices == 1
    [notice] = texts_of(await outbox(db, meeting_reminders.NOTICE_KIND))
    assert notice == "Schedule change: Group session has a new place or link. Send /schedule to see it."
    async with db.session() as s:
        row = await s.get(MeetingSeries, series_id)
        assert row is not None and (row.place, row.link) == ("", "https://meet.example.org/g")


async def test_only_an_individual_appointment_gets_a_therapist_and_only_an_active_one(db):
    client = await add_person(db, 1)
    therapist = await add_person(db, 2, role=Role.THERAPIST)
    group_id = await add_series(db)
    with pytest.raises(ValidationFailed, match="individual"):
        await edit(db, group_id, Change(Field.THERAPIST, therapist_id=therapist))
    one_id = await add_series(
        db, kind="individual", public_title="Appointment", rrule="", audience="client", client_id=client
    )
    with pytest.raises(ValidationFailed, match="active therapist"):
        await edit(db, one_id, Change(Field.THERAPIST, therapist_id=client))
    report = await edit(db, one_id, Change(Field.THERAPIST, therapist_id=therapist))
    assert report.notices == 0 and not report.unchanged
    assert (await edit(db, one_id, Change(Field.THERAPIST, therapist_id=therapist))).unchanged


async def test_a_new_time_splits_the_series_and_past_dates_keep_their_attendance(db):
    near = await add_person(db, 1)
    far = await add_person(db, 2, zone="Asia/Tokyo")
    series_id = await add_series(db)
    past, ahead = dt.datetime(2026, 3, 9, 22, 0, tzinfo=UTC), dt.datetime(2026, 3, 13, 22, 0, tzinfo=UTC)
    async with db.session() as s, s.begin():
        s.add(Attendance(meeting_id=series_id, occurrence_start=past, person_id=near, attended=True))
        s.add(Attendance(meeting_id=series_id, occurrence_start=ahead, person_id=near, rsvp="no"))
        await changes.cancel_occurrence(s, series_id, dt.datetime(2026, 3, 16, 22, 0, tzinfo=UTC), None, T0)
    await plan(db, TUESDAY)
    assert len(pending(await outbox(db, meeting_reminders.KIND))) == 4  # Wednesday's, for two clients
    report = await edit(db, series_id, Change(Field.TIME, text="17:00"), TUESDAY)
    new_id = report.series_id
    assert new_id != series_id and report.reminders_cancelled == 4 and report.notices == 2
    async with db.session() as s:
        old, new = await s.get(MeetingSeries, series_id), await s.get(MeetingSeries, new_id)
        assert old is not None and new is not None and new.uid != old.uid
        assert old.rrule == "FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260309T180000"
        assert new.starts_local == dt.datetime(2026, 3, 11, 17)
        answers = {(a.meeting_id, a.occurrence_start) for a in (await s.execute(select(Attendance))).scalars()}
        overrides = {
            (o.meeting_id, o.original_start, o.cancelled) for o in (await s.execute(select(MeetingOverride))).scalars()
        }
        cal = await schedule.load(s)
        detail = [r.detail for r in await audit.rows(s, "meeting.edit")]
    # The past date's attendance is where it was; the RSVP and the cancelled date ahead moved to 17:00.
    assert answers == {(series_id, past), (new_id, ahead - dt.timedelta(hours=1))}
    assert overrides == {(new_id, dt.datetime(2026, 3, 16, 21, 0, tzinfo=UTC), True)}
    dates = [
        o.start for o in cal.occurrences(dt.datetime(2026, 3, 9, tzinfo=UTC), dt.datetime(2026, 3, 19, tzinfo=UTC))
    ]
    assert dates == [past] + [dt.datetime(2026, 3, d, 21, 0, tzinfo=UTC) for d in (11, 13, 18)]
    assert detail == [{"meeting": series_id, "field": "time", "new_meeting": new_id}]
    notices = {r.person_id: json.loads(r.payload)["text"] for r in await outbox(db, meeting_reminders.NOTICE_KIND)}
    assert notices == {
        near: "Schedule change: Group session now takes place Mon, Wed, Fri at 17:00, starting tomorrow.",
        far: "Schedule change: Group session now takes place Tue, Thu, Sat at 06:00, starting tomorrow.",
    }
    await plan(db, TUESDAY)
    due = sorted(r.due_at for r in pending(await outbox(db, meeting_reminders.KIND)))
    assert due == [WEDNESDAY_11 - dt.timedelta(hours=25)] * 2 + [WEDNESDAY_11 - dt.timedelta(hours=2)] * 2


async def test_a_single_meeting_moves_whole_and_its_clients_hear_it_as_a_move(db):
    client = await add_person(db, 1)
    one_id = await add_series(
        db, kind="individual", public_title="Appointment", rrule="", audience="client", client_id=client,
        starts_local=dt.datetime(2026, 3, 3, 10),
    )  # fmt: skip
    with pytest.raises(ValidationFailed, match="already passed"):
        await edit(db, one_id, Change(Field.TIME, text="2026-02-27 10:00"))
    report = await edit(db, one_id, Change(Field.TIME, text="2026-03-04 11:30"))
    assert report.series_id == one_id and report.notices == 1
    [notice] = texts_of(await outbox(db, meeting_reminders.NOTICE_KIND))
    assert notice == "Schedule change: Appointment on Tue 3 Mar at 10:00 has moved to Wed 4 Mar at 11:30."


async def test_a_split_series_with_its_therapist_survives_an_export_and_import(db):
    client = await add_person(db, 7)
    therapist = await add_person(db, 8, role=Role.THERAPIST)
    group_id = await add_series(db)
    one_id = await add_series(
        db, kind="individual", public_title="Appointment", audience="client", client_id=client,
        therapist_id=therapist, rrule="FREQ=WEEKLY;COUNT=6", starts_local=dt.datetime(2026, 3, 3, 10),
    )  # fmt: skip
    await edit(db, group_id, Change(Field.TIME, text="17:00"), TUESDAY)
    await edit(db, one_id, Change(Field.TIME, text="09:00"), TUESDAY)
    async with db.session() as s:
        data = ical_export.export_ics(await schedule.load(s), TUESDAY, codes={client: "C-7", therapist: "T-8"})
        before = (await schedule.load(s)).occurrences(T0, T0 + dt.timedelta(days=90))
    assert b"X-IOP-THERAPIST:T-8" in data and b"UNTIL=20260309T220000Z" in data
    async with db.session() as s, s.begin():
        report = await ical_import.import_ics(s, data, NY, None, TUESDAY)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 4)
    async with db.session() as s:
        after = (await schedule.load(s)).occurrences(T0, T0 + dt.timedelta(days=90))
    assert [(o.series.uid, o.start, o.series.therapist_id) for o in after] == [
        (o.series.uid, o.start, o.series.therapist_id) for o in before
    ]
    assert len([o for o in after if o.series.kind == "individual"]) == 6
    unknown = data.replace(b"X-IOP-THERAPIST:T-8", b"X-IOP-THERAPIST:T-9")
    async with db.session() as s, s.begin():
        with pytest.raises(ical_import.ImportRefused, match="no therapist with code T-9"):
            await ical_import.import_ics(s, unknown, NY, None, TUESDAY)
