"""Changing an RSVP on a meeting reminder says what changed, and the reminder's buttons show the
answer given (after the commit)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
import time_machine

from bot import texts
from bot.services import jobs
from tests.integration.test_meetings_flow import CLIENT, MONDAY, SUNDAY, setup
from tests.support.harness import Harness


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(SUNDAY, tick=False) as traveller:
        yield traveller


def _labels(harness: Harness, message_id: int) -> list[str]:
    edits = [e for e in harness.req.methods("editMessageReplyMarkup") if int(e["message_id"]) == message_id]
    markup = edits[-1]["reply_markup"]
    markup = json.loads(markup) if isinstance(markup, str) else markup
    return [b["text"] for row in markup["inline_keyboard"] for b in row]


async def test_pressing_twice_and_changing_says_what_changed_and_ticks_the_choice(
    harness: Harness, clock: time_machine.Coordinates
) -> None:
    await setup(harness)
    clock.move_to(MONDAY - dt.timedelta(hours=1, minutes=1))
    await jobs.run_planner(harness.app.bot_data["services"])
    clock.shift(dt.timedelta(minutes=2))
    await harness.delivery.run_once()
    reminder = harness.last(CLIENT)
    yes, no = reminder.buttons[0][1], reminder.buttons[1][1]
    mid = reminder.message_id
    going, not_going = texts.MEETING_RSVP_YES, texts.MEETING_RSVP_NO
    tick = texts.MEETING_RSVP_CHOSEN

    assert await harness.press(CLIENT, yes, message_id=mid) == [texts.MEETING_RSVP_YES_OK]
    assert _labels(harness, mid) == [tick.format(label=going), not_going]
    assert await harness.press(CLIENT, yes, message_id=mid) == [texts.MEETING_RSVP_SAME_YES]  # pressed twice
    assert await harness.press(CLIENT, no, message_id=mid) == [texts.MEETING_RSVP_CHANGED_NO]
    assert texts.MEETING_RSVP_CHANGED_NO.startswith("Changed: can't make it")
    assert _labels(harness, mid) == [going, tick.format(label=not_going)]
    assert await harness.press(CLIENT, no, message_id=mid) == [texts.MEETING_RSVP_SAME_NO]
    assert await harness.press(CLIENT, yes, message_id=mid) == [texts.MEETING_RSVP_CHANGED_YES]
    assert texts.MEETING_RSVP_CHANGED_YES.startswith("Changed: you're going")
    assert _labels(harness, mid) == [tick.format(label=going), not_going]
