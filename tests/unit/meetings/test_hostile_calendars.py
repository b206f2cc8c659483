"""Calendar files written to stop the bot: sub-daily rules, thousands of excluded dates, slow files."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from bot.core.errors import ValidationFailed
from bot.domain.meetings import ical_import, recurrence

START = dt.datetime(2020, 1, 6, 18, 0)
NY = "America/New_York"


def _ics(rule: str = "FREQ=DAILY", excluded: int = 0, first_excluded: dt.datetime = START) -> bytes:
    dates = ",".join((first_excluded + dt.timedelta(days=i)).strftime("%Y%m%dT%H%M%S") for i in range(excluded))
    exdate = f"EXDATE;TZID={NY}:{dates}\r\n" if excluded else ""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//probe//EN\r\nBEGIN:VEVENT\r\nUID:group@probe\r\n"
        f"SUMMARY:Group\r\nDTSTART;TZID={NY}:20200106T180000\r\nDURATION:PT1H\r\nRRULE:{rule}\r\n{exdate}"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


@pytest.mark.parametrize("freq", ["SECONDLY", "MINUTELY", "HOURLY"])
def test_a_rule_that_repeats_more_often_than_daily_is_refused(freq: str) -> None:
    """FREQ=SECONDLY once made one planner pass write four million reminders; now it is refused by name."""
    with pytest.raises(ValidationFailed, match="more often than daily"):
        recurrence.check_rrule(f"FREQ={freq}", START)
    with pytest.raises(ical_import.ImportRefused, match="more often than daily"):
        ical_import.parse(_ics(f"FREQ={freq}"), NY)


def test_a_daily_rule_may_meet_a_few_times_a_day_but_not_every_minute() -> None:
    """Two sessions a day is a real program; a BYMINUTE list of sixty is not."""
    assert recurrence.check_rrule("FREQ=DAILY;BYHOUR=9,17", START) == "FREQ=DAILY;BYHOUR=9,17"
    minutes = ",".join(str(m) for m in range(60))
    with pytest.raises(ValidationFailed, match="more than 4 times a day"):
        recurrence.check_rrule(f"FREQ=DAILY;BYMINUTE={minutes}", START)


def test_a_rule_stored_before_the_refusal_still_cannot_flood_a_lookup() -> None:
    """A sub-daily rule already in the database gives at most MAX_WALLS dates for any window."""
    walls = recurrence.walls_between("FREQ=SECONDLY", START, (), START, START + dt.timedelta(days=30))
    assert len(walls) == recurrence.MAX_WALLS
    assert walls[:2] == [START, START + dt.timedelta(seconds=1)]


def test_a_thousand_excluded_dates_are_checked_in_one_pass() -> None:
    """999 excluded dates of a daily series are all read as cancellations (seconds when checked one by one)."""
    [parsed] = ical_import.parse(_ics(excluded=999), NY)
    assert len(parsed.overrides) == 999 and all(o.cancelled for o in parsed.overrides)


def test_thousands_of_excluded_dates_are_refused_with_the_reason() -> None:
    """3,000 excluded dates (48 KB, once 9 s with the bot frozen) are refused at once with what is wrong."""
    with pytest.raises(ical_import.ImportRefused) as refused:
        ical_import.parse(_ics(excluded=3000), NY)
    assert refused.value.problems == ["event group@probe: more than 1000 excluded or changed dates"]


def test_an_excluded_date_centuries_ahead_is_refused_not_walked_to() -> None:
    """Checking a date in 2200 against a daily rule would walk 65,000 dates: refused instead."""
    with pytest.raises(ical_import.ImportRefused, match="reach too far ahead"):
        ical_import.parse(_ics(excluded=1, first_excluded=dt.datetime(2200, 1, 6, 18, 0)), NY)


def test_an_excluded_date_that_is_not_a_date_of_the_series_is_still_named() -> None:
    """The one-pass check keeps the old rule: an EXDATE off the series is a problem, named by its local time."""
    with pytest.raises(ical_import.ImportRefused) as refused:
        ical_import.parse(_ics(excluded=1, first_excluded=dt.datetime(2020, 1, 7, 9, 0)), NY)
    assert refused.value.problems == ["event group@probe: excluded date 2020-01-07 09:00 is not one of its dates"]


async def test_reading_a_file_runs_in_a_worker_thread_with_a_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that takes too long is refused, and the bot's event loop was never the one reading it."""
    release, loop_thread = threading.Event(), threading.get_ident()
    readers: list[int] = []

    def slow_parse(data: bytes, zone: str) -> list[object]:
        readers.append(threading.get_ident())
        release.wait(5)
        return []

    monkeypatch.setattr(ical_import, "parse", slow_parse)
    try:
        with pytest.raises(ical_import.ImportRefused, match="took longer than 0.05 s"):
            await ical_import.read(b"BEGIN:VCALENDAR", NY, seconds=0.05)
    finally:
        release.set()
    assert readers and readers[0] != loop_thread
