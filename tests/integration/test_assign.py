"""/assign: staff give a client a therapist; open alerts and questions move to the new one."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from bot import texts
from bot.db.models import Alert, ClientProfile, OutboxMessage, Role
from bot.domain.care import alerts
from bot.domain.care.buttons import AssignPick
from tests.support.harness import Harness

STAFF, OLD, NEW, CLIENT = 661, 561, 562, 161


@dataclass(frozen=True)
class F:
    severity: str = "high"
    rule: str = "reported_use"
    explanation: str = "reported use"


async def test_reassigning_moves_open_alerts_and_tells_the_new_therapist(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    old = await harness.enroll(OLD, Role.THERAPIST)
    new = await harness.enroll(NEW, Role.THERAPIST)
    client = await harness.enroll(CLIENT, therapist_id=old.id)
    async with harness.db.session() as s, s.begin():
        alert_id = await alerts.raise_alert(s, client.id, [F()], source="checkin")
    picked = await harness.send(STAFF, f"/assign {client.code}")
    assert client.code in picked[0] and old.code in picked[0]
    buttons = dict(harness.last(STAFF).buttons)
    data = next(d for label, d in buttons.items() if label.startswith(new.code))
    assert await harness.press(STAFF, data) == [
        texts.ASSIGN_DONE.format(client=client.code, therapist=new.code) + " Moved to them: 1 open alert."
    ]
    async with harness.db.session() as s:
        assert (await s.get(ClientProfile, client.id)).therapist_id == new.id
        assert (await s.get(Alert, alert_id)).therapist_id == new.id
        pushes = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == NEW))).scalars().all()
    assert len(pushes) == 1 and client.code in json.loads(pushes[0].payload)["text"]
    again = await harness.send(STAFF, f"/assign {client.code} {new.code}")
    assert again == [texts.ASSIGN_UNCHANGED.format(client=client.code, therapist=new.code)]


async def test_bad_codes_and_roles_get_clear_answers(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    therapist = await harness.enroll(OLD, Role.THERAPIST)
    client = await harness.enroll(CLIENT)
    assert await harness.send(STAFF, "/assign") == [texts.ASSIGN_USAGE]
    assert await harness.send(STAFF, "/assign C-0000") == [texts.ASSIGN_NO_CLIENT.format(code="C-0000")]
    assert await harness.send(STAFF, f"/assign {client.code} {client.code}") == [
        texts.ASSIGN_NO_THERAPIST.format(code=client.code)
    ]
    forged = AssignPick(client_id=9999, therapist_id=therapist.id).pack()
    assert await harness.press(STAFF, forged) == [texts.ASSIGN_STALE]
    refused = await harness.send(OLD, f"/assign {client.code} {therapist.code}")
    assert len(refused) == 1 and "/assign" in refused[0]
