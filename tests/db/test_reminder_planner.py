"""The daily reminder planner against both databases: dedupe, check-ins, downtime, DST, settings changes."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from bot.core import crypto
from bot.db.models import Checkin, ClientProfile, OutboxMessage, Person, Role
from bot.delivery import planner
from bot.domain.checkins import reminders
from bot.domain.checkins.reminders import StartCheckin

UTC = dt.UTC
GRACE, HORIZON = dt.timedelta(hours=2), dt.timedelta(minutes=30)
NY = "America/New_York"


async def client(
    db,
    n: int = 1,
    *,
    zone: str = NY,
    at: dt.time = dt.time(19, 0),
    reminders_on: bool = True,
    active: bool = True,
    reachable: bool = True,
    consent: str | None = "2026-11",
    role: Role = Role.CLIENT,
) -> int:
    async with db.session() as s, s.begin():
        p = Person(
            telegram_id=1000 + n,
            role=role.value,
            code=f"C-{n}",
            timezone=zone,
            active=active,
            reachable=reachable,
            consent_version=consent,
        )
        s.add(p)
        await s.flush()
        s.add(ClientProfile(person_id=p.id, checkin_time=at, reminders_on=reminders_on))
        return p.id


async def plan(db, now: dt.datetime, grace=GRACE, horizon=HORIZON) -> planner.PlanReport:
    async with db.session() as s, s.begin():
        return await planner.plan_checkin_reminders(s, now, grace, horizon)


async def replan(db, person_id: int, now: dt.datetime) -> int:
    async with db.session() as s, s.begin():
        return await planner.replan_client(s, person_id, now, GRACE, HORIZON)


async def rows(db) -> list[OutboxMessage]:
    async with db.session() as s:
        return list((await s.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars())


async def pending(db) -> list[tuple[str, dt.datetime]]:
    return [(r.dedupe_key, r.due_at) for r in await rows(db) if r.status == "pending"]


async def update_profile(db, person_id: int, **values) -> None:
    async with db.session() as s, s.begin():
        person, prof = await s.get(Person, person_id), await s.get(ClientProfile, person_id)
        for name, value in values.items():
            setattr(person if hasattr(Person, name) else prof, name, value)


async def check_in(db, person_id: int, day: dt.date) -> None:
    async with db.session() as s, s.begin():
        s.add(Checkin(person_id=person_id, local_date=day, craving=2, mood=4, used="no", sleep=3, safety_yes=False))


def key(pid: int, day: str) -> str:
    return reminders.checkin_reminder_key(pid, dt.date.fromisoformat(day))


# 19:00 in New York on 27 Nov 2026 (EST, UTC-5) is 00:00 UTC on the 28th.
EVENING = dt.datetime(2026, 11, 28, 0, 0, tzinfo=UTC)


async def test_planning_twice_writes_one_row(db):
    """The same window planned twice (or by two processes) gives one reminder, with its button."""
    pid = await client(db)
    first = await plan(db, EVENING - dt.timedelta(minutes=20))
    second = await plan(db, EVENING - dt.timedelta(minutes=19))
    assert (first.planned, second.planned, second.already) == (1, 0, 1)
    [row] = await rows(db)
    assert row.dedupe_key == key(pid, "2026-11-27") and row.due_at == EVENING and row.kind == "checkin_reminder"
    body = json.loads(row.payload)
    assert body["text"] == "Time for your daily check-in 🌱 It takes less than a minute."
    assert body["buttons"] == [[["Check in now", StartCheckin(day="2026-11-27").pack()]]]


async def test_payload_is_encrypted_at_rest(db):
    await client(db)
    await plan(db, EVENING)
    async with db.engine.connect() as conn:
        raw = (await conn.exec_driver_sql("SELECT payload FROM outbox")).scalar_one()
    assert "check-in" not in raw and "check-in" in crypto.decrypt(raw)


async def test_nothing_planned_outside_the_horizon(db):
    await client(db)
    report = await plan(db, EVENING - dt.timedelta(minutes=31))
    assert (report.clients, report.due, report.planned) == (1, 0, 0)
    assert await rows(db) == []


async def test_check_in_before_the_reminder_means_none_is_planned(db):
    pid = await client(db)
    await check_in(db, pid, dt.date(2026, 11, 27))
    report = await plan(db, EVENING - dt.timedelta(minutes=10))
    assert (report.planned, report.checked_in) == (0, 1)
    assert await rows(db) == []


async def test_check_in_after_planning_cancels_the_pending_reminder(db):
    """Whether the check-in code cancels it or the next planner run finds it, the reminder does not go."""
    pid, other = await client(db, 1), await client(db, 2)
    await plan(db, EVENING - dt.timedelta(minutes=10))
    assert len(await pending(db)) == 2
    await check_in(db, pid, dt.date(2026, 11, 27))
    async with db.session() as s, s.begin():
        assert await reminders.cancel_checkin_reminder(s, pid, dt.date(2026, 11, 27)) == 1
    await check_in(db, other, dt.date(2026, 11, 27))  # no cancel call: the planner's sweep catches it
    report = await plan(db, EVENING - dt.timedelta(minutes=9))
    assert report.withdrawn == 1 and report.planned == 0
    assert await pending(db) == []
    assert {r.last_error for r in await rows(db)} == {"checked in before the reminder"}


async def test_missed_by_one_hour_still_goes(db):
    """Back after downtime: a reminder missed by less than the grace period is planned, due at once."""
    pid = await client(db)
    report = await plan(db, EVENING + dt.timedelta(hours=1))
    assert report.planned == 1
    assert await pending(db) == [(key(pid, "2026-11-27"), EVENING)]


async def test_missed_by_five_hours_is_skipped(db):
    await client(db)
    report = await plan(db, EVENING + dt.timedelta(hours=5))
    assert (report.due, report.planned) == (0, 0)
    assert await rows(db) == []


async def test_pending_reminder_older_than_grace_is_cancelled_not_flooded(db):
    """Rows planned before a long outage are cancelled by the first run after it, not sent late."""
    await client(db)
    await plan(db, EVENING - dt.timedelta(minutes=5))
    report = await plan(db, EVENING + dt.timedelta(hours=5))
    assert report.expired == 1
    assert [(r.status, r.last_error) for r in await rows(db)] == [("cancelled", "missed by more than the grace period")]


async def test_reminders_off_inactive_paused_unreachable_and_staff_get_none(db):
    await client(db, 1, reminders_on=False)
    await client(db, 2, active=False)
    await client(db, 3, consent=None)
    await client(db, 4, reachable=False)
    await client(db, 5, role=Role.THERAPIST)
    wanted = await client(db, 6)
    report = await plan(db, EVENING)
    assert (report.clients, report.planned) == (1, 1)
    assert [r.person_id for r in await rows(db)] == [wanted]


async def test_client_who_stops_after_planning_is_not_reminded(db):
    pid = await client(db)
    await plan(db, EVENING - dt.timedelta(minutes=10))
    await update_profile(db, pid, active=False)
    report = await plan(db, EVENING - dt.timedelta(minutes=9))
    assert report.withdrawn == 1 and await pending(db) == []


async def test_each_client_in_their_own_time_zone(db):
    ny = await client(db, 1, zone=NY, at=dt.time(9, 0))
    la = await client(db, 2, zone="America/Los_Angeles", at=dt.time(9, 0))
    london = await client(db, 3, zone="Europe/London", at=dt.time(9, 0))
    now = dt.datetime(2026, 11, 27, 14, 0, tzinfo=UTC)  # 09:00 in New York, 06:00 in LA, 14:00 in London
    await plan(db, now)
    assert await pending(db) == [(key(ny, "2026-11-27"), now)]
    await plan(db, now + dt.timedelta(hours=3))
    assert (key(la, "2026-11-27"), now + dt.timedelta(hours=3)) in await pending(db)
    assert not any(k == key(london, "2026-11-27") for k, _ in await pending(db))  # 5 h late: skipped


# --- daylight saving: a week around each change, planned every hour (every run within grace) --


async def plan_every(db, start: dt.datetime, days: int, step=dt.timedelta(hours=1)) -> None:
    t = start
    while t < start + dt.timedelta(days=days):
        await plan(db, t)
        t += step


async def test_spring_forward_week_reminder_in_the_gap(db):
    """02:30 does not exist on 8 March 2026 in New York: that day's reminder goes at 03:00 EDT, once."""
    pid = await client(db, zone=NY, at=dt.time(2, 30))
    await plan_every(db, dt.datetime(2026, 3, 5, 0, 0, tzinfo=UTC), days=7)
    got = {r.dedupe_key: r.due_at for r in await rows(db)}
    assert got == {
        key(pid, "2026-03-05"): dt.datetime(2026, 3, 5, 7, 30, tzinfo=UTC),  # 02:30 EST
        key(pid, "2026-03-06"): dt.datetime(2026, 3, 6, 7, 30, tzinfo=UTC),
        key(pid, "2026-03-07"): dt.datetime(2026, 3, 7, 7, 30, tzinfo=UTC),
        key(pid, "2026-03-08"): dt.datetime(2026, 3, 8, 7, 0, tzinfo=UTC),  # 03:00 EDT, when the clocks jump
        key(pid, "2026-03-09"): dt.datetime(2026, 3, 9, 6, 30, tzinfo=UTC),  # 02:30 EDT
        key(pid, "2026-03-10"): dt.datetime(2026, 3, 10, 6, 30, tzinfo=UTC),
        key(pid, "2026-03-11"): dt.datetime(2026, 3, 11, 6, 30, tzinfo=UTC),
    }


