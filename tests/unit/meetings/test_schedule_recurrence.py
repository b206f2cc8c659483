"""Recurrence: wall-clock times across DST changes, moved and cancelled dates, windows, audiences."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.core.errors import ValidationFailed
from bot.domain.meetings import schedule
from bot.domain.meetings.reminders import when_text
from bot.domain.meetings.schedule import Audiences, Member, Override, Series
from tests.support.meetings import series

NY = ZoneInfo("America/New_York")
UTC = dt.UTC


def group(**kw: Any) -> Series:
    return series(**{"id": 1, "uid": "g@x", "place": "", **kw})


def at(y: int, mo: int, d: int, h: int, mi: int = 0) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, tzinfo=UTC)


def test_spring_forward_week_keeps_the_wall_clock_time():
    """Clocks go forward on Sunday 8 March 2026: 18:00 is 23:00 UTC before and 22:00 UTC after."""
    occ = schedule.expand(group(), [], at(2026, 3, 4, 0), at(2026, 3, 12, 0))
    assert [o.start for o in occ] == [at(2026, 3, 4, 23), at(2026, 3, 6, 23), at(2026, 3, 9, 22), at(2026, 3, 11, 22)]
    assert {o.start.astimezone(NY).hour for o in occ} == {18}
    assert all(o.end - o.start == dt.timedelta(hours=3) for o in occ)


def test_fall_back_week_keeps_the_wall_clock_time():
    """Clocks go back on Sunday 1 November 2026."""
    occ = schedule.expand(group(), [], at(2026, 10, 29, 0), at(2026, 11, 5, 0))
    assert [o.start for o in occ] == [at(2026, 10, 30, 22), at(2026, 11, 2, 23), at(2026, 11, 4, 23)]


def test_a_meeting_in_the_skipped_hour_starts_when_the_clocks_jump():
    early = group(rrule="FREQ=DAILY", starts_local=dt.datetime(2026, 3, 6, 2, 30))
    [occ] = [o for o in schedule.expand(early, [], at(2026, 3, 8, 0), at(2026, 3, 9, 0))]
    assert occ.start == at(2026, 3, 8, 7)  # 03:00 EDT, the first instant after the gap


def test_a_meeting_in_the_repeated_hour_is_on_its_first_pass():
    early = group(rrule="FREQ=DAILY", starts_local=dt.datetime(2026, 10, 30, 1, 30))
    [occ] = schedule.expand(early, [], at(2026, 11, 1, 0), at(2026, 11, 2, 0))
    assert occ.start == at(2026, 11, 1, 5, 30)  # 01:30 EDT, not 01:30 EST an hour later


def test_cancelled_date_is_left_out_and_a_moved_date_is_at_its_new_time():
    moved_to = at(2026, 3, 12, 23)  # Thursday 19:00 EDT
    overrides = [Override(at(2026, 3, 9, 22), cancelled=True), Override(at(2026, 3, 11, 22), new_start=moved_to)]
    occ = schedule.expand(group(), overrides, at(2026, 3, 9, 0), at(2026, 3, 14, 0))
    assert [(o.original_start, o.start, o.moved) for o in occ] == [
        (at(2026, 3, 11, 22), moved_to, True),
        (at(2026, 3, 13, 22), at(2026, 3, 13, 22), False),
    ]


def test_a_date_moved_into_the_window_from_outside_it_is_found():
    overrides = [Override(at(2026, 3, 16, 22), new_start=at(2026, 3, 14, 15))]
    occ = schedule.expand(group(), overrides, at(2026, 3, 14, 0), at(2026, 3, 15, 0))
    assert [o.start for o in occ] == [at(2026, 3, 14, 15)]


def test_a_date_moved_out_of_the_window_is_gone_from_it():
    overrides = [Override(at(2026, 3, 9, 22), new_start=at(2026, 3, 20, 22))]
    assert schedule.expand(group(), overrides, at(2026, 3, 9, 0), at(2026, 3, 10, 0)) == []


def test_until_and_count_end_the_series():
    assert len(schedule.expand(group(rrule="FREQ=WEEKLY;COUNT=3"), [], at(2026, 1, 1, 0), at(2027, 1, 1, 0))) == 3
    until = group(rrule="FREQ=WEEKLY;BYDAY=MO;UNTIL=20260316T235959")
    assert len(schedule.expand(until, [], at(2026, 1, 1, 0), at(2027, 1, 1, 0))) == 3


def test_a_single_meeting_and_a_cancelled_series():
    one = group(rrule="", starts_local=dt.datetime(2026, 3, 4, 10, 0))
    assert [o.start for o in schedule.expand(one, [], at(2026, 3, 1, 0), at(2026, 3, 8, 0))] == [at(2026, 3, 4, 15)]
    assert schedule.expand(group(active=False), [], at(2026, 3, 1, 0), at(2026, 3, 8, 0)) == []


def test_a_client_in_another_zone_reads_the_time_in_their_own():
    [occ] = schedule.expand(group(), [], at(2026, 3, 9, 0), at(2026, 3, 10, 0))
    la = ZoneInfo("America/Los_Angeles")
    assert when_text(occ.start, la, at(2026, 3, 9, 20)) == "today at 15:00"
    assert when_text(occ.start, NY, at(2026, 3, 8, 20)) == "tomorrow at 18:00"
    assert when_text(occ.start, ZoneInfo("Pacific/Honolulu"), at(2026, 3, 2, 20)) == "on Mon 9 Mar at 12:00"


def test_is_occurrence_knows_the_series_dates():
    assert schedule.is_occurrence(group(), at(2026, 3, 9, 22))
    assert not schedule.is_occurrence(group(), at(2026, 3, 10, 22))  # a Tuesday
    assert not schedule.is_occurrence(group(), at(2026, 3, 9, 23))  # the wrong hour after the change


def test_bad_rules_and_series_are_refused_with_the_reason():
    with pytest.raises(ValidationFailed, match="FREQ"):
        schedule.check_rrule("FREQ=SOMETIMES", dt.datetime(2026, 3, 2, 18))
    with pytest.raises(ValidationFailed, match="cohort"):
        schedule.check_series(group(audience="cohort"))
    with pytest.raises(ValidationFailed, match="kind"):
        schedule.check_series(group(kind="party"))


def test_audiences_everyone_a_cohort_or_one_client():
    members = [Member(1, 11, "America/New_York", "A", None, "C-1"), Member(2, 12, "America/Chicago", "B", None, "C-2")]
    aud = Audiences(members)
    assert [m.person_id for m in aud.of(group())] == [1, 2]
    assert [m.person_id for m in aud.of(group(id=2, audience="cohort", cohort="B"))] == [2]
    assert [m.person_id for m in aud.of(group(id=3, audience="client", client_id=1))] == [1]
    assert aud.includes(group(audience="cohort", cohort="A"), 1) and not aud.includes(
        group(audience="cohort", cohort="A"), 2
    )
