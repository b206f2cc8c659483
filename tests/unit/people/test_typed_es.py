"""Spanish times of day and start dates, read as the English ones are."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.errors import ValidationFailed
from bot.domain.people.typed import month_number, parse_start_date, parse_time

TODAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("7 de la tarde", dt.time(19)),
        ("7 De La Tarde", dt.time(19)),
        ("a las 7 de la tarde", dt.time(19)),
        ("7 pm", dt.time(19)),
        ("7 p. m.", dt.time(19)),
        ("7 p.m.", dt.time(19)),
        ("a las 7 pm", dt.time(19)),
        ("19:30", dt.time(19, 30)),
        ("a las 19:30", dt.time(19, 30)),
        ("19:30 hrs", dt.time(19, 30)),
        ("19 h", dt.time(19)),
        ("a las 8", dt.time(8)),
        ("A las 9:15", dt.time(9, 15)),
        ("las 6", dt.time(6)),
        ("a la 1 de la tarde", dt.time(13)),
        ("8 de la mañana", dt.time(8)),
        ("8 de la manana", dt.time(8)),
        ("8 en la mañana", dt.time(8)),
        ("3 de la madrugada", dt.time(3)),
        ("10 de la noche", dt.time(22)),
        ("12 de la noche", dt.time(0)),
        ("2 de la noche", dt.time(2)),
        ("12 de la tarde", dt.time(12)),
        ("12 del día", dt.time(12)),
        ("7 y media", dt.time(7, 30)),
        ("a las 7 y media de la tarde", dt.time(19, 30)),
        ("9 y cuarto de la noche", dt.time(21, 15)),
        ("8 menos cuarto", dt.time(7, 45)),
        ("mediodía", dt.time(12)),
        ("mediodia", dt.time(12)),
        ("Mediodía.", dt.time(12)),
        ("medianoche", dt.time(0)),
        ("noon", dt.time(12)),
    ],
)
def test_spanish_times(text: str, expected: dt.time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    "text",
    ["tarde", "a las", "19 de la tarde", "0 de la mañana", "13 de la noche", "7:30 y media", "25:00 hrs", "7:75"],
)
def test_spanish_times_that_are_refused(text: str) -> None:
    with pytest.raises(ValidationFailed, match="time of day"):
        parse_time(text)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("hoy", TODAY),
        ("Hoy", TODAY),
        ("ayer", dt.date(2026, 11, 26)),
        (" Ayer ", dt.date(2026, 11, 26)),
        ("1 oct", dt.date(2026, 10, 1)),
        ("1 de oct", dt.date(2026, 10, 1)),
        ("1 de octubre", dt.date(2026, 10, 1)),
        ("1º de octubre", dt.date(2026, 10, 1)),
        ("1ro de octubre", dt.date(2026, 10, 1)),
        ("1 de octubre, 2026", dt.date(2026, 10, 1)),
        ("1 de octubre de 2026", dt.date(2026, 10, 1)),
        ("3 de diciembre", dt.date(2025, 12, 3)),  # no year, not yet this year: last year's
        ("3 de Diciembre del 2025", dt.date(2025, 12, 3)),
        ("3 dic", dt.date(2025, 12, 3)),
        ("3 dic.", dt.date(2025, 12, 3)),
        ("el 3 de dic", dt.date(2025, 12, 3)),
        ("dic 3", dt.date(2025, 12, 3)),
        ("15 de enero", dt.date(2026, 1, 15)),
        ("15 ene", dt.date(2026, 1, 15)),
        ("20 de agosto", dt.date(2026, 8, 20)),
        ("30 de setiembre", dt.date(2026, 9, 30)),
        ("septiembre 30", dt.date(2026, 9, 30)),
    ],
)
def test_spanish_start_dates(text: str, expected: dt.date) -> None:
    assert parse_start_date(text, TODAY) == expected


@pytest.mark.parametrize(
    "text", ["mañana", "manana", "tomorrow", "3 de diciembre de 2026", "30 de febrero", "3 de smarzo", "pasado"]
)
def test_spanish_start_dates_that_are_refused(text: str) -> None:
    """'mañana' is tomorrow, refused as 'tomorrow' is: a start date is never in the future."""
    with pytest.raises(ValidationFailed, match="date"):
        parse_start_date(text, TODAY)


@pytest.mark.parametrize(
    "word,month",
    [("ene", 1), ("enero", 1), ("abr", 4), ("abril", 4), ("ago", 8), ("agosto", 8), ("dic", 12), ("diciembre", 12)],
)
def test_spanish_months(word: str, month: int) -> None:
    assert month_number(word) == month
