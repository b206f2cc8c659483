"""Private questions from a client to their care team, and the answers.

The therapist's push carries only the client's code; the question is shown on request
(audited). The client's notice of an answer is neutral too: the answer shows when they
tap. Unanswered questions show in /alerts and the daily digest count.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.core.clock import now
from bot.db.models import CareQuestion, ClientProfile, OutboxKind, Person, Role
from bot.domain.care import alerts
from bot.domain.care.buttons import QuestionAnswerShow, QuestionView
from bot.domain.records import audit
from bot.domain.records.outbox import enqueue
from bot.texts import catalogue

MAX_CHARS = 2000


class Outcome(enum.StrEnum):
    OK = "ok"
    NOT_ALLOWED = "not_allowed"
    NOT_FOUND = "not_found"
    ALREADY_ANSWERED = "already_answered"


@dataclass(frozen=True)
class QuestionDetail:
    id: int
    client_code: str
    text: str
    asked_at: dt.datetime
    answer: str | None
    answered_by_code: str | None


async def _recipients(session: AsyncSession, therapist_id: int | None) -> list[Person]:
    therapist = await session.get(Person, therapist_id) if therapist_id else None
    if therapist is not None and alerts.can_be_told(therapist):
        return [therapist]
    stmt = select(Person).where(
        Person.role.in_([Role.STAFF, Role.ADMIN]), Person.active.is_(True), Person.reachable.is_(True)
    )
    return list((await session.execute(stmt.order_by(Person.id))).scalars())


async def ask(session: AsyncSession, client_id: int, text: str) -> int:
    """Store the question and tell the therapist (or staff, when there is none who can hear)."""
    profile = await session.get(ClientProfile, client_id)
    client = await session.get(Person, client_id)
    assert client is not None
    therapist_id = profile.therapist_id if profile else None
    q = CareQuestion(client_id=client_id, therapist_id=therapist_id, text=text.strip()[:MAX_CHARS], asked_at=now())
    session.add(q)
    await session.flush()
    for person in await _recipients(session, therapist_id):
        with catalogue.speaking(person.language):  # the team member's language, not the client's who asked
            text = texts.QUESTION_PUSH.format(code=client.code, qid=q.id)
            buttons = [[(texts.QUESTION_VIEW_BUTTON, QuestionView(question_id=q.id).pack())]]
        await enqueue(
            session,
            chat_id=person.telegram_id,
            person_id=person.id,
            kind=OutboxKind.QUESTION,
            text=text,
            dedupe_key=f"question:{q.id}:to:{person.id}",
            buttons=buttons,
        )
    audit.record(session, "question.ask", actor_person_id=client_id, client_person_id=client_id, question=q.id)
    return q.id


async def _may_see(session: AsyncSession, q: CareQuestion, person: Person) -> bool:
    """Staff and admins, and the client's therapist now: access follows the assignment."""
    if person.role in (Role.STAFF, Role.ADMIN):
        return True
    profile = await session.get(ClientProfile, q.client_id)
    return person.role is Role.THERAPIST and profile is not None and profile.therapist_id == person.id


async def view(session: AsyncSession, question_id: int, person_id: int) -> tuple[Outcome, QuestionDetail | None]:
    """The question for someone of the care team allowed to see it (audited)."""
    q = await session.get(CareQuestion, question_id)
    person = await session.get(Person, person_id)
    if q is None or person is None:
        return Outcome.NOT_FOUND, None
    if not await _may_see(session, q, person):
        audit.record(session, "question.view_denied", actor_person_id=person_id, client_person_id=q.client_id)
        return Outcome.NOT_ALLOWED, None
    audit.record(session, "question.view", actor_person_id=person_id, client_person_id=q.client_id, question=q.id)
    return Outcome.OK, await _view(session, q)


async def _view(session: AsyncSession, q: CareQuestion) -> QuestionDetail:
    client = await session.get(Person, q.client_id)
    by = await session.get(Person, q.answered_by) if q.answered_by else None
    return QuestionDetail(q.id, client.code if client else "?", q.text, q.asked_at, q.answer, by.code if by else None)


async def answer(session: AsyncSession, question_id: int, person_id: int, text: str) -> Outcome:
    """Record the answer and send the client a neutral notice with a button to read it."""
    q = await session.get(CareQuestion, question_id)
    person = await session.get(Person, person_id)
    if q is None or person is None:
        return Outcome.NOT_FOUND
    if not await _may_see(session, q, person):
        return Outcome.NOT_ALLOWED
    if q.answer is not None:
        return Outcome.ALREADY_ANSWERED
    q.answer, q.answered_by, q.answered_at = text.strip()[:MAX_CHARS], person_id, now()
    client = await session.get(Person, q.client_id)
    if client is not None:
        with catalogue.speaking(client.language):  # the client's language, not the answering therapist's
            text = texts.QUESTION_ANSWERED_PUSH
            buttons = [[(texts.QUESTION_SHOW_BUTTON, QuestionAnswerShow(question_id=q.id).pack())]]
        await enqueue(
            session,
            chat_id=client.telegram_id,
            person_id=client.id,
            kind=OutboxKind.QUESTION,
            text=text,
            dedupe_key=f"question:{q.id}:answered",
            buttons=buttons,
        )
    audit.record(session, "question.answer", actor_person_id=person_id, client_person_id=q.client_id, question=q.id)
    return Outcome.OK


async def answer_for_client(session: AsyncSession, question_id: int, client_id: int) -> QuestionDetail | None:
    """The client's own question with its answer, for the 'show' button; None if not theirs."""
    q = await session.get(CareQuestion, question_id)
    if q is None or q.client_id != client_id:
        return None
    return await _view(session, q)


async def unanswered(session: AsyncSession, person_id: int) -> list[QuestionDetail]:
    """Open questions a team member may see, oldest first: a therapist's own; staff and admins all."""
    person = await session.get(Person, person_id)
    if person is None or person.role is Role.CLIENT:
        return []
    stmt = select(CareQuestion).where(CareQuestion.answer.is_(None)).order_by(CareQuestion.asked_at)
    if person.role is Role.THERAPIST:
        stmt = stmt.where(CareQuestion.therapist_id == person_id)
    return [await _view(session, q) for q in (await session.execute(stmt)).scalars()]
