"""A meeting reminder carries the place or the link, below the lock-screen line."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

from bot.domain.meetings import reminders as mr
from bot.domain.meetings import schedule
from bot.domain.meetings.schedule import Occurrence, Series
from tests.support.meetings import series

NY = ZoneInfo("America/New_York")
MONDAY_6PM = dt.datetime(2026, 3, 2, 23, 0, tzinfo=dt.UTC)


def first(s: Series, place_override: str | None = None) -> Occurrence:
    s = replace(s, id=1)
    overrides = [schedule.Override(MONDAY_6PM, new_place=place_override)] if place_override is not None else []
    [occ] = schedule.expand(s, overrides, MONDAY_6PM, MONDAY_6PM + dt.timedelta(minutes=1))
    return occ


def text(occ: Occurrence) -> str:
    return mr.reminder_text(occ, NY, MONDAY_6PM - dt.timedelta(hours=1))


def test_the_room_is_in_the_reminder() -> None:
    """The place comes on its own line, so a lock screen still shows only the first."""
    assert text(first(series(place="Room 2"))) == "Reminder: Group session today at 18:00.\nWhere: Room 2"


def test_an_online_meeting_gives_its_link() -> None:
    """A meeting with only a link has the link to join, once."""
    got = text(first(series(place="", link="https://meet.example.org/g")))
    assert got == "Reminder: Group session today at 18:00.\nJoin: https://meet.example.org/g"


def test_a_room_and_a_link_both_show_and_a_moved_room_wins() -> None:
    """Both when a series has both; a date moved to another room shows that room."""
    got = text(first(series(place="Room 2", link="https://meet.example.org/g"), place_override="Room 5"))
    assert got == "Reminder: Group session today at 18:00.\nWhere: Room 5\nJoin: https://meet.example.org/g"


def test_no_place_no_line() -> None:
    assert text(first(series(place=""))) == "Reminder: Group session today at 18:00."
