"""What the care team hears about a screened message, and the exchange that follows it.

The reply itself is the handler's job and goes first; this module raises the alert in the
caller's transaction (bot.services.crisis_record commits it before any reply) and keeps the
person's follow-up messages with that alert, encrypted like every flag's explanation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import now
from bot.db.models import Alert, FlagRecord, Person
from bot.domain.care import alert_access, alerts, episodes
from bot.domain.safety import reviews
from bot.domain.safety.risk import Severity
from bot.domain.safety.screen import Category, Level, Screening, flag_severity

QUOTE_OPEN, QUOTE_CLOSE = "“", "”"
ASKED_AFTER = {
    "message": "after a message of theirs",
    "checkin": "at the safety question of the daily check-in",
    "questionnaire": 'at PHQ-9 item 9 (better off dead or hurting themselves), above "not at all"',
}
QUOTE_CHARS = 500  # what of the message the therapist sees on View (encrypted at rest)
ASKS_ABOUT_SELF_HARM = frozenset({Category.SUICIDE, Category.SELF_HARM})


@dataclass(frozen=True)
class MessageFlag:
    severity: str
    rule: str
    explanation: str


def needs_question(screening: Screening) -> bool:
    """A 'possible' message about suicide or self-harm: ask plainly whether they are thinking of it."""
    return screening.level is Level.POSSIBLE and screening.category in ASKS_ABOUT_SELF_HARM


def quote(text: str) -> str:
    """What of a message a flag keeps (and View shows): spaces folded, the first QUOTE_CHARS."""
    return " ".join(text.split())[:QUOTE_CHARS]


def flag_for(screening: Screening, text: str) -> MessageFlag | None:
    severity = flag_severity(screening)
    if severity is None or screening.category is None:
        return None
    said = quote(text)
    kind = screening.category.value.replace("_", " ")
    return MessageFlag(
        severity=severity.value,
        rule=f"msg_{screening.category.value}"[:32],
        explanation=f"message read as {kind} ({screening.level.value}): {QUOTE_OPEN}{said}{QUOTE_CLOSE}",
    )


EPISODE = dt.timedelta(minutes=30)  # default episode window (the crisis exchange's CRISIS_EXCHANGE_MINUTES)


async def raise_for_message(
    session: AsyncSession,
    client_id: int,
    screening: Screening,
    text: str,
    policy: alerts.EscalationPolicy,
    within: dt.timedelta = EPISODE,
    *,
    oncall_only: bool = False,
) -> int | None:
    """Raise the alert a screened message calls for, or add it to the client's open episode."""
    flag = flag_for(screening, text)
    if flag is None:
        return None
    return await episodes.raise_or_join(
        session, client_id, [flag], source="message", within=within, policy=policy, oncall_only=oncall_only
    )


def urgent_when_paused(screening: Screening) -> bool:
    """Explicit words that need a human now reach on-call even from a client who paused or left."""
    return screening.level is Level.EXPLICIT and flag_severity(screening) is Severity.CRISIS


async def raise_for_answer(
    session: AsyncSession,
    client_id: int,
    policy: alerts.EscalationPolicy,
    within: dt.timedelta = EPISODE,
    *,
    oncall_only: bool = False,
    where: str = "message",
) -> int | None:
    """They answered 'yes' when asked whether they are thinking of harming themselves: a crisis.

    The reason says what prompted the question: a message of theirs (its words are on the same
    alert, the episode's first flag) or the daily check-in's safety step.
    """
    asked = ASKED_AFTER.get(where, ASKED_AFTER["message"])
    flag = MessageFlag(
        Severity.CRISIS.value, "asked_said_yes", f"said YES when asked, {asked}, if thinking of harming themselves"
    )
    return await episodes.raise_or_join(
        session, client_id, [flag], source="message", within=within, policy=policy, oncall_only=oncall_only
    )


async def add_follow_up(
    session: AsyncSession, client_id: int, text: str, *, within: dt.timedelta, oncall_only: bool = False
) -> tuple[Alert, int] | None:
    """Keep a message sent during the exchange with the client's alert (seen on View): the newest
    open one, else one raised within the exchange and acknowledged since. Returns it and the flag id.

    `oncall_only` (a client who paused or left): only an open alert their explicit words raised for
    on-call (no therapist on it) keeps it; once that is acknowledged, nothing does."""
    newest = select(Alert).where(Alert.client_id == client_id).order_by(Alert.created_at.desc(), Alert.id.desc())
    if oncall_only:
        newest = newest.where(Alert.therapist_id.is_(None), Alert.level >= alert_access.ONCALL)
    alert = (await session.execute(newest.where(Alert.status == "open").limit(1))).scalar_one_or_none()
    if alert is None and not oncall_only:
        recent = newest.where(Alert.created_at >= now() - within).limit(1)
        alert = (await session.execute(recent)).scalar_one_or_none()
    if alert is None:
        return None
    flag = FlagRecord(
        person_id=client_id,
        alert_id=alert.id,
        source="message",
        severity=alert.severity,
        rule="follow_up",
        explanation=f"then wrote: “{quote(text)}”",
    )
    session.add(flag)
    await session.flush()
    return alert, flag.id


async def flagged_text(session: AsyncSession, alert_id: int) -> str | None:
    """The client's words that raised the alert (as kept on its flag), or None for other alerts."""
    rows = await session.execute(
        select(FlagRecord.explanation)
        .where(FlagRecord.alert_id == alert_id, FlagRecord.source == "message", FlagRecord.rule.like("msg_%"))
        .order_by(FlagRecord.id)
        .limit(1)
    )
    explanation = rows.scalar_one_or_none()
    if explanation is None or QUOTE_OPEN not in explanation:
        return None
    return explanation.split(QUOTE_OPEN, 1)[1].removesuffix(QUOTE_CLOSE)


async def mark_false_alarm(session: AsyncSession, alert_id: int, person_id: int) -> int | None:
    """Keep the message behind an alert as a "false alarm" example; None if not allowed or not a message."""
    alert = await session.get(Alert, alert_id)
    person = await session.get(Person, person_id)
    if alert is None or person is None or not await alert_access.may_handle(session, alert, person):
        return None
    text = await flagged_text(session, alert_id)
    if text is None:
        return None
    return await reviews.false_alarm(session, text, alert.client_id, alert_id, person_id)