async def test_fall_back_week_reminder_in_the_repeated_hour(db):
    """01:30 happens twice on 1 November 2026 in New York: the reminder goes once, at the first."""
    pid = await client(db, zone=NY, at=dt.time(1, 30))
    await plan_every(db, dt.datetime(2026, 10, 29, 0, 0, tzinfo=UTC), days=7)
    got = {r.dedupe_key: r.due_at for r in await rows(db)}
    assert got == {
        key(pid, "2026-10-29"): dt.datetime(2026, 10, 29, 5, 30, tzinfo=UTC),  # 01:30 EDT
        key(pid, "2026-10-30"): dt.datetime(2026, 10, 30, 5, 30, tzinfo=UTC),
        key(pid, "2026-10-31"): dt.datetime(2026, 10, 31, 5, 30, tzinfo=UTC),
        key(pid, "2026-11-01"): dt.datetime(2026, 11, 1, 5, 30, tzinfo=UTC),  # the first 01:30 (EDT)
        key(pid, "2026-11-02"): dt.datetime(2026, 11, 2, 6, 30, tzinfo=UTC),  # 01:30 EST
        key(pid, "2026-11-03"): dt.datetime(2026, 11, 3, 6, 30, tzinfo=UTC),
        key(pid, "2026-11-04"): dt.datetime(2026, 11, 4, 6, 30, tzinfo=UTC),
    }


