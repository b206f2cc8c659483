"""A typed count (the 30-day BAM's days): the number it gives, "none" and its Spanish words as 0, and for
anything else the reason it is not taken, each with its own reply naming the range."""

from __future__ import annotations

import pytest

from bot import texts
from bot.domain.questionnaires import definitions
from bot.domain.questionnaires.definitions import Count, CountBand, Item
from bot.domain.questionnaires.typed import CountProblem, parse_count
from bot.texts import catalogue
from conversations.questionnaires.steps import read_typed

BANDS = ((0, 0, 0), (1, 3, 1), (4, 8, 2), (9, 15, 3), (16, 30, 4))  # days: 0, 1-3, 4-8, 9-15, 16-30
DAYS = Count(30, tuple(CountBand(*band) for band in BANDS))


@pytest.mark.parametrize(
    ("said", "days"),
    [
        ("12", 12),
        (" 12 ", 12),
        ("0", 0),
        ("30", 30),
        ("07", 7),  # a leading zero
        ("12 days", 12),
        ("1 day.", 1),
        ("4 nights", 4),
        ("12 días", 12),
        ("3 noches", 3),
        ("３", 3),  # full-width digit
        ("3\ufe0f\u20e3", 3),  # keycap emoji
        ("none", 0),
        ("None.", 0),
        ("ZERO", 0),
        ("never", 0),
        ("no days", 0),
        ("ninguno", 0),
        ("Ninguna", 0),
        ("ningún día", 0),
        ("cero", 0),
        ("nunca", 0),
    ],
)
def test_a_number_or_a_word_for_none_gives_the_days(said: str, days: int) -> None:
    assert parse_count(DAYS, said) == days


@pytest.mark.parametrize(
    ("said", "problem"),
    [
        ("31", CountProblem.TOO_HIGH),
        ("100", CountProblem.TOO_HIGH),
        ("9" * 5000, CountProblem.TOO_HIGH),  # never turned into an int
        ("-2", CountProblem.NEGATIVE),
        ("- 2", CountProblem.NEGATIVE),
        ("−2", CountProblem.NEGATIVE),  # the minus sign
        ("–2", CountProblem.NEGATIVE),  # an en dash
        ("2.5", CountProblem.NOT_WHOLE),
        ("2,5", CountProblem.NOT_WHOLE),
        ("1/2", CountProblem.NOT_WHOLE),
        ("½", CountProblem.NOT_WHOLE),
        ("3-4", CountProblem.SEVERAL),
        ("3 or 4", CountProblem.SEVERAL),
        ("entre 3 y 4", CountProblem.SEVERAL),
        ("", CountProblem.WORDS),
        ("   ", CountProblem.WORDS),
        ("banana", CountProblem.WORDS),
        ("a few", CountProblem.WORDS),
        ("no", CountProblem.WORDS),  # could be a refusal: never read as a number
        ("2 weeks", CountProblem.WORDS),  # 14 days, not 2: only days are read
        ("maybe 3", CountProblem.WORDS),
        ("🍺", CountProblem.WORDS),
    ],
)
def test_anything_else_is_named_with_its_reason(said: str, problem: CountProblem) -> None:
    assert parse_count(DAYS, said) == problem


def test_the_count_s_own_maximum_is_the_limit() -> None:
    week = Count(7, (CountBand(0, 7, 1),))
    assert parse_count(week, "7") == 7 and parse_count(week, "8") == CountProblem.TOO_HIGH


@pytest.mark.parametrize("problem", list(CountProblem))
def test_each_reason_has_its_reply_naming_the_range_in_each_language(problem: CountProblem) -> None:
    for lang in ("en", "es"):
        with catalogue.speaking(lang):
            said = texts.Q_COUNT_BAD[problem.value].format(max=30)
        assert "30" in said and "{" not in said, (lang, said)


def test_a_typed_answer_gives_a_count_s_number_or_the_reply_for_what_is_wrong() -> None:
    q = definitions.get("bam30")
    assert q is not None
    item = q.item("4")
    assert isinstance(item, Item)
    assert read_typed(item, "12") == 12
    assert read_typed(item, "31") == texts.Q_COUNT_BAD["too_high"].format(max=30)
    assert read_typed(item, "banana") == texts.Q_COUNT_BAD["words"].format(max=30)
    rating = q.item("1")
    assert rating is not None and read_typed(rating, "good") == 2  # an option item still reads its words
    assert str(read_typed(rating, "12")).startswith("I didn't catch that answer")
