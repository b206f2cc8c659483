"""A private question thread: the client asks, the therapist views (audited) and answers, the client reads."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy import text as sql

from bot import texts
from bot.db.models import AuditEntry, OutboxMessage, Role
from bot.domain.care.buttons import AskCareTeam, QuestionAnswerShow, QuestionReply, QuestionView
from tests.support import tg
from tests.support.harness import Harness

CLIENT, THERAPIST, OTHER = 131, 531, 532
QUESTION = "Can I switch my Thursday group to the morning one?"


async def _pushes(harness: Harness, chat_id: int) -> list[dict]:  # type: ignore[type-arg]
    async with harness.db.session() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == chat_id))).scalars()
        return [json.loads(r.payload) for r in rows]


async def test_question_answer_round_trip(harness: Harness) -> None:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    await harness.enroll(OTHER, Role.THERAPIST)
    await harness.enroll(CLIENT, therapist_id=therapist.id)
    asked = await harness.press(CLIENT, AskCareTeam().pack())
    assert "clinic hours" in asked[0] and "988" in asked[0]
    assert await harness.push(CLIENT, tg.sticker(harness.bot, CLIENT)) == [texts.QUESTION_TEXT_ONLY]
    assert await harness.send(CLIENT, QUESTION) == [texts.QUESTION_SENT]

    push = (await _pushes(harness, THERAPIST))[0]
    assert "Thursday" not in push["text"] and "sent a question" in push["text"]  # the code only
    view_data = push["buttons"][0][0][1]
    assert await harness.press(OTHER, view_data) == [texts.QUESTION_NOT_YOURS]
    shown = await harness.press(THERAPIST, view_data)
    assert QUESTION in shown[0]
    qid = QuestionView.parse(view_data).question_id
    await harness.press(THERAPIST, QuestionReply(question_id=qid).pack())
    sent = await harness.send(THERAPIST, "Yes — see Maria at the front desk on Monday.")
    assert sent[0].startswith("Answer sent to C-")

    notice = (await _pushes(harness, CLIENT))[-1]
    assert notice["text"] == texts.QUESTION_ANSWERED_PUSH  # nothing of the answer on the lock screen
    read = await harness.press(CLIENT, QuestionAnswerShow(question_id=qid).pack())
    assert QUESTION in read[0] and "Maria at the front desk" in read[0]
    assert await harness.press(CLIENT + 1, QuestionAnswerShow(question_id=qid).pack()) != read
    # The thread goes on: Reply under the answer starts the client's next question to the same team.
    [(label, reply_data)] = harness.last(CLIENT).buttons
    assert label == texts.QUESTION_REPLY_BUTTON and reply_data == AskCareTeam().pack()
    await harness.press(CLIENT, reply_data)
    assert await harness.send(CLIENT, "And do I bring anything?") == [texts.QUESTION_SENT]
    assert len(await _pushes(harness, THERAPIST)) == 2

    again = await harness.press(THERAPIST, QuestionReply(question_id=qid).pack())
    assert again == [texts.QUESTION_ALREADY.format(qid=qid)]
    async with harness.db.session() as s:
        actions = list((await s.execute(select(AuditEntry.action))).scalars())
        raw = (await s.execute(sql("select text, answer from care_question order by id"))).first()
    assert {"question.ask", "question.view", "question.view_denied", "question.answer"} <= set(actions)
    assert "Thursday" not in raw[0] and "Maria" not in raw[1]  # encrypted at rest


async def test_unanswered_questions_show_in_alerts(harness: Harness) -> None:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    await harness.enroll(CLIENT, therapist_id=therapist.id)
    await harness.send(CLIENT, "/ask")
    await harness.send(CLIENT, QUESTION)
    listed = await harness.send(THERAPIST, "/alerts")
    assert len(listed) == 1 and "Unanswered questions" in listed[0] and QUESTION not in listed[0]


async def test_a_client_with_no_therapist_reaches_staff(harness: Harness) -> None:
    await harness.enroll(601, Role.STAFF)
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/ask")
    await harness.send(CLIENT, QUESTION)
    assert len(await _pushes(harness, 601)) == 1
