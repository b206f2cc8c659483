"""A client's own data: export all of it, or erase it (keeping only the audit trail's who and when).

Erasure removes content and breaks the link to the person: check-ins and notes, milestones, the
cravings met with a coping tool, medication reminders and their answers, the reward ledger, questionnaires (answers
and scores),
the profile (safety plan, dates, cohort), questions to the care team and their answers, the
FAQ questions they left unanswered, RSVPs, attendance, reminder choices and their own
appointments, conversation state and the names on their invite are deleted or blanked; the
words quoted in their flags are blanked and their open alerts are closed as "client erased";
their open follow-up tasks after a crisis are closed as erased too, and whoever holds each is
told in a short push (the task number only);
messages waiting for them are cancelled and every message payload addressed to them is
blanked; the person row stays (audit rows point at its id) under a new pseudonym with no
Telegram id. Staff notices naming the old client code get the pseudonym; the append-only
audit log keeps its rows as they are (who, what, when, no content).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.core.clock import now
from bot.db.care_models import FollowUp
from bot.db.coping_models import CopingUse, MedDose, MedReminder
from bot.db.meeting_models import Attendance, MeetingPref, MeetingSeries
from bot.db.models import (
    Alert,
    CareQuestion,
    Checkin,
    ClientProfile,
    ConsentRecord,
    FaqGap,
    FlagRecord,
    Invite,
    Milestone,
    OutboxKind,
    OutboxMessage,
    OutboxStatus,
    Person,
    ScreenReview,
    StateRecord,
)
from bot.db.questionnaire_models import QuestionnaireResponse
from bot.db.reward_models import RewardEntry
from bot.db.session import affected
from bot.domain.records import audit, exported
from bot.domain.records.outbox import enqueue
from bot.texts import catalogue

CHECKIN_COLUMNS = (
    "local_date",
    "craving",
    "mood",
    "used",
    "sleep",
    "safety_yes",
    "note",
    "note_flagged",
    "created_at",
    "edited_at",
)
ERASED_ALERT = "erased"  # alert.status of an alert closed because its client was erased
ERASED_FOLLOW_UP = "erased"  # followup.status of a task closed because its client was erased
ERASED_PAYLOAD = json.dumps({"text": "", "buttons": [], "parse_mode": None, "erased": True})


def _iso(value: dt.date | dt.time | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


@dataclass(frozen=True)
class Export:
    checkins_csv: bytes
    other_json: bytes
    checkins: int


async def export(
    session: AsyncSession,
    person_id: int,
    *,
    faq_gaps: Collection[int] = (),
    checkin_draft: Mapping[str, Any] | None = None,
    questionnaire_draft: Mapping[str, Any] | None = None,
) -> Export:
    """Everything stored about the client, decrypted for them: check-ins as CSV, the rest as JSON.

    `faq_gaps`, `checkin_draft` and `questionnaire_draft` come from their own conversation state (nothing else
    knows them).
    """
    person = await session.get(Person, person_id)
    assert person is not None
    profile = await session.get(ClientProfile, person_id)
    rows = (
        await session.execute(select(Checkin).where(Checkin.person_id == person_id).order_by(Checkin.local_date))
    ).scalars()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(texts.EXPORT_COLUMN[c] for c in CHECKIN_COLUMNS)  # the header in the reader's language
    count = 0
    for r in rows:
        count += 1
        edited = _iso(r.edited_at) or ""
        values = (r.local_date.isoformat(), r.craving, r.mood, r.used, r.sleep, r.safety_yes, r.note or "")
        writer.writerow((*values, r.note_flagged, _iso(r.created_at), edited))
    consents = (
        await session.execute(
            select(ConsentRecord).where(ConsentRecord.person_id == person_id).order_by(ConsentRecord.id)
        )
    ).scalars()
    milestones = (
        await session.execute(select(Milestone).where(Milestone.person_id == person_id).order_by(Milestone.id))
    ).scalars()
    pending = (
        await session.execute(
            select(OutboxMessage)
            .where(OutboxMessage.person_id == person_id, OutboxMessage.status == OutboxStatus.PENDING)
            .order_by(OutboxMessage.due_at)
        )
    ).scalars()
    data: dict[str, Any] = await _more(session, person_id)
    data |= await exported.gather(
        session, person, faq_gaps=faq_gaps, checkin_draft=checkin_draft, questionnaire_draft=questionnaire_draft
    )
    data |= {
        "exported_at": now().isoformat(),
        "person": {
            "code": person.code,
            "display_name": person.display_name,
            "role": person.role,
            "timezone": person.timezone,
            "language": person.language,
            "active": person.active,
            "consent_version": person.consent_version,
            "consent_at": _iso(person.consent_at),
            "enrolled_at": _iso(person.created_at),
        },
        "profile": None
        if profile is None
        else {
            "cohort": profile.cohort,
            "checkin_reminder_time": _iso(profile.checkin_time),
            "reminders_on": profile.reminders_on,
            "program_start": _iso(profile.program_start),
            "sobriety_date": _iso(profile.sobriety_date),
            "safety_plan": profile.safety_plan,
        },
        "consents": [{"version": c.version, "decision": c.decision, "at": _iso(c.at)} for c in consents],
        "milestones": [{"kind": m.kind, "days": m.days, "run_started": _iso(m.since)} for m in milestones],
        "pending_messages": [
            {"kind": m.kind, "due_at": _iso(m.due_at), "text": json.loads(m.payload).get("text", "")} for m in pending
        ],
    }
    data = {k: data[k] for k in (*[k for k in data if k not in _MORE], *_MORE)}  # the person first
    audit.record(session, "data.exported", actor_person_id=person_id, client_person_id=person_id, checkins=count)
    return Export(out.getvalue().encode("utf-8"), json.dumps(data, indent=2, ensure_ascii=False).encode(), count)


_MORE = ("questions", "flags", "meetings", "meeting_reminders", *exported.KEYS)


async def _more(session: AsyncSession, person_id: int) -> dict[str, Any]:
    """Questions and answers, flags (with the words that raised them), RSVPs and attendance, reminder choices."""
    questions = await session.scalars(
        select(CareQuestion).where(CareQuestion.client_id == person_id).order_by(CareQuestion.id)
    )
    flags = await session.scalars(select(FlagRecord).where(FlagRecord.person_id == person_id).order_by(FlagRecord.id))
    attended = await session.execute(
        select(Attendance, MeetingSeries)
        .join(MeetingSeries, MeetingSeries.id == Attendance.meeting_id)
        .where(Attendance.person_id == person_id)
        .order_by(Attendance.occurrence_start)
    )
    prefs = await session.scalars(select(MeetingPref).where(MeetingPref.person_id == person_id))
    return {
        "questions": [
            {"asked_at": _iso(q.asked_at), "question": q.text, "answer": q.answer, "answered_at": _iso(q.answered_at)}
            for q in questions
        ],
        "flags": [
            {"at": _iso(f.created_at), "source": f.source, "severity": f.severity, "why": f.explanation} for f in flags
        ],
        "meetings": [
            {
                "meeting": m.public_title,
                "starts": _iso(a.occurrence_start),
                "rsvp": a.rsvp,
                "rsvp_at": _iso(a.rsvp_at),
                "attended": a.attended,
                "attendance": a.status,
            }
            for a, m in attended.tuples()
        ],
        "meeting_reminders": {p.kind: p.leads for p in prefs},
    }


@dataclass(frozen=True)
class Erased:
    checkins: int
    notes: int
    milestones: int
    profile: bool
    safety_plan: bool
    messages_cancelled: int
    state_rows: int
    questions: int = 0
    flags: int = 0
    alerts_closed: int = 0
    meetings: int = 0  # RSVPs and attendance records
    follow_ups_closed: int = 0
    questionnaires: int = 0  # submitted questionnaires (answers and scores)


def pseudonym(person_id: int) -> str:
    """What an erased person is called from now on: unique, and says nothing about them."""
    return f"X-{person_id}"


async def erase(session: AsyncSession, person_id: int, faq_gaps: Collection[int] = ()) -> Erased:
    """Erase the client's content and unlink the person row; one audit row records that it happened.

    `faq_gaps` are the ids of the unanswered FAQ questions they left (only their own state knows them).
    """
    person = await session.get(Person, person_id)
    assert person is not None
    telegram_id, old_code, new_code = person.telegram_id, person.code, pseudonym(person_id)
    t = now()

    notes = await session.scalar(select(func.count()).where(Checkin.person_id == person_id, Checkin.note.is_not(None)))
    checkins = affected(await session.execute(delete(Checkin).where(Checkin.person_id == person_id)))
    milestones = affected(await session.execute(delete(Milestone).where(Milestone.person_id == person_id)))
    await session.execute(delete(CopingUse).where(CopingUse.person_id == person_id))  # cravings and coping tools
    await session.execute(delete(MedDose).where(MedDose.person_id == person_id))  # medication reminders, answers
    await session.execute(delete(MedReminder).where(MedReminder.person_id == person_id))
    # Their reward ledger: corrections first, as they point at the entries they reverse.
    await session.execute(
        delete(RewardEntry).where(RewardEntry.person_id == person_id, RewardEntry.corrects_id.is_not(None))
    )
    await session.execute(delete(RewardEntry).where(RewardEntry.person_id == person_id))
    questionnaires = affected(
        await session.execute(delete(QuestionnaireResponse).where(QuestionnaireResponse.person_id == person_id))
    )
    # Their words kept as crisis-screen examples (a team member marked an alert "false alarm").
    await session.execute(delete(ScreenReview).where(ScreenReview.client_id == person_id))
    profile = await session.get(ClientProfile, person_id)
    had_plan = bool(profile is not None and profile.safety_plan)
    if profile is not None:
        await session.delete(profile)

    questions = affected(await session.execute(delete(CareQuestion).where(CareQuestion.client_id == person_id)))
    if faq_gaps:
        await session.execute(delete(FaqGap).where(FaqGap.id.in_(list(faq_gaps))))
    flags = affected(
        await session.execute(
            update(FlagRecord).where(FlagRecord.person_id == person_id).values(explanation=texts.ERASED_WORDS)
        )
    )
    alerts_closed = affected(
        await session.execute(
            update(Alert)
            .where(Alert.client_id == person_id, Alert.status == "open")
            .values(status=ERASED_ALERT, next_escalation_at=None, lease_until=None)
        )
    )
    follow_ups = await _close_follow_ups(session, person_id, t)
    meetings = affected(await session.execute(delete(Attendance).where(Attendance.person_id == person_id)))
    await session.execute(delete(MeetingPref).where(MeetingPref.person_id == person_id))
    await session.execute(delete(MeetingSeries).where(MeetingSeries.client_id == person_id))  # their own appointments

    mine = or_(OutboxMessage.person_id == person_id, OutboxMessage.chat_id == telegram_id)
    cancelled = affected(
        await session.execute(
            update(OutboxMessage)
            .where(mine, OutboxMessage.status == OutboxStatus.PENDING)
            .values(status=OutboxStatus.CANCELLED, last_error="erased at the client's request", finished_at=t)
        )
    )
    await session.execute(update(OutboxMessage).where(mine).values(payload=ERASED_PAYLOAD, chat_id=0))
    # Staff notices name the client by code; they keep their meaning under the pseudonym.
    since = person.created_at - dt.timedelta(days=1)
    for msg in (await session.execute(select(OutboxMessage).where(OutboxMessage.created_at >= since))).scalars():
        if old_code in msg.payload:
            msg.payload = _swap(msg.payload, old_code, new_code)

    state = await _erase_state(session, telegram_id)
    await session.execute(
        update(Invite).where(Invite.used_by == person_id).values(display_name="", person_code=new_code, cohort="")
    )
    # The audit log is append-only (the database refuses edits): its rows keep who, what and when,
    # and a detail may keep the old client code, an identifier that no longer leads to a person.

    person.code, person.display_name, person.telegram_id = new_code, "", -person_id
    person.timezone, person.language = "UTC", ""
    person.active, person.reachable, person.consent_version, person.consent_at = False, False, None, None
    erased = Erased(
        checkins=int(checkins or 0),
        notes=int(notes or 0),
        milestones=int(milestones or 0),
        profile=profile is not None,
        safety_plan=had_plan,
        messages_cancelled=int(cancelled or 0),
        state_rows=state,
        questions=int(questions or 0),
        flags=int(flags or 0),
        alerts_closed=int(alerts_closed or 0),
        meetings=int(meetings or 0),
        follow_ups_closed=follow_ups,
        questionnaires=int(questionnaires or 0),
    )
    audit.record(
        session,
        "data.erased",
        actor_telegram_id=telegram_id,
        actor_person_id=person_id,
        client_person_id=person_id,
        checkins=erased.checkins,
        messages_cancelled=erased.messages_cancelled,
        alerts_closed=erased.alerts_closed,
        follow_ups_closed=erased.follow_ups_closed,
    )
    await session.flush()
    return erased


async def _close_follow_ups(session: AsyncSession, person_id: int, at: dt.datetime) -> int:
    """Close the client's open follow-up tasks as erased and tell whoever holds each (no code, no words)."""
    tasks = list(
        (
            await session.execute(select(FollowUp).where(FollowUp.client_id == person_id, FollowUp.status == "open"))
        ).scalars()
    )
    for task in tasks:
        task.status, task.closed_at, task.next_at, task.lease_until = ERASED_FOLLOW_UP, at, None, None
        for holder_id in dict.fromkeys(h for h in (task.therapist_id, task.escalated_to) if h is not None):
            holder = await session.get(Person, holder_id)
            if holder is None or not (holder.active and holder.reachable):
                continue
            with catalogue.speaking(holder.language):  # the erasing client is the reader: the holder reads this
                text = texts.FOLLOWUP_ERASED_PUSH.format(followup_id=task.id)
            await enqueue(
                session,
                chat_id=holder.telegram_id,
                person_id=holder.id,
                kind=OutboxKind.NOTICE,
                text=text,
                dedupe_key=f"followup:{task.id}:erased:{holder.id}",
            )
    return len(tasks)


def _swap(text: str, old: str, new: str) -> str:
    """Replace the code as a whole word only: "C-12" must not touch "C-1200"."""
    return re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, text)


async def _erase_state(session: AsyncSession, telegram_id: int) -> int:
    """Delete the client's user and chat data and every conversation state keyed by them."""
    removed = 0
    rows = (
        await session.execute(
            select(StateRecord).where(
                or_(StateRecord.key == str(telegram_id), StateRecord.namespace.startswith("conv:"))
            )
        )
    ).scalars()
    for row in rows:
        if row.namespace.startswith("conv:"):
            try:
                key = json.loads(row.key)
            except ValueError:
                continue
            if telegram_id not in key:
                continue
        await session.delete(row)
        removed += 1
    return removed
