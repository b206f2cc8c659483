"""Extra dates (RDATE): expanded with the rule in wall-clock time, cancelled, moved and looked up like any date."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.meetings import recurrence, schedule
from bot.domain.meetings.schedule import Override, Series
from tests.support.meetings import series

NY = ZoneInfo("America/New_York")
UTC = dt.UTC


# Two Saturday workshops at 10:00, one each side of the clocks going forward (Sunday 8 March).
GROUP = series(id=1, uid="g@x", place="", rdates=(dt.datetime(2026, 3, 7, 10, 0), dt.datetime(2026, 3, 14, 10, 0)))


def group(**kw: Any) -> Series:
    return replace(GROUP, **kw)


def at(y: int, mo: int, d: int, h: int, mi: int = 0) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, tzinfo=UTC)


def test_extra_dates_join_the_rule_and_keep_their_wall_clock_time_across_the_dst_change():
    occ = schedule.expand(group(), [], at(2026, 3, 6, 0), at(2026, 3, 15, 0))
    assert [o.start for o in occ] == [
        at(2026, 3, 6, 23),  # Fri 18:00 EST
        at(2026, 3, 7, 15),  # Sat 10:00 EST, the extra date
        at(2026, 3, 9, 22),  # Mon 18:00 EDT
        at(2026, 3, 11, 22),
        at(2026, 3, 13, 22),
        at(2026, 3, 14, 14),  # Sat 10:00 EDT, the extra date after the change
    ]
    assert [f"{o.start.astimezone(NY):%a %H:%M}" for o in occ if o.start.weekday() == 5] == ["Sat 10:00", "Sat 10:00"]
    assert all(o.end - o.start == dt.timedelta(hours=3) for o in occ)


def test_an_extra_date_cancelled_by_exdate_is_left_out_and_a_moved_one_is_at_its_new_time():
    moved_to = at(2026, 3, 15, 14)  # Sunday 10:00 EDT
    overrides = [Override(at(2026, 3, 7, 15), cancelled=True), Override(at(2026, 3, 14, 14), new_start=moved_to)]
    occ = schedule.expand(group(rrule=""), overrides, at(2026, 3, 1, 0), at(2026, 3, 31, 0))
    assert [(o.original_start, o.start, o.moved) for o in occ] == [
        (at(2026, 3, 2, 23), at(2026, 3, 2, 23), False),  # the start of a series without a rule
        (at(2026, 3, 14, 14), moved_to, True),
    ]


def test_is_occurrence_accepts_an_extra_date_and_nothing_near_it():
    assert schedule.is_occurrence(group(), at(2026, 3, 7, 15))
    assert schedule.is_occurrence(group(), at(2026, 3, 14, 14))
    assert not schedule.is_occurrence(group(), at(2026, 3, 14, 15))  # the winter hour, after the change
    assert not schedule.is_occurrence(group(), at(2026, 3, 21, 14))  # a Saturday with no extra date
    assert not schedule.is_occurrence(group(rdates=()), at(2026, 3, 7, 15))


def test_a_date_given_by_both_the_rule_and_rdate_counts_once():
    twice = group(rdates=(dt.datetime(2026, 3, 9, 18, 0),))
    assert [o.start for o in schedule.expand(twice, [], at(2026, 3, 9, 0), at(2026, 3, 10, 0))] == [at(2026, 3, 9, 22)]


def test_an_all_day_series_with_extra_dates():
    day = group(
        rrule="",
        all_day=True,
        starts_local=dt.datetime(2026, 3, 7),
        duration=dt.timedelta(days=1),
        rdates=(dt.datetime(2026, 4, 4), dt.datetime(2026, 5, 2)),
    )
    occ = schedule.expand(day, [], at(2026, 3, 1, 0), at(2026, 6, 1, 0))
    assert [o.day for o in occ] == [dt.date(2026, 3, 7), dt.date(2026, 4, 4), dt.date(2026, 5, 2)]
    assert occ[1].start == at(2026, 4, 4, 4)  # midnight EDT


def test_a_date_in_the_hour_skipped_in_spring_is_still_one_of_the_series_dates():
    early = group(rrule="FREQ=DAILY", starts_local=dt.datetime(2026, 3, 6, 2, 30), rdates=())
    [occ] = schedule.expand(early, [], at(2026, 3, 8, 0), at(2026, 3, 9, 0))
    assert schedule.is_occurrence(early, occ.original_start)


def test_extra_dates_are_stored_sorted_and_once():
    walls = [dt.datetime(2026, 3, 14, 10), dt.datetime(2026, 3, 7, 10), dt.datetime(2026, 3, 14, 10)]
    text = recurrence.format_rdates(walls)
    assert text == "20260307T100000,20260314T100000"
    assert recurrence.parse_rdates(text) == (dt.datetime(2026, 3, 7, 10), dt.datetime(2026, 3, 14, 10))
    assert recurrence.parse_rdates("") == () and recurrence.format_rdates([]) == ""
