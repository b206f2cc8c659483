"""A client's own data: export all of it, or erase it (keeping only the audit trail's who and when).

Erasure removes content and breaks the link to the person: check-ins and notes, milestones,
the profile (safety plan, dates, cohort), conversation state and the names on their invite
are deleted or blanked; messages waiting for them are cancelled and every message payload
addressed to them is blanked; the person row stays (audit rows point at its id) under a new
pseudonym with no Telegram id. Staff notices naming the old client code get the pseudonym;
the append-only audit log keeps its rows as they are (who, what, when, no content).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import now
from bot.db.models import (
    Checkin,
    ClientProfile,
    ConsentRecord,
    Invite,
    Milestone,
    OutboxMessage,
    OutboxStatus,
    Person,
    ScreenReview,
    StateRecord,
)
from bot.db.session import affected
from bot.domain.records import audit

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
ERASED_PAYLOAD = json.dumps({"text": "", "buttons": [], "parse_mode": None, "erased": True})


def _iso(value: dt.date | dt.time | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


@dataclass(frozen=True)
class Export:
    checkins_csv: bytes
    other_json: bytes
    checkins: int


async def export(session: AsyncSession, person_id: int) -> Export:
    """Everything stored about the client, decrypted for them: check-ins as CSV, the rest as JSON."""
    person = await session.get(Person, person_id)
    assert person is not None
    profile = await session.get(ClientProfile, person_id)
    rows = (
        await session.execute(select(Checkin).where(Checkin.person_id == person_id).order_by(Checkin.local_date))
    ).scalars()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CHECKIN_COLUMNS)
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
    data: dict[str, Any] = {
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
    audit.record(session, "data.exported", actor_person_id=person_id, client_person_id=person_id, checkins=count)
    return Export(out.getvalue().encode("utf-8"), json.dumps(data, indent=2, ensure_ascii=False).encode(), count)


@dataclass(frozen=True)
class Erased:
    checkins: int
    notes: int
    milestones: int
    profile: bool
    safety_plan: bool
    messages_cancelled: int
    state_rows: int


def pseudonym(person_id: int) -> str:
    """What an erased person is called from now on: unique, and says nothing about them."""
    return f"X-{person_id}"


async def erase(session: AsyncSession, person_id: int) -> Erased:
    """Erase the client's content and unlink the person row; one audit row records that it happened."""
    person = await session.get(Person, person_id)
    assert person is not None
    telegram_id, old_code, new_code = person.telegram_id, person.code, pseudonym(person_id)
    t = now()

    notes = await session.scalar(select(func.count()).where(Checkin.person_id == person_id, Checkin.note.is_not(None)))
    checkins = affected(await session.execute(delete(Checkin).where(Checkin.person_id == person_id)))
    milestones = affected(await session.execute(delete(Milestone).where(Milestone.person_id == person_id)))
    # Their words kept as crisis-screen examples (a team member marked an alert "false alarm").
    await session.execute(delete(ScreenReview).where(ScreenReview.client_id == person_id))
    profile = await session.get(ClientProfile, person_id)
    had_plan = bool(profile is not None and profile.safety_plan)
    if profile is not None:
        await session.delete(profile)

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
    )
    audit.record(
        session,
        "data.erased",
        actor_telegram_id=telegram_id,
        actor_person_id=person_id,
        client_person_id=person_id,
        checkins=erased.checkins,
        messages_cancelled=erased.messages_cancelled,
    )
    await session.flush()
    return erased


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
