"""The response-time report's arithmetic: percentiles, what counts as escalated, the window of days."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.db.models import Alert
from bot.domain.care.alerts import EscalationPolicy
from bot.domain.care.report import duration, escalated, percentile, window

T0 = dt.datetime(2026, 11, 27, 15, 0, tzinfo=dt.UTC)


def test_percentiles_interpolate_between_ranks_and_none_without_values() -> None:
    """p90 of 1..10 lies between the 9th and 10th value; a single value is its own percentile."""
    assert percentile([], 90) is None
    assert percentile([7.0], 90) == 7.0
    assert percentile([float(v) for v in range(1, 11)], 90) == 9.1
    assert percentile([4.0, 1.0, 3.0, 2.0], 50) == 2.5


def test_an_alert_counts_as_escalated_when_not_acknowledged_within_its_window() -> None:
    policy = EscalationPolicy()
    crisis = Alert(severity="crisis", created_at=T0, acked_at=T0 + dt.timedelta(minutes=14))
    late = Alert(severity="crisis", created_at=T0, acked_at=T0 + dt.timedelta(minutes=16))
    open_high = Alert(severity="high", created_at=T0, acked_at=None)
    medium = Alert(severity="medium", created_at=T0, acked_at=None)
    later = T0 + dt.timedelta(hours=5)
    assert not escalated(crisis, later, policy)
    assert escalated(late, later, policy)
    assert escalated(open_high, later, policy) and not escalated(open_high, T0 + dt.timedelta(hours=3), policy)
    assert not escalated(medium, later, policy)


def test_the_window_is_whole_days_in_the_clinics_zone_last_30_by_default() -> None:
    zone = ZoneInfo("America/New_York")
    start, end = window(None, None, zone, dt.date(2026, 11, 30))
    assert start == dt.datetime(2026, 11, 1, 4, 0, tzinfo=dt.UTC)  # midnight in New York (EDT ended 1 Nov)
    assert end == dt.datetime(2026, 12, 1, 5, 0, tzinfo=dt.UTC)
    one_day = window(dt.date(2026, 11, 5), dt.date(2026, 11, 5), zone, dt.date(2026, 11, 30))
    assert one_day[1] - one_day[0] == dt.timedelta(days=1)


def test_durations_read_as_minutes_then_hours() -> None:
    assert duration(None) == "–"
    assert duration(7.4) == "7 min"
    assert duration(210) == "3.5 h"
