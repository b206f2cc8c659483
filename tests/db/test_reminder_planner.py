"""The daily reminder planner against both databases: dedupe, check-ins, downtime, DST, settings changes."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from bot.core import crypto
from bot.db.models import Checkin, ClientProfile, OutboxMessage, Person, Role
from bot.delivery import planner
from bot.domain import reminders
from bot.domain.buttons import StartCheckin

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
