"""Follow-ups are never lost: what a client writes during the crisis exchange is kept with their
alert (encrypted), also after it was acknowledged, and whoever holds the alert hears "wrote again"."""

from __future__ import annotations

import json

from sqlalchemy import select, text

from bot import texts
from bot.db.models import Alert, FlagRecord, OutboxMessage, Role
from bot.domain.care.buttons import AlertAck
from tests.support.harness import Harness

CLIENT, THERAPIST, ADMIN = 151, 551, 651
WORDS = "are you there, it is getting worse"


async def _setup(harness: Harness) -> str:
    await harness.enroll(ADMIN, Role.ADMIN)
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    client = await harness.enroll(CLIENT, therapist_id=therapist.id)
    await harness.send(CLIENT, "i want to kill myself")
    return client.code


async def _follow_ups(harness: Harness) -> list[tuple[int | None, str]]:
    async with harness.db.session() as s:
        rows = (await s.execute(select(FlagRecord).where(FlagRecord.rule == "follow_up"))).scalars()
        return [(f.alert_id, f.explanation) for f in rows]


async def _pushes(harness: Harness) -> list[tuple[int, str]]:
    async with harness.db.session() as s:
        stmt = select(OutboxMessage).where(OutboxMessage.kind == "alert-follow-up").order_by(OutboxMessage.id)
        return [(r.chat_id, json.loads(r.payload)["text"]) for r in (await s.execute(stmt)).scalars()]


async def test_a_message_after_the_acknowledgement_is_kept_and_the_acknowledger_told(harness: Harness) -> None:
    code = await _setup(harness)
    async with harness.db.session() as s:
        alert_id = (await s.execute(select(Alert.id))).scalar_one()
    await harness.press(THERAPIST, AlertAck(alert_id=alert_id).pack())
    assert await harness.send(CLIENT, WORDS) == [texts.CRISIS_FOLLOW_UP]
    assert await _follow_ups(harness) == [(alert_id, f"then wrote: “{WORDS}”")]
    assert await _pushes(harness) == [(THERAPIST, texts.ALERT_WROTE_AGAIN.format(code=code, alert_id=alert_id))]
    async with harness.db.session() as s:
        stored = (await s.execute(text("select explanation from flag where rule = 'follow_up'"))).scalar_one()
    assert WORDS not in stored  # encrypted at rest


async def test_a_message_while_the_alert_is_open_tells_everyone_who_has_it(harness: Harness) -> None:
    await _setup(harness)
    await harness.send(CLIENT, WORDS)
    assert len(await _follow_ups(harness)) == 1
    assert sorted(chat for chat, _ in await _pushes(harness)) == [THERAPIST, ADMIN]
    assert all("wrote again" in t and WORDS not in t for _, t in await _pushes(harness))  # lock screens
