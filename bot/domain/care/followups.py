"""Follow-up after a crisis: contact the client within a deadline and go over the safety plan together.

Structured follow-up after a crisis (first contact within 72 hours) is what makes a safety
plan work. So every crisis alert, once acknowledged, opens one task for the client's
therapist (or, with none, for whoever acknowledged it). The task's timer is a row
(`followup.next_at`, claimed with a lease like alert escalation), never only in memory: a
reminder when `remind_after` has passed, then, at the deadline, a push to the person on call
(or every admin when nobody is). "Done" closes it; "Could not reach" counts the attempt and
keeps it open, since the point is that the contact happens.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.core.clock import now
from bot.db.care_models import FollowUp
from bot.db.models import Alert, ClientProfile, OutboxKind, Person, Role
from bot.db.session import Database, claim
from bot.domain.care.buttons import FollowUpDone, FollowUpUnreached
from bot.domain.care.oncall import current_oncall, last_resort
from bot.domain.people import timezones
from bot.domain.records import audit
from bot.domain.records.outbox import enqueue
from bot.texts import catalogue

OPENED, REMINDED, ESCALATED = 0, 1, 2  # stages


@dataclass(frozen=True)
class FollowUpPolicy:
    contact_within: dt.timedelta = dt.timedelta(hours=72)
    remind_after: dt.timedelta = dt.timedelta(hours=24)
    lease: dt.timedelta = dt.timedelta(seconds=60)


class CloseOutcome(enum.StrEnum):
    DONE = "done"
    NOTED = "noted"  # a "could not reach" attempt; the task stays open
    ALREADY = "already"
    ERASED = "erased"  # closed because the client erased their data
    NOT_ALLOWED = "not_allowed"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class CloseResult:
    outcome: CloseOutcome
    followup_id: int
    client_code: str = ""
    attempts: int = 0
    due_at: dt.datetime | None = None
    by_code: str | None = None


@dataclass(frozen=True)
class OpenFollowUp:
    id: int
    client_code: str
    due_at: dt.datetime
    attempts: int
    overdue: bool


def _reachable(p: Person | None) -> bool:
    return p is not None and p.active and p.reachable


def _buttons(followup_id: int) -> list[list[tuple[str, str]]]:
    return [
        [
            (texts.FOLLOWUP_BUTTON_DONE, FollowUpDone(followup_id=followup_id).pack()),
            (texts.FOLLOWUP_BUTTON_UNREACHED, FollowUpUnreached(followup_id=followup_id).pack()),
        ]
    ]


def _fmt(template: str, **values: object) -> str:
    return template.format(**{k: html.escape(str(v)) for k, v in values.items()})


Words = Callable[[], str]  # a text looked up in the reader's language when called


async def _push(session: AsyncSession, task: FollowUp, to: Person, template: Words, step: str, **extra: Words) -> None:
    """One push about the task to `to`, in their language and time zone (a job or a colleague's tap writes it)."""
    client = await session.get(Person, task.client_id)
    code = client.code if client is not None else "?"
    with catalogue.speaking(to.language):
        words = {name: part() for name, part in extra.items()}
        due = timezones.shown(task.due_at, to.timezone)
        text = _fmt(template(), followup_id=task.id, code=code, due=due, **words)
        buttons = _buttons(task.id)
    await enqueue(
        session,
        chat_id=to.telegram_id,
        person_id=to.id,
        kind=OutboxKind.NOTICE,
        text=text,
        dedupe_key=f"followup:{task.id}:{step}:{to.id}",
        buttons=buttons,
    )


async def open_after_ack(
    session: AsyncSession, alert: Alert, acker_id: int, at: dt.datetime, policy: FollowUpPolicy | None = None
) -> int | None:
    """Open the follow-up task for an acknowledged crisis alert (once per alert) and tell its owner."""
    if alert.severity != "crisis":
        return None
    existing = (await session.execute(select(FollowUp.id).where(FollowUp.alert_id == alert.id))).scalar()
    if existing is not None:
        return existing
    policy = policy or FollowUpPolicy()
    profile = await session.get(ClientProfile, alert.client_id)
    therapist = await session.get(Person, profile.therapist_id) if profile and profile.therapist_id else None
    owner = therapist if _reachable(therapist) else await session.get(Person, acker_id)
    task = FollowUp(
        alert_id=alert.id,
        client_id=alert.client_id,
        therapist_id=owner.id if owner is not None else None,
        status="open",
        stage=OPENED,
        created_at=at,
        due_at=at + policy.contact_within,
        next_at=at + min(policy.remind_after, policy.contact_within),
        attempts=0,
    )
    session.add(task)
    await session.flush()
    audit.record(session, "followup.opened", client_person_id=alert.client_id, alert=alert.id, followup=task.id)
    if owner is not None and _reachable(owner):
        await _push(session, task, owner, lambda: texts.FOLLOWUP_PUSH, "opened")
    return task.id


async def _may_close(task: FollowUp, person: Person) -> bool:
    return person.role in (Role.STAFF, Role.ADMIN) or person.id in (task.therapist_id, task.escalated_to)


async def close(
    session: AsyncSession, followup_id: int, person_id: int, *, reached: bool, at: dt.datetime | None = None
) -> CloseResult:
    """Done (reached) closes the task; "could not reach" counts an attempt and keeps it open. Audited."""
    at = at or now()
    task = await session.get(FollowUp, followup_id)
    person = await session.get(Person, person_id)
    if task is None or person is None:
        return CloseResult(CloseOutcome.NOT_FOUND, followup_id)
    if not await _may_close(task, person):
        audit.record(session, "followup.denied", actor_person_id=person_id, client_person_id=task.client_id)
        return CloseResult(CloseOutcome.NOT_ALLOWED, followup_id)
    client = await session.get(Person, task.client_id)
    code = client.code if client is not None else "?"
    if task.status == "erased":
        return CloseResult(CloseOutcome.ERASED, followup_id)
    if task.status == "done":
        closer = await session.get(Person, task.closed_by) if task.closed_by else None
        return CloseResult(CloseOutcome.ALREADY, followup_id, code, by_code=closer.code if closer else None)
    if not reached:
        task.attempts += 1
        audit.record(
            session, "followup.unreached", actor_person_id=person_id, client_person_id=task.client_id, followup=task.id
        )
        return CloseResult(CloseOutcome.NOTED, followup_id, code, task.attempts, task.due_at)
    task.status, task.closed_by, task.closed_at = "done", person_id, at
    task.next_at = task.lease_until = None
    audit.record(session, "followup.done", actor_person_id=person_id, client_person_id=task.client_id, followup=task.id)
    return CloseResult(CloseOutcome.DONE, followup_id, code, task.attempts, task.due_at, person.code)


async def _claim_due(db: Database, at: dt.datetime, policy: FollowUpPolicy) -> list[int]:
    async with db.session() as s, s.begin():
        due = (
            select(FollowUp.id)
            .where(
                FollowUp.status == "open",
                FollowUp.next_at.is_not(None),
                FollowUp.next_at <= at,
                or_(FollowUp.lease_until.is_(None), FollowUp.lease_until < at),
            )
            .order_by(FollowUp.next_at)
            .limit(100)
        )
        return await claim(s, db.is_postgres, FollowUp, due, at + policy.lease)


def _oncall_tier() -> str:
    return texts.FOLLOWUP_TIER_ONCALL


def _admin_tier() -> str:
    return texts.FOLLOWUP_TIER_ADMIN


async def _step(session: AsyncSession, task: FollowUp, at: dt.datetime) -> None:
    """Move one due task on: the reminder, or the escalation at the deadline."""
    owner = await session.get(Person, task.therapist_id) if task.therapist_id else None
    if task.stage == OPENED and at < task.due_at:
        if _reachable(owner):
            assert owner is not None
            await _push(session, task, owner, lambda: texts.FOLLOWUP_REMINDER, "reminder")
        task.stage, task.next_at = REMINDED, task.due_at
        audit.record(session, "followup.reminded", client_person_id=task.client_id, followup=task.id)
        return
    oncall = await current_oncall(session)
    if _reachable(oncall) and oncall is not None and oncall.id != task.therapist_id:
        targets, tier = [oncall], _oncall_tier
    else:
        targets, tier = await last_resort(session), _admin_tier
    for person in targets:
        await _push(session, task, person, lambda: texts.FOLLOWUP_ESCALATED, "escalated", tier=tier)
    task.escalated_to = targets[0].id if targets else None
    task.stage, task.next_at = ESCALATED, None
    audit.record(session, "followup.escalated", client_person_id=task.client_id, followup=task.id, told=len(targets))


async def run_due(db: Database, policy: FollowUpPolicy | None = None, at: dt.datetime | None = None) -> int:
    """One pass of the follow-up loop: each claimed task moves on in its own transaction."""
    policy = policy or FollowUpPolicy()
    at = at or now()
    moved = 0
    for task_id in await _claim_due(db, at, policy):
        async with db.session() as s, s.begin():
            task = await s.get(FollowUp, task_id)
            if task is None:
                continue
            task.lease_until = None
            if task.status != "open" or task.next_at is None:
                continue  # done meanwhile
            await _step(s, task, at)
            moved += 1
    return moved


async def open_for(session: AsyncSession, person_id: int, at: dt.datetime | None = None) -> list[OpenFollowUp]:
    """Open tasks a person works on, soonest due first: a therapist's own (or escalated to them); staff all."""
    at = at or now()
    person = await session.get(Person, person_id)
    if person is None or person.role is Role.CLIENT:
        return []
    stmt = (
        select(FollowUp, Person)
        .join(Person, Person.id == FollowUp.client_id)
        .where(FollowUp.status == "open")
        .order_by(FollowUp.due_at, FollowUp.id)
    )
    if person.role is Role.THERAPIST:
        stmt = stmt.where(or_(FollowUp.therapist_id == person_id, FollowUp.escalated_to == person_id))
    rows = (await session.execute(stmt)).all()
    return [OpenFollowUp(t.id, c.code, t.due_at, t.attempts, t.due_at <= at) for t, c in rows]


async def open_count_by_owner(session: AsyncSession) -> dict[int, int]:
    """How many open tasks each owner has (for the daily digest)."""
    rows = (
        await session.execute(
            select(FollowUp.therapist_id).where(FollowUp.status == "open", FollowUp.therapist_id.is_not(None))
        )
    ).scalars()
    counts: dict[int, int] = {}
    for owner in rows:
        if owner is not None:
            counts[owner] = counts.get(owner, 0) + 1
    return counts


async def move_to(session: AsyncSession, client_id: int, therapist_id: int) -> int:
    """A client's new therapist takes over their open follow-ups and is told of each; returns how many."""
    therapist = await session.get(Person, therapist_id)
    tasks = list(
        (
            await session.execute(select(FollowUp).where(FollowUp.client_id == client_id, FollowUp.status == "open"))
        ).scalars()
    )
    for task in tasks:
        task.therapist_id = therapist_id
        if _reachable(therapist):
            assert therapist is not None
            await _push(session, task, therapist, lambda: texts.FOLLOWUP_PUSH, "moved")
    return len(tasks)
