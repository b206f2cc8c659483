"""Follow-up after a crisis: opened on acknowledgement, reminded, escalated on durable timers, closed by Done."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from bot.db.care_models import FollowUp
from bot.db.models import OutboxMessage
from bot.db.session import Database
from bot.domain.care import alerts, followups
from bot.domain.care.followups import CloseOutcome, FollowUpPolicy
from tests.db.test_alerts import T0, F, _people, _raise

POLICY = FollowUpPolicy()


async def _texts_to(db: Database, chat_id: int) -> list[str]:
    async with db.session() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == chat_id))).scalars()
        return [json.loads(r.payload)["text"] for r in rows]


async def _ack(db: Database, alert_id: int, who: int, at: dt.datetime = T0) -> None:
    async with db.session() as s, s.begin():
        await alerts.acknowledge(s, alert_id, who, at=at)


async def test_acknowledging_a_crisis_opens_one_task_for_the_therapist_with_a_72_hour_deadline(db: Database) -> None:
    made = await _people(db)
    alert_id = await _raise(db, made["C-10"], F("crisis", "si_plan", "said yes"))
    await _ack(db, alert_id, made["S-1"], T0 + dt.timedelta(minutes=5))
    await _ack(db, alert_id, made["T-1"], T0 + dt.timedelta(minutes=6))  # a second tap opens nothing more
    async with db.session() as s:
        tasks = list((await s.execute(select(FollowUp))).scalars())
    assert len(tasks) == 1
    assert tasks[0].therapist_id == made["T-1"]
    assert tasks[0].due_at == T0 + dt.timedelta(minutes=5, hours=72)
    pushed = [t for t in await _texts_to(db, 1) if "Follow-up F-" in t]
    assert len(pushed) == 1 and "C-10" in pushed[0] and "said yes" not in pushed[0]


async def test_a_high_alert_opens_no_task(db: Database) -> None:
    made = await _people(db)
    alert_id = await _raise(db, made["C-10"], F("high"))
    await _ack(db, alert_id, made["T-1"])
    async with db.session() as s:
        assert list((await s.execute(select(FollowUp))).scalars()) == []


async def test_reminder_at_24_hours_then_on_call_at_72_unless_done(db: Database) -> None:
    made = await _people(db)
    alert_id = await _raise(db, made["C-10"], F("crisis", "si_plan", "said yes"))
    await _ack(db, alert_id, made["T-1"])
    assert await followups.run_due(db, POLICY, T0 + dt.timedelta(hours=23)) == 0
    assert await followups.run_due(db, POLICY, T0 + dt.timedelta(hours=24)) == 1
    assert await followups.run_due(db, POLICY, T0 + dt.timedelta(hours=25)) == 0  # once
    assert sum("Reminder: follow-up" in t for t in await _texts_to(db, 1)) == 1
    assert await followups.run_due(db, POLICY, T0 + dt.timedelta(hours=72)) == 1
    to_oncall = [t for t in await _texts_to(db, 2) if "Follow-up F-" in t]
    assert len(to_oncall) == 1 and "the person on call" in to_oncall[0]
    assert await followups.run_due(db, POLICY, T0 + dt.timedelta(hours=100)) == 0


async def test_with_nobody_on_call_the_admins_hear_at_the_deadline(db: Database) -> None:
    made = await _people(db, with_oncall=False)
    alert_id = await _raise(db, made["C-10"], F("crisis", "si_plan", "said yes"))
    await _ack(db, alert_id, made["T-1"])
    await followups.run_due(db, POLICY, T0 + dt.timedelta(hours=24))
    await followups.run_due(db, POLICY, T0 + dt.timedelta(hours=72))
    for admin_chat in (3, 4):
        assert any("nobody is on call" in t for t in await _texts_to(db, admin_chat))


async def test_could_not_reach_keeps_it_open_and_done_stops_the_timers(db: Database) -> None:
    made = await _people(db)
    alert_id = await _raise(db, made["C-10"], F("crisis", "si_plan", "said yes"))
    await _ack(db, alert_id, made["T-1"])
    async with db.session() as s, s.begin():
        (task_id,) = (await s.execute(select(FollowUp.id))).scalars()
        missed = await followups.close(s, task_id, made["T-1"], reached=False, at=T0 + dt.timedelta(hours=2))
        assert missed.outcome is CloseOutcome.NOTED and missed.attempts == 1
        assert [f.id for f in await followups.open_for(s, made["T-1"], T0)] == [task_id]
        done = await followups.close(s, task_id, made["T-1"], reached=True, at=T0 + dt.timedelta(hours=3))
        assert done.outcome is CloseOutcome.DONE
        again = await followups.close(s, task_id, made["S-1"], reached=True)
        assert again.outcome is CloseOutcome.ALREADY and again.by_code == "T-1"
        assert await followups.open_for(s, made["T-1"], T0) == []
    assert await followups.run_due(db, POLICY, T0 + dt.timedelta(hours=80)) == 0
    assert not any("Reminder: follow-up" in t for t in await _texts_to(db, 1))


async def test_an_open_task_is_an_item_in_the_daily_digest(db: Database) -> None:
    from bot.domain.caseload import digest

    made = await _people(db)
    alert_id = await _raise(db, made["C-10"], F("crisis", "si_plan", "said yes"))
    await _ack(db, alert_id, made["T-1"])
    next_morning = dt.datetime(2026, 11, 28, 14, 0, tzinfo=dt.UTC)  # 9:00 in New York
    async with db.session() as s, s.begin():
        assert await digest.plan_digests(s, next_morning, dt.time(8, 0)) == 1
    assert any("1 item" in t for t in await _texts_to(db, 1))


async def test_a_new_therapist_takes_over_open_follow_ups_and_is_told(db: Database) -> None:
    from bot.db.models import Person
    from bot.domain.care import assignment

    made = await _people(db)
    async with db.session() as s, s.begin():
        other = Person(telegram_id=5, role="therapist", code="T-2", timezone="America/New_York")
        s.add(other)
    alert_id = await _raise(db, made["C-10"], F("crisis", "si_plan", "said yes"))
    await _ack(db, alert_id, made["T-1"])
    async with db.session() as s, s.begin():
        await assignment.assign(s, "C-10", "T-2", by_person_id=made["S-1"])
        (task,) = (await s.execute(select(FollowUp))).scalars()
        assert task.therapist_id == other.id
    assert any("Follow-up F-" in t for t in await _texts_to(db, 5))
