"""/settings: the time zone picker and its confirmation, the start date, and reminders replanned on change."""

from __future__ import annotations

import datetime as dt

import time_machine
from sqlalchemy import select

from bot.db.models import AuditEntry, ClientProfile, OutboxMessage, Person
from bot.services import jobs
from conversations.settings import (
    BackToMenu,
    Choice,
    ClearStartDate,
    ConfirmZone,
    EditStartDate,
    PickZone,
    PickZoneAgain,
    SettingsButton,
)

CLIENT = 6301
# 20:14 in New York on 27 November 2026 (EST).
NOW = dt.datetime(2026, 11, 28, 1, 14, tzinfo=dt.UTC)


async def _person(harness, person_id):
    async with harness.db.session() as s:
        return await s.get(Person, person_id), await s.get(ClientProfile, person_id)


async def test_picker_offers_us_zones_with_friendly_labels_and_cancel(harness):
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    await harness.press(CLIENT, SettingsButton(Choice.ZONE).pack())
    assert harness.last(CLIENT).buttons == [
        ("Eastern (New York)", PickZone(zone="America/New_York").pack()),
        ("Central (Chicago)", PickZone(zone="America/Chicago").pack()),
        ("Mountain (Denver)", PickZone(zone="America/Denver").pack()),
        ("Arizona (Phoenix)", PickZone(zone="America/Phoenix").pack()),
        ("Pacific (Los Angeles)", PickZone(zone="America/Los_Angeles").pack()),
        ("Alaska (Anchorage)", PickZone(zone="America/Anchorage").pack()),
        ("Hawaii (Honolulu)", PickZone(zone="Pacific/Honolulu").pack()),
        ("Cancel", BackToMenu().pack()),
    ]
    replies = await harness.press(CLIENT, BackToMenu().pack())
    assert "Your settings" in replies[0] and "Time zone: Eastern (New York)" in replies[0]


async def test_picked_zone_is_confirmed_with_the_local_time(harness):
    person = await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    await harness.press(CLIENT, SettingsButton(Choice.ZONE).pack())
    with time_machine.travel(NOW, tick=False):
        replies = await harness.press(CLIENT, PickZone(zone="America/Phoenix").pack())
    assert replies == ["<b>Arizona (Phoenix)</b>\nIt's 6:14 pm there now — is that right?"]
    assert harness.last(CLIENT).buttons == [
        ("Yes", ConfirmZone(zone="America/Phoenix").pack()),
        ("No, pick again", PickZoneAgain().pack()),
    ]
    p, _ = await _person(harness, person.id)
    assert p.timezone == "America/New_York", "nothing stored before the client confirms"
    replies = await harness.press(CLIENT, ConfirmZone(zone="America/Phoenix").pack())
    assert replies[0] == "Time zone set to Arizona (Phoenix)."
    assert "Time zone: Arizona (Phoenix)" in replies[1]
    p, _ = await _person(harness, person.id)
    assert p.timezone == "America/Phoenix"


async def test_typed_zone_words_and_pick_again(harness):
    person = await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    await harness.press(CLIENT, SettingsButton(Choice.ZONE).pack())
    with time_machine.travel(NOW, tick=False):
        replies = await harness.send(CLIENT, "PST")
        assert replies == ["<b>Pacific (Los Angeles)</b>\nIt's 5:14 pm there now — is that right?"]
        replies = await harness.press(CLIENT, PickZoneAgain().pack())
        assert "Which time zone are you in?" in replies[0]
        replies = await harness.send(CLIENT, "los angeles")
        assert replies == ["<b>Pacific (Los Angeles)</b>\nIt's 5:14 pm there now — is that right?"]
        await harness.press(CLIENT, ConfirmZone(zone="America/Los_Angeles").pack())
    p, _ = await _person(harness, person.id)
    assert p.timezone == "America/Los_Angeles"


