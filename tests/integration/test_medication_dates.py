"""A dated medication reminder (a monthly injection, a dose at the clinic): set in /meds, sent once the day
before at the chosen time, neutral on the lock screen, never counted as a missed daily dose."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import time_machine
from sqlalchemy import select

from bot import texts
from bot.db.coping_models import MedReminder
from bot.db.models import FlagRecord, OutboxMessage
from bot.domain.coping import meds
from bot.services.jobs import run_planner
from tests.support.checkin import tap
from tests.support.harness import Harness

CLIENT = 7911
T0 = dt.datetime(2027, 1, 11, 17, 0, tzinfo=dt.UTC)  # noon on Monday 11 January in New York
NY = ZoneInfo("America/New_York")


async def _add_date(harness: Harness, date: str, time: str, label: str | None = None) -> list[str]:
    await harness.send(CLIENT, "/meds")
    await tap(harness, CLIENT, "📅 Add a date (an injection)")
    await harness.send(CLIENT, date)
    await harness.send(CLIENT, time)
    if label is None:
        return await tap(harness, CLIENT, "Keep it neutral")
    return await harness.send(CLIENT, label)


async def _rows(harness: Harness) -> list[OutboxMessage]:
    async with harness.db.session() as s:
        stmt = select(OutboxMessage).where(OutboxMessage.dedupe_key.like("med:%"))
        return list((await s.execute(stmt)).scalars().all())


def test_the_day_before_at_the_local_time_across_a_clock_change() -> None:
    """An injection on Monday 15 March 2027 (DST began on the 14th): reminded Sunday 14th, 9:00 EDT."""
    window = dt.timedelta(hours=2)
    at = dt.datetime(2027, 3, 14, 12, 30, tzinfo=dt.UTC)
    assert meds.dated_due(dt.date(2027, 3, 15), dt.time(9), NY, at, dt.timedelta(0), window) == [
        (dt.date(2027, 3, 14), dt.datetime(2027, 3, 14, 13, tzinfo=dt.UTC))  # 9:00 EDT is 13:00 UTC
    ]
    assert meds.dated_due(dt.date(2027, 3, 16), dt.time(9), NY, at, dt.timedelta(0), window) == []  # not yet
    assert meds.dated_due(dt.date(2027, 3, 14), dt.time(9), NY, at, dt.timedelta(0), window) == []  # its day is gone


async def test_a_dated_reminder_is_sent_once_the_day_before_with_no_buttons(harness: Harness) -> None:
    with time_machine.travel(T0, tick=False):
        await harness.enroll(CLIENT)
        [saved] = await _add_date(harness, "1/20", "6pm")
        assert saved == "Saved: a reminder on Tue 19 Jan at 18:00, for Wed 20 Jan."
        [listing] = await harness.send(CLIENT, "/meds")
        assert "📅 Wed 20 Jan (reminded the day before at 18:00)" in listing
        await run_planner(harness.app.bot_data["services"])
    assert await _rows(harness) == []  # eight days ahead: nothing planned yet
    with time_machine.travel(dt.datetime(2027, 1, 19, 22, 30, tzinfo=dt.UTC), tick=False):  # 17:30 the day before
        await run_planner(harness.app.bot_data["services"])
        await run_planner(harness.app.bot_data["services"])  # twice: still one row
    [row] = await _rows(harness)
    payload = json.loads(row.payload)
    assert payload["text"] == "Reminder ⏰ for tomorrow" and not payload.get("buttons")  # nothing to mark yet
    assert row.due_at == dt.datetime(2027, 1, 19, 23, 0, tzinfo=dt.UTC)  # 18:00 in New York
    with time_machine.travel(dt.datetime(2027, 1, 20, 22, 30, tzinfo=dt.UTC), tick=False):  # the day itself
        await run_planner(harness.app.bot_data["services"])
    assert len(await _rows(harness)) == 1  # never again


async def test_a_label_is_shown_only_when_typed_and_no_sharing_is_asked(harness: Harness) -> None:
    with time_machine.travel(T0, tick=False):
        await harness.enroll(CLIENT)
        [saved] = await _add_date(harness, "tomorrow", "9am", "Vivitrol shot")
        assert saved.startswith("Saved: a reminder on Mon 11 Jan at 09:00, for Tue 12 Jan")
    async with harness.db.session() as s:
        [row] = (await s.execute(select(MedReminder))).scalars().all()
    assert (row.on_date, row.label, row.shared) == (dt.date(2027, 1, 12), "Vivitrol shot", False)


async def test_a_past_or_unreadable_date_is_asked_again_and_nothing_is_saved(harness: Harness) -> None:
    with time_machine.travel(T0, tick=False):
        await harness.enroll(CLIENT)
        await harness.send(CLIENT, "/meds")
        await tap(harness, CLIENT, "📅 Add a date (an injection)")
        for wrong in ("2026-12-01", "next-ish", "2029-01-01"):
            assert await harness.send(CLIENT, wrong) == [texts.MED_BAD_DATE], wrong
        assert await harness.send(CLIENT, "/cancel") == [texts.MED_CANCELLED]
    async with harness.db.session() as s:
        assert (await s.execute(select(MedReminder))).scalars().all() == []


async def test_crisis_words_at_the_date_step_get_the_crisis_reply_alone(harness: Harness) -> None:
    with time_machine.travel(T0, tick=False):
        await harness.enroll(CLIENT)
        await harness.send(CLIENT, "/meds")
        await tap(harness, CLIENT, "📅 Add a date (an injection)")
        replies = await harness.send(CLIENT, "i want to kill myself")
        assert replies[0].startswith(texts.CRISIS_REPLY.split("\n")[0]) and texts.MED_BAD_DATE not in replies, replies
        assert await harness.send(CLIENT, "1/20") == [texts.MED_ASK_DATE_TIME]  # the step still waits


async def test_a_dated_reminder_is_never_a_missed_daily_dose(harness: Harness) -> None:
    with time_machine.travel(T0, tick=False):
        person = await harness.enroll(CLIENT)
        async with harness.db.session() as s, s.begin():
            await meds.add(s, person.id, dt.time(9), None, shared=True, on_date=dt.date(2027, 1, 12))
    with time_machine.travel(T0 + dt.timedelta(days=5), tick=False):
        async with harness.db.session() as s, s.begin():
            assert await meds.flag_missed(s, T0 + dt.timedelta(days=5)) == 0
            assert await meds.shared_adherence(s, person.id, dt.date(2027, 1, 16), 14) == []
        async with harness.db.session() as s:
            assert (await s.execute(select(FlagRecord))).scalars().all() == []


async def test_a_passed_date_leaves_the_list_and_frees_its_place(harness: Harness) -> None:
    with time_machine.travel(T0, tick=False):
        await harness.enroll(CLIENT)
        await _add_date(harness, "1/13", "9am")
        [listing] = await harness.send(CLIENT, "/meds")
        assert "Wed 13 Jan" in listing
    with time_machine.travel(T0 + dt.timedelta(days=4), tick=False):  # Friday 15 January
        [listing] = await harness.send(CLIENT, "/meds")
        assert "13 Jan" not in listing and texts.MED_LIST_EMPTY in listing