async def test_evening_reminder_keeps_local_time_across_the_change(db):
    """A 19:00 reminder stays at 19:00 local: 00:00 UTC before the spring change, 23:00 UTC after it."""
    pid = await client(db, zone=NY, at=dt.time(19, 0))
    await plan_every(db, dt.datetime(2026, 3, 7, 12, 0, tzinfo=UTC), days=2)
    got = {r.dedupe_key: r.due_at for r in await rows(db)}
    assert got == {
        key(pid, "2026-03-07"): dt.datetime(2026, 3, 8, 0, 0, tzinfo=UTC),  # 19:00 EST
        key(pid, "2026-03-08"): dt.datetime(2026, 3, 8, 23, 0, tzinfo=UTC),  # 19:00 EDT
    }


# --- settings changes replan -----------------------------------------------------------------


async def test_reminder_time_change_moves_the_pending_reminder(db):
    pid = await client(db)
    now = EVENING - dt.timedelta(minutes=20)
    await plan(db, now)
    await update_profile(db, pid, checkin_time=dt.time(19, 15))
    assert await replan(db, pid, now) == 1
    assert await pending(db) == [(key(pid, "2026-11-27"), EVENING + dt.timedelta(minutes=15))]
    assert (await plan(db, now + dt.timedelta(minutes=1))).planned == 0


