"""A new time of day for a series: the split, COUNT and UNTIL, single meetings, refusals, the clients' notice."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.core.errors import ValidationFailed
from bot.domain.meetings import forms, retime, schedule
from bot.domain.meetings.schedule import Series
from tests.support.meetings import series

NY = ZoneInfo("America/New_York")
UTC = dt.UTC
FIVE = dt.time(17, 0)


def group(**kw: Any) -> Series:
    return series(**{"id": 1, "uid": "g@x", "place": "", **kw})


def at(y: int, mo: int, d: int, h: int, mi: int = 0) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, tzinfo=UTC)


def local(series: Series, start: dt.datetime, days: int) -> list[str]:
    occ = schedule.expand(series, [], start, start + dt.timedelta(days=days))
    return [o.start.astimezone(NY).strftime("%a %d %H:%M") for o in occ]


TUESDAY = at(2026, 3, 10, 16)  # after Monday 9 March's group, before Wednesday's


def test_a_running_series_is_split_at_the_next_date_and_the_past_keeps_its_keys():
    old = group()
    plan = retime.retime(old, FIVE, TUESDAY)
    assert plan.kept is not None
    assert plan.kept.rrule == "FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260309T180000"
    assert (plan.ahead.id, plan.ahead.uid, plan.ahead.starts_local) == (0, "", dt.datetime(2026, 3, 11, 17))
    start = at(2026, 3, 1, 0)
    # Every date that has passed is where (and what) it was; every date ahead is at 17:00, DST or not.
    assert local(plan.kept, start, 30) == local(old, start, 9)
    assert [(o.original_start, o.start) for o in schedule.expand(plan.kept, [], start, TUESDAY)] == [
        (o.original_start, o.start) for o in schedule.expand(old, [], start, TUESDAY)
    ]
    assert local(plan.ahead, start, 30)[:4] == ["Wed 11 17:00", "Fri 13 17:00", "Mon 16 17:00", "Wed 18 17:00"]
    assert plan.boundary == at(2026, 3, 11, 22) and plan.first == at(2026, 3, 11, 21)
    assert plan.last_kept == at(2026, 3, 9, 22)
    assert plan.remap(at(2026, 3, 16, 22)) == at(2026, 3, 16, 21)


def test_a_count_goes_on_where_it_stopped():
    old = group(rrule="FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=6")  # 2, 4, 6, 9, 11, 13 March
    plan = retime.retime(old, FIVE, TUESDAY)
    assert plan.kept is not None and "COUNT" not in plan.kept.rrule
    assert plan.ahead.rrule.endswith(";COUNT=2")
    # Staff see where each part ends.
    assert forms.describe_when(plan.kept) == "Mon, Wed, Fri 18:00 until 2026-03-09"
    assert forms.describe_when(plan.ahead) == "Mon, Wed, Fri 17:00, 2 times"
    start = at(2026, 3, 1, 0)
    assert len(local(plan.kept, start, 60)) + len(local(plan.ahead, start, 60)) == 6


def test_an_until_keeps_its_last_day_at_the_new_time():
    old = group(rrule="FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260320T180000")
    later = retime.retime(old, dt.time(19, 30), TUESDAY)
    assert later.ahead.rrule.endswith(";UNTIL=20260320T193000")
    assert local(later.ahead, at(2026, 3, 1, 0), 60)[-1] == "Fri 20 19:30"


def test_a_series_that_has_not_started_changes_in_place():
    plan = retime.retime(group(), FIVE, at(2026, 3, 1, 12))
    assert plan.kept is None
    assert (plan.ahead.id, plan.ahead.uid, plan.ahead.starts_local) == (1, "g@x", dt.datetime(2026, 3, 2, 17))


def test_a_single_meeting_gets_a_new_start_that_must_lie_ahead():
    once = group(rrule="", starts_local=dt.datetime(2026, 3, 12, 10))
    plan = retime.retime(once, dt.time(11, 15), TUESDAY, dt.date(2026, 3, 13))
    assert plan.kept is None and plan.ahead.starts_local == dt.datetime(2026, 3, 13, 11, 15)
    assert plan.remap(plan.boundary) == plan.first == at(2026, 3, 13, 15, 15)
    with pytest.raises(ValidationFailed, match="already passed"):
        retime.retime(once, dt.time(9), TUESDAY, dt.date(2026, 3, 9))
    with pytest.raises(ValidationFailed, match="already started"):
        retime.retime(once, FIVE, at(2026, 3, 12, 15))


@pytest.mark.parametrize(
    ("series", "day", "reason"),
    [
        (group(all_day=True), None, "all-day"),
        (group(rrule="FREQ=DAILY;BYHOUR=9,17"), None, "its own times"),
        (group(rrule="FREQ=WEEKLY;COUNT=2"), None, "no dates ahead"),
        (group(), dt.date(2026, 3, 12), "keeps its days"),
        (group(rdates=(dt.datetime(2026, 3, 21, 10, 0),)), None, "extra dates"),  # an imported RDATE
    ],
)
def test_what_cannot_get_a_new_time_is_refused_with_the_reason(series: Series, day: dt.date | None, reason: str):
    with pytest.raises(ValidationFailed, match=reason):
        retime.retime(series, FIVE, TUESDAY, day)


def test_the_notice_names_days_and_time_in_the_clients_zone():
    plan = retime.retime(group(), FIVE, TUESDAY)
    assert retime.notice_text(plan, NY, TUESDAY) == (
        "Schedule change: Group session now takes place Mon, Wed, Fri at 17:00, starting tomorrow."
    )
    # In Tokyo 17:00 New York is the next morning (and it is Wednesday there already): the days move with it.
    assert retime.notice_text(plan, ZoneInfo("Asia/Tokyo"), TUESDAY) == (
        "Schedule change: Group session now takes place Tue, Thu, Sat at 06:00, starting tomorrow."
    )
    assert retime.notice_text(plan, NY, at(2026, 3, 9, 12)).endswith("starting Wed 11 Mar.")
    daily = retime.retime(group(rrule="FREQ=DAILY", public_title="Check-in <b>"), FIVE, TUESDAY)
    assert retime.notice_text(daily, NY, TUESDAY) == (
        "Schedule change: Check-in &lt;b&gt; now takes place every day at 17:00, starting today."
    )
    fortnightly = retime.retime(group(rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"), FIVE, TUESDAY)
    assert retime.notice_text(fortnightly, NY, TUESDAY) == (
        "Schedule change: Group session now starts at 17:00, from Mon 16 Mar on."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [("17:00", dt.time(17)), (" 7:05 ", dt.time(7, 5)), ("5pm", dt.time(17)), ("5:30 PM", dt.time(17, 30))],
)
def test_a_new_start_is_a_time_or_a_date_and_time(text: str, expected: dt.time):
    assert forms.parse_start(text) == (expected, None)
    assert forms.parse_start(f"2026-03-13 {text}") == (expected, dt.date(2026, 3, 13))


# A bare hour could be morning or evening, and a new time is announced to clients at once: refused.
@pytest.mark.parametrize("text", ["7", "0730", "noon", "24:00", "17:60", "", "2026-02-30 10:00", "2026-03-13"])
def test_a_start_that_is_not_one_is_refused(text: str):
    with pytest.raises(ValidationFailed):
        forms.parse_start(text)


def test_lengths_titles_and_places_are_read_as_the_add_flow_reads_them():
    assert forms.minutes(" 90 ") == 90
    for bad in ("0", "1441", "²", "ninety", "-5"):
        with pytest.raises(ValidationFailed):
            forms.minutes(bad)
    assert forms.title("  Evening group ") == "Evening group"
    for bad in ("   ", "x" * 121):
        with pytest.raises(ValidationFailed):
            forms.title(bad)
    assert forms.place("https://meet.example.org/g") == ("", "https://meet.example.org/g")
    assert forms.place(" Room 5 ") == ("Room 5", "")
