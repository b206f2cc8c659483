"""Alerts to the care team: raise, tell, acknowledge, and escalate until a human has seen it.

A flag (from a check-in, a message or the planner) becomes one alert per event. Crisis and
high alerts are pushed to the client's therapist through the outbox; crisis alerts also to
whoever is on call at once. An alert nobody acknowledges escalates on a durable timer
(`next_escalation_at`, claimed with a lease like the outbox) to the person on call, then to
every admin, and is then reminded of until acknowledged (`alert_reminders`). A therapist who
is missing, paused or unreachable is skipped at once. Medium alerts are not pushed: they wait
for the therapist's daily digest.

Pushed texts carry only the alert number, the client's code and the severity (lock screens);
the detail is shown on request and that view is audited.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.core.clock import now
from bot.db.models import Alert, AlertRecipient, ClientProfile, FlagRecord, OutboxKind, Person
from bot.db.session import Database, claim
from bot.domain.care import alert_reminders, followups
from bot.domain.care.alert_access import ADMINS, ONCALL, THERAPIST, access
from bot.domain.care.alert_delivery import cancel_pushes, reached, receipt
from bot.domain.care.buttons import AlertAck, AlertReply, AlertView
from bot.domain.care.oncall import current_oncall, last_resort
from bot.domain.people import timezones
from bot.domain.records import audit
from bot.domain.records.outbox import enqueue
from bot.texts import catalogue

SEVERITY_RANK = {"medium": 1, "high": 2, "crisis": 3}

# A push's text, made in its recipient's language: called inside `catalogue.speaking(their language)`.
Render = Callable[[], str]


class FlagLike(Protocol):
    @property
    def severity(self) -> str: ...
    @property
    def rule(self) -> str: ...
    @property
    def explanation(self) -> str: ...


class AckOutcome(enum.StrEnum):
    ACKNOWLEDGED = "acknowledged"
    ALREADY = "already"
    NOT_ALLOWED = "not_allowed"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class EscalationPolicy:
    crisis_after: dt.timedelta = dt.timedelta(minutes=15)
    high_after: dt.timedelta = dt.timedelta(hours=4)
    lease: dt.timedelta = dt.timedelta(seconds=60)
    retry: dt.timedelta = dt.timedelta(minutes=5)  # end of the chain with nobody reachable
    crisis_reminder: dt.timedelta = dt.timedelta(minutes=15)  # end of the chain, delivered, not acknowledged
    high_reminder: dt.timedelta = dt.timedelta(minutes=60)

    def window(self, severity: str) -> dt.timedelta:
        return self.crisis_after if severity == "crisis" else self.high_after

    def reminder(self, severity: str) -> dt.timedelta:
        return self.crisis_reminder if severity == "crisis" else self.high_reminder


@dataclass(frozen=True)
class AlertDetail:
    id: int
    client_id: int
    client_code: str
    severity: str
    created_at: dt.datetime
    reasons: list[str]
    acked_by_code: str | None
    acked_at: dt.datetime | None
    level: int
    client_initials: str = ""
    status: str = "open"  # open / acknowledged / erased (closed: the client erased their data)


@dataclass(frozen=True)
class AckResult:
    outcome: AckOutcome
    alert_id: int
    acked_by_code: str | None = None


def _buttons(alert_id: int) -> list[list[tuple[str, str]]]:
    return [
        [
            (texts.ALERT_BUTTON_VIEW, AlertView(alert_id=alert_id).pack()),
            (texts.ALERT_BUTTON_ACK, AlertAck(alert_id=alert_id).pack()),
            (texts.ALERT_BUTTON_REPLY, AlertReply(alert_id=alert_id).pack()),
        ]
    ]


def _fmt(template: str, **values: object) -> str:
    return template.format(**{k: html.escape(str(v)) for k, v in values.items()})


def push_text(alert: Alert, client: Person, template: Render, **values: str | Render) -> Render:
    """A push's text for the alert, made when `tell` calls it: in the language of whoever it is for."""

    def render() -> str:
        words = {k: v if isinstance(v, str) else v() for k, v in values.items()}
        severity = texts.SEVERITY_LABEL[alert.severity]
        return _fmt(template(), severity=severity, alert_id=alert.id, code=client.code, **words)

    return render


