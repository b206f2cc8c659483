"""Editing a series' days of the week, its end and its audience in /meetings, through the real Application."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
import time_machine
from sqlalchemy import select

from bot.db.meeting_models import MeetingSeries
from bot.db.models import Role
from bot.domain.meetings.edits import Field
from conversations.meetings import menu
from tests.support.harness import Harness
from tests.support.meetings import add_series, outbox

STAFF, CLIENT = 8501, 8502
TUESDAY = dt.datetime(2026, 3, 10, 16, 0, tzinfo=dt.UTC)  # noon in New York; the group met on Monday at 18:00


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(TUESDAY, tick=False) as traveller:
        yield traveller


async def setup(harness: Harness) -> int:
    await harness.enroll(STAFF, Role.STAFF)
    await harness.enroll(CLIENT)
    return await add_series(harness.db)


async def edit(harness: Harness, sid: int, field: Field, typed: str) -> list[str]:
    await harness.send(STAFF, "/meetings")
    await harness.press(STAFF, menu.Edit(series=sid).pack())
    await harness.press(STAFF, menu.EditWhat(series=sid, field=field).pack())
    return await harness.send(STAFF, typed)


async def rows(harness: Harness) -> list[MeetingSeries]:
    async with harness.db.session() as s:
        return list((await s.execute(select(MeetingSeries).order_by(MeetingSeries.id))).scalars())


async def notices(harness: Harness) -> list[str]:
    return [json.loads(r.payload)["text"] for r in await outbox(harness.db, "meeting_change")]


async def test_new_days_apply_from_now_on_and_the_past_stays(harness: Harness, clock) -> None:
    """'tuesdays and thursdays': the series that met ends on Monday; a new one meets Tue/Thu from today."""
    sid = await setup(harness)
    [done] = await edit(harness, sid, Field.DAYS, "tuesdays and thursdays")
    assert "Saved: the days of M-1 is now Tue, Thu 18:00" in done
    old, new = await rows(harness)
    assert old.rrule == "FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260309T180000"
    assert (new.rrule, new.starts_local) == ("FREQ=WEEKLY;BYDAY=TU,TH", dt.datetime(2026, 3, 10, 18, 0))
    assert await notices(harness) == [
        "Schedule change: Group session now takes place Tue, Thu at 18:00, starting today."
    ]
    [week] = await harness.send(CLIENT, "/schedule")
    assert "<b>Tue 10 Mar</b>" in week and "<b>Wed 11 Mar</b>" not in week


async def test_days_that_cannot_be_read_are_asked_again(harness: Harness, clock) -> None:
    sid = await setup(harness)
    [refused] = await edit(harness, sid, Field.DAYS, "whenever")
    assert "could not read that as how often" in refused and "Please type the new days" in refused
    assert len(await rows(harness)) == 1


@pytest.mark.parametrize(
    ("typed", "rule", "shown"),
    [
        ("until 3/31/2026", "FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260331T235959", "until 2026-03-31"),
        ("12 sessions", "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=12", "12 sessions"),
    ],
)
async def test_an_end_date_or_a_number_of_sessions(harness: Harness, clock, typed: str, rule: str, shown: str) -> None:
    """The end is written into the rule in place; the dates before it stay."""
    sid = await setup(harness)
    [done] = await edit(harness, sid, Field.END, typed)
    assert f"is now {shown}" in done
    [row] = await rows(harness)
    assert row.rrule == rule


async def test_an_end_this_week_tells_the_clients_of_the_dates_it_drops(harness: Harness, clock) -> None:
    sid = await setup(harness)
    await edit(harness, sid, Field.END, "until 3/11/2026")
    assert await notices(harness) == [
        "Schedule change: Group session on Fri 13 Mar at 18:00 is cancelled.",
        "Schedule change: Group session on Mon 16 Mar at 18:00 is cancelled.",
        "Schedule change: Group session on Wed 18 Mar at 18:00 is cancelled.",
        "Schedule change: Group session on Fri 20 Mar at 18:00 is cancelled.",
        "Schedule change: Group session on Mon 23 Mar at 18:00 is cancelled.",
    ]
    await edit(harness, sid, Field.END, "no end")
    assert (await rows(harness))[0].rrule == "FREQ=WEEKLY;BYDAY=MO,WE,FR"


async def test_a_new_audience_tells_who_joined_and_who_left(harness: Harness, clock) -> None:
    """From all clients to a cohort nobody is in yet: the client is told it is no longer theirs."""
    sid = await setup(harness)
    [done] = await edit(harness, sid, Field.AUDIENCE, "Weekend")
    assert "is now cohort Weekend" in done
    [row] = await rows(harness)
    assert (row.audience, row.cohort) == ("cohort", "Weekend")
    assert await notices(harness) == [
        "Schedule change: Group session is no longer on your schedule. Send /schedule to see what's ahead."
    ]
    await edit(harness, sid, Field.AUDIENCE, "all")
    assert (await notices(harness))[-1].startswith("Schedule change: Group session is on your schedule now.")
    [bad] = await edit(harness, sid, Field.AUDIENCE, "C-999999")
    assert "there is no client with code C-999999" in bad
