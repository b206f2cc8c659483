"""How often a meeting repeats, typed as staff say it, read into a rule and said back in words."""

from __future__ import annotations

import datetime as dt

import pytest

from bot import texts
from bot.core.errors import ValidationFailed
from bot.domain.meetings import forms, how_often

MONDAY_6PM = dt.datetime(2026, 3, 2, 18, 0)


@pytest.mark.parametrize(
    ("said", "rule"),
    [
        ("tuesdays and thursdays", "FREQ=WEEKLY;BYDAY=TU,TH"),
        ("Tuesday & Thursday", "FREQ=WEEKLY;BYDAY=TU,TH"),
        ("mon-thu", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH"),
        ("Monday through Thursday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH"),
        ("Mon, Tue, Wed, Thu", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH"),
        ("every monday", "FREQ=WEEKLY;BYDAY=MO"),
        ("Mondays, Wednesdays and Fridays", "FREQ=WEEKLY;BYDAY=MO,WE,FR"),
        ("every other monday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"),
        ("every 2 weeks on tue", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
        ("first friday of the month", "FREQ=MONTHLY;BYDAY=1FR"),
        ("last monday of each month", "FREQ=MONTHLY;BYDAY=-1MO"),
        ("2nd and 4th tuesday", "FREQ=MONTHLY;BYDAY=2TU,4TU"),
        ("weekly", "FREQ=WEEKLY;BYDAY=MO"),
        ("every weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("every day", "FREQ=DAILY"),
        ("biweekly", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"),
        ("monthly", "FREQ=MONTHLY;BYMONTHDAY=2"),
        ("once", ""),
        ("FREQ=WEEKLY;BYDAY=TU,TH", "FREQ=WEEKLY;BYDAY=TU,TH"),
    ],
)
def test_spoken_repeats_become_rules(said: str, rule: str) -> None:
    """Day words, ranges, lists, every other week and the nth weekday of the month all read."""
    assert forms.repeat_rule(said, MONDAY_6PM) == rule


@pytest.mark.parametrize(
    "said", ["tuesdays and blue", "blue moon", "FREQ=WEEKLY;BYDAY", "every 99 weeks on mon", "x" * 200]
)
def test_what_cannot_be_read_gets_a_plain_sentence(said: str) -> None:
    """Never a parser's message ("not enough values to unpack"): the project's own sentence with examples."""
    with pytest.raises(ValidationFailed) as err:
        forms.repeat_rule(said, MONDAY_6PM)
    assert str(err.value) == texts.MEETINGS_REPEAT_UNKNOWN


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=WEEKLY;BYDAY=TU,TH", "Tue, Thu 18:00"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "every other week, Mon 18:00"),
        ("FREQ=MONTHLY;BYDAY=1FR", "first Fri of each month 18:00"),
        ("FREQ=MONTHLY;BYDAY=2TU,4TU", "second and fourth Tue of each month 18:00"),
        ("FREQ=MONTHLY;BYMONTHDAY=2", "monthly on day 2 18:00"),
        ("FREQ=DAILY;COUNT=5", "daily 18:00, 5 times"),
    ],
)
def test_rules_are_said_back_in_words(rule: str, words: str) -> None:
    """The rule is shown back in plain words before it is saved."""
    assert forms.describe_repeat(rule, MONDAY_6PM) == words
    assert how_often.describe(rule, MONDAY_6PM, "18:00") == words