def first_push(alert: Alert, client: Person) -> Render:
    """The push to the client's therapist ("crisis alert A-12 for client C-1234")."""
    return push_text(alert, client, lambda: texts.ALERT_PUSH)


def can_be_told(p: Person | None) -> bool:
    """Active and not blocking the bot: a push to them can arrive."""
    return p is not None and p.active and p.reachable


async def raise_alert(
    session: AsyncSession,
    client_id: int,
    flags: Sequence[FlagLike],
    *,
    source: str,
    checkin_id: int | None = None,
    policy: EscalationPolicy | None = None,
    at: dt.datetime | None = None,
    oncall_only: bool = False,
) -> int | None:
    """Record the flags as one alert and tell whoever must hear now. Returns the alert id.

    `oncall_only`: the client has paused or left, so their therapist is not told; on-call is, at once."""
    if not flags:
        return None
    policy = policy or EscalationPolicy()
    at = at or now()
    severity = max((f.severity for f in flags), key=lambda s: SEVERITY_RANK[str(s)])
    severity = str(severity)
    profile = await session.get(ClientProfile, client_id)
    therapist_id = profile.therapist_id if profile and not oncall_only else None
    alert = Alert(
        client_id=client_id, therapist_id=therapist_id, severity=severity, status="open", level=0, created_at=at
    )
    session.add(alert)
    await session.flush()
    for f in flags:
        session.add(
            FlagRecord(
                person_id=client_id,
                alert_id=alert.id,
                source=source,
                checkin_id=checkin_id,
                severity=str(f.severity),
                rule=str(f.rule),
                explanation=f.explanation,
                created_at=at,
            )
        )
    audit.record(
        session,
        "alert.raised",
        client_person_id=client_id,
        alert=alert.id,
        severity=severity,
        rules=[str(f.rule) for f in flags],
    )
    if severity == "medium":
        return alert.id  # the daily digest carries it; nobody is woken for it
    await announce(session, alert, policy, at)
    return alert.id


async def announce(session: AsyncSession, alert: Alert, policy: EscalationPolicy, at: dt.datetime) -> None:
    """Tell whoever must hear a high or crisis alert now: the therapist; on-call at once for a crisis."""
    client = await session.get(Person, alert.client_id)
    assert client is not None
    therapist = await session.get(Person, alert.therapist_id) if alert.therapist_id else None
    severity = alert.severity
    if can_be_told(therapist):
        assert therapist is not None
        await tell(
            session,
            alert,
            client,
            therapist,
            THERAPIST,
            first_push(alert, client),
        )
    if severity == "crisis" and alert.level >= ONCALL:
        alert.next_escalation_at = at + policy.window(severity)  # on-call has it already
    elif severity == "crisis" or not can_be_told(therapist):
        await _escalate(session, alert, client, at, policy, waited=None)
    else:
        alert.next_escalation_at = at + policy.window(severity)
    # No receipt yet: "your care team has been told" follows the first delivered push
    # (bot.domain.care.alert_delivery), never a written row.


async def tell(session: AsyncSession, alert: Alert, client: Person, to: Person, level: int, text: Render) -> bool:
    """Push the alert to one person once (per alert), with View and Acknowledge, in their language.

    `text` is called in `to`'s language: whoever's update raised the alert may read another one."""
    if await session.get(AlertRecipient, (alert.id, to.id)) is not None:
        return False
    session.add(AlertRecipient(alert_id=alert.id, person_id=to.id, level=level, told_at=now()))
    with catalogue.speaking(to.language):
        rendered, buttons = text(), _buttons(alert.id)
    await enqueue(
        session,
        chat_id=to.telegram_id,
        person_id=to.id,
        kind=OutboxKind.ALERT,
        text=rendered,
        dedupe_key=f"alert:{alert.id}:to:{to.id}",
        buttons=buttons,
        alert_id=alert.id,
    )
    audit.record(session, "alert.told", actor_person_id=to.id, client_person_id=client.id, alert=alert.id, level=level)
    return True


