"""/meds through the real Application: add, the neutral reminder on time, Taken / Skip once, delete, DST."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import time_machine
from sqlalchemy import select

from bot.db.coping_models import MedDose, MedReminder
from bot.db.models import OutboxMessage
from bot.domain.coping import meds
from bot.services.jobs import run_planner
from tests.support.checkin import buttons, tap
from tests.support.harness import Harness

CLIENT = 7901
T0 = dt.datetime(2027, 1, 11, 12, 45, tzinfo=dt.UTC)  # 7:45 in New York: 8:00 is within the planning horizon


async def _add(harness: Harness, time: str, label: str | None = None, *, share: bool = False) -> list[str]:
    await harness.send(CLIENT, "/meds")
    await tap(harness, CLIENT, "➕ Add a reminder")
    await harness.send(CLIENT, time)
    if label is None:
        await tap(harness, CLIENT, "Keep it neutral")
    else:
        await harness.send(CLIENT, label)
    return await tap(harness, CLIENT, "Yes, they may see it" if share else "No, keep it to me")


async def _rows(harness: Harness) -> list[OutboxMessage]:
    async with harness.db.session() as s:
        return list(
            (await s.execute(select(OutboxMessage).where(OutboxMessage.dedupe_key.like("med:%")))).scalars().all()
        )


def test_dst_the_local_time_holds_across_the_change() -> None:
    zone = ZoneInfo("America/New_York")
    before = meds.due_days(
        dt.time(8), zone, dt.datetime(2027, 3, 13, 12, tzinfo=dt.UTC), dt.timedelta(0), dt.timedelta(hours=2)
    )
    after = meds.due_days(
        dt.time(8), zone, dt.datetime(2027, 3, 15, 11, tzinfo=dt.UTC), dt.timedelta(0), dt.timedelta(hours=2)
    )
    assert before == [(dt.date(2027, 3, 13), dt.datetime(2027, 3, 13, 13, tzinfo=dt.UTC))]  # EST: 8:00 is 13:00 UTC
    assert after == [(dt.date(2027, 3, 15), dt.datetime(2027, 3, 15, 12, tzinfo=dt.UTC))]  # EDT: 12:00 UTC


async def test_a_neutral_reminder_is_planned_once_and_answered_once(harness: Harness) -> None:
    with time_machine.travel(T0, tick=False):
        await harness.enroll(CLIENT)
        replies = await _add(harness, "8am")
        assert replies == ["Saved: a daily reminder at 08:00."]
        await run_planner(harness.app.bot_data["services"])
        await run_planner(harness.app.bot_data["services"])  # twice: still one row
    [row] = await _rows(harness)
    payload = json.loads(row.payload)
    assert payload["text"] == "Reminder ⏰"  # nothing on the lock screen about what it is for
    assert row.due_at == dt.datetime(2027, 1, 11, 13, 0, tzinfo=dt.UTC)
    taken = payload["buttons"][0][0][1]
    replies = await harness.press(CLIENT, taken)
    assert replies == ["Noted: taken ✓"]
    await harness.press(CLIENT, taken)  # pressed twice: the first answer stays, and a short note says so
    assert harness.answered_callbacks()[-1].get("text") == "This one is already noted as taken."
    async with harness.db.session() as s:
        [dose] = (await s.execute(select(MedDose))).scalars().all()
    assert (dose.status, dose.local_date) == ("taken", dt.date(2027, 1, 11))


async def test_a_label_only_when_the_client_types_one_and_it_is_encrypted(harness: Harness) -> None:
    with time_machine.travel(T0, tick=False):
        await harness.enroll(CLIENT)
        await _add(harness, "8:00", "naltrexone")
        await run_planner(harness.app.bot_data["services"])
    [row] = await _rows(harness)
    assert json.loads(row.payload)["text"] == "Reminder ⏰ naltrexone"
    async with harness.db.engine.connect() as conn:
        from sqlalchemy import text

        raw = (await conn.execute(text("select label from med_reminder"))).scalar_one()
    assert "naltrexone" not in raw


async def test_bad_time_and_stickers_get_a_clear_reply_and_delete_works(harness: Harness) -> None:
    from tests.support import tg

    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/meds")
    await tap(harness, CLIENT, "➕ Add a reminder")
    replies = await harness.send(CLIENT, "whenever")
    assert replies[0].startswith("I couldn't read that time")
    replies = await harness.push(CLIENT, tg.sticker(harness.bot, CLIENT))
    assert replies == ["Please type the time (or tap a button above), or send /cancel."]
    await harness.send(CLIENT, "21:00")
    await tap(harness, CLIENT, "Keep it neutral")
    await tap(harness, CLIENT, "No, keep it to me")
    replies = await harness.send(CLIENT, "/meds")
    assert "⏰ 21:00" in replies[0]
    delete = buttons(harness, CLIENT)["🗑 21:00"]
    replies = await harness.press(CLIENT, delete)
    assert replies == ["Deleted the 21:00 reminder."]
    replies = await harness.press(CLIENT, delete)  # twice
    assert replies == ["That reminder no longer exists."]
    async with harness.db.session() as s:
        assert [r.active for r in (await s.execute(select(MedReminder))).scalars()] == [False]


async def test_export_lists_them_and_delete_erases_them(harness: Harness) -> None:
    from tests.support.checkin import tap as tap_label

    with time_machine.travel(T0, tick=False):
        await harness.enroll(CLIENT)
        await _add(harness, "8am", "kiwi7731 pill")
        await run_planner(harness.app.bot_data["services"])
        [row] = await _rows(harness)
        await harness.press(CLIENT, json.loads(row.payload)["buttons"][0][1][1])  # Skip
    await harness.send(CLIENT, "/export")
    files = {name: content for method, name, content in harness.req.uploads if method == "sendDocument"}
    [kept] = json.loads(files["my-data.json"])["medication_reminders"]
    assert (kept["label"], kept["time"], kept["answers"]) == (
        "kiwi7731 pill",
        "08:00:00",
        [{"day": "2027-01-11", "answer": "skipped"}],
    )
    await harness.send(CLIENT, "/delete")
    await tap_label(harness, CLIENT, "Yes, erase everything")
    async with harness.db.session() as s:
        assert (await s.execute(select(MedReminder))).scalars().all() == []
        assert (await s.execute(select(MedDose))).scalars().all() == []


async def test_snooze_queues_the_same_neutral_reminder_30_minutes_later(harness: Harness) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        await harness.enroll(CLIENT)
        await _add(harness, "8am")
        await run_planner(harness.app.bot_data["services"])
        [first] = await _rows(harness)
        clock.move_to(first.due_at)
        snooze = json.loads(first.payload)["buttons"][1][0][1]
        replies = await harness.press(CLIENT, snooze)
        assert replies == ["Okay, I'll remind you again in 30 minutes."]
        rows = await _rows(harness)
        [again] = [r for r in rows if r.id != first.id]
        assert again.due_at == first.due_at + dt.timedelta(minutes=30)
        assert json.loads(again.payload)["text"] == "Reminder ⏰"
        taken = json.loads(again.payload)["buttons"][0][0][1]
        assert await harness.press(CLIENT, taken) == ["Noted: taken ✓"]


async def test_the_therapist_sees_adherence_only_where_the_client_agreed(harness: Harness) -> None:
    from bot.db.models import Role

    with time_machine.travel(T0, tick=False):
        therapist = await harness.enroll(7902, Role.THERAPIST)
        await harness.enroll(CLIENT, therapist_id=therapist.id, person_code="C-7901")
        await _add(harness, "8am", share=False)
        [view] = await harness.send(7902, "/client C-7901")
        assert "Medication" not in view  # not agreed: nothing about it
        await _add(harness, "8pm", share=True)
        await run_planner(harness.app.bot_data["services"])
        [row] = await _rows(harness)  # the 8am one (8pm is not due yet)
        await harness.press(CLIENT, json.loads(row.payload)["buttons"][0][0][1])  # Taken, on a private reminder
        [view] = await harness.send(7902, "/client C-7901")
    assert "<b>Medication reminders</b> (shared by the client)\n⏰ 20:00: taken 0 of 1 days" in view, view
    assert "08:00" not in view


async def test_two_shared_reminders_not_taken_in_a_row_raise_one_medium_flag(harness: Harness) -> None:
    from bot.db.models import FlagRecord

    with time_machine.travel(T0, tick=False) as clock:
        await harness.enroll(CLIENT)
        await _add(harness, "8am", "private pill")  # not shared: never flagged
        await _add(harness, "8pm", share=True)
        clock.shift(dt.timedelta(days=2, hours=6))  # the 11th and the 12th went by without "Taken"
        await run_planner(harness.app.bot_data["services"])
        await run_planner(harness.app.bot_data["services"])  # once per run of missed days
    async with harness.db.session() as s:
        [flag] = (await s.execute(select(FlagRecord))).scalars().all()
    assert (flag.severity, flag.rule) == ("medium", "missed_doses")
    assert flag.explanation == "reminder at 20:00 not marked taken 2 days in a row (shared by the client)"


async def test_the_planner_keeps_the_local_time_across_dst_and_follows_a_move(harness: Harness) -> None:
    with time_machine.travel(dt.datetime(2027, 3, 12, 15, 0, tzinfo=dt.UTC), tick=False):
        person = await harness.enroll(CLIENT)
        await _add(harness, "8am")
    for day, now_utc in ((13, 12), (15, 11)):  # 7:45 local, the day before and the day after the change
        with time_machine.travel(dt.datetime(2027, 3, day, now_utc, 45, tzinfo=dt.UTC), tick=False):
            await run_planner(harness.app.bot_data["services"])
    assert [r.due_at for r in await _rows(harness)] == [
        dt.datetime(2027, 3, 13, 13, 0, tzinfo=dt.UTC),  # 8:00 EST
        dt.datetime(2027, 3, 15, 12, 0, tzinfo=dt.UTC),  # 8:00 EDT
    ]
    async with harness.db.session() as s, s.begin():
        moved = await s.get(type(person), person.id)
        assert moved is not None
        moved.timezone = "America/Los_Angeles"
    with time_machine.travel(dt.datetime(2027, 3, 16, 14, 45, tzinfo=dt.UTC), tick=False):  # 7:45 in LA
        await run_planner(harness.app.bot_data["services"])
    assert (await _rows(harness))[-1].due_at == dt.datetime(2027, 3, 16, 15, 0, tzinfo=dt.UTC)  # 8:00 PDT
