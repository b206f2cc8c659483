"""Follow-up after a crisis through the real Application: opened by Acknowledge, listed, timed across a restart."""

from __future__ import annotations

import datetime as dt
import json

import time_machine
from sqlalchemy import select

from bot import texts
from bot.db.models import OutboxMessage, Role
from bot.domain.care import alerts
from bot.domain.care.buttons import AlertAck, DigestView, FollowUpDone, FollowUpUnreached
from bot.services import care_team_jobs
from tests.integration.test_alerts_flow import CLIENT, STAFF, THERAPIST, F
from tests.support.harness import Harness

T0 = dt.datetime(2026, 11, 27, 15, 0, tzinfo=dt.UTC)


async def _crisis_acked(harness: Harness) -> int:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    await harness.enroll(STAFF, Role.STAFF)
    client = await harness.enroll(CLIENT, therapist_id=therapist.id)
    async with harness.db.session() as s, s.begin():
        alert_id = await alerts.raise_alert(s, client.id, [F("crisis", "si_intent", "said yes")], source="checkin")
    assert alert_id is not None
    await harness.press(THERAPIST, AlertAck(alert_id=alert_id).pack())
    return alert_id


async def _pushed(harness: Harness, chat_id: int) -> list[str]:
    async with harness.db.session() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == chat_id))).scalars()
        return [json.loads(r.payload)["text"] for r in rows]


async def test_the_task_shows_in_alerts_and_the_digest_and_done_closes_it(harness: Harness) -> None:
    with time_machine.travel(T0, tick=False):
        await _crisis_acked(harness)
        listed = await harness.send(THERAPIST, "/alerts")
        assert any("F-1" in t and "C-" in t for t in listed)
        digest = await harness.press(THERAPIST, DigestView(day="2026-11-27").pack())
        assert any("F-1" in t for t in digest)
        noted = await harness.press(THERAPIST, FollowUpUnreached(followup_id=1).pack())
        assert len(noted) == 1 and "attempt 1" in noted[0]
        assert await harness.press(THERAPIST, FollowUpDone(followup_id=1).pack()) == [
            texts.FOLLOWUP_DONE.format(followup_id=1)
        ]
        assert not any("F-1" in t for t in await harness.send(THERAPIST, "/alerts"))
        # Another care team may not close it.
        assert await harness.press(CLIENT, FollowUpDone(followup_id=1).pack()) != [
            texts.FOLLOWUP_DONE.format(followup_id=1)
        ]


async def test_reminder_and_escalation_fire_after_a_restart(harness: Harness) -> None:
    with time_machine.travel(T0, tick=False):
        await _crisis_acked(harness)
        await harness.send(STAFF, "/oncall")
        from bot.domain.care.buttons import OnCallTake

        await harness.press(STAFF, OnCallTake(shift=0).pack())
    await harness.restart()  # nothing lives in memory: the timers are rows
    services = harness.app.bot_data["services"]
    with time_machine.travel(T0 + dt.timedelta(hours=23), tick=False):
        assert await care_team_jobs.followups_once(services) == 0
    with time_machine.travel(T0 + dt.timedelta(hours=24, minutes=1), tick=False):
        assert await care_team_jobs.followups_once(services) == 1
    assert sum("Reminder: follow-up F-1" in t for t in await _pushed(harness, THERAPIST)) == 1
    await harness.restart()
    services = harness.app.bot_data["services"]
    with time_machine.travel(T0 + dt.timedelta(hours=72, minutes=1), tick=False):
        assert await care_team_jobs.followups_once(services) == 1
        assert services.delivery.wake.is_set()
    escalated = [t for t in await _pushed(harness, STAFF) if "F-1" in t]
    assert len(escalated) == 1 and "on call" in escalated[0]
    # The person told can close it.
    assert await harness.press(STAFF, FollowUpDone(followup_id=1).pack()) == [texts.FOLLOWUP_DONE.format(followup_id=1)]
