"""All-day events: reminders at set hours of the client's own day, their wording, and the week as read."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.domain.meetings import reminders as mr
from bot.domain.meetings import schedule
from bot.domain.meetings.schedule import Occurrence
from bot.domain.meetings.week_text import render_week
from tests.support.meetings import family_day as support_family_day
from tests.support.meetings import series

NY, LA = ZoneInfo("America/New_York"), ZoneInfo("America/Los_Angeles")
UTC = dt.UTC


def family_day(on: dt.date = dt.date(2026, 3, 5)) -> Occurrence:
    family = support_family_day(on, id=3, uid="fam@x")
    [occ] = schedule.expand(family, [], dt.datetime(2026, 1, 1, tzinfo=UTC), dt.datetime(2027, 1, 1, tzinfo=UTC))
    return occ


def local(instant: dt.datetime, zone: ZoneInfo) -> str:
    return f"{instant.astimezone(zone):%a %d %H:%M}"


def test_day_before_leads_come_at_18_and_short_leads_at_08_in_the_clients_zone():
    occ = family_day()  # Thursday 5 March
    assert local(mr.due_at(occ, 1440, NY), NY) == "Wed 04 18:00"
    assert local(mr.due_at(occ, 1440, LA), LA) == "Wed 04 18:00"
    assert local(mr.due_at(occ, 720, LA), LA) == "Wed 04 18:00"
    assert local(mr.due_at(occ, 2880, NY), NY) == "Tue 03 18:00"  # two evenings before
    assert local(mr.due_at(occ, 60, NY), NY) == "Thu 05 08:00"
    assert local(mr.due_at(occ, 15, LA), LA) == "Thu 05 08:00"


def test_the_rule_follows_the_clients_clock_over_a_dst_change():
    occ = family_day(dt.date(2026, 3, 9))  # Monday after the clocks went forward on Sunday 8 March
    assert mr.due_at(occ, 1440, NY) == dt.datetime(2026, 3, 8, 22, tzinfo=UTC)  # 18:00 EDT
    assert mr.due_at(occ, 60, NY) == dt.datetime(2026, 3, 9, 12, tzinfo=UTC)  # 08:00 EDT


def test_the_reminder_names_the_day_not_a_time():
    occ = family_day()
    assert mr.reminder_text(occ, LA, mr.due_at(occ, 1440, LA)) == "Reminder: Family day tomorrow (all day)."
    assert mr.reminder_text(occ, LA, mr.due_at(occ, 60, LA)) == "Reminder: Family day today (all day)."
    assert mr.reminder_text(occ, NY, mr.due_at(occ, 2880, NY)) == "Reminder: Family day on Thu 5 Mar (all day)."


def test_a_reader_in_los_angeles_sees_an_all_day_event_on_its_own_date_first_in_the_day():
    group = series(id=1, uid="g@x", place="", rrule="FREQ=DAILY", starts_local=dt.datetime(2026, 3, 4, 18, 0))
    window = dt.datetime(2026, 3, 4, 12, tzinfo=UTC), dt.datetime(2026, 3, 6, 12, tzinfo=UTC)
    occurrences = sorted([*schedule.expand(group, [], *window), family_day()], key=lambda o: o.start)
    week = render_week(occurrences, "America/Los_Angeles")
    assert week.split("\n", 1)[1] == (
        "\n<b>Wed 4 Mar</b>\n• 15:00–18:00 Group session"
        "\n\n<b>Thu 5 Mar</b>\n• all day Family day\n• 15:00–18:00 Group session"
    )
