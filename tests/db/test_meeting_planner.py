"""Meeting reminders against both databases: idempotent planning, per-kind settings, moves and cancellations."""

from __future__ import annotations

import datetime as dt
import json

from bot.db.models import ClientProfile, OutboxMessage
from bot.db.session import Database
from bot.delivery import meeting_planner
from bot.domain.meetings import attendance, ical_export, ical_import, schedule
from bot.domain.meetings import changes as meetings
from bot.domain.meetings import reminders as meeting_reminders
from bot.domain.meetings.buttons import MeetingRsvp
from bot.domain.settings import preferences
from tests.support.meetings import NY, T0, add_person, add_series, outbox
from tests.support.meetings import family_day as support_family_day

UTC = dt.UTC
GRACE, HORIZON, LEADS = dt.timedelta(hours=2), dt.timedelta(hours=48), (1440, 60)
MONDAY = dt.datetime(2026, 3, 2, 23, 0, tzinfo=UTC)  # 18:00 EST
WEDNESDAY = dt.datetime(2026, 3, 4, 23, 0, tzinfo=UTC)


async def plan(db, now=T0, leads=LEADS):  # type: ignore[no-untyped-def]
    async with db.session() as s, s.begin():
        return await meeting_planner.plan_meeting_reminders(s, now, GRACE, HORIZON, leads)


def pending(rows):  # type: ignore[no-untyped-def]
    return [r for r in rows if r.status == "pending"]


async def test_planning_twice_yields_one_reminder_each(db):
    """Two clients, Monday's and Wednesday's groups in 48 h: 24 h and 1 h before each that falls in the horizon."""
    await add_person(db, 1)
    await add_person(db, 2, zone="America/Los_Angeles")
    await add_series(db)
    first = await plan(db)
    second = await plan(db)
    rows = await outbox(db, meeting_reminders.KIND)
    # Monday 18:00 EST: 24 h before (Sunday 23:00 UTC) and 1 h before; Wednesday's 24 h reminder is beyond 48 h.
    assert sorted({r.due_at for r in rows}) == [MONDAY - dt.timedelta(hours=24), MONDAY - dt.timedelta(hours=1)]
    assert len(rows) == 4 and first.planned == 4
    assert second.planned == 0 and second.already == 4


async def test_reminder_is_neutral_in_the_clients_zone_with_rsvp_buttons(db):
    await add_person(db, 2, zone="America/Los_Angeles")
    series_id = await add_series(db)
    await plan(db)
    [day_before, hour_before] = sorted(await outbox(db, meeting_reminders.KIND), key=lambda r: r.due_at)
    body = json.loads(hour_before.payload)
    assert body["text"] == "Reminder: Group session today at 15:00.\nWhere: Room 2"
    assert json.loads(day_before.payload)["text"] == "Reminder: Group session tomorrow at 15:00.\nWhere: Room 2"
    at = int(MONDAY.timestamp())
    assert body["buttons"] == [
        [["I'll be there", MeetingRsvp(series=series_id, at=at, yes=True).pack()],
         ["Can't make it", MeetingRsvp(series=series_id, at=at, yes=False).pack()]]
    ]  # fmt: skip


async def test_cohort_audience_and_per_kind_settings(db):
    a = await add_person(db, 1, cohort="A")
    b = await add_person(db, 2, cohort="B")
    await add_series(db, audience="cohort", cohort="A")
    await add_series(
        db, kind="support", public_title="Meeting", rrule="FREQ=DAILY", starts_local=dt.datetime(2026, 3, 2, 12)
    )
    async with db.session() as s, s.begin():
        await meeting_reminders.set_leads(s, b, "support", ())  # B turns support meeting reminders off
        await meeting_reminders.set_leads(s, a, "group", (60,))  # A keeps only the hour before for groups
    await plan(db)
    rows = await outbox(db, meeting_reminders.KIND)
    keys = [meeting_reminders.parse_key(r.dedupe_key) for r in rows]
    assert {(k.person_id, k.lead) for k in keys if k and k.person_id == b} == set()
    group_leads = {k.lead for k in keys if k and k.person_id == a and k.series_id == 1}
    assert group_leads == {60}