async def test_old_confirm_button_after_settings_closed_is_answered(harness):
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    await harness.press(CLIENT, SettingsButton(Choice.ZONE).pack())
    await harness.send(CLIENT, "/cancel")
    replies = await harness.press(CLIENT, ConfirmZone(zone="Europe/London").pack())
    assert "older message" in replies[0]


async def test_start_date_set_shown_and_cleared(harness):
    person = await harness.enroll(CLIENT)
    replies = await harness.send(CLIENT, "/settings")
    assert "Start date: not set" in replies[0]
    replies = await harness.press(CLIENT, EditStartDate().pack())
    assert "Which date do you count your recovery from?" in replies[0]
    assert harness.last(CLIENT).buttons == [("Cancel", BackToMenu().pack())]
    with time_machine.travel(NOW, tick=False):
        replies = await harness.send(CLIENT, "next week")
        assert "couldn't read “next week” as a date" in replies[0]
        replies = await harness.send(CLIENT, "dec 1")  # not yet this year: last year's
        assert replies[0] == "Start date set to 1 December 2025."
        assert "Start date: 1 December 2025" in replies[1]
        _, prof = await _person(harness, person.id)
        assert prof.sobriety_date == dt.date(2025, 12, 1)
        replies = await harness.press(CLIENT, EditStartDate().pack())
        assert ("Clear start date", ClearStartDate().pack()) in harness.last(CLIENT).buttons
        replies = await harness.press(CLIENT, ClearStartDate().pack())
    assert replies[0] == "Start date cleared." and "Start date: not set" in replies[1]
    _, prof = await _person(harness, person.id)
    assert prof.sobriety_date is None
    async with harness.db.session() as s:
        details = (await s.execute(select(AuditEntry.detail).where(AuditEntry.action == "settings.start_date"))).all()
    assert len(details) == 2 and not any("2025" in d for (d,) in details), "the date stays out of the audit log"


async def test_start_date_today_uses_the_clients_own_day(harness):
    """At 20:14 in New York it is already the 28th in UTC; "today" is the 27th for this client."""
    person = await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    await harness.press(CLIENT, EditStartDate().pack())
    with time_machine.travel(NOW, tick=False):
        await harness.send(CLIENT, "today")
    _, prof = await _person(harness, person.id)
    assert prof.sobriety_date == dt.date(2026, 11, 27)


async def _pending(harness) -> list[dt.datetime]:
    async with harness.db.session() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.status == "pending"))).scalars()
        return [r.due_at for r in rows]


async def test_settings_changes_replan_the_pending_reminder(harness):
    """Tonight's planned 21:00 reminder moves with the time, goes with 'off' and comes back with 'on'."""
    # The first change happens at 20:14 too: at the real clock's time it would plan a reminder
    # for whatever evening the test happens to run on.
    with time_machine.travel(NOW, tick=False):
        await harness.enroll(CLIENT)
        await harness.send(CLIENT, "/settings")
        await harness.press(CLIENT, SettingsButton(Choice.TIME).pack())
        await harness.send(CLIENT, "9pm")
    services = harness.app.bot_data["services"]
    nine_pm = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)
    with time_machine.travel(NOW + dt.timedelta(minutes=30), tick=False):  # 20:44
        await jobs.run_planner(services)
        assert await _pending(harness) == [nine_pm]
        await harness.press(CLIENT, SettingsButton(Choice.TIME).pack())
        await harness.send(CLIENT, "9:15 pm")
        assert await _pending(harness) == [nine_pm + dt.timedelta(minutes=15)]
        await harness.press(CLIENT, SettingsButton(Choice.OFF).pack())
        assert await _pending(harness) == []
        await jobs.run_planner(services)
        assert await _pending(harness) == []
        await harness.press(CLIENT, SettingsButton(Choice.ON).pack())
        assert await _pending(harness) == [nine_pm + dt.timedelta(minutes=15)]
