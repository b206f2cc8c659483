"""'Ask my care team' is always the private thread: the question reaches the therapist, never the FAQ."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot import texts
from bot.db.models import CareQuestion, OutboxMessage, Role
from bot.domain.care.buttons import QuestionView
from tests.support.checkin import tap
from tests.support.harness import Harness

CLIENT, THERAPIST = 141, 541
QUESTION = "what time is group on thursday"  # the FAQ would answer this, were it asked there
UNKNOWN = "can my sister come to the family day with her baby"


async def _questions(harness: Harness) -> list[str]:
    async with harness.db.session() as s:
        return [q.text for q in (await s.execute(select(CareQuestion).order_by(CareQuestion.id))).scalars()]


async def _pushes(harness: Harness, chat_id: int) -> list[dict]:  # type: ignore[type-arg]
    async with harness.db.session() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == chat_id))).scalars()
        return [json.loads(r.payload) for r in rows]


async def _enroll(harness: Harness) -> None:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    await harness.enroll(CLIENT, therapist_id=therapist.id)


async def test_ask_my_care_team_from_not_sure_sends_the_question_behind_view(harness: Harness) -> None:
    await _enroll(harness)
    await harness.send(CLIENT, UNKNOWN)
    told = await tap(harness, CLIENT, texts.FAQ_ASK_TEAM_BUTTON)
    assert told and UNKNOWN not in told[-1]
    assert await _questions(harness) == [UNKNOWN]
    push = (await _pushes(harness, THERAPIST))[-1]
    assert "sister" not in push["text"]  # the code only on the lock screen
    view = push["buttons"][0][0][1]
    assert QuestionView.matches(view)
    shown = await harness.press(THERAPIST, view)
    assert UNKNOWN in shown[0]


async def test_an_ask_question_is_never_answered_as_an_faq_with_settings_open(harness: Harness) -> None:
    await _enroll(harness)
    await harness.send(CLIENT, "/settings")
    await tap(harness, CLIENT, texts.SETTINGS_TIME_BUTTON)  # settings now waits for a time
    await harness.send(CLIENT, "/ask")
    assert await harness.send(CLIENT, QUESTION) == [texts.QUESTION_SENT]
    assert await _questions(harness) == [QUESTION]


async def test_ask_with_the_question_on_the_command_line_sends_it_at_once(harness: Harness) -> None:
    await _enroll(harness)
    assert await harness.send(CLIENT, f"/ask {QUESTION}") == [texts.QUESTION_SENT]
    assert await _questions(harness) == [QUESTION]
    after = await harness.send(CLIENT, "what time is group")  # the next message is an FAQ question again
    assert texts.QUESTION_SENT not in after
    assert await _questions(harness) == [QUESTION]


async def test_the_message_after_a_question_is_not_taken_as_the_question(harness: Harness) -> None:
    await _enroll(harness)
    await harness.send(CLIENT, "/ask")
    await harness.send(CLIENT, "/checkin")  # changed their mind: the check-in takes over
    await harness.send(CLIENT, "5")
    await harness.send(CLIENT, "/ask")
    await harness.send(CLIENT, QUESTION)
    await harness.send(CLIENT, "thanks")
    assert await _questions(harness) == [QUESTION]