async def test_turning_a_lead_off_cancels_and_back_on_revives(db):
    client = await add_person(db, 1)
    await add_series(db)
    await plan(db)
    async with db.session() as s, s.begin():
        await meeting_reminders.set_leads(s, client, "group", (1440,))
    report = await plan(db)
    assert report.withdrawn == 1
    async with db.session() as s, s.begin():
        await meeting_reminders.set_leads(s, client, "group", (1440, 60))
    report = await plan(db)
    assert report.revived == 1 and len(pending(await outbox(db, meeting_reminders.KIND))) == 2


async def test_moving_a_date_replaces_its_reminders_and_tells_clients_once(db):
    await add_person(db, 1)
    series_id = await add_series(db)
    await plan(db)
    new_start = MONDAY + dt.timedelta(hours=1)
    async with db.session() as s, s.begin():
        change = await meetings.move_occurrence(s, series_id, MONDAY, new_start, None, T0)
    assert change.moved == 1 and change.notices == 1 and change.reminders_cancelled == 2
    await plan(db)
    await plan(db)
    rows = await outbox(db, meeting_reminders.KIND)
    assert sorted(r.due_at for r in pending(rows)) == [
        new_start - dt.timedelta(hours=24),
        new_start - dt.timedelta(hours=1),
    ]
    [notice] = await outbox(db, meeting_reminders.NOTICE_KIND)
    assert json.loads(notice.payload)["text"] == (
        "Schedule change: Group session tomorrow at 18:00 has moved to tomorrow at 19:00."
    )


async def test_cancelling_a_date_cancels_its_reminders_and_tells_clients_once(db):
    await add_person(db, 1)
    series_id = await add_series(db)
    await plan(db)
    async with db.session() as s, s.begin():
        change = await meetings.cancel_occurrence(s, series_id, MONDAY, None, T0)
    assert change.cancelled == 1 and change.notices == 1
    await plan(db)
    assert pending(await outbox(db, meeting_reminders.KIND)) == []
    [notice] = await outbox(db, meeting_reminders.NOTICE_KIND)
    assert json.loads(notice.payload)["text"] == "Schedule change: Group session tomorrow at 18:00 is cancelled."


async def test_cancelling_a_series_tells_each_client_once(db):
    await add_person(db, 1)
    await add_person(db, 2)
    series_id = await add_series(db)
    await plan(db)
    async with db.session() as s, s.begin():
        change = await meetings.cancel_series(s, series_id, None, T0)
    assert change.notices == 2 and change.reminders_cancelled == 4
    assert pending(await outbox(db, meeting_reminders.KIND)) == []


async def test_reminders_of_a_started_meeting_are_not_sent_late(db):
    await add_person(db, 1)
    await add_series(db)
    await plan(db)
    report = await plan(db, now=MONDAY + dt.timedelta(minutes=5))
    assert report.expired >= 1
    assert all(r.due_at > MONDAY for r in pending(await outbox(db, meeting_reminders.KIND)))


# --- all-day events: 18:00 the evening before and 08:00 on the day, in each client's own zone ---------

THURSDAY = dt.date(2026, 3, 5)
WED_NOON = dt.datetime(2026, 3, 4, 12, 0, tzinfo=UTC)  # 07:00 in New York, the day before the family day
THU_MORNING = dt.datetime(2026, 3, 5, 12, 0, tzinfo=UTC)  # 07:00 in New York on the day: it "started" at midnight
NY_EVENING, LA_EVENING = dt.datetime(2026, 3, 4, 23, tzinfo=UTC), dt.datetime(2026, 3, 5, 2, tzinfo=UTC)
NY_MORNING, LA_MORNING = dt.datetime(2026, 3, 5, 13, tzinfo=UTC), dt.datetime(2026, 3, 5, 16, tzinfo=UTC)


