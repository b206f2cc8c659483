"""Rewards for showing up: a milestone for sessions attended, through the outbox, never just after use."""

from __future__ import annotations

import datetime as dt
import json

import time_machine
from sqlalchemy import select

from bot.db.meeting_models import Attendance, MeetingSeries
from bot.db.models import Milestone, OutboxMessage
from bot.domain.care.alerts import EscalationPolicy
from bot.domain.checkins import reported_use
from bot.domain.coping import rewards
from tests.support.harness import Harness

CLIENT = 7801
T0 = dt.datetime(2027, 2, 1, 17, 0, tzinfo=dt.UTC)


def test_each_milestone_once_smallest_first() -> None:
    assert rewards.due(4, set()) == []
    assert rewards.due(5, set()) == [5]
    assert rewards.due(12, {5}) == [10]
    assert rewards.due(12, {5, 10}) == []


async def _attended(harness: Harness, person_id: int, sessions: int) -> None:
    async with harness.db.session() as s, s.begin():
        meeting = MeetingSeries(
            uid=f"group-{sessions}",
            title="Evening group",
            public_title="Group",
            kind="group",
            starts_local=dt.datetime(2027, 1, 4, 18),
            timezone="America/New_York",
            duration_minutes=90,
            audience="all",
        )
        s.add(meeting)
        await s.flush()
        for n in range(sessions):
            start = dt.datetime(2027, 1, 4, 23, tzinfo=dt.UTC) + dt.timedelta(days=n)
            s.add(Attendance(meeting_id=meeting.id, occurrence_start=start, person_id=person_id, attended=True))


async def _celebrate(harness: Harness, person_id: int) -> int | None:
    async with harness.db.session() as s, s.begin():
        return await rewards.sessions_attended(s, person_id, dt.datetime.now(dt.UTC))


async def test_the_fifth_session_is_celebrated_once_in_neutral_words(harness: Harness) -> None:
    with time_machine.travel(T0, tick=False):
        person = await harness.enroll(CLIENT)
        await _attended(harness, person.id, 5)
        assert await _celebrate(harness, person.id) == 5
        assert await _celebrate(harness, person.id) is None  # once
    async with harness.db.session() as s:
        [row] = (await s.execute(select(OutboxMessage).where(OutboxMessage.kind == "milestone"))).scalars().all()
        [kept] = (await s.execute(select(Milestone))).scalars().all()
    assert row.chat_id == CLIENT and json.loads(row.payload)["text"].startswith("🎉 <b>5 sessions</b>")
    assert (kept.kind, kept.days, kept.since) == ("sessions", 5, dt.date(2027, 1, 4))


async def test_no_celebration_within_a_day_of_reported_use_it_waits(harness: Harness) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        person = await harness.enroll(CLIENT)
        async with harness.db.session() as s, s.begin():
            await reported_use.raise_flag(s, person.id, EscalationPolicy())
        await _attended(harness, person.id, 10)
        clock.shift(dt.timedelta(hours=23))
        assert await _celebrate(harness, person.id) is None
        clock.shift(dt.timedelta(hours=2))
        assert await _celebrate(harness, person.id) == 10  # 5 and 10 recorded, the largest celebrated
    async with harness.db.session() as s:
        days = sorted((await s.execute(select(Milestone.days))).scalars())
    assert days == [5, 10]


async def test_saving_attendance_celebrates_the_fifth_session(harness: Harness) -> None:
    """Staff mark the client present in /attendance; their fifth session queues the milestone to them."""
    from bot.db.models import Role
    from conversations.meetings import attendance
    from tests.support import meetings

    monday = dt.datetime(2026, 3, 2, 23, 0, tzinfo=dt.UTC)  # the evening group, 18:00 in New York
    with time_machine.travel(meetings.T0, tick=False) as clock:
        therapist = await harness.enroll(7802, Role.THERAPIST)
        person = await harness.enroll(CLIENT, therapist_id=therapist.id)
        series_id = await meetings.add_series(harness.db)
        await _attended(harness, person.id, 4)
        clock.move_to(monday + dt.timedelta(hours=3))
        at = int(monday.timestamp())
        await harness.press(7802, attendance.PickSession(series=series_id, at=at).pack())
        await harness.press(7802, attendance.Toggle(series=series_id, at=at, person=person.id).pack())
        await harness.press(7802, attendance.SaveAttendance(series=series_id, at=at).pack())
        await harness.press(7802, attendance.SaveAttendance(series=series_id, at=at).pack())  # saved twice: once
        await harness.delivery.run_once()
    assert (
        harness.req.texts(CLIENT).count(
            "🎉 <b>5 sessions</b> you've shown up for. Showing up is what makes the difference: well done."
        )
        == 1
    )
