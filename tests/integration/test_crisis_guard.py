"""The crisis guard, through the real Application: every text, caption and edit is screened first,
the reply never waits and is never lost, and the care team is told."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from sqlalchemy import select

from bot import texts
from bot.db.models import Alert, OutboxMessage, Role
from bot.domain.safety import plan
from bot.domain.safety.buttons import CrisisAnswer
from bot.domain.safety.plan import Section
from bot.services import replies as reply_service
from conversations.common import fmt
from conversations.settings import Choice, SettingsButton
from tests.support import tg
from tests.support.harness import Harness

CLIENT, THERAPIST = 121, 521


async def _client_with_therapist(harness: Harness) -> int:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    client = await harness.enroll(CLIENT, therapist_id=therapist.id)
    return client.id


async def _alerts(harness: Harness) -> list[tuple[str, int]]:
    async with harness.db.session() as s:
        return [(a.severity, a.level) for a in (await s.execute(select(Alert).order_by(Alert.id))).scalars()]


async def _outbox(harness: Harness) -> list[tuple[int, str]]:
    async with harness.db.session() as s:
        rows = (await s.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars()
        return [(r.chat_id, r.kind) for r in rows]


async def test_explicit_message_gets_lines_then_own_plan_and_the_therapist_is_alerted(harness: Harness) -> None:
    client_id = await _client_with_therapist(harness)
    async with harness.db.session() as s, s.begin():
        await plan.set_section(s, client_id, Section.PEOPLE, "my sponsor Lee 555 0199")
    replies = await harness.send(CLIENT, "i want to kill myself")
    assert len(replies) == 2
    assert "988" in replies[0]  # the lines come first, before any database read
    assert "my sponsor Lee 555 0199" in replies[1]
    assert await _alerts(harness) == [("crisis", 2)]  # therapist, and (nobody on call) the admins at once
    assert texts.CRISIS_TELLING_TEAM in replies[0]  # not yet "has been told": nothing is delivered
    assert (THERAPIST, "alert") in await _outbox(harness) and (CLIENT, "receipt") not in await _outbox(harness)
    await harness.delivery.run_once()  # the therapist's phone gets the push ...
    await harness.delivery.run_once()
    assert harness.req.texts(CLIENT)[-1] == texts.CLIENT_RECEIPT_TOLD  # ... and only then the client hears so


async def test_a_photo_caption_is_screened(harness: Harness) -> None:
    await _client_with_therapist(harness)
    replies = await harness.push(CLIENT, tg.photo(harness.bot, CLIENT, caption="going to end my life tonight"))
    assert len(replies) == 1 and "988" in replies[0]
    assert await _alerts(harness) == [("crisis", 2)]


async def test_an_edited_message_is_screened_without_the_edits_note(harness: Harness) -> None:
    await _client_with_therapist(harness)
    replies = await harness.push(CLIENT, tg.edited(harness.bot, CLIENT, "i want to die"))
    assert len(replies) == 1 and "988" in replies[0] and texts.EDIT_IGNORED not in replies


async def test_possible_message_asks_plainly_and_yes_raises_a_crisis(harness: Harness) -> None:
    await _client_with_therapist(harness)
    replies = await harness.send(CLIENT, "im not okay")
    assert len(replies) == 1 and "988" in replies[0] and "hurting yourself" in replies[0]
    assert [d for _, d in harness.last(CLIENT).buttons] == [
        CrisisAnswer(yes=True).pack(),
        CrisisAnswer(yes=False).pack(),
    ]
    assert await _alerts(harness) == [("medium", 0)]  # kept for the therapist's review, nobody woken
    after = await harness.press(CLIENT, CrisisAnswer(yes=True).pack())
    assert "988" in after[0]
    assert await _alerts(harness) == [("crisis", 2)]  # the same episode, raised to a crisis and pushed


async def test_no_im_safe_still_shows_the_lines(harness: Harness) -> None:
    await _client_with_therapist(harness)
    await harness.send(CLIENT, "i cant do this anymore")
    after = await harness.press(CLIENT, CrisisAnswer(yes=False).pack())
    assert after == [fmt(texts.CRISIS_AFTER_NO, crisis_lines=harness.settings.crisis_lines)]
    assert await _alerts(harness) == [("medium", 0)]


@pytest.mark.parametrize(
    ("text", "words", "severity"),
    [
        ("gonna use tonight", "Urges rise", "high"),
        ("my friend isnt breathing i think he overdosed", "naloxone", "crisis"),
        ("my husband hit me again", "A confidential line", "high"),
        ("quiero morir", "988", "crisis"),
    ],
)
async def test_each_situation_gets_its_own_reply_and_flag(
    harness: Harness, text: str, words: str, severity: str
) -> None:
    await _client_with_therapist(harness)
    replies = await harness.send(CLIENT, text)
    assert words in replies[0] and "988" in replies[0]
    assert [s for s, _ in await _alerts(harness)] == [severity]


async def test_figures_of_speech_are_not_a_crisis(harness: Harness) -> None:
    await _client_with_therapist(harness)
    for text in ("this traffic is killing me", "I killed it at work today", "dying to know the group times"):
        replies = await harness.send(CLIENT, text)
        assert not any("988" in r for r in replies), text
    assert await _alerts(harness) == []


async def test_a_stranger_gets_the_lines_and_no_alert_is_raised(harness: Harness) -> None:
    replies = await harness.send(4444, "i want to kill myself")
    assert "988" in replies[0]
    assert await _alerts(harness) == []


async def test_a_failing_send_is_retried(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reply_service, "RETRY_PAUSES", (0, 0))
    await _client_with_therapist(harness)
    harness.req.faults.add(502, count=2, method="sendMessage", chat_id=CLIENT)
    replies = await harness.send(CLIENT, "i want to kill myself")
    assert "988" in replies[0]
    assert (CLIENT, "crisis-reply") not in await _outbox(harness)


async def test_a_reply_telegram_keeps_refusing_goes_to_the_outbox(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reply_service, "RETRY_PAUSES", (0, 0))
    await _client_with_therapist(harness)
    harness.req.faults.add("hang", count=10, method="sendMessage", chat_id=CLIENT)
    await harness.send(CLIENT, "i want to kill myself")
    async with harness.db.session() as s:
        row = (await s.execute(select(OutboxMessage).where(OutboxMessage.kind == "crisis-reply"))).scalar_one()
    assert row.chat_id == CLIENT and "988" in json.loads(row.payload)["text"]
    assert await _alerts(harness) == [("crisis", 2)]  # the care team is told all the same


async def test_the_exchange_ends_by_itself_and_the_open_step_answers_again(harness: Harness) -> None:
    await _client_with_therapist(harness)
    await harness.send(CLIENT, "/settings")
    await harness.press(CLIENT, SettingsButton(Choice.TIME).pack())
    await harness.send(CLIENT, "i want to kill myself")
    assert await harness.send(CLIENT, "around dinner maybe") == [texts.CRISIS_FOLLOW_UP]  # no time: the team's
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=31)):
        assert "around dinner maybe" in (await harness.send(CLIENT, "around dinner maybe"))[0]  # asked again