async def family_day(db: Database) -> int:
    async with db.session() as s, s.begin():
        return await meetings.create_series(s, support_family_day(THURSDAY), None, T0)


async def two_clients(db: Database) -> tuple[int, int]:
    return await add_person(db, 1), await add_person(db, 2, zone="America/Los_Angeles")


def reminders(rows: list[OutboxMessage]) -> set[tuple[int | None, dt.datetime, str]]:
    return {(r.person_id, r.due_at, json.loads(r.payload)["text"]) for r in pending(rows)}


async def test_all_day_event_reminds_each_client_at_their_own_1800_and_0800_once(db):
    ny, la = await two_clients(db)
    series_id = await family_day(db)
    first = await plan(db, now=WED_NOON)
    second = await plan(db, now=WED_NOON + dt.timedelta(minutes=1))
    rows = await outbox(db, meeting_reminders.KIND)
    assert reminders(rows) == {
        (ny, NY_EVENING, "Reminder: Family day tomorrow (all day)."),  # 18:00 EST on Wednesday
        (la, LA_EVENING, "Reminder: Family day tomorrow (all day)."),  # 18:00 PST on Wednesday
        (ny, NY_MORNING, "Reminder: Family day today (all day)."),  # 08:00 EST on Thursday
        (la, LA_MORNING, "Reminder: Family day today (all day)."),  # 08:00 PST on Thursday
    }
    assert len(rows) == 4 and first.planned == 4
    assert (second.planned, second.already, second.withdrawn, second.expired) == (0, 4, 0, 0)
    at = int(dt.datetime(2026, 3, 5, 5, tzinfo=UTC).timestamp())  # its midnight in New York
    assert json.loads(rows[0].payload)["buttons"][0][0] == [
        "I'll be there",
        MeetingRsvp(series=series_id, at=at, yes=True).pack(),
    ]


async def test_the_morning_reminders_stay_planned_after_the_days_midnight(db):
    await two_clients(db)
    await family_day(db)
    await plan(db, now=WED_NOON)
    report = await plan(db, now=THU_MORNING - dt.timedelta(hours=6))  # 02:00 in New York
    assert report.withdrawn == 0
    assert sorted(r.due_at for r in pending(await outbox(db, meeting_reminders.KIND))) == [NY_MORNING, LA_MORNING]


async def test_turning_the_all_day_leads_off_withdraws_them(db):
    ny, la = await two_clients(db)
    await family_day(db)
    await plan(db, now=WED_NOON)
    async with db.session() as s, s.begin():
        await meeting_reminders.set_leads(s, la, "family", (1440,))  # no more "shortly before"
    assert (await plan(db, now=WED_NOON)).withdrawn == 1
    async with db.session() as s, s.begin():
        await meeting_reminders.set_leads(s, la, "family", ())  # off
    assert (await plan(db, now=WED_NOON)).withdrawn == 1
    assert {r.person_id for r in pending(await outbox(db, meeting_reminders.KIND))} == {ny}


async def test_cancelling_the_all_day_occurrence_withdraws_its_reminders_and_tells_each_client_by_the_day(db):
    await two_clients(db)
    series_id = await family_day(db)
    await plan(db, now=WED_NOON)
    original = dt.datetime(2026, 3, 5, 5, tzinfo=UTC)
    async with db.session() as s, s.begin():
        change = await meetings.cancel_occurrence(s, series_id, original, None, WED_NOON)
    assert (change.cancelled, change.notices, change.reminders_cancelled) == (1, 2, 4)
    await plan(db, now=WED_NOON)
    assert pending(await outbox(db, meeting_reminders.KIND)) == []
    texts = {json.loads(n.payload)["text"] for n in await outbox(db, meeting_reminders.NOTICE_KIND)}
    assert texts == {"Schedule change: Family day tomorrow (all day) is cancelled."}  # Los Angeles too


