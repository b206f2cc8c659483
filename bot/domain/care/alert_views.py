"""Reading alerts: one alert's detail and the open ones a person may see; every look is audited."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Alert, AlertRecipient, ClientProfile, FlagRecord, Person, Role
from bot.domain.care.alert_access import ONCALL, access, open_alert_for
from bot.domain.care.alerts import AlertDetail
from bot.domain.care.oncall import current_oncall
from bot.domain.records import audit


async def view(session: AsyncSession, alert_id: int, person_id: int) -> AlertDetail | None:
    """The alert's detail for someone allowed to see it (audited); None otherwise."""
    alert = await session.get(Alert, alert_id)
    person = await session.get(Person, person_id)
    via = None if alert is None or person is None else await access(session, alert, person)
    if alert is None or via is None:
        if alert is not None:
            audit.record(
                session,
                "alert.view_denied",
                actor_person_id=person_id,
                client_person_id=alert.client_id,
                alert=alert_id,
            )
        return None
    audit.record(
        session, "alert.view", actor_person_id=person_id, client_person_id=alert.client_id, alert=alert_id, via=via
    )
    return await _detail(session, alert)


async def _detail(session: AsyncSession, alert: Alert) -> AlertDetail:
    client = await session.get(Person, alert.client_id)
    acker = await session.get(Person, alert.acked_by) if alert.acked_by else None
    flags = (
        await session.execute(select(FlagRecord).where(FlagRecord.alert_id == alert.id).order_by(FlagRecord.id))
    ).scalars()
    return AlertDetail(
        id=alert.id,
        client_id=alert.client_id,
        client_code=client.code if client else "?",
        severity=alert.severity,
        created_at=alert.created_at,
        reasons=[f.explanation for f in flags],
        acked_by_code=acker.code if acker else None,
        acked_at=alert.acked_at,
        level=alert.level,
        client_initials=client.display_name if client else "",
        status=alert.status,
    )


async def open_alerts(session: AsyncSession, person_id: int) -> list[AlertDetail]:
    """Open alerts a person may see, oldest first: a therapist's own clients; staff and admins all."""
    person = await session.get(Person, person_id)
    if person is None or person.role is Role.CLIENT:
        return []
    stmt = select(Alert).where(Alert.status == "open").order_by(Alert.created_at, Alert.id)
    if person.role is Role.THERAPIST:
        oncall = await current_oncall(session)
        mine = Alert.client_id.in_(select(ClientProfile.person_id).where(ClientProfile.therapist_id == person_id))
        # While on call, the alerts that reached the on-call tier too; the shift's end ends that.
        stmt = stmt.where(or_(mine, Alert.level >= ONCALL) if oncall is not None and oncall.id == person_id else mine)
    alerts = list((await session.execute(stmt)).scalars())
    audit.record(session, "alerts.list", actor_person_id=person_id, count=len(alerts))
    return [await _detail(session, a) for a in alerts]


async def push_messages(session: AsyncSession, alert_id: int) -> list[tuple[int, int, str]]:
    """(chat id, message id, language) of each delivered push of the alert: their buttons can be brought
    up to date, in the language each push was made in (its recipient's)."""
    stmt = (
        select(Person.telegram_id, AlertRecipient.message_id, Person.language)
        .join(AlertRecipient, AlertRecipient.person_id == Person.id)
        .where(AlertRecipient.alert_id == alert_id, AlertRecipient.message_id.is_not(None))
    )
    rows = (await session.execute(stmt)).all()
    return [(chat, int(message), language or "en") for chat, message, language in rows if message is not None]


async def holds_open_alert(session: AsyncSession, client_id: int, person_id: int) -> int | None:
    """The id of an open alert of the client that `person_id` may handle now (by `access`: the
    assignment and the shift, never a past push), else None."""
    person = await session.get(Person, person_id)
    return None if person is None else await open_alert_for(session, client_id, person)
