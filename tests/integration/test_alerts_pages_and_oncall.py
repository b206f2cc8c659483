"""/alerts shows every open alert in pages, crisis first; /oncall by name, hand-over and going off call."""

from __future__ import annotations

import datetime as dt
import json

import time_machine
from sqlalchemy import select

from bot import texts
from bot.db.models import AuditEntry, OutboxMessage, Person, Role
from bot.domain.care import alerts
from bot.domain.care.buttons import AlertsPage, OnCallHandOver, OnCallHandTo, OnCallOff, OnCallTake
from tests.integration.test_alerts_flow import CLIENT, OTHER_THERAPIST, STAFF, THERAPIST, F
from tests.support.harness import Harness

T0 = dt.datetime(2026, 11, 27, 15, 0, tzinfo=dt.UTC)


async def test_alerts_lists_crisis_first_then_oldest_and_pages_past_ten(harness: Harness) -> None:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    client = await harness.enroll(CLIENT, therapist_id=therapist.id)
    ids = []
    for minute in range(12):
        with time_machine.travel(T0 + dt.timedelta(minutes=minute), tick=False):
            async with harness.db.session() as s, s.begin():
                ids.append(await alerts.raise_alert(s, client.id, [F()], source="checkin"))
    with time_machine.travel(T0 + dt.timedelta(minutes=30), tick=False):
        async with harness.db.session() as s, s.begin():
            crisis = await alerts.raise_alert(s, client.id, [F("crisis", "si", "said yes")], source="checkin")
    [first] = await harness.send(THERAPIST, "/alerts")
    lines = first.splitlines()
    assert "1–10 of 13" in lines[0]
    assert lines[1].startswith(f"A-{crisis} ") and lines[2].startswith(f"A-{ids[0]} ")  # crisis, then the oldest
    assert len(lines) == 11
    nav = harness.last(THERAPIST).buttons[-1]
    assert nav == (texts.ALERTS_NEXT, AlertsPage(page=1).pack())
    await harness.press(THERAPIST, AlertsPage(page=1).pack())
    edits = harness.req.methods("editMessageText")
    assert "11–13 of 13" in edits[-1]["text"] and f"A-{ids[-1]} " in edits[-1]["text"]


async def _staff_on_call(harness: Harness) -> tuple[Person, Person]:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST, display_name="Dr. Rivera")
    staff = await harness.enroll(STAFF, Role.STAFF, display_name="Casey")
    await harness.press(STAFF, OnCallTake(shift=0).pack())
    return therapist, staff


async def test_oncall_shows_the_holders_name_and_gives_the_holder_hand_over_and_off_buttons(harness: Harness) -> None:
    therapist, _ = await _staff_on_call(harness)
    [seen] = await harness.send(THERAPIST, "/oncall")
    assert "Casey (S-" in seen
    assert [label for label, _ in harness.last(THERAPIST).buttons] == [texts.ONCALL_TAKE]
    await harness.send(STAFF, "/oncall")
    assert [label for label, _ in harness.last(STAFF).buttons] == [texts.ONCALL_HAND_OVER, texts.ONCALL_GO_OFF]
    # Only the holder may hand over.
    assert await harness.press(THERAPIST, OnCallHandOver(shift=1).pack()) == [texts.ONCALL_NOT_HOLDER]
    [pick] = await harness.press(STAFF, OnCallHandOver(shift=1).pack())
    assert pick == texts.ONCALL_PICK
    assert ("Dr. Rivera (T-" in harness.last(STAFF).buttons[0][0]) and len(harness.last(STAFF).buttons) == 1
    [done] = await harness.press(STAFF, OnCallHandTo(shift=1, person_id=therapist.id).pack())
    assert "Dr. Rivera" in done
    async with harness.db.session() as s:
        told = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == THERAPIST))).scalars().all()
        actions = list((await s.execute(select(AuditEntry.action))).scalars())
    assert any("Casey" in json.loads(m.payload)["text"] and "handed on-call to you" in json.loads(m.payload)["text"]
               for m in told)  # fmt: skip
    assert "oncall.handover" in actions
    # A stale pick (the shift changed) is caught.
    stale = await harness.press(STAFF, OnCallHandTo(shift=1, person_id=therapist.id).pack())
    assert stale[0].startswith(texts.ONCALL_STALE)


async def test_the_holder_goes_off_call_and_then_a_crisis_tells_the_admins_plainly(harness: Harness) -> None:
    _, _ = await _staff_on_call(harness)
    await harness.enroll(OTHER_THERAPIST, Role.ADMIN, display_name="Avery")
    assert await harness.press(STAFF, OnCallOff(shift=1).pack()) == [texts.ONCALL_OFF_DONE]
    assert await harness.send(STAFF, "/oncall") == [texts.ONCALL_NOBODY]
    client = await harness.enroll(CLIENT)  # no therapist
    async with harness.db.session() as s, s.begin():
        alert_id = await alerts.raise_alert(s, client.id, [F("crisis", "si", "said yes")], source="checkin")
    async with harness.db.session() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == OTHER_THERAPIST))).scalars()
        pushed = [json.loads(r.payload)["text"] for r in rows if f"A-{alert_id}" in r.payload]
    assert len(pushed) == 1 and "Nobody is on call" in pushed[0] and "0 min" not in pushed[0]
