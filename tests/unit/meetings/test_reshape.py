"""New days and a new end for a series, planned as pure functions."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.errors import ValidationFailed
from bot.domain.meetings import reshape
from tests.support.meetings import series

TUESDAY_NOON = dt.datetime(2026, 3, 10, 16, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 3, 10)


@pytest.mark.parametrize(
    ("typed", "rule"),
    [
        ("until 6/30/2026", "FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260630T235959"),
        ("2026-06-30", "FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260630T235959"),
        ("12 sessions", "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=12"),
        ("for 8 weeks", "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=8"),
        ("no end", "FREQ=WEEKLY;BYDAY=MO,WE,FR"),
    ],
)
def test_an_end_as_staff_say_it(typed: str, rule: str) -> None:
    assert reshape.new_end(series(rrule="FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=30"), typed, TODAY) == rule


@pytest.mark.parametrize("typed", ["someday", "0 sessions", "until 1/1/2026"])
def test_an_end_that_is_not_one_is_refused(typed: str) -> None:
    with pytest.raises(ValidationFailed):
        reshape.new_end(series(), typed, TODAY)


def test_new_days_carry_what_is_left_of_a_count() -> None:
    """12 sessions from Mon 2 Mar: 4 met (2, 4, 6, 9 Mar), so the Tue/Thu series has 8 left."""
    plan = reshape.new_days(series(rrule="FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=12"), "tue, thu", TUESDAY_NOON)
    assert plan is not None and plan.kept is not None
    assert plan.kept.rrule == "FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260309T180000"
    assert plan.ahead.rrule == "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=8"


def test_the_same_days_change_nothing_and_a_single_meeting_has_none() -> None:
    assert reshape.new_days(series(), "mon, wed, fri", TUESDAY_NOON) is None
    with pytest.raises(ValidationFailed):
        reshape.new_days(series(rrule=""), "tuesdays", TUESDAY_NOON)
