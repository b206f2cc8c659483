"""The whole chain: check-in → flag → alert → View → Acknowledge → client receipt; and missed days."""

from __future__ import annotations

import datetime as dt
import json

import time_machine
from sqlalchemy import select

from bot import texts
from bot.db.models import Alert, FlagRecord, OutboxMessage, Role
from bot.domain.care.buttons import AlertAck, AlertView
from bot.services import care_team_jobs
from tests.support.checkin import GOOD_DAY, check_in
from tests.support.harness import Harness

CLIENT, THERAPIST = 141, 541
HIGH_CRAVING = ("9", "🙂", "No", "Well", "Skip", "No")
USED = ("3", "🙂", "Yes", "Well", "Skip", "No")
SAFETY_YES = ("3", "🙂", "No", "Well", "Skip", "Yes")


async def _setup(harness: Harness) -> None:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    await harness.enroll(CLIENT, therapist_id=therapist.id)


async def _alerts(harness: Harness) -> list[tuple[str, list[str]]]:
    async with harness.db.session() as s:
        out = []
        for a in (await s.execute(select(Alert).order_by(Alert.id))).scalars():
            rules = (await s.execute(select(FlagRecord.rule).where(FlagRecord.alert_id == a.id))).scalars()
            out.append((a.severity, sorted(rules)))
        return out


async def _to(harness: Harness, chat_id: int) -> list[dict]:  # type: ignore[type-arg]
    async with harness.db.session() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == chat_id))).scalars()
        return [json.loads(r.payload) for r in rows]


async def test_high_craving_reaches_the_therapist_who_acknowledges_and_the_client_hears(harness: Harness) -> None:
    await _setup(harness)
    await check_in(harness, CLIENT, HIGH_CRAVING)
    assert await _alerts(harness) == [("high", ["high_craving"])]
    await harness.delivery.run_once()  # delivered: now the client may hear their team was told
    push = (await _to(harness, THERAPIST))[-1]
    assert "9" not in push["text"].split("A-")[0] and "craving" not in push["text"]  # code and severity only
    alert_id = AlertView.parse(push["buttons"][0][0][1]).alert_id
    shown = await harness.press(THERAPIST, AlertView(alert_id=alert_id).pack())
    assert "craving 9" in shown[0]
    await harness.press(THERAPIST, AlertAck(alert_id=alert_id).pack())
    assert [m["text"] for m in await _to(harness, CLIENT)][-2:] == [
        texts.CLIENT_RECEIPT_TOLD,
        texts.CLIENT_RECEIPT_ACKED,
    ]


async def test_reported_use_then_the_safety_question_raise_one_alert_high_then_crisis(harness: Harness) -> None:
    await _setup(harness)
    await check_in(harness, CLIENT, USED)
    assert await _alerts(harness) == [("high", ["reported_use"])]
    await check_in(harness, CLIENT, SAFETY_YES)  # the same day, minutes later: the same episode, now a crisis
    assert await _alerts(harness) == [("crisis", ["asked_said_yes", "reported_use", "safety_yes"])]


async def test_editing_the_same_check_in_raises_nothing_twice(harness: Harness) -> None:
    await _setup(harness)
    await check_in(harness, CLIENT, HIGH_CRAVING)
    await check_in(harness, CLIENT, HIGH_CRAVING)
    assert await _alerts(harness) == [("high", ["high_craving"])]


async def test_a_good_day_raises_nothing(harness: Harness) -> None:
    await _setup(harness)
    await check_in(harness, CLIENT, GOOD_DAY)
    assert await _alerts(harness) == []


async def test_three_days_without_a_check_in_is_flagged_once_for_the_digest(harness: Harness) -> None:
    await _setup(harness)
    await check_in(harness, CLIENT, GOOD_DAY)
    services = harness.app.bot_data["services"]
    start = dt.datetime.now(dt.UTC)
    assert await care_team_jobs.missed_once(services, start + dt.timedelta(days=2)) == 0
    assert await care_team_jobs.missed_once(services, start + dt.timedelta(days=3, hours=1)) == 1
    assert await care_team_jobs.missed_once(services, start + dt.timedelta(days=4, hours=1)) == 0  # same run
    assert await _alerts(harness) == [("medium", ["missed_checkins"])]
    assert await _to(harness, THERAPIST) == []  # medium: the digest, not a push
    with time_machine.travel(start + dt.timedelta(days=5)):
        await check_in(harness, CLIENT, GOOD_DAY)
    assert await care_team_jobs.missed_once(services, start + dt.timedelta(days=8, hours=2)) == 1  # a new run