async def test_cancelling_on_the_day_or_ending_the_series_still_withdraws_the_morning_reminders(db):
    await two_clients(db)
    series_id = await family_day(db)
    await plan(db, now=WED_NOON)
    async with db.session() as s, s.begin():
        change = await meetings.cancel_occurrence(
            s, series_id, dt.datetime(2026, 3, 5, 5, tzinfo=UTC), None, THU_MORNING
        )
    assert change.cancelled == 1 and pending(await outbox(db, meeting_reminders.KIND)) == []
    [text] = {json.loads(n.payload)["text"] for n in await outbox(db, meeting_reminders.NOTICE_KIND)}
    assert text == "Schedule change: Family day today (all day) is cancelled."

    other = await family_day(db)
    await plan(db, now=WED_NOON)
    async with db.session() as s, s.begin():
        ended = await meetings.cancel_series(s, other, None, THU_MORNING)
    assert (ended.notices, ended.reminders_cancelled) == (2, 4)
    assert pending(await outbox(db, meeting_reminders.KIND)) == []


async def test_moving_the_all_day_occurrence_moves_its_reminders_to_the_new_day(db):
    ny, la = await two_clients(db)
    series_id = await family_day(db)
    await plan(db, now=WED_NOON)
    friday = dt.datetime(2026, 3, 6, 5, tzinfo=UTC)  # midnight in New York
    async with db.session() as s, s.begin():
        change = await meetings.move_occurrence(
            s, series_id, dt.datetime(2026, 3, 5, 5, tzinfo=UTC), friday, None, WED_NOON
        )
    assert change.moved == 1 and change.reminders_cancelled == 4
    await plan(db, now=WED_NOON)
    # Thursday 18:00 in each zone; the Friday mornings are beyond the 48-hour horizon.
    assert {(r.person_id, r.due_at) for r in pending(await outbox(db, meeting_reminders.KIND))} == {
        (ny, NY_EVENING + dt.timedelta(days=1)),
        (la, LA_EVENING + dt.timedelta(days=1)),
    }


async def test_answering_the_morning_reminder_on_the_day_counts(db):
    ny, _ = await two_clients(db)
    series_id = await family_day(db)
    original = dt.datetime(2026, 3, 5, 5, tzinfo=UTC)
    async with db.session() as s, s.begin():
        outcome, _ = await attendance.record_rsvp(s, ny, series_id, original, True, NY_MORNING)
        late, _ = await attendance.record_rsvp(s, ny, series_id, original, True, dt.datetime(2026, 3, 6, 6, tzinfo=UTC))
    assert (outcome, late) == (attendance.RsvpOutcome.RECORDED, attendance.RsvpOutcome.PAST)


async def test_new_wording_from_an_ics_import_is_in_the_next_reminders_too(db):
    await add_person(db, 1)
    await add_series(db)
    await plan(db)
    async with db.session() as s:
        data = ical_export.export_ics(await schedule.load(s), T0)
    data = data.replace(b"X-IOP-PUBLIC:Group session", b"X-IOP-PUBLIC:Evening meeting")
    async with db.session() as s, s.begin():
        report = await ical_import.import_ics(s, data, NY, None, T0)
    assert report.updated == 1 and report.change.reminders_cancelled == 2
    await plan(db)
    rows = pending(await outbox(db, meeting_reminders.KIND))
    assert len(rows) == 2 and all("Evening meeting" in t for t in [json.loads(r.payload)["text"] for r in rows])


async def test_a_date_moved_and_moved_back_gets_its_reminders_again(db):
    await add_person(db, 1)
    series_id = await add_series(db)
    await plan(db)
    for new_start in (MONDAY + dt.timedelta(hours=1), MONDAY):
        async with db.session() as s, s.begin():
            await meetings.move_occurrence(s, series_id, MONDAY, new_start, None, T0)
        await plan(db)
    rows = pending(await outbox(db, meeting_reminders.KIND))
    assert sorted(r.due_at for r in rows) == [MONDAY - dt.timedelta(hours=24), MONDAY - dt.timedelta(hours=1)]


