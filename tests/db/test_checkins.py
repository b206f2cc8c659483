"""Check-in storage against both databases: one per local day, streaks, days since use, milestones, history."""

from __future__ import annotations

import datetime as dt

import time_machine
from sqlalchemy import select

from bot.db.models import Checkin, ClientProfile, Milestone, Role
from bot.domain.checkins import diary
from bot.domain.checkins.answers import Answers, Use
from bot.domain.people import enrollment
from tests.support import tx
from tests.support.tx import in_tx

D0 = dt.date(2026, 3, 1)


async def _client(db, telegram_id=1, zone="America/Los_Angeles"):
    issued = await in_tx(db, enrollment.create_invite, Role.CLIENT)
    inv = await tx.check_code(db, telegram_id, issued.code)
    person = await in_tx(
        db, enrollment.enroll, telegram_id, inv.id, timezone=zone, checkin_time=dt.time(19), consent_version="v1"
    )
    return person.id


def _a(**kw):
    return Answers(**(dict(craving=2, mood=4, used=Use.NO, sleep=3, note=None, safety_yes=False) | kw))


async def _save(db, pid, day, **kw):
    async with db.session() as s, s.begin():
        return await diary.save(s, pid, day, _a(**kw))


async def test_second_checkin_the_same_day_edits_it(db):
    pid = await _client(db)
    first = await _save(db, pid, D0, craving=3, note="first")
    second = await _save(db, pid, D0, craving=6, note="I want to end it all")
    assert (first.edited, second.edited) == (False, True)
    assert second.note_flagged is True
    async with db.session() as s:
        rows = (await s.execute(select(Checkin))).scalars().all()
    assert len(rows) == 1 and rows[0].craving == 6 and rows[0].edited_at is not None and rows[0].note_flagged


def test_local_date_follows_the_clients_zone():
    at = dt.datetime(2026, 3, 2, 5, 30, tzinfo=dt.UTC)  # 21:30 the evening before in Los Angeles
    assert diary.local_date("America/Los_Angeles", at) == dt.date(2026, 3, 1)
    assert diary.local_date("Europe/Berlin", at) == dt.date(2026, 3, 2)
    assert diary.local_date("Not/AZone", at) == dt.date(2026, 3, 2)


async def test_today_for_uses_the_persons_zone(db):
    pid = await _client(db, zone="America/Los_Angeles")
    with time_machine.travel(dt.datetime(2026, 3, 2, 5, 30, tzinfo=dt.UTC), tick=False):
        async with db.session() as s:
            assert await diary.today_for(s, pid) == dt.date(2026, 3, 1)


def test_streak_counts_back_from_today_or_yesterday():
    d = [D0 - dt.timedelta(days=i) for i in range(5)]
    assert diary.count_streak(d, D0) == 5
    assert diary.count_streak(d, D0 + dt.timedelta(days=1)) == 5  # today's check-in may still come
    assert diary.count_streak(d, D0 + dt.timedelta(days=2)) == 0
    assert diary.count_streak([D0, D0 - dt.timedelta(days=2)], D0) == 1
    assert diary.count_streak([], D0) == 0


async def test_days_since_use_from_start_date_and_reported_use(db):
    pid = await _client(db)
    async with db.session() as s:
        assert (await diary.progress(s, pid, D0)).days_since_use is None
    async with db.session() as s, s.begin():
        (await s.get(ClientProfile, pid)).sobriety_date = D0 - dt.timedelta(days=20)
    async with db.session() as s, s.begin():
        assert (await diary.progress(s, pid, D0)).days_since_use == 20
    await _save(db, pid, D0 - dt.timedelta(days=3), used=Use.YES)
    await _save(db, pid, D0 - dt.timedelta(days=1), used=Use.UNDISCLOSED)  # not counted as use
    async with db.session() as s, s.begin():
        assert (await diary.progress(s, pid, D0)).days_since_use == 3


async def test_milestones_are_celebrated_once_per_run(db):
    pid = await _client(db)
    for i in range(7):
        await _save(db, pid, D0 + dt.timedelta(days=i))
    day7 = D0 + dt.timedelta(days=6)
    async with db.session() as s, s.begin():
        first = await diary.progress(s, pid, day7)
    async with db.session() as s, s.begin():
        again = await diary.progress(s, pid, day7)
    assert first.streak == 7 and first.new_milestones == (diary.MilestoneHit("streak", 7),)
    assert again.new_milestones == () and diary.MilestoneHit("streak", 7) in again.reached
    # A gap ends the run; seven more days make a new run and a new celebration.
    for i in range(9, 16):
        await _save(db, pid, D0 + dt.timedelta(days=i))
    async with db.session() as s, s.begin():
        later = await diary.progress(s, pid, D0 + dt.timedelta(days=15))
    assert later.new_milestones == (diary.MilestoneHit("streak", 7),)
    async with db.session() as s:
        assert len((await s.execute(select(Milestone))).scalars().all()) == 2


async def test_a_long_ago_start_date_celebrates_the_largest_and_records_all(db):
    pid = await _client(db)
    async with db.session() as s, s.begin():
        (await s.get(ClientProfile, pid)).sobriety_date = D0 - dt.timedelta(days=95)
    async with db.session() as s, s.begin():
        p = await diary.progress(s, pid, D0)
    assert p.new_milestones == (diary.MilestoneHit("sober", 90),)
    assert {m.days for m in p.reached if m.kind == "sober"} == {7, 30, 60, 90}
    async with db.session() as s, s.begin():
        assert (await diary.progress(s, pid, D0)).new_milestones == ()


async def test_history_has_one_point_per_day_and_a_summary(db):
    pid = await _client(db)
    await _save(db, pid, D0, craving=9, mood=2, used=Use.YES)
    await _save(db, pid, D0 - dt.timedelta(days=2), craving=3, mood=4)
    async with db.session() as s:
        points = await diary.history(s, pid, D0, 7)
    assert [p.day for p in points] == [D0 - dt.timedelta(days=6 - i) for i in range(7)]
    assert points[-1].craving == 9 and points[-2].craving is None and points[-3].mood == 4
    summary = diary.summarize(points)
    assert (summary.checked_in, summary.avg_craving, summary.avg_mood) == (2, 6.0, 3.0)
    assert (summary.high_craving_days, summary.use_days) == (1, 1)
