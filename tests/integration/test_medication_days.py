"""/meds through the real Application: a reminder on some weekdays only (planned, counted and flagged on
those days alone), and one paused and resumed from the list."""

from __future__ import annotations

import datetime as dt

import time_machine
from sqlalchemy import select

from bot import texts
from bot.db.coping_models import MedReminder
from bot.db.models import FlagRecord, OutboxMessage, Role
from bot.services.jobs import run_planner
from tests.support.checkin import buttons, tap
from tests.support.harness import Harness

CLIENT, THERAPIST = 7951, 7952
MON = dt.datetime(2027, 1, 11, 12, 45, tzinfo=dt.UTC)  # Monday 7:45 in New York


def _at(days: int, hour: int = 12, minute: int = 45) -> dt.datetime:
    return MON.replace(hour=hour, minute=minute) + dt.timedelta(days=days)


async def _add(harness: Harness, typed: str) -> list[str]:
    with time_machine.travel(MON - dt.timedelta(days=1), tick=False):
        therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
        await harness.enroll(CLIENT, therapist_id=therapist.id, person_code="C-7951")
        await harness.send(CLIENT, "/meds")
        await tap(harness, CLIENT, "➕ Add a reminder")
        await harness.send(CLIENT, typed)
        await tap(harness, CLIENT, "Keep it neutral")
        return await tap(harness, CLIENT, "Yes, they may see it")


async def _planned_days(harness: Harness) -> list[str]:
    async with harness.db.session() as s:
        keys = (await s.execute(select(OutboxMessage.dedupe_key).where(OutboxMessage.dedupe_key.like("med:%")))).all()
    return sorted(k.rsplit(":", 1)[1] for (k,) in keys)


async def test_a_reminder_on_some_days_is_planned_counted_and_flagged_on_those_days_only(harness: Harness) -> None:
    assert await _add(harness, "8am mon wed fri") == [texts.MED_ADDED_DAYS.format(time="08:00", days="Mon, Wed, Fri")]
    with time_machine.travel(MON, tick=False):
        [listed] = await harness.send(CLIENT, "/meds")
    assert "⏰ 08:00 · Mon, Wed, Fri" in listed
    for n in range(7):  # a week of planner passes at 7:45 each morning
        with time_machine.travel(_at(n), tick=False):
            await run_planner(harness.app.bot_data["services"])
    assert await _planned_days(harness) == ["2027-01-11", "2027-01-13", "2027-01-15"]
    # Nothing taken on Monday and Wednesday: two of its days in a row missed, with Tuesday in between.
    with time_machine.travel(_at(3), tick=False):
        await run_planner(harness.app.bot_data["services"])
    async with harness.db.session() as s:
        [flag] = (await s.execute(select(FlagRecord).where(FlagRecord.rule == "missed_doses"))).scalars().all()
    assert flag.severity == "medium"
    with time_machine.travel(_at(6), tick=False):
        [view] = await harness.send(THERAPIST, "/client C-7951")
    assert "⏰ 08:00: taken 0 of 3 days" in view  # Mon, Wed, Fri: not the days it never goes


async def test_pause_withdraws_what_waits_and_resume_plans_it_again(harness: Harness) -> None:
    await _add(harness, "8:00")
    with time_machine.travel(MON, tick=False):
        await run_planner(harness.app.bot_data["services"])
        assert await _planned_days(harness) == ["2027-01-11"]
        await harness.send(CLIENT, "/meds")
        await tap(harness, CLIENT, "⏸ 08:00")
    edited = harness.req.methods("editMessageText")[-1]["text"]
    assert edited.startswith(texts.MED_PAUSED_DONE.format(time="08:00"))
    assert "⏰ 08:00" + texts.MED_LIST_PAUSED in edited
    assert await _planned_days(harness) == []  # the waiting one went
    with time_machine.travel(_at(1), tick=False):
        await run_planner(harness.app.bot_data["services"])
        assert await _planned_days(harness) == []  # nothing planned while paused
        await harness.send(CLIENT, "/meds")
        await tap(harness, CLIENT, "▶️ 08:00")
        assert "⏸ 08:00" in buttons(harness, CLIENT) or "⏸ 08:00" in str(harness.req.methods("editMessageText")[-1])
        await run_planner(harness.app.bot_data["services"])
    assert await _planned_days(harness) == ["2027-01-12"]
    async with harness.db.session() as s:
        [row] = (await s.execute(select(MedReminder))).scalars().all()
    assert row.paused is False and row.active is True


async def test_days_that_make_no_sense_are_asked_again(harness: Harness) -> None:
    with time_machine.travel(MON, tick=False):
        await harness.enroll(CLIENT)
        await harness.send(CLIENT, "/meds")
        await tap(harness, CLIENT, "➕ Add a reminder")
        assert await harness.send(CLIENT, "8am mon banana") == [texts.MED_BAD_TIME]
        assert await harness.send(CLIENT, "8am tue thu") == [texts.MED_ASK_LABEL]


async def test_days_while_paused_are_not_missed_doses(harness: Harness) -> None:
    await _add(harness, "8:00")  # shared with the therapist
    with time_machine.travel(MON, tick=False):
        await harness.send(CLIENT, "/meds")
        await tap(harness, CLIENT, "⏸ 08:00")
    with time_machine.travel(_at(3), tick=False):  # Thursday morning: Mon to Wed went by paused
        await harness.send(CLIENT, "/meds")
        await tap(harness, CLIENT, "▶️ 08:00")
        await run_planner(harness.app.bot_data["services"])
    async with harness.db.session() as s:
        flags = (await s.execute(select(FlagRecord).where(FlagRecord.rule == "missed_doses"))).scalars().all()
    assert flags == []
    with time_machine.travel(_at(3, 20), tick=False):
        [view] = await harness.send(THERAPIST, "/client C-7951")
    assert "⏰ 08:00: taken 0 of 1 days" in view  # counted from the day it was resumed