async def _escalate(
    session: AsyncSession,
    alert: Alert,
    client: Person,
    at: dt.datetime,
    policy: EscalationPolicy,
    waited: dt.timedelta | None,
) -> None:
    """Tell the next tier; skip a tier nobody can hear; set the next timer or end the chain.

    Each text is a `Render`: `tell` makes it in its recipient's language (the admins' may differ)."""
    level = min(alert.level + 1, ADMINS)
    told = False
    nobody_oncall = False
    if level == ONCALL:
        oncall = await current_oncall(session)
        if oncall is not None and can_be_told(oncall):
            if waited is not None:
                late = _duration(waited)
                text = push_text(
                    alert, client, lambda: texts.ALERT_ESCALATED_PUSH, waited=late, tier=lambda: texts.ALERT_TIER_ONCALL
                )
            else:  # at once: a crisis, or nobody else to tell
                crisis = alert.severity == "crisis"
                text = push_text(alert, client, lambda: texts.ALERT_PUSH if crisis else texts.ALERT_NO_THERAPIST)
            await tell(session, alert, client, oncall, ONCALL, text)
            told = True
        else:
            level, nobody_oncall = ADMINS, True  # nobody on call who can hear: straight to the admins
    if level == ADMINS:
        late = _duration(at - alert.created_at)
        text = push_text(
            alert, client, lambda: texts.ALERT_ESCALATED_PUSH, waited=late, tier=lambda: texts.ALERT_TIER_ADMIN
        )
        if nobody_oncall:  # say so plainly, never "not acknowledged in 0 min"

            def nobody() -> str:
                return texts.ALERT_NOBODY_ONCALL_PUSH if waited is None else texts.ALERT_NOBODY_ONCALL_LATE_PUSH

            text = push_text(alert, client, nobody, waited=_duration(waited))
        delivered = await reached(session, alert.id)
        for person in await last_resort(session, widen=not delivered and alert.level == ADMINS):
            told = await tell(session, alert, client, person, ADMINS, text) or told
    alert.level = level
    if level < ADMINS:
        alert.next_escalation_at = at + policy.window(alert.severity)
    elif await reached(session, alert.id):
        # A human has it on their phone: remind them (and the admins) until it is acknowledged.
        alert.next_escalation_at = at + policy.reminder(alert.severity)
    else:
        # End of the chain and no push delivered yet (an outage, or everyone refused): look
        # again shortly, telling whoever has become reachable. An alert must reach a human.
        alert.next_escalation_at = at + policy.retry
    alert.lease_until = None
    audit.record(session, "alert.escalated", client_person_id=client.id, alert=alert.id, level=level, told=told)