async def test_a_client_who_leaves_the_cohort_and_comes_back_gets_reminders_again(db):
    client = await add_person(db, 1, cohort="A")
    await add_series(db, audience="cohort", cohort="A")
    await plan(db)
    for cohort, withdrawn in (("B", 2), ("A", 0)):
        async with db.session() as s, s.begin():
            profile = await s.get(ClientProfile, client)
            assert profile is not None
            profile.cohort = cohort
        assert (await plan(db)).withdrawn == withdrawn
    assert len(pending(await outbox(db, meeting_reminders.KIND))) == 2


async def test_a_client_who_changes_time_zone_gets_reminders_at_their_new_local_hours(db):
    ny, la = await two_clients(db)
    await family_day(db)
    await plan(db, now=WED_NOON)
    async with db.session() as s, s.begin():
        await preferences.set_timezone(s, la, "America/New_York")  # moved east
        await preferences.set_timezone(s, ny, "America/New_York")  # the same zone again: nothing to redo
    await plan(db, now=WED_NOON + dt.timedelta(minutes=1))
    rows = await outbox(db, meeting_reminders.KIND)
    assert {(p, due) for p, due, _ in reminders(rows)} == {
        (ny, NY_EVENING), (ny, NY_MORNING), (la, NY_EVENING), (la, NY_MORNING)
    }  # fmt: skip
    assert len(rows) == 4  # the old ones were deleted unsent, not left cancelled beside the new


async def test_an_ics_import_that_renames_or_moves_a_series_tells_each_client_once(db):
    await add_person(db, 1)
    await add_person(db, 2)
    await add_series(db)
    async with db.session() as s:
        data = ical_export.export_ics(await schedule.load(s), T0)
    edited = data.replace(b"X-IOP-PUBLIC:Group session", b"X-IOP-PUBLIC:Evening meeting")
    edited = edited.replace(b"LOCATION:Room 2", b"LOCATION:Hall B")
    for _ in range(2):  # the second import of the same file changes nothing, so tells nobody
        async with db.session() as s, s.begin():
            await ical_import.import_ics(s, edited, NY, None, T0)
    told = [json.loads(r.payload)["text"] for r in await outbox(db, meeting_reminders.NOTICE_KIND)]
    assert (
        told
        == [
            "Schedule change: Group session will be called Evening meeting from now on, and it has a new place or "
            "link. Send /schedule to see it."
        ]
        * 2
    )


async def test_a_pass_plans_at_most_its_cap_earliest_first_and_withdraws_nothing_deferred(db):
    """A capped pass plans the soonest occurrences only; reminders of deferred ones already planned stay pending."""
    await add_person(db, 1)
    await add_series(
        db, kind="support", public_title="Meeting", rrule="FREQ=DAILY", starts_local=dt.datetime(2026, 3, 2, 12)
    )
    async with db.session() as s, s.begin():
        capped = await meeting_planner.plan_meeting_reminders(s, T0, GRACE, HORIZON, LEADS, max_occurrences=1)
    rows = await outbox(db, meeting_reminders.KIND)
    starts = {meeting_reminders.parse_key(r.dedupe_key).start for r in rows}  # type: ignore[union-attr]
    assert len(starts) == 1 and capped.deferred > 0 and capped.occurrences == 1
    everything = await plan(db)
    assert everything.planned > 0 and everything.deferred == 0
    all_rows = pending(await outbox(db, meeting_reminders.KIND))
    async with db.session() as s, s.begin():
        again = await meeting_planner.plan_meeting_reminders(s, T0, GRACE, HORIZON, LEADS, max_occurrences=1)
    assert again.withdrawn == 0
    assert len(pending(await outbox(db, meeting_reminders.KIND))) == len(all_rows)
