"""/client and the "wrote again" pushes follow the assignment and the on-call shift, never a past push:
the rule View and Acknowledge ask (bot.domain.care.alert_access)."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot import texts
from bot.db.models import AuditEntry, OutboxMessage, Role
from bot.domain.care.buttons import OnCallTake
from conversations.common import fmt
from tests.support.harness import Harness

CLIENT, FORMER, NEW, STAFF, ONCALL_A, ONCALL_B = 181, 581, 582, 583, 584, 585
LATER = "i wrote a note to my family and put it on the table"


async def _wrote_again_to(harness: Harness) -> list[int]:
    async with harness.db.session() as s:
        stmt = select(OutboxMessage).where(OutboxMessage.kind == "alert-follow-up").order_by(OutboxMessage.id)
        rows = (await s.execute(stmt)).scalars().all()
    assert all("wrote again" in json.loads(r.payload)["text"] for r in rows)
    return sorted({r.chat_id for r in rows})


def _refused(code: str) -> list[str]:
    return [fmt(texts.CLIENT_NOT_FOUND, code=code)]


async def test_after_assign_the_former_therapist_neither_opens_the_client_nor_hears_wrote_again(
    harness: Harness,
) -> None:
    former = await harness.enroll(FORMER, Role.THERAPIST)
    new = await harness.enroll(NEW, Role.THERAPIST)
    await harness.enroll(STAFF, Role.STAFF)
    client = await harness.enroll(CLIENT, therapist_id=former.id)
    await harness.send(CLIENT, "i want to kill myself")  # the former therapist is pushed
    await harness.send(STAFF, f"/assign {client.code} {new.code}")
    await harness.send(CLIENT, LATER)  # written after the move, while the alert is open

    assert FORMER not in await _wrote_again_to(harness)
    assert NEW in await _wrote_again_to(harness)
    assert await harness.send(FORMER, f"/client {client.code}") == _refused(client.code)
    shown = await harness.send(NEW, f"/client {client.code}")
    assert shown and shown != _refused(client.code)


async def test_after_a_hand_over_only_the_current_oncall_opens_the_client_and_hears_wrote_again(
    harness: Harness,
) -> None:
    therapist = await harness.enroll(FORMER, Role.THERAPIST)
    client = await harness.enroll(CLIENT, therapist_id=therapist.id)
    a = await harness.enroll(ONCALL_A, Role.THERAPIST)
    b = await harness.enroll(ONCALL_B, Role.THERAPIST)
    await harness.press(ONCALL_A, OnCallTake(shift=0).pack())
    await harness.send(CLIENT, "i want to kill myself")  # a crisis: on-call is told at once
    shown = await harness.send(ONCALL_A, f"/client {client.code}")
    assert shown and shown != _refused(client.code)

    assert await harness.press(ONCALL_B, OnCallTake(shift=1).pack()) == [texts.ONCALL_TAKEN]  # hand-over
    assert await harness.send(ONCALL_A, f"/client {client.code}") == _refused(client.code)
    shown = await harness.send(ONCALL_B, f"/client {client.code}")
    assert shown and shown != _refused(client.code)
    await harness.send(CLIENT, LATER)
    assert await _wrote_again_to(harness) == sorted([FORMER, ONCALL_B])

    async with harness.db.session() as s:
        stmt = select(AuditEntry).where(AuditEntry.action.in_(["client.view", "client.view_denied"]))
        looks = [(e.action, e.actor_person_id) for e in (await s.execute(stmt)).scalars()]
    assert ("client.view", b.id) in looks and ("client.view_denied", a.id) in looks  # audited both ways