def _duration(d: dt.timedelta | None) -> str:
    minutes = int((d or dt.timedelta()).total_seconds() // 60)
    return f"{minutes} min" if minutes < 120 else f"{minutes // 60} h"


async def claim_due(db: Database, at: dt.datetime, policy: EscalationPolicy) -> list[int]:
    """Lease the alerts whose timer ran out, or whose therapist can no longer be reached."""
    async with db.session() as s, s.begin():
        gone = select(Person.id).where(or_(Person.active.is_(False), Person.reachable.is_(False)))
        due = (
            select(Alert.id)
            .where(
                Alert.status == "open",
                Alert.next_escalation_at.is_not(None),
                or_(Alert.lease_until.is_(None), Alert.lease_until < at),
                or_(Alert.next_escalation_at <= at, and_(Alert.level == THERAPIST, Alert.therapist_id.in_(gone))),
            )
            .order_by(Alert.next_escalation_at)
            .limit(100)
        )
        return await claim(s, db.is_postgres, Alert, due, at + policy.lease)


async def escalate_due(db: Database, policy: EscalationPolicy | None = None, at: dt.datetime | None = None) -> int:
    """One pass of the escalation loop: each claimed alert moves up a tier in its own transaction."""
    policy = policy or EscalationPolicy()
    at = at or now()
    done = 0
    for alert_id in await claim_due(db, at, policy):
        async with db.session() as s, s.begin():
            stmt = select(Alert).where(Alert.id == alert_id)
            if db.is_postgres:
                stmt = stmt.with_for_update()
            alert = (await s.execute(stmt)).scalar_one()
            if alert.status != "open" or alert.next_escalation_at is None:
                alert.lease_until = None
                continue  # acknowledged meanwhile
            client = await s.get(Person, alert.client_id)
            assert client is not None
            if alert.level >= ADMINS and await reached(s, alert.id):
                await alert_reminders.remind(s, alert, client, at, policy.reminder(alert.severity))
            else:
                await _escalate(s, alert, client, at, policy, waited=at - alert.created_at)
            done += 1
    return done


async def acknowledge(
    session: AsyncSession,
    alert_id: int,
    person_id: int,
    at: dt.datetime | None = None,
    followup_policy: followups.FollowUpPolicy | None = None,
) -> AckResult:
    """Record who acknowledged, stop the timer, tell everyone who got it and the client."""
    at = at or now()
    alert = await session.get(Alert, alert_id)
    person = await session.get(Person, person_id)
    if alert is None or person is None or alert.status == "erased":  # closed: its client was erased
        return AckResult(AckOutcome.NOT_FOUND, alert_id)
    via = await access(session, alert, person)
    if via is None:
        audit.record(
            session, "alert.ack_denied", actor_person_id=person_id, client_person_id=alert.client_id, alert=alert_id
        )
        return AckResult(AckOutcome.NOT_ALLOWED, alert_id)
    if alert.status == "acknowledged":
        acker = await session.get(Person, alert.acked_by) if alert.acked_by else None
        return AckResult(AckOutcome.ALREADY, alert_id, acker.code if acker else None)
    alert.status, alert.acked_by, alert.acked_at = "acknowledged", person_id, at
    alert.next_escalation_at = alert.lease_until = None
    await cancel_pushes(session, alert_id, at)  # still queued (an outage): they would wake people for nothing
    audit.record(
        session, "alert.ack", actor_person_id=person_id, client_person_id=alert.client_id, alert=alert_id, via=via
    )
    client = await session.get(Person, alert.client_id)
    assert client is not None
    told = (
        await session.execute(select(AlertRecipient.person_id).where(AlertRecipient.alert_id == alert_id))
    ).scalars()
    for other_id in told:
        other = await session.get(Person, other_id)
        if other is not None and other.id != person_id:
            with catalogue.speaking(other.language):  # the time in each reader's own zone, the words in their language
                notice = _fmt(
                    texts.ALERT_ACKED_NOTICE,
                    alert_id=alert_id,
                    code=client.code,
                    who=person.code,
                    at=timezones.shown(at, other.timezone),
                )
            await enqueue(
                session,
                chat_id=other.telegram_id,
                person_id=other.id,
                kind=OutboxKind.ALERT_ACK,
                text=notice,
                dedupe_key=f"alert:{alert_id}:acked:{other.id}",
            )
    if alert.severity != "medium":
        await receipt(session, client, alert_id, told=False)
    # After a crisis: a follow-up task with its own timers (bot.domain.care.followups).
    await followups.open_after_ack(session, alert, person_id, at, followup_policy)
    return AckResult(AckOutcome.ACKNOWLEDGED, alert_id, person.code)
