"""The parts of a client's export about the care around them (data_rights.export puts them in my-data.json).

The therapist (name only), their own appointments, the alerts their words or check-ins raised
(severity, times and state: never who else was told, nor any other client), the follow-up tasks
after a crisis, the broadcasts they were sent and what became of each copy, the FAQ questions
they left unanswered, a check-in they had not saved yet, the cravings they met with a coping tool
(tool and ratings), their medication reminders and answers, their reward ledger (every entry, corrections
included), the questionnaires they submitted (every
answer and score), and the audit log's facts about them
(what was done and when, and by whom as a role; never a row's details, which may name others).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.care_models import FollowUp
from bot.db.coping_models import CopingUse, MedDose, MedReminder
from bot.db.meeting_models import Broadcast, BroadcastRecipient, MeetingSeries
from bot.db.models import Alert, AuditEntry, ClientProfile, FaqGap, OutboxMessage, Person
from bot.db.questionnaire_models import QuestionnaireResponse
from bot.db.reward_models import RewardEntry

KEYS = (
    "therapist",
    "appointments",
    "alerts",
    "follow_ups",
    "broadcasts",
    "faq_questions",
    "checkin_in_progress",
    "cravings",
    "medication_reminders",
    "rewards",
    "questionnaires",
    "questionnaire_in_progress",
    "audit",
)
FOLLOW_UP_STAGES = ("opened", "reminded", "escalated to on-call")


def _iso(value: dt.date | dt.time | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


async def gather(
    session: AsyncSession,
    person: Person,
    *,
    faq_gaps: Collection[int] = (),
    checkin_draft: Mapping[str, Any] | None = None,
    questionnaire_draft: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The care team's side of the client's record, as plain JSON values (see the module's docstring)."""
    return {
        "therapist": await _therapist(session, person.id),
        "appointments": await _appointments(session, person.id),
        "alerts": await _alerts(session, person.id),
        "follow_ups": await _follow_ups(session, person.id),
        "broadcasts": await _broadcasts(session, person.id, person.language),
        "faq_questions": await _faq_questions(session, faq_gaps),
        "checkin_in_progress": _draft(checkin_draft),
        "cravings": await _cravings(session, person.id),
        "medication_reminders": await _medication(session, person.id),
        "rewards": await _rewards(session, person.id),
        "questionnaires": await _questionnaires(session, person.id),
        "questionnaire_in_progress": _questionnaire_draft(questionnaire_draft),
        "audit": await _audit(session, person),
    }


async def _therapist(session: AsyncSession, person_id: int) -> dict[str, str] | None:
    profile = await session.get(ClientProfile, person_id)
    therapist = await session.get(Person, profile.therapist_id) if profile and profile.therapist_id else None
    return None if therapist is None else {"name": therapist.display_name}


