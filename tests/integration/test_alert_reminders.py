"""An alert nobody acknowledges is never left at the end of the chain: its holders and the admins
are reminded at an interval, with the minutes it has been open, until someone acknowledges.
The timer is the alert's row, so a restart loses nothing. Time is controlled, never slept."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import time_machine
from sqlalchemy import select

from bot import texts
from bot.db.models import Alert, OutboxMessage, Role
from bot.domain.care import alert_delivery, alerts
from bot.domain.care.buttons import AlertAck, OnCallTake
from bot.services import care_team_jobs
from tests.conftest import make_settings
from tests.support.harness import Harness

CLIENT, THERAPIST, ONCALL, ADMIN = 201, 601, 602, 603
T0 = dt.datetime(2027, 3, 1, 14, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


async def _reminders(harness: Harness) -> list[tuple[int, str, str]]:
    async with harness.db.session() as s:
        stmt = select(OutboxMessage).where(OutboxMessage.kind == "alert").order_by(OutboxMessage.id)
        rows = (await s.execute(stmt)).scalars().all()
    return [(r.chat_id, json.loads(r.payload)["text"], r.status) for r in rows if "Reminder" in r.payload]


async def _escalate(harness: Harness) -> int:
    return await care_team_jobs.escalate_once(harness.app.bot_data["services"])


async def test_an_unacknowledged_alert_is_reminded_until_acknowledged_across_a_restart(harness: Harness) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        await harness.enroll(ADMIN, Role.ADMIN)
        therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
        client = await harness.enroll(CLIENT, therapist_id=therapist.id)
        await harness.enroll(ONCALL, Role.THERAPIST)
        await harness.press(ONCALL, OnCallTake(shift=0).pack())
        await harness.send(CLIENT, "i want to kill myself")  # therapist and on-call at once
        async with harness.db.session() as s, s.begin():
            alert_id = (await s.execute(select(Alert.id))).scalar_one()
            await alert_delivery.push_delivered(s, alert_id, therapist.id, T0)  # Telegram took a push

        clock.shift(15 * MINUTE)
        assert await _escalate(harness) == 1  # on to the admins: the end of the chain
        assert await _reminders(harness) == []
        clock.shift(14 * MINUTE)
        assert await _escalate(harness) == 0
        clock.shift(MINUTE)
        assert await _escalate(harness) == 1
        first = texts.ALERT_REMINDER_PUSH.format(
            severity=texts.SEVERITY_LABEL["crisis"], alert_id=alert_id, code=client.code, minutes=30
        )
        assert sorted(chat for chat, text, _ in await _reminders(harness) if text == first) == sorted(
            [THERAPIST, ONCALL, ADMIN]
        )

        await harness.restart()  # the timer is a row: it survives
        clock.shift(15 * MINUTE)
        assert await _escalate(harness) == 1
        assert {text for _, text, _ in await _reminders(harness)} == {first, first.replace("30 min", "45 min")}
        assert await harness.press(ADMIN, AlertAck(alert_id=alert_id).pack())
        assert all(status == "cancelled" for *_, status in await _reminders(harness))  # not sent once acked

        clock.shift(60 * MINUTE)
        assert await _escalate(harness) == 0  # acknowledged: no more reminders
        assert len(await _reminders(harness)) == 6


@dataclass(frozen=True)
class High:
    severity: str = "high"
    rule: str = "craving_high"
    explanation: str = "craving 9, 7-day mean 3"


async def test_a_high_alert_is_reminded_at_its_own_interval(tmp_path: Path) -> None:
    harness = Harness(make_settings(tmp_path, alert_high_escalate_minutes=10, alert_high_reminder_minutes=45))
    await harness.start()
    try:
        with time_machine.travel(T0, tick=False) as clock:
            await harness.enroll(ADMIN, Role.ADMIN)
            therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
            client = await harness.enroll(CLIENT, therapist_id=therapist.id)
            async with harness.db.session() as s, s.begin():
                alert_id = await alerts.raise_alert(
                    s, client.id, [High()], source="checkin", policy=care_team_jobs.policy_from(harness.settings)
                )
                assert alert_id is not None
                await alert_delivery.push_delivered(s, alert_id, therapist.id, T0)
            clock.shift(10 * MINUTE)
            assert await _escalate(harness) == 1  # nobody on call: the admins, the end of the chain
            clock.shift(44 * MINUTE)
            assert await _escalate(harness) == 0
            clock.shift(MINUTE)
            assert await _escalate(harness) == 1
            assert sorted(chat for chat, text, _ in await _reminders(harness) if "open 55 min" in text) == [
                THERAPIST,
                ADMIN,
            ]
    finally:
        await harness.stop()
