"""A meeting's first date and length as staff type them."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.errors import ValidationFailed
from bot.domain.meetings import forms, when_typed

SUNDAY_NOON = dt.datetime(2026, 3, 1, 12, 0)


@pytest.mark.parametrize(
    ("said", "wall"),
    [
        ("monday 9am", dt.datetime(2026, 3, 2, 9)),
        ("tuesday 6pm", dt.datetime(2026, 3, 3, 18)),
        ("Tuesday at 6 pm", dt.datetime(2026, 3, 3, 18)),
        ("12/7/2026 9:00", dt.datetime(2026, 12, 7, 9)),
        ("12/7 9am", dt.datetime(2026, 12, 7, 9)),
        ("2026-03-02 18:00", dt.datetime(2026, 3, 2, 18)),
        ("dec 7 9am", dt.datetime(2026, 12, 7, 9)),
        ("7 December 2026 9:00", dt.datetime(2026, 12, 7, 9)),
        ("tomorrow 6pm", dt.datetime(2026, 3, 2, 18)),
        ("sunday 9am", dt.datetime(2026, 3, 8, 9)),  # this morning has passed: next Sunday
        ("sunday 1pm", dt.datetime(2026, 3, 1, 13)),
        ("feb 2 9am", dt.datetime(2027, 2, 2, 9)),  # without a year: the next one ahead
    ],
)
def test_dates_as_staff_say_them(said: str, wall: dt.datetime) -> None:
    """Weekdays, US dates, words for months and ISO dates all read, with a time of day."""
    assert when_typed.parse_when(said, SUNDAY_NOON) == wall


def test_day_first_is_a_setting() -> None:
    """DATE_ORDER=dmy reads 12/7/2026 as 12 July."""
    assert when_typed.parse_when("12/7/2026 9:00", SUNDAY_NOON, "dmy") == dt.datetime(2026, 7, 12, 9)


@pytest.mark.parametrize("said", ["monday", "monday 9", "13/13/2026 9:00", "someday 9am", "2026-02-30 10:00", ""])
def test_what_is_not_a_date_and_time_is_refused(said: str) -> None:
    """No time, a bare hour (morning or evening?), no such date: refused, never guessed."""
    with pytest.raises(ValidationFailed):
        when_typed.parse_when(said, SUNDAY_NOON)


@pytest.mark.parametrize(
    ("said", "minutes"),
    [("3 hours", 180), ("90 min", 90), ("1.5h", 90), ("1h30", 90), ("90", 90), ("1 hour 30 min", 90), ("2 hrs", 120)],
)
def test_lengths_as_staff_say_them(said: str, minutes: int) -> None:
    """Hours, minutes and both together."""
    assert forms.minutes(said) == minutes


@pytest.mark.parametrize("said", ["0", "25 hours", "1.01h", "ninety", "²", "-5", "h"])
def test_lengths_that_are_not_are_refused(said: str) -> None:
    with pytest.raises(ValidationFailed):
        forms.minutes(said)