async def _appointments(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    """Their own appointments: what the team calls each, and what their lock screen shows."""
    rows = await session.scalars(
        select(MeetingSeries).where(MeetingSeries.client_id == person_id).order_by(MeetingSeries.starts_local)
    )
    return [
        {
            "title": m.title,
            "shown_as": m.public_title,
            "kind": m.kind,
            "starts": _iso(m.starts_local),
            "timezone": m.timezone,
            "repeats": m.rrule,
            "duration_minutes": m.duration_minutes,
            "place": m.place,
            "cancelled": not m.active,
        }
        for m in rows
    ]


async def _alerts(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    rows = await session.scalars(select(Alert).where(Alert.client_id == person_id).order_by(Alert.id))
    return [
        {
            "severity": a.severity,
            "raised_at": _iso(a.created_at),
            "state": a.status,
            "acknowledged_at": _iso(a.acked_at),
            "escalation_level": a.level,
        }
        for a in rows
    ]


async def _follow_ups(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    rows = await session.scalars(select(FollowUp).where(FollowUp.client_id == person_id).order_by(FollowUp.id))
    return [
        {
            "opened_at": _iso(f.created_at),
            "contact_due": _iso(f.due_at),
            "state": f.status,
            "stage": FOLLOW_UP_STAGES[f.stage] if 0 <= f.stage < len(FOLLOW_UP_STAGES) else str(f.stage),
            "could_not_reach": f.attempts,
            "closed_at": _iso(f.closed_at),
        }
        for f in rows
    ]


async def _broadcasts(session: AsyncSession, person_id: int, language: str | None) -> list[dict[str, Any]]:
    """Each broadcast meant for them and what became of it. The words are their own copy's (their week, their
    language's version, or the first one after its note); never sendable, the version in their language."""
    rows = await session.execute(
        select(Broadcast, OutboxMessage)
        .join(BroadcastRecipient, BroadcastRecipient.broadcast_id == Broadcast.id)
        .outerjoin(OutboxMessage, OutboxMessage.id == BroadcastRecipient.outbox_id)
        .where(BroadcastRecipient.person_id == person_id)
        .order_by(Broadcast.id)
    )
    found = []
    for b, copy in rows.tuples():
        text = b.all_versions().get(language or b.language, b.text)
        if copy is not None:
            text = str(json.loads(copy.payload).get("text", "")) or text
        found.append(
            {
                "sent_at": _iso(b.created_at),
                "content": b.content,
                "text": text,
                "delivery": "not sendable" if copy is None else str(copy.status),
                "delivered_at": _iso(copy.finished_at) if copy is not None else None,
            }
        )
    return found


async def _faq_questions(session: AsyncSession, ids: Collection[int]) -> list[dict[str, Any]]:
    """The FAQ questions they left unanswered (kept without who asked; only their own state knows which)."""
    if not ids:
        return []
    rows = await session.scalars(select(FaqGap).where(FaqGap.id.in_(list(ids))).order_by(FaqGap.id))
    return [{"asked_at": _iso(g.at), "question": g.text} for g in rows]


async def _questionnaires(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    """Every questionnaire they submitted: each answer (item number: value) and the scores."""
    rows = await session.scalars(
        select(QuestionnaireResponse)
        .where(QuestionnaireResponse.person_id == person_id)
        .order_by(QuestionnaireResponse.submitted_at, QuestionnaireResponse.id)
    )
    return [
        {
            "questionnaire": r.questionnaire,
            "version": r.version,
            "submitted_at": _iso(r.submitted_at),
            "answers": json.loads(r.answers),
            "total": r.total,
            "band": r.band,
            "subscales": json.loads(r.subscales) if r.subscales else None,
        }
        for r in rows
    ]


def _draft(draft: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A check-in they started and have not saved: its day and answers so far."""
    if not draft:
        return None
    answers = draft.get("answers")
    return {
        "day": draft.get("day"),
        "answers": dict(answers) if isinstance(answers, Mapping) else {},
        "last_touched": draft.get("at"),
    }


async def _cravings(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    """Each craving they met with a coping tool: the tool, who picked it, the ratings before, after and at the
    check back 15 minutes later (None if they did not answer it)."""
    rows = await session.scalars(select(CopingUse).where(CopingUse.person_id == person_id).order_by(CopingUse.id))
    return [
        {
            "started_at": _iso(c.started_at),
            "finished_at": _iso(c.finished_at),
            "tool": c.tool,
            "picked_by": c.picked_by,
            "before": c.before,
            "after": c.after,
            "later": c.later,
            "later_at": _iso(c.later_at),
        }
        for c in rows
    ]


async def _medication(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    """Their daily reminders (deleted ones too), each with the days they answered Taken or Skip."""
    reminders = await session.scalars(
        select(MedReminder).where(MedReminder.person_id == person_id).order_by(MedReminder.id)
    )
    doses = await session.scalars(select(MedDose).where(MedDose.person_id == person_id).order_by(MedDose.local_date))
    answered: dict[int, list[dict[str, Any]]] = {}
    for d in doses:
        answered.setdefault(d.reminder_id, []).append({"day": _iso(d.local_date), "answer": d.status})
    return [
        {
            "time": _iso(r.at_local),
            "date": _iso(r.on_date),  # a dated reminder (sent the day before), or None for a daily one
            "label": r.label,
            "active": r.active,
            "paused": r.paused,
            "weekdays": r.weekdays,  # Monday first: 1 = it goes that day
            "shared_with_therapist": r.shared,
            "created_at": _iso(r.created_at),
            "answers": answered.get(r.id, []),
        }
        for r in reminders
    ]


async def _rewards(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    """Every entry of their reward ledger, oldest first: what, points and draws, and what it corrects."""
    rows = await session.scalars(
        select(RewardEntry).where(RewardEntry.person_id == person_id).order_by(RewardEntry.at, RewardEntry.id)
    )
    return [
        {
            "entry": r.id,
            "at": _iso(r.at),
            "kind": r.kind,
            "points": r.points,
            "draws": r.draws,
            "corrects_entry": r.corrects_id,
            "note": r.note,
        }
        for r in rows
    ]


def _questionnaire_draft(draft: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A questionnaire they started and have not submitted: which one and the answers so far."""
    if not draft:
        return None
    answers = draft.get("answers")
    return {
        "questionnaire": draft.get("key"),
        "answers": dict(answers) if isinstance(answers, Mapping) else {},
        "started": draft.get("at"),
    }


async def _audit(session: AsyncSession, person: Person) -> list[dict[str, Any]]:
    """What was done with their record and when; by "you", by a team member's role, or by "bot"."""
    rows = (
        await session.scalars(
            select(AuditEntry)
            .where(
                or_(
                    AuditEntry.client_person_id == person.id,
                    AuditEntry.actor_person_id == person.id,
                    AuditEntry.actor_telegram_id == person.telegram_id,
                )
            )
            .order_by(AuditEntry.id)
        )
    ).all()
    actors = {r.actor_person_id for r in rows if r.actor_person_id not in (None, person.id)}
    found = await session.execute(select(Person.id, Person.role).where(Person.id.in_(actors))) if actors else None
    roles: dict[int, object] = {} if found is None else {pid: role for pid, role in found.all()}
    return [{"at": _iso(r.at), "action": r.action, "by": _by(r, person, roles)} for r in rows]


def _by(row: AuditEntry, person: Person, roles: Mapping[int, object]) -> str:
    by_them = row.actor_person_id is None and row.actor_telegram_id == person.telegram_id
    if row.actor_person_id == person.id or by_them:
        return "you"
    if row.actor_person_id is None:
        return "bot"
    return str(roles.get(row.actor_person_id, "team"))
