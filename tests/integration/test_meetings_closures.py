"""Closing the clinic for a day through the real Application: /closures, the clients told once, /schedule."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
import time_machine
from sqlalchemy import select

from bot.db.meeting_models import MeetingOverride
from bot.db.models import Role
from conversations.meetings import closures
from tests.support.harness import Harness
from tests.support.meetings import add_series, outbox

STAFF, CLIENT, OTHER = 8301, 8302, 8303
SUNDAY = dt.datetime(2026, 3, 1, 17, 0, tzinfo=dt.UTC)  # noon in New York


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(SUNDAY, tick=False) as traveller:
        yield traveller


async def setup(harness: Harness) -> None:
    """The evening group (Mon/Wed/Fri 18:00) and a Monday morning group, both for all clients."""
    await harness.enroll(STAFF, Role.STAFF)
    await harness.enroll(CLIENT)
    await harness.enroll(OTHER)
    await add_series(harness.db, now=SUNDAY)
    await add_series(
        harness.db,
        now=SUNDAY,
        title="Morning group",
        public_title="Morning session",
        rrule="FREQ=WEEKLY;BYDAY=MO",
        starts_local=dt.datetime(2026, 3, 2, 9, 0),
    )


async def close_monday(harness: Harness, typed: str = "/closures 3/2/2026 Staff training") -> list[str]:
    confirm = await harness.send(STAFF, typed)
    return confirm + await harness.press(STAFF, closures.CloseDay(day="2026-03-02", ok=True).pack())


async def test_closing_a_day_cancels_its_meetings_and_tells_each_client_once(harness: Harness, clock) -> None:
    """Both Monday meetings are cancelled; each client gets one notice naming both; the staff see the counts."""
    await setup(harness)
    confirm, done = await close_monday(harness)
    assert "Close the clinic on <b>Mon 2 Mar 2026</b> (Staff training)? 2 meetings" in confirm
    assert done == "The clinic is closed on Mon 2 Mar 2026: 2 meetings cancelled, 2 clients told."
    async with harness.db.session() as s:
        cancelled = (await s.execute(select(MeetingOverride).where(MeetingOverride.cancelled))).scalars().all()
    assert len(cancelled) == 2
    notices = [json.loads(r.payload)["text"] for r in await outbox(harness.db, "meeting_change")]
    told = "Schedule change: the clinic is closed on Mon 2 Mar (Staff training). Cancelled that day: "
    assert notices == [told + "Morning session, Group session."] * 2
    [week] = await harness.send(CLIENT, "/schedule")
    assert "<b>Mon 2 Mar</b>\n• The clinic is closed (Staff training): no meetings." in week
    assert "Morning session" not in week and "<b>Wed 4 Mar</b>\n• 18:00–21:00 Group session" in week


async def test_closing_twice_tells_nobody_twice_and_the_list_shows_it(harness: Harness, clock) -> None:
    """A second close of the same day is refused in words; /closures lists the day."""
    await setup(harness)
    await close_monday(harness)
    _, again = await close_monday(harness)
    assert "already closed" in again
    assert len(await outbox(harness.db, "meeting_change")) == 2
    [listed] = await harness.send(STAFF, "/closures")
    assert "• Mon 2 Mar 2026: Staff training" in listed


async def test_bad_dates_and_keep_it_open_change_nothing(harness: Harness, clock) -> None:
    """A date that is not one or has passed is explained; "Keep it open" leaves every meeting."""
    await setup(harness)
    assert "Please give the date first" in (await harness.send(STAFF, "/closures someday"))[0]
    assert "has passed" in (await harness.send(STAFF, "/closures 2026-02-27"))[0]
    await harness.send(STAFF, "/closures 2026-03-02")
    assert await harness.press(STAFF, closures.CloseDay(day="2026-03-02", ok=False).pack()) == ["Nothing changed."]
    assert await outbox(harness.db, "meeting_change") == []
    assert not harness.crashed()


async def test_clients_may_not_close_the_clinic(harness: Harness, clock) -> None:
    await setup(harness)
    [refused] = await harness.send(CLIENT, "/closures 2026-03-02")
    assert "closures" in refused
    async with harness.db.session() as s:
        assert (await s.execute(select(MeetingOverride))).first() is None


async def test_a_meeting_added_after_a_closure_does_not_meet_that_day(harness: Harness, clock) -> None:
    """Closed on Monday first, then a Monday group is added: it starts on the Monday after."""
    await harness.enroll(STAFF, Role.STAFF)
    await harness.enroll(CLIENT)
    await close_monday(harness, "/closures 2026-03-02")
    await add_series(harness.db, now=SUNDAY, rrule="FREQ=WEEKLY;BYDAY=MO")
    [week] = await harness.send(CLIENT, "/schedule")
    assert "<b>Mon 2 Mar</b>\n• The clinic is closed: no meetings." in week
    assert "Group session" not in week
