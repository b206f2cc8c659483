"""The weekdays typed after a reminder's time: words, short forms, ranges and groups, English and Spanish."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.errors import ValidationFailed
from bot.domain.coping.med_days import EVERY_DAY, goes_on, split_days


@pytest.mark.parametrize(
    ("typed", "time", "days"),
    [
        ("8am", "8am", EVERY_DAY),
        ("7 y media", "7 y media", EVERY_DAY),  # a Spanish time keeps its words
        ("8am mon wed fri", "8am", "1010100"),
        ("8am Monday, Wednesday and Friday", "8am", "1010100"),
        ("9pm weekdays", "9pm", "1111100"),
        ("20:00 on weekends", "20:00", "0000011"),
        ("8:00 mon-thu", "8:00", "1111000"),
        ("8:00 fri-mon", "8:00", "1000111"),  # round the weekend
        ("8:00 lun a vie", "8:00", "1111100"),
        ("7 y media lun y jue", "7 y media", "1001000"),
        ("9 pm miércoles sábado", "9 pm", "0010010"),
    ],
)
def test_days_after_the_time(typed: str, time: str, days: str) -> None:
    assert split_days(typed) == (time, days)


@pytest.mark.parametrize("typed", ["8am mon blah", "8am mon 9pm"])
def test_anything_else_after_the_days_is_refused(typed: str) -> None:
    with pytest.raises(ValidationFailed):
        split_days(typed)


def test_goes_on_reads_monday_first() -> None:
    monday = dt.date(2027, 1, 11)
    assert [goes_on("1010100", monday + dt.timedelta(days=n)) for n in range(7)] == [
        True,
        False,
        True,
        False,
        True,
        False,
        False,
    ]
