"""Any future date of a series can be cancelled or moved (not only the next six), and a cancelled one restored."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
import time_machine

from bot.db.models import Role
from conversations.meetings import menu
from tests.support.harness import Harness
from tests.support.meetings import add_series, outbox

STAFF, CLIENT = 8401, 8402
SUNDAY = dt.datetime(2026, 3, 1, 17, 0, tzinfo=dt.UTC)  # noon in New York; the group meets Mon/Wed/Fri 18:00
JUNE_1 = dt.datetime(2026, 6, 1, 22, 0, tzinfo=dt.UTC)  # Monday 1 June, 18:00 in New York (EDT)


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(SUNDAY, tick=False) as traveller:
        yield traveller


async def setup(harness: Harness) -> int:
    await harness.enroll(STAFF, Role.STAFF)
    await harness.enroll(CLIENT)
    sid = await add_series(harness.db, now=SUNDAY)
    await harness.send(STAFF, "/meetings")
    return sid


async def find(harness: Harness, sid: int, day: str) -> list[str]:
    await harness.press(STAFF, menu.OtherDate(series=sid).pack())
    return await harness.send(STAFF, day)


async def test_a_date_months_ahead_is_found_by_typing_it_and_cancelled(harness: Harness, clock) -> None:
    """1 June is far past the next six dates: typed, it offers cancel and move; cancelling tells the client."""
    sid = await setup(harness)
    shown = await harness.press(STAFF, menu.Open(series=sid).pack())
    assert "Another date…" in [label for label, _ in harness.last(STAFF).buttons] and shown
    [found] = await find(harness, sid, "6/1/2026")
    at = int(JUNE_1.timestamp())
    assert "<b>IOP evening group</b> on that day:" in found
    assert ("Cancel Mon 1 Jun 18:00", menu.CancelDate(series=sid, at=at).pack()) in harness.last(STAFF).buttons
    assert ("Move Mon 1 Jun 18:00", menu.MoveDate(series=sid, at=at).pack()) in harness.last(STAFF).buttons
    done = await harness.press(STAFF, menu.CancelDate(series=sid, at=at, sure=True).pack())
    assert done[-1].startswith("Done: 1 date cancelled")


async def test_a_day_without_the_meeting_or_not_a_date_is_asked_again(harness: Harness, clock) -> None:
    sid = await setup(harness)
    [none] = await find(harness, sid, "tuesday")
    assert "no date ahead on Tue 3 Mar 2026" in none
    [bad] = await harness.send(STAFF, "soon")
    assert "Please type a date like" in bad
    [found] = await harness.send(STAFF, "wednesday")
    assert "on that day" in found


async def test_a_cancelled_date_can_be_restored_and_the_client_hears_once(harness: Harness, clock) -> None:
    """Restore shows on the series' page for a cancelled date; the client is told it is on again."""
    sid = await setup(harness)
    monday = int(dt.datetime(2026, 3, 2, 23, 0, tzinfo=dt.UTC).timestamp())
    await harness.press(STAFF, menu.CancelDate(series=sid, at=monday, sure=True).pack())
    await harness.press(STAFF, menu.Open(series=sid).pack())
    restore = menu.RestoreDate(series=sid, at=monday).pack()
    assert ("Restore Mon 2 Mar 18:00", restore) in harness.last(STAFF).buttons
    [done] = await harness.press(STAFF, restore)
    assert done == "Restored Mon 2 Mar 18:00; 1 client told."
    again = await harness.press(STAFF, restore)
    assert "that date is not cancelled" in again[-1]
    texts = [json.loads(r.payload)["text"] for r in await outbox(harness.db, "meeting_change")]
    assert texts == [
        "Schedule change: Group session tomorrow at 18:00 is cancelled.",
        "Schedule change: Group session tomorrow at 18:00 is on again after all.",
    ]
    [week] = await harness.send(CLIENT, "/schedule")
    assert "<b>Mon 2 Mar</b>\n• 18:00–21:00 Group session" in week
    # Cancelled once more, the client hears of it again.
    clock.shift(dt.timedelta(minutes=5))
    await harness.press(STAFF, menu.CancelDate(series=sid, at=monday, sure=True).pack())
    assert len(await outbox(harness.db, "meeting_change")) == 3
