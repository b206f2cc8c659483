"""Daily check-in reminders: their dedupe key, and cancelling one when the client checks in first."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import OutboxMessage, OutboxStatus


def checkin_reminder_key(person_id: int, local_date: dt.date) -> str:
    """One reminder per client per local day, however often or by how many processes it is planned."""
    return f"checkin-reminder:{person_id}:{local_date.isoformat()}"


async def cancel_checkin_reminder(session: AsyncSession, person_id: int, local_date: dt.date) -> int:
    """Cancel that day's reminder if it has not gone out yet; returns how many rows were cancelled."""
    result = await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.dedupe_key == checkin_reminder_key(person_id, local_date),
            OutboxMessage.status == OutboxStatus.PENDING,
        )
        .values(status=OutboxStatus.CANCELLED, last_error="checked in before the reminder")
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]  # CursorResult of an UPDATE
