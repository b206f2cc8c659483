"""One alert per client episode: flags that follow soon after join the alert already open.

A person in crisis often writes many messages in a few minutes. Each one is screened and
each flag is kept, but they belong to one episode, so the care team works one alert: one
push per holder, one Acknowledge, one receipt for the client. A flag joins the client's
open alert when that alert was last flagged within the episode window (the crisis exchange,
CRISIS_EXCHANGE_MINUTES). A stronger flag raises the alert's severity and tells whoever a
new alert of that severity would tell (a crisis goes to on-call at once); holders who have
it already hear "C-1234 wrote again" (coalesced, bot.domain.care.alert_delivery). After an
Acknowledge the episode's alert is closed to new flags: the next flag raises a new alert, so
a human looks again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import now
from bot.db.models import Alert, FlagRecord, Person
from bot.domain.care import alert_delivery, alerts
from bot.domain.records import audit


async def open_episode(session: AsyncSession, client_id: int, within: dt.timedelta) -> Alert | None:
    """The client's open alert whose newest flag is less than `within` old, if any."""
    newest = (
        select(FlagRecord.alert_id, func.max(FlagRecord.created_at).label("last"))
        .where(FlagRecord.person_id == client_id, FlagRecord.alert_id.is_not(None))
        .group_by(FlagRecord.alert_id)
        .subquery()
    )
    stmt = (
        select(Alert)
        .join(newest, newest.c.alert_id == Alert.id)
        .where(Alert.client_id == client_id, Alert.status == "open", newest.c.last >= now() - within)
        .order_by(Alert.id.desc())
        .limit(1)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def raise_or_join(
    session: AsyncSession,
    client_id: int,
    flags: Sequence[alerts.FlagLike],
    *,
    source: str,
    within: dt.timedelta,
    policy: alerts.EscalationPolicy | None = None,
    checkin_id: int | None = None,
    oncall_only: bool = False,
) -> int | None:
    """Add the flags to the client's open episode, or raise a new alert; returns the alert id."""
    if not flags:
        return None
    alert = await open_episode(session, client_id, within)
    if alert is None:
        return await alerts.raise_alert(
            session, client_id, flags, source=source, checkin_id=checkin_id, policy=policy, oncall_only=oncall_only
        )
    await join(session, alert, flags, source=source, checkin_id=checkin_id, policy=policy or alerts.EscalationPolicy())
    return alert.id


async def join(
    session: AsyncSession,
    alert: Alert,
    flags: Sequence[alerts.FlagLike],
    *,
    source: str,
    policy: alerts.EscalationPolicy,
    checkin_id: int | None = None,
) -> None:
    """Keep the flags with `alert`; raise its severity if they are stronger and tell who must hear."""
    at = now()
    records = [
        FlagRecord(
            person_id=alert.client_id,
            alert_id=alert.id,
            source=source,
            checkin_id=checkin_id,
            severity=str(f.severity),
            rule=str(f.rule),
            explanation=f.explanation,
            created_at=at,
        )
        for f in flags
    ]
    session.add_all(records)
    await session.flush()
    strongest = max((str(f.severity) for f in flags), key=lambda s: alerts.SEVERITY_RANK[s])
    before = alert.severity
    raised = alerts.SEVERITY_RANK[strongest] > alerts.SEVERITY_RANK[before]
    if raised:
        alert.severity = strongest
    audit.record(
        session,
        "alert.joined",
        client_person_id=alert.client_id,
        alert=alert.id,
        severity=alert.severity,
        was=before,
        rules=[str(f.rule) for f in flags],
    )
    client = await session.get(Person, alert.client_id)
    assert client is not None
    if before != "medium":  # the holders have it on their phones: "wrote again", coalesced
        await alert_delivery.wrote_again(session, alert, client, records[-1].id)
    if raised:
        await alerts.announce(session, alert, policy, at)
