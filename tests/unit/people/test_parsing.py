import datetime as dt

import pytest

from bot.core.errors import ValidationFailed
from bot.domain.people import enrollment
from bot.domain.people.timezones import parse_timezone
from bot.domain.people.typed import MAX_TYPED, parse_coming_date, parse_start_date, parse_time


@pytest.mark.parametrize(
    "text,expected",
    [
        ("19:00", dt.time(19, 0)),
        ("7pm", dt.time(19, 0)),
        ("7:30 pm", dt.time(19, 30)),
        ("7.30", dt.time(7, 30)),
        ("0730", dt.time(7, 30)),
        ("12am", dt.time(0, 0)),
        ("12 PM", dt.time(12, 0)),
        ("8", dt.time(8, 0)),
    ],
)
def test_times_people_type(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["", "soon", "25:00", "13pm", "7:75", "9" * 4000, "0pm"])
def test_times_that_are_refused(text):
    with pytest.raises(ValidationFailed):
        parse_time(text)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("America/Chicago", "America/Chicago"),
        ("america/new york", "America/New_York"),
        (" Europe/London ", "Europe/London"),
        ("UTC", "UTC"),
    ],
)
def test_timezones(text, expected):
    assert parse_timezone(text) == expected


@pytest.mark.parametrize("text", ["", "Mars/Olympus", "EST5EDT;drop", "x" * 200, "../../etc/passwd"])
def test_bad_timezones(text):
    with pytest.raises(ValidationFailed):
        parse_timezone(text)


def test_codes_are_long_unambiguous_and_distinct():
    codes = {enrollment.generate_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in list(codes)[:50]:
        assert len(code) == 10 and not set(code) & set("01OIL")
        assert enrollment.looks_like_code(code)


def test_code_normalisation_forgives_case_spaces_and_dashes():
    assert enrollment.hash_code("abcde-fghjk") == enrollment.hash_code("ABCDE FGHJK")
    assert not enrollment.looks_like_code("treatment")
    assert not enrollment.looks_like_code("hello there friend")


def test_a_huge_time_or_date_is_refused_before_any_pattern_reads_it() -> None:
    """4,000 characters of spaces and digits (37 ms of backtracking before) are refused as 'time of day' and 'date'."""
    assert parse_time("7:30 pm") == dt.time(19, 30)
    for text in ("1" + " " * 3998 + "x", "7" * (MAX_TYPED + 1)):
        with pytest.raises(ValidationFailed, match="time of day"):
            parse_time(text)
        with pytest.raises(ValidationFailed, match="date"):
            parse_start_date(text, dt.date(2026, 12, 4))


TODAY = dt.date(2026, 12, 6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/20", dt.date(2026, 12, 20)),
        ("tomorrow", dt.date(2026, 12, 7)),
        ("mañana", dt.date(2026, 12, 7)),
        ("today", TODAY),
        ("jan 3", dt.date(2027, 1, 3)),  # no year: the next 3 January
        ("3 de enero", dt.date(2027, 1, 3)),
        ("12/1", dt.date(2027, 12, 1)),  # 1 December has passed this year
        ("2027-01-03", dt.date(2027, 1, 3)),
    ],
)
def test_a_coming_date(text: str, expected: dt.date) -> None:
    assert parse_coming_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["2026-11-01", "yesterday", "2028-01-01", "2/30", "soon", "x" * 500])
def test_a_coming_date_refuses_the_past_far_future_and_nonsense(text: str) -> None:
    with pytest.raises(ValidationFailed):
        parse_coming_date(text, TODAY)
