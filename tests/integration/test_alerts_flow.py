"""The care team's side of an alert, through the real Application: View, Acknowledge, /alerts, /oncall."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from bot import texts
from bot.db.models import Alert, AuditEntry, OutboxMessage, Role
from bot.domain.care import alerts
from bot.domain.care.buttons import AlertAck, AlertView, OnCallTake
from tests.support.harness import Harness

THERAPIST, OTHER_THERAPIST, STAFF, CLIENT = 501, 502, 601, 101


@dataclass(frozen=True)
class F:
    severity: str = "high"
    rule: str = "craving_high"
    explanation: str = "craving 9, 7-day mean 3"


async def _setup(harness: Harness) -> tuple[int, int]:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    await harness.enroll(OTHER_THERAPIST, Role.THERAPIST)
    await harness.enroll(STAFF, Role.STAFF)
    client = await harness.enroll(CLIENT, therapist_id=therapist.id)
    async with harness.db.session() as s, s.begin():
        alert_id = await alerts.raise_alert(s, client.id, [F()], source="checkin")
    assert alert_id is not None
    return alert_id, client.id


async def test_therapist_views_then_acknowledges_and_a_second_tap_says_who_did(harness: Harness) -> None:
    alert_id, _client_id = await _setup(harness)
    await harness.delivery.run_once()  # the push reaches the therapist: the client's first receipt is queued
    shown = await harness.press(THERAPIST, AlertView(alert_id=alert_id).pack())
    assert any("craving 9, 7-day mean 3" in t and "Not acknowledged yet" in t for t in shown)
    done = await harness.press(THERAPIST, AlertAck(alert_id=alert_id).pack())
    assert done == [texts.ALERT_ACK_DONE.format(alert_id=alert_id)]
    async with harness.db.session() as s:
        alert = await s.get(Alert, alert_id)
        assert alert is not None and alert.status == "acknowledged" and alert.next_escalation_at is None
        receipts = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == CLIENT))).scalars()
        assert [json.loads(r.payload)["text"] for r in receipts] == [
            texts.CLIENT_RECEIPT_TOLD,
            texts.CLIENT_RECEIPT_ACKED,
        ]
        actions = list((await s.execute(select(AuditEntry.action))).scalars())
    assert "alert.view" in actions and "alert.ack" in actions
    again = await harness.press(THERAPIST, AlertAck(alert_id=alert_id).pack())
    assert len(again) == 1 and "already acknowledged" in again[0]


async def test_another_therapist_sees_nothing_of_someone_elses_client(harness: Harness) -> None:
    alert_id, _ = await _setup(harness)
    assert await harness.press(OTHER_THERAPIST, AlertView(alert_id=alert_id).pack()) == [texts.ALERT_NOT_YOURS]
    assert await harness.press(OTHER_THERAPIST, AlertAck(alert_id=alert_id).pack()) == [texts.ALERT_NOT_YOURS]
    assert await harness.send(OTHER_THERAPIST, "/alerts") == [texts.ALERTS_NONE]


async def test_alerts_lists_open_ones_and_clients_may_not_ask(harness: Harness) -> None:
    alert_id, _ = await _setup(harness)
    listed = await harness.send(THERAPIST, "/alerts")
    assert len(listed) == 1 and f"A-{alert_id}" in listed[0] and "craving" not in listed[0]
    refused = await harness.send(CLIENT, "/alerts")
    assert len(refused) == 1 and "/alerts" in refused[0]


async def test_taking_oncall_tells_the_previous_person_and_a_stale_button_is_caught(harness: Harness) -> None:
    await _setup(harness)
    assert await harness.send(STAFF, "/oncall") == [texts.ONCALL_NOBODY]
    assert await harness.press(STAFF, OnCallTake(shift=0).pack()) == [texts.ONCALL_TAKEN]
    assert await harness.press(STAFF, OnCallTake(shift=1).pack()) == [texts.ONCALL_ALREADY]
    stale = await harness.press(THERAPIST, OnCallTake(shift=0).pack())  # shown before staff took it
    assert len(stale) == 1 and stale[0].startswith(texts.ONCALL_STALE)
    assert await harness.press(THERAPIST, OnCallTake(shift=1).pack()) == [texts.ONCALL_TAKEN]
    async with harness.db.session() as s:
        notice = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == STAFF))).scalars().all()
    assert [json.loads(n.payload)["text"].split(" took over")[0] for n in notice][-1].startswith("T-")


async def test_the_digest_button_lists_only_not_urgent_open_items(harness: Harness) -> None:
    from bot.domain.care.buttons import DigestView

    alert_id, client_id = await _setup(harness)  # one high alert
    async with harness.db.session() as s, s.begin():
        medium = await alerts.raise_alert(s, client_id, [F("medium", "mood_low_3_days", "mood low")], source="planner")
    shown = await harness.press(THERAPIST, DigestView(day="2026-11-27").pack())
    assert len(shown) == 1 and f"A-{medium}" in shown[0] and f"A-{alert_id} " not in shown[0]


async def test_the_care_team_job_escalates_and_wakes_delivery(harness: Harness) -> None:
    import datetime as dt

    import time_machine

    from bot.services import care_team_jobs

    await _setup(harness)
    services = harness.app.bot_data["services"]
    assert await care_team_jobs.escalate_once(services) == 0
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=4, minutes=1)):
        assert await care_team_jobs.escalate_once(services) == 1
    assert services.delivery.wake.is_set()
