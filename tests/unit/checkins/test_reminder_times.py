"""When a daily reminder is due: local wall time to UTC, daylight saving both ways, the planning window."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.domain.checkins.reminders import Due, ReminderPrefs, due_reminders, parse_reminder_key, reminder_instant

UTC = dt.UTC
NY = ZoneInfo("America/New_York")


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("day", "at", "zone", "expected"),
    [
        (dt.date(2026, 3, 7), dt.time(2, 30), NY, utc(2026, 3, 7, 7, 30)),  # EST
        (dt.date(2026, 3, 8), dt.time(2, 30), NY, utc(2026, 3, 8, 7, 0)),  # in the gap: 03:00 EDT
        (dt.date(2026, 3, 8), dt.time(2, 0), NY, utc(2026, 3, 8, 7, 0)),  # the gap's first minute
        (dt.date(2026, 3, 8), dt.time(3, 0), NY, utc(2026, 3, 8, 7, 0)),  # first valid time: the same instant
        (dt.date(2026, 11, 1), dt.time(1, 30), NY, utc(2026, 11, 1, 5, 30)),  # repeated hour: the first (EDT)
        (dt.date(2026, 11, 1), dt.time(2, 30), NY, utc(2026, 11, 1, 7, 30)),  # after the repeat: EST
        (dt.date(2026, 3, 29), dt.time(1, 30), ZoneInfo("Europe/London"), utc(2026, 3, 29, 1, 0)),  # 02:00 BST
        (dt.date(2026, 10, 4), dt.time(2, 15), ZoneInfo("Australia/Lord_Howe"), utc(2026, 10, 3, 15, 30)),  # 30-min gap
        (dt.date(2011, 12, 30), dt.time(9, 0), ZoneInfo("Pacific/Apia"), utc(2011, 12, 30, 10, 0)),  # a skipped day
        (dt.date(2026, 7, 1), dt.time(19, 0), ZoneInfo("America/Phoenix"), utc(2026, 7, 2, 2, 0)),  # no DST
    ],
)
def test_reminder_instant(day: dt.date, at: dt.time, zone: ZoneInfo, expected: dt.datetime) -> None:
    assert reminder_instant(day, at, zone) == expected


PREFS = ReminderPrefs(person_id=1, chat_id=11, timezone="America/New_York", at=dt.time(19, 0))
EVENING = utc(2026, 11, 28, 0, 0)  # 19:00 EST on the 27th
GRACE, HORIZON = dt.timedelta(hours=2), dt.timedelta(minutes=30)


def test_window_includes_both_edges() -> None:
    assert due_reminders(PREFS, EVENING - HORIZON, GRACE, HORIZON) == [Due(dt.date(2026, 11, 27), EVENING)]
    assert due_reminders(PREFS, EVENING + GRACE, GRACE, HORIZON) == [Due(dt.date(2026, 11, 27), EVENING)]
    assert due_reminders(PREFS, EVENING - HORIZON - dt.timedelta(seconds=1), GRACE, HORIZON) == []
    assert due_reminders(PREFS, EVENING + GRACE + dt.timedelta(seconds=1), GRACE, HORIZON) == []


def test_a_wide_window_gives_one_reminder_per_local_day() -> None:
    found = due_reminders(PREFS, EVENING, dt.timedelta(days=2), dt.timedelta(days=1))
    assert [d.local_date for d in found] == [dt.date(2026, 11, d) for d in (25, 26, 27, 28)]


@pytest.mark.parametrize(
    "change",
    [{"reminders_on": False}, {"active": False}, {"reachable": False}, {"consented": False}, {"timezone": "Mars/Base"}],
)
def test_no_reminder_when_not_wanted_or_zone_unknown(change: dict[str, object]) -> None:
    prefs = ReminderPrefs(**{**PREFS.__dict__, **change})  # type: ignore[arg-type]
    assert due_reminders(prefs, EVENING, GRACE, HORIZON) == []


def test_reminder_key_round_trip() -> None:
    assert parse_reminder_key("checkin-reminder:42:2026-11-27") == (42, dt.date(2026, 11, 27))
    assert parse_reminder_key("checkin-reminder:x:2026-11-27") is None
    assert parse_reminder_key("alert:1") is None
    assert parse_reminder_key(None) is None
