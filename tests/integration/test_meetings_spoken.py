"""Adding a series the way staff say it, through the real Application: how often, the date, the length."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from sqlalchemy import select

from bot.db.meeting_models import MeetingSeries
from bot.db.models import Role
from conversations.meetings import menu
from tests.support.harness import Harness
from tests.support.meetings import add_series

STAFF = 8201
SUNDAY = dt.datetime(2026, 3, 1, 17, 0, tzinfo=dt.UTC)  # noon in New York


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(SUNDAY, tick=False) as traveller:
        yield traveller


async def start_adding(harness: Harness, when: str = "2026-03-02 18:00") -> list[str]:
    """Staff open /meetings, add a group for all clients, and send its first date; returns the replies to it."""
    await harness.enroll(STAFF, Role.STAFF)
    await harness.send(STAFF, "/meetings")
    await harness.press(STAFF, menu.Add().pack())
    await harness.send(STAFF, "Evening group")
    await harness.press(STAFF, menu.Pick(field="kind", value="group").pack())
    await harness.press(STAFF, menu.Pick(field="audience", value="all").pack())
    return await harness.send(STAFF, when)


async def saved_row(harness: Harness) -> MeetingSeries:
    async with harness.db.session() as s:
        [row] = (await s.execute(select(MeetingSeries))).scalars()
    return row


async def test_typed_days_are_read_said_back_and_saved(harness: Harness, clock) -> None:
    """'tuesdays and thursdays' is read as a rule and said back in words before anything is saved."""
    await start_adding(harness)
    [read] = await harness.send(STAFF, "tuesdays and thursdays")
    assert "Repeats: <b>Tue, Thu 18:00</b>" in read
    await harness.send(STAFF, "90")
    preview = await harness.send(STAFF, "Room 2")
    assert "Tue, Thu 18:00" in preview[-1] and "Tue 3 Mar 18:00" in preview[-1]
    await harness.press(STAFF, menu.Save(ok=True).pack())
    assert (await saved_row(harness)).rrule == "FREQ=WEEKLY;BYDAY=TU,TH"


@pytest.mark.parametrize(
    ("said", "words"),
    [
        ("mon-thu", "Mon, Tue, Wed, Thu 18:00"),
        ("Mon, Tue, Wed, Thu", "Mon, Tue, Wed, Thu 18:00"),
        ("every other monday", "every other week, Mon 18:00"),
        ("first friday of the month", "first Fri of each month 18:00"),
        ("every weekday", "Mon, Tue, Wed, Thu, Fri 18:00"),
    ],
)
async def test_other_ways_of_saying_it(harness: Harness, clock, said: str, words: str) -> None:
    """Ranges, lists, every other week and the nth weekday of the month are all read."""
    await start_adding(harness)
    [read] = await harness.send(STAFF, said)
    assert f"Repeats: <b>{words}</b>" in read


async def test_what_cannot_be_read_is_asked_again_without_a_python_error(harness: Harness, clock) -> None:
    """A broken rule gets the project's own sentence, and the step stays open for the real answer."""
    await start_adding(harness)
    [refused] = await harness.send(STAFF, "FREQ=WEEKLY;BYDAY")
    assert "could not read that as how often" in refused
    assert "unpack" not in refused and "not valid" not in refused
    [read] = await harness.send(STAFF, "tuesdays")
    assert "Repeats: <b>Tue 18:00</b>" in read
    assert not harness.crashed()


@pytest.mark.parametrize(
    ("when", "first"),
    [("monday 9am", "Mon 2 Mar 09:00"), ("12/7/2026 9:00", "Mon 7 Dec 09:00"), ("tuesday 6pm", "Tue 3 Mar 18:00")],
)
async def test_first_date_and_length_as_staff_say_them(harness: Harness, clock, when: str, first: str) -> None:
    """'monday 9am', '12/7/2026 9:00' and 'tuesday 6pm' start a series; '1.5h' is its length."""
    replies = await start_adding(harness, when)
    assert "How often?" in replies[-1]
    await harness.press(STAFF, menu.Pick(field="repeat", value="weekly").pack())
    await harness.send(STAFF, "1.5h")
    preview = await harness.send(STAFF, "Room 2")
    assert first in preview[-1] and "90 min" in preview[-1]
    await harness.press(STAFF, menu.Save(ok=True).pack())
    assert (await saved_row(harness)).duration_minutes == 90


async def test_a_bad_date_or_length_is_asked_again_and_loses_nothing(harness: Harness, clock) -> None:
    """A date that is not one, then a length that is not one: each asked again, the draft kept."""
    [refused] = await start_adding(harness, "someday")
    assert "monday 9am" in refused and "/cancel" in refused
    await harness.send(STAFF, "monday 9am")
    await harness.press(STAFF, menu.Pick(field="repeat", value="weekly").pack())
    [again] = await harness.send(STAFF, "forever")
    assert "3 hours" in again
    await harness.send(STAFF, "3 hours")
    preview = await harness.send(STAFF, "Room 2")
    assert "Evening group" in preview[-1] and "180 min" in preview[-1] and "Mon 2 Mar 09:00" in preview[-1]


async def pick_cohort_audience(harness: Harness) -> list[str]:
    await harness.enroll(STAFF, Role.STAFF)
    await harness.send(STAFF, "/meetings")
    await harness.press(STAFF, menu.Add().pack())
    await harness.send(STAFF, "Morning group")
    await harness.press(STAFF, menu.Pick(field="kind", value="group").pack())
    return await harness.press(STAFF, menu.Pick(field="audience", value="cohort").pack())


async def test_a_cohort_with_no_clients_yet_can_be_typed(harness: Harness, clock) -> None:
    """With no cohorts at all, the name is typed; the series is saved for that cohort."""
    [ask] = await pick_cohort_audience(harness)
    assert "Type the cohort's name" in ask
    [bad] = await harness.send(STAFF, "<script>")
    assert "cohort name of 1 to 32" in bad
    [start] = await harness.send(STAFF, "Morning")
    assert "First date and start time" in start
    await harness.send(STAFF, "monday 9am")
    await harness.press(STAFF, menu.Pick(field="repeat", value="weekdays").pack())
    await harness.send(STAFF, "3 hours")
    preview = await harness.send(STAFF, "Room 1")
    assert "cohort Morning" in preview[-1]
    await harness.press(STAFF, menu.Save(ok=True).pack())
    row = await saved_row(harness)
    assert (row.audience, row.cohort) == ("cohort", "Morning")


async def test_cohorts_of_invited_clients_and_of_meetings_are_offered(harness: Harness, clock) -> None:
    """An invited client's cohort and a cohort a meeting is already for are buttons, with nobody enrolled in them."""
    await harness.invite(Role.CLIENT, cohort="Evening")
    await add_series(harness.db, audience="cohort", cohort="Weekend")
    await pick_cohort_audience(harness)
    labels = [label for label, _ in harness.last(STAFF).buttons]
    assert labels == ["Evening", "Weekend"]
