"""A paused or former client whose explicit crisis words reached on-call: while that alert is open,
whatever they write is kept with it (encrypted) and on-call hears "wrote again"; the reply says who
sees it. Once the alert is acknowledged, the paused wording applies again."""

from __future__ import annotations

import html
import json

import pytest
from sqlalchemy import select, text

from bot import texts
from bot.core.clock import now
from bot.db.models import Alert, FlagRecord, OutboxMessage, Person, Role
from bot.domain.care.buttons import AlertAck, OnCallTake
from conversations.common import fmt
from tests.support.harness import Harness

CLIENT, THERAPIST, ONCALL = 191, 591, 691
WORDS = "are you there, nobody is answering me"


async def _paused_after_a_crisis(harness: Harness, how: str) -> int:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    await harness.enroll(CLIENT, therapist_id=therapist.id)
    await harness.enroll(ONCALL, Role.STAFF)
    await harness.press(ONCALL, OnCallTake(shift=0).pack())
    if how == "stop":
        await harness.send(CLIENT, "/stop")
    else:
        async with harness.db.session() as s, s.begin():
            person = (await s.execute(select(Person).where(Person.telegram_id == CLIENT))).scalar_one()
            person.active, person.deactivated_at = False, now()
    await harness.send(CLIENT, "i want to kill myself")  # explicit: on-call is told, not the therapist
    async with harness.db.session() as s:
        return (await s.execute(select(Alert.id))).scalar_one()


async def _wrote_again_to(harness: Harness) -> list[int]:
    async with harness.db.session() as s:
        stmt = select(OutboxMessage).where(OutboxMessage.kind == "alert-follow-up")
        rows = (await s.execute(stmt)).scalars().all()
    assert all("wrote again" in json.loads(r.payload)["text"] and WORDS not in r.payload for r in rows)
    return [r.chat_id for r in rows]


async def _kept(harness: Harness) -> list[tuple[int | None, str]]:
    async with harness.db.session() as s:
        rows = (await s.execute(select(FlagRecord).where(FlagRecord.rule == "follow_up"))).scalars()
        return [(f.alert_id, f.explanation) for f in rows]


@pytest.mark.parametrize("how", ["stop", "deactivated"])
async def test_a_paused_clients_words_reach_oncall_while_the_alert_is_open(harness: Harness, how: str) -> None:
    alert_id = await _paused_after_a_crisis(harness, how)
    lines = harness.settings.crisis_lines
    assert await harness.send(CLIENT, WORDS) == [fmt(texts.CRISIS_FOLLOW_UP_ONCALL, crisis_lines=lines)]
    assert await _kept(harness) == [(alert_id, f"then wrote: “{WORDS}”")]
    assert await _wrote_again_to(harness) == [ONCALL]  # never the therapist: paused means not passed to them
    async with harness.db.session() as s:
        stored = (await s.execute(text("select explanation from flag where rule = 'follow_up'"))).scalar_one()
    assert WORDS not in stored  # encrypted at rest

    await harness.press(ONCALL, AlertAck(alert_id=alert_id).pack())
    after = await harness.send(CLIENT, "hello again")
    closed = texts.PAUSED.split("{")[0] if how == "stop" else texts.DEACTIVATED.split("{")[0]
    assert len(after) == 1 and after[0].startswith(closed)
    assert len(await _kept(harness)) == 1 and await _wrote_again_to(harness) == [ONCALL]


async def test_a_paused_client_without_an_open_alert_is_told_they_paused(harness: Harness) -> None:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    await harness.enroll(CLIENT, therapist_id=therapist.id)
    await harness.send(CLIENT, "/stop")
    reply = await harness.send(CLIENT, WORDS)
    assert len(reply) == 1 and reply[0].startswith(texts.PAUSED.split("{")[0])
    # Honest: nobody reads it, here are the lines, and how to come back.
    assert "nobody on your care team reads" in reply[0] and html.escape(harness.settings.crisis_lines) in reply[0]
    assert "/start" in reply[0]
    assert await _kept(harness) == []
