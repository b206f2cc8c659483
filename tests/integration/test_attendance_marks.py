"""/attendance through the real Application: only sessions that have started; came, late and excused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from sqlalchemy import select

from bot.db.meeting_models import Attendance
from bot.db.models import FlagRecord, Role
from conversations.meetings import attendance
from tests.support.harness import Harness
from tests.support.meetings import add_series

STAFF, CLIENT, OTHER = 8601, 8602, 8603
MONDAY = dt.datetime(2026, 3, 2, 23, 0, tzinfo=dt.UTC)  # 18:00 in New York; the group meets Mon/Wed/Fri
WEDNESDAY = MONDAY + dt.timedelta(days=2)


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(MONDAY - dt.timedelta(minutes=30), tick=False) as traveller:
        yield traveller


async def setup(harness: Harness) -> tuple[int, int, int]:
    await harness.enroll(STAFF, Role.STAFF)
    client = await harness.enroll(CLIENT)
    other = await harness.enroll(OTHER)
    return await add_series(harness.db, now=MONDAY - dt.timedelta(days=1)), client.id, other.id


async def test_a_session_that_has_not_started_is_not_listed_nor_taken(harness: Harness, clock) -> None:
    """Half an hour before Monday's group: nothing to take; a button for it is refused in words."""
    sid, _, other = await setup(harness)
    assert await harness.send(STAFF, "/attendance") == ["No sessions have taken place in the last 3 days."]
    at = int(MONDAY.timestamp())
    refused = await harness.press(STAFF, attendance.Toggle(series=sid, at=at, person=other).pack())
    assert refused == ["That session has not started yet; take attendance once it has."]
    clock.move_to(MONDAY + dt.timedelta(minutes=5))
    await harness.send(STAFF, "/attendance")
    assert harness.last(STAFF).buttons[0][1] == attendance.PickSession(series=sid, at=at).pack()


async def test_an_excused_absence_then_a_missed_session_raises_no_flag(harness: Harness, clock) -> None:
    """Monday excused (three taps), Wednesday left unmarked (missed): not two missed in a row, so no flag."""
    sid, client, other = await setup(harness)
    saved: list[list[str]] = []
    for start, taps in ((MONDAY, 3), (WEDNESDAY, 0)):
        clock.move_to(start + dt.timedelta(hours=3))
        at = int(start.timestamp())
        await harness.press(STAFF, attendance.PickSession(series=sid, at=at).pack())
        for _ in range(taps):
            await harness.press(STAFF, attendance.Toggle(series=sid, at=at, person=client).pack())
        await harness.press(STAFF, attendance.Toggle(series=sid, at=at, person=other).pack())
        saved.append(await harness.press(STAFF, attendance.SaveAttendance(series=sid, at=at).pack()))
    assert "1 of 2 came. Late: 0. Excused: 1" in saved[0][-1]
    assert "1 of 2 came." in saved[1][-1] and "missed two" not in saved[1][-1]
    async with harness.db.session() as s:
        rows = (await s.execute(select(Attendance.status).where(Attendance.person_id == client))).scalars().all()
        flags = (await s.execute(select(FlagRecord))).scalars().all()
    assert sorted(rows) == ["excused", "missed"]
    assert flags == []


async def test_the_marks_show_on_the_roster(harness: Harness, clock) -> None:
    sid, client, _ = await setup(harness)
    clock.move_to(MONDAY + dt.timedelta(hours=1))
    at = int(MONDAY.timestamp())
    await harness.press(STAFF, attendance.PickSession(series=sid, at=at).pack())
    toggle = attendance.Toggle(series=sid, at=at, person=client).pack()
    seen = []
    for _ in range(4):
        await harness.press(STAFF, toggle)
        seen += [label.split()[0] for label, data in harness.last(STAFF).buttons if data == toggle]
    assert seen == ["✅", "⏰", "📝", "▫️"]
