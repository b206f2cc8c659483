"""'What time is group?' from a client: their own next seven days from the calendar, then the article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

from bot import texts
from bot.db.models import Role
from tests.support.harness import Harness
from tests.support.meetings import add_series

CLIENT, THERAPIST = 8401, 8402
SUNDAY = dt.datetime(2026, 3, 1, 17, 0, tzinfo=dt.UTC)  # noon in New York; the group meets Mon/Wed/Fri 18:00
WEEK_LINE = "<b>Mon 2 Mar</b>\n• 18:00–21:00 Group session · Room 2"


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(SUNDAY, tick=False) as traveller:
        yield traveller


@pytest.mark.parametrize("asked", ["wat time r groups", "What time is group?", "when is my next session"])
async def test_a_client_asking_when_group_is_gets_their_own_days_first(harness: Harness, clock, asked: str) -> None:
    await harness.enroll(CLIENT)
    await add_series(harness.db, now=SUNDAY)
    replies = await harness.send(CLIENT, asked)
    assert WEEK_LINE in replies[0], replies  # the time, not only "groups meet mornings or evenings"
    assert texts.FAQ_NOT_SURE not in replies  # the days answered it
    # After them, an article about the program's hours, or nothing ("what happens when I finish IOP" was
    # what "when is my next session" found before).
    assert all("finish IOP" not in r for r in replies[1:]), replies


async def test_in_spanish_too(harness: Harness, clock) -> None:
    await harness.enroll(CLIENT, language="es")
    await add_series(harness.db, now=SUNDAY)
    replies = await harness.send(CLIENT, "¿a qué hora es el grupo?")
    assert "18:00–21:00" in replies[0] and "lun" in replies[0].lower(), replies


async def test_with_no_series_of_theirs_the_article_answers_as_before(harness: Harness, clock) -> None:
    """A clinic that keeps no calendar in the bot: no "nothing scheduled" (it would mislead), the article."""
    await harness.enroll(CLIENT)
    replies = await harness.send(CLIENT, "what time is group")
    assert texts.SCHEDULE_NONE not in replies and replies[0].startswith("<b>"), replies


async def test_a_series_with_nothing_in_the_next_days_says_so(harness: Harness, clock) -> None:
    await harness.enroll(CLIENT)
    await add_series(harness.db, now=SUNDAY, rrule="", starts_local=dt.datetime(2026, 3, 20, 18, 0))  # in 19 days
    replies = await harness.send(CLIENT, "what time is group")
    assert replies[0] == texts.SCHEDULE_NONE, replies


async def test_questions_about_the_program_are_not_read_as_a_date(harness: Harness, clock) -> None:
    await harness.enroll(CLIENT)
    await add_series(harness.db, now=SUNDAY)
    for asked in ("how long is group", "what is group therapy", "how many hours a week is the program"):
        replies = await harness.send(CLIENT, asked)
        assert not any("Group session" in r for r in replies), (asked, replies)


async def test_a_therapist_asking_gets_the_faq_only(harness: Harness, clock) -> None:
    await harness.enroll(THERAPIST, Role.THERAPIST)
    await add_series(harness.db, now=SUNDAY)
    replies = await harness.send(THERAPIST, "what time is group")
    assert not any("Group session" in r for r in replies), replies  # a therapist has no "own" group days here
