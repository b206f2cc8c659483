"""Who may see what: alert access follows the assignment and the on-call shift, never a past push."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import time_machine
from sqlalchemy import select

from bot import texts
from bot.db.models import AuditEntry, CareQuestion, Role
from bot.domain.care import alerts
from bot.domain.care.buttons import AlertAck, AlertView, OnCallTake, QuestionView
from tests.support.harness import Harness

FORMER, NEW, ONCALL_A, ONCALL_B, STAFF, CLIENT = 811, 812, 813, 814, 815, 111
T0 = dt.datetime(2027, 2, 1, 15, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class F:
    severity: str = "high"
    rule: str = "craving_high"
    explanation: str = "craving 9, 7-day mean 3"


async def _team(harness: Harness) -> int:
    former = await harness.enroll(FORMER, Role.THERAPIST)
    await harness.enroll(NEW, Role.THERAPIST)
    await harness.enroll(STAFF, Role.STAFF)
    client = await harness.enroll(CLIENT, therapist_id=former.id)
    return client.id


async def _raise(harness: Harness, client_id: int) -> int:
    async with harness.db.session() as s, s.begin():
        alert_id = await alerts.raise_alert(s, client_id, [F()], source="checkin")
    assert alert_id is not None
    return alert_id


async def test_after_assign_the_former_therapist_can_no_longer_view_or_acknowledge(harness: Harness) -> None:
    client_id = await _team(harness)
    alert_id = await _raise(harness, client_id)  # pushed to the former therapist
    await harness.send(CLIENT, "/ask can we move my session")
    qid = await _question_id(harness)
    code = (await harness.person(CLIENT)).code  # type: ignore[union-attr]
    new_code = (await harness.person(NEW)).code  # type: ignore[union-attr]
    await harness.send(STAFF, f"/assign {code} {new_code}")

    assert await harness.press(FORMER, AlertView(alert_id=alert_id).pack()) == [texts.ALERT_NOT_YOURS]
    assert await harness.press(FORMER, AlertAck(alert_id=alert_id).pack()) == [texts.ALERT_NOT_YOURS]
    assert await harness.press(FORMER, QuestionView(question_id=qid).pack()) == [texts.QUESTION_NOT_YOURS]
    assert "A-" not in " ".join(await harness.send(FORMER, "/alerts"))
    later = await _raise(harness, client_id)  # what the client writes after the move
    assert await harness.press(FORMER, AlertView(alert_id=later).pack()) == [texts.ALERT_NOT_YOURS]
    shown = await harness.press(NEW, AlertView(alert_id=alert_id).pack())
    assert shown and "craving 9" in shown[0]


async def _question_id(harness: Harness) -> int:
    async with harness.db.session() as s:
        return (await s.execute(select(CareQuestion.id))).scalar_one()


async def test_oncall_access_lasts_only_while_on_call_and_is_audited(harness: Harness) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        client_id = await _team(harness)
        a = await harness.enroll(ONCALL_A, Role.THERAPIST)
        await harness.enroll(ONCALL_B, Role.THERAPIST)
        assert await harness.press(ONCALL_A, OnCallTake(shift=0).pack()) == [texts.ONCALL_TAKEN]
        alert_id = await _raise(harness, client_id)
        assert await harness.press(ONCALL_A, AlertView(alert_id=alert_id).pack()) == [texts.ALERT_NOT_YOURS]
        clock.shift(dt.timedelta(hours=4, minutes=1))  # nobody acknowledged: on to on-call
        assert await alerts.escalate_due(harness.db) == 1
        shown = await harness.press(ONCALL_A, AlertView(alert_id=alert_id).pack())
        assert shown and "craving 9" in shown[0]
        assert f"A-{alert_id}" in " ".join(await harness.send(ONCALL_A, "/alerts"))

        assert await harness.press(ONCALL_B, OnCallTake(shift=1).pack()) == [texts.ONCALL_TAKEN]  # hand-over
        assert await harness.press(ONCALL_A, AlertView(alert_id=alert_id).pack()) == [texts.ALERT_NOT_YOURS]
        assert await harness.press(ONCALL_A, AlertAck(alert_id=alert_id).pack()) == [texts.ALERT_NOT_YOURS]
        assert f"A-{alert_id}" not in " ".join(await harness.send(ONCALL_A, "/alerts"))
        assert (await harness.press(ONCALL_B, AlertView(alert_id=alert_id).pack()))[0] != texts.ALERT_NOT_YOURS
    async with harness.db.session() as s:
        views = (await s.execute(select(AuditEntry).where(AuditEntry.action == "alert.view"))).scalars().all()
        denied = (await s.execute(select(AuditEntry).where(AuditEntry.action == "alert.view_denied"))).scalars()
    assert a.id in {v.actor_person_id for v in views if '"oncall"' in v.detail}
    assert a.id in {d.actor_person_id for d in denied}