async def test_time_moved_to_one_already_past_sends_nothing_late_today(db):
    """At 18:40 the client moves 19:00 to 18:00: no reminder now; tomorrow's comes at 18:00."""
    pid = await client(db)
    now = EVENING - dt.timedelta(minutes=20)
    await plan(db, now)
    await update_profile(db, pid, checkin_time=dt.time(18, 0))
    await replan(db, pid, now)
    assert await pending(db) == []
    assert (await plan(db, now + dt.timedelta(minutes=1))).planned == 0  # within grace, yet not sent late
    tomorrow = EVENING + dt.timedelta(hours=23)  # 18:00 on the 28th
    assert (await plan(db, tomorrow)).planned == 1
    assert await pending(db) == [(key(pid, "2026-11-28"), tomorrow)]


async def test_time_changed_back_later_the_same_day_revives_the_reminder(db):
    pid = await client(db)
    now = EVENING - dt.timedelta(minutes=20)
    await plan(db, now)
    await update_profile(db, pid, checkin_time=dt.time(18, 0))
    await replan(db, pid, now)
    await update_profile(db, pid, checkin_time=dt.time(19, 30))
    await replan(db, pid, now + dt.timedelta(minutes=2))
    assert await pending(db) == [(key(pid, "2026-11-27"), EVENING + dt.timedelta(minutes=30))]


async def test_timezone_change_replans(db):
    """New York to Los Angeles at 18:40 New York time: tonight's reminder moves to 19:00 Pacific."""
    pid = await client(db)
    now = EVENING - dt.timedelta(minutes=20)
    await plan(db, now)
    await update_profile(db, pid, timezone="America/Los_Angeles")
    await replan(db, pid, now)
    la_evening = EVENING + dt.timedelta(hours=3)
    assert await pending(db) == [(key(pid, "2026-11-27"), la_evening)]
    await plan_every(db, now, days=2)
    assert {r.dedupe_key: r.due_at for r in await rows(db)} == {
        key(pid, "2026-11-27"): la_evening,
        key(pid, "2026-11-28"): la_evening + dt.timedelta(days=1),
    }


async def test_reminders_off_cancels_and_on_again_revives(db):
    pid = await client(db)
    now = EVENING - dt.timedelta(minutes=20)
    await plan(db, now)
    await update_profile(db, pid, reminders_on=False)
    assert await replan(db, pid, now) == 1
    assert await pending(db) == []
    assert (await plan(db, now + dt.timedelta(minutes=1))).planned == 0
    await update_profile(db, pid, reminders_on=True)
    await replan(db, pid, now + dt.timedelta(minutes=5))
    assert await pending(db) == [(key(pid, "2026-11-27"), EVENING)]


async def test_reminders_on_after_the_time_passed_sends_nothing_late(db):
    pid = await client(db, reminders_on=False)
    now = EVENING + dt.timedelta(minutes=30)
    await update_profile(db, pid, reminders_on=True)
    await replan(db, pid, now)
    assert (await plan(db, now + dt.timedelta(minutes=1))).planned == 0
    assert await pending(db) == []


async def test_replan_leaves_a_sent_reminder_alone(db):
    """One reminder a day: once today's has gone out, a later time today adds no second one."""
    pid = await client(db)
    await plan(db, EVENING)
    async with db.session() as s, s.begin():
        row = (await s.execute(select(OutboxMessage))).scalar_one()
        row.status = "delivered"
    await update_profile(db, pid, checkin_time=dt.time(21, 0))
    assert await replan(db, pid, EVENING + dt.timedelta(minutes=5)) == 0
    assert (await plan(db, EVENING + dt.timedelta(hours=2))).planned == 0
    assert [r.status for r in await rows(db)] == ["delivered"]


async def test_replan_after_a_check_in_adds_nothing(db):
    pid = await client(db)
    await check_in(db, pid, dt.date(2026, 11, 27))
    await update_profile(db, pid, checkin_time=dt.time(19, 10))
    assert await replan(db, pid, EVENING) == 0
    assert await rows(db) == []
