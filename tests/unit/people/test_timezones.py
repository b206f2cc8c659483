"""Time zones and start dates as people type them."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.errors import ValidationFailed
from bot.domain.people import timezones
from bot.domain.people.timezones import parse_timezone
from bot.domain.people.typed import parse_start_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pacific", "America/Los_Angeles"),
        ("Eastern", "America/New_York"),
        ("central time", "America/Chicago"),
        ("Mountain Standard Time", "America/Denver"),
        ("alaska", "America/Anchorage"),
        ("HAWAII", "Pacific/Honolulu"),
        ("arizona", "America/Phoenix"),
        ("Pacific Time (US & Canada)", "America/Los_Angeles"),
        ("PST", "America/Los_Angeles"),
        ("pdt", "America/Los_Angeles"),
        ("EST", "America/New_York"),
        ("EDT", "America/New_York"),
        ("CST", "America/Chicago"),
        ("CDT", "America/Chicago"),
        ("MST", "America/Denver"),
        ("MDT", "America/Denver"),
        ("AKST", "America/Anchorage"),
        ("HST", "Pacific/Honolulu"),
        ("los angeles", "America/Los_Angeles"),
        ("Los  Angeles", "America/Los_Angeles"),
        ("phoenix", "America/Phoenix"),
        ("new york", "America/New_York"),
        ("New York, NY", "America/New_York"),
        ("london", "Europe/London"),
        ("indianapolis", "America/Indiana/Indianapolis"),  # the zone, not its old alias
        ("los angelos", "America/Los_Angeles"),  # a close misspelling
        ("America/Chicago", "America/Chicago"),
        ("america/new york", "America/New_York"),
        ("US/Pacific", "US/Pacific"),
        ("utc", "UTC"),
        # Offsets (IANA's Etc/ signs are inverted), nicknames, states and Spanish names.
        ("GMT+2", "Etc/GMT-2"),
        ("UTC-5", "Etc/GMT+5"),
        ("utc −3", "Etc/GMT+3"),
        ("GMT+05:30", "Asia/Kolkata"),
        ("UTC+0", "UTC"),
        ("nyc", "America/New_York"),
        ("NYC", "America/New_York"),
        ("mexico city", "America/Mexico_City"),
        ("Ciudad de México", "America/Mexico_City"),
        ("cdmx", "America/Mexico_City"),
        ("hora del pacífico", "America/Los_Angeles"),
        ("Hora del Este", "America/New_York"),
        ("zona horaria del centro", "America/Chicago"),
        ("hora de la montaña", "America/Denver"),
        ("Nueva York", "America/New_York"),
        ("california", "America/Los_Angeles"),
        ("Ohio", "America/New_York"),
        ("new mexico", "America/Denver"),
        ("texas", "America/Chicago"),  # its main zone; find_zones gives both
    ],
)
def test_timezone_words(text: str, expected: str) -> None:
    assert parse_timezone(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("texas", ("America/Chicago", "America/Denver")),
        ("Texas time", ("America/Chicago", "America/Denver")),
        ("florida", ("America/New_York", "America/Chicago")),
        ("washington", ("America/Los_Angeles", "America/New_York")),
        ("Washington DC", ("America/New_York",)),
        ("nyc", ("America/New_York",)),
    ],
)
def test_places_with_several_zones(text: str, expected: tuple[str, ...]) -> None:
    assert timezones.find_zones(text) == expected


def test_offsets_are_labelled_as_people_write_them() -> None:
    assert timezones.label("Etc/GMT-2") == "UTC+2"
    assert timezones.label("Etc/GMT+5") == "UTC-5"
    assert timezones.label("America/Mexico_City") == "Mexico City"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "Mars/Olympus", "GMT+15", "UTC-13", "UTC+5:10", "somewhere nice", "x" * 65, "../../etc/passwd", "12"],
)
def test_unknown_timezones_are_refused(text: str) -> None:
    with pytest.raises(ValidationFailed):
        parse_timezone(text)


def test_picker_offers_the_us_zones_and_the_clinic_zone() -> None:
    zones = [z for _, z in timezones.zone_choices("America/New_York")]
    assert zones == [
        "America/New_York",
        "America/Chicago",
        "America/Denver",
        "America/Phoenix",
        "America/Los_Angeles",
        "America/Anchorage",
        "Pacific/Honolulu",
    ]
    assert timezones.zone_choices("America/Puerto_Rico")[0] == ("Puerto Rico", "America/Puerto_Rico")


def test_local_time_text() -> None:
    now = dt.datetime(2026, 11, 28, 1, 14, tzinfo=dt.UTC)
    assert timezones.local_time_text("America/New_York", now) == "8:14 pm"
    assert timezones.local_time_text("Europe/London", now) == "1:14 am"
    assert timezones.local_time_text("UTC", now.replace(hour=12)) == "12:14 pm"
    assert timezones.local_time_text("UTC", now.replace(hour=0)) == "12:14 am"


TODAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-10-01", dt.date(2026, 10, 1)),
        ("oct 1", dt.date(2026, 10, 1)),
        ("Oct. 1st, 2025", dt.date(2025, 10, 1)),
        ("1 October 2026", dt.date(2026, 10, 1)),
        ("september 30", dt.date(2026, 9, 30)),
        ("dec 25", dt.date(2025, 12, 25)),  # no year, not yet this year: last year's
        ("10/1/2026", dt.date(2026, 10, 1)),
        ("10/1", dt.date(2026, 10, 1)),
        ("10/1/26", dt.date(2026, 10, 1)),
        ("today", TODAY),
        (" Yesterday ", dt.date(2026, 11, 26)),
    ],
)
def test_start_dates(text: str, expected: dt.date) -> None:
    assert parse_start_date(text, TODAY) == expected


@pytest.mark.parametrize(
    "text", ["", "tomorrow", "2027-01-01", "feb 30", "13/1/2026", "smarch 3", "1850-01-01", "someday", "2026-11-28"]
)
def test_bad_start_dates_are_refused(text: str) -> None:
    with pytest.raises(ValidationFailed):
        parse_start_date(text, TODAY)
