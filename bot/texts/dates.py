"""Dates and times as the reader reads them, formatted by Babel in the reader's locale.

Each pattern below is a CLDR pattern and goes through the catalogue like any text, so a language
orders its own date ("martes 8 de diciembre, 18:00"). Quoted parts ('de') are literal words.
"""

from __future__ import annotations

import datetime as dt
import functools

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_time

from bot.texts import catalogue

DATE_LONG = "EEEE d MMMM"  # Tuesday 8 December
DATE_SHORT = "EEE d MMM"  # Tue 8 Dec
DATE_YEAR = "EEE d MMM y"  # Tue 8 Dec 2026
DATE_MEDIUM = "d MMM y"  # 8 Dec 2026
MONTH_YEAR = "MMMM y"  # December 2026
DATE_FULL = "d MMMM y"  # 8 December 2026
DAY_NAME = "EEE"  # Tue
MONTH_DAY = "MMM d"  # Dec 8 (a chart's axis)
CLOCK = "HH:mm"  # 18:00, in every language the clinic's clocks are 24-hour
DATE_TIME_LONG = "EEEE d MMMM, HH:mm"  # Tuesday 8 December, 18:00
DATE_TIME_SHORT = "EEE d MMM HH:mm"  # Tue 8 Dec 18:00
DAY_MONTH_TIME = "dd MMM HH:mm"  # 08 Dec 18:00 (expiry times, with the zone after)


def _pattern(name: str, english: str) -> str:
    return catalogue.translate(name, english)


def _locale() -> str:
    """The reader's locale where Babel has its data (a pseudo-language for tests has none)."""
    lang = catalogue.current()
    return lang if _known(lang) else catalogue.SOURCE


@functools.cache
def _known(lang: str) -> bool:
    try:
        Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def long_day(day: dt.date) -> str:
    """ "Tuesday 8 December" / "martes 8 de diciembre"."""
    return format_date(day, _pattern("DATE_LONG", DATE_LONG), locale=_locale())


def short_day(day: dt.date) -> str:
    """ "Tue 8 Dec" / "mar 8 dic"."""
    return format_date(day, _pattern("DATE_SHORT", DATE_SHORT), locale=_locale())


def short_day_year(day: dt.date) -> str:
    """ "Tue 8 Dec 2026"."""
    return format_date(day, _pattern("DATE_YEAR", DATE_YEAR), locale=_locale())


def medium_date(day: dt.date) -> str:
    """ "8 Dec 2026" / "8 dic 2026"."""
    return format_date(day, _pattern("DATE_MEDIUM", DATE_MEDIUM), locale=_locale())


def month_year(day: dt.date) -> str:
    """ "December 2026" / "diciembre de 2026"."""
    return format_date(day, _pattern("MONTH_YEAR", MONTH_YEAR), locale=_locale())


def full_date(day: dt.date) -> str:
    """ "8 December 2026" / "8 de diciembre de 2026"."""
    return format_date(day, _pattern("DATE_FULL", DATE_FULL), locale=_locale())


def day_name(day: dt.date) -> str:
    """ "Tue" / "mar"."""
    return format_date(day, _pattern("DAY_NAME", DAY_NAME), locale=_locale())


def month_day(day: dt.date) -> str:
    """ "Dec 8" / "8 dic"."""
    return format_date(day, _pattern("MONTH_DAY", MONTH_DAY), locale=_locale())


def clock(at: dt.time | dt.datetime) -> str:
    """ "18:00"."""
    return format_time(at, _pattern("CLOCK", CLOCK), locale=_locale())


def long_day_time(at: dt.datetime) -> str:
    """ "Tuesday 8 December, 18:00" / "martes 8 de diciembre, 18:00" (wall time as given)."""
    return format_datetime(at, _pattern("DATE_TIME_LONG", DATE_TIME_LONG), tzinfo=at.tzinfo, locale=_locale())


def short_day_time(at: dt.datetime) -> str:
    """ "Tue 8 Dec 18:00" (wall time as given)."""
    return format_datetime(at, _pattern("DATE_TIME_SHORT", DATE_TIME_SHORT), tzinfo=at.tzinfo, locale=_locale())


def day_month_time(at: dt.datetime) -> str:
    """ "08 Dec 18:00" / "08 dic 18:00" (wall time as given)."""
    return format_datetime(at, _pattern("DAY_MONTH_TIME", DAY_MONTH_TIME), tzinfo=at.tzinfo, locale=_locale())
