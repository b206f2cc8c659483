"""A "can't make it" for a meeting today reaches the therapist at once, not only in tomorrow's digest.

The push is neutral on a lock screen: the client's code, the meeting's public title (as clients
see it) and the time in the therapist's own zone; once per client and occurrence. The next
digest lists it as well, with the rest of the answers. A client without a therapist, or a
therapist who cannot be reached, is left to the digest (which goes to the admins).
"""

from __future__ import annotations

import datetime as dt
import html
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.db.meeting_models import Attendance
from bot.db.models import ClientProfile, OutboxKind, Person
from bot.domain.care.alerts import can_be_told
from bot.domain.meetings.schedule import Occurrence
from bot.domain.records.outbox import enqueue
from bot.texts import catalogue


def _today_for(occ: Occurrence, zone: str, at: dt.datetime) -> bool:
    try:
        tz = ZoneInfo(zone)
    except (KeyError, ValueError):
        tz = ZoneInfo("UTC")
    if occ.series.all_day:
        return occ.day == at.astimezone(occ.series.zone).date()
    return occ.start.astimezone(tz).date() == at.astimezone(tz).date()


async def tell_if_today(session: AsyncSession, row: Attendance, occ: Occurrence, at: dt.datetime) -> bool:
    """Push the therapist now when the meeting is today in their zone; True when a push was queued."""
    profile = await session.get(ClientProfile, row.person_id)
    therapist = await session.get(Person, profile.therapist_id) if profile and profile.therapist_id else None
    client = await session.get(Person, row.person_id)
    if therapist is None or client is None or not can_be_told(therapist):
        return False
    if not _today_for(occ, therapist.timezone, at):
        return False
    local = occ.start.astimezone(ZoneInfo(therapist.timezone)) if not occ.series.all_day else None
    with catalogue.speaking(therapist.language):  # the client tapped; the therapist reads it
        text = texts.MEETING_REGRET_PUSH.format(
            code=html.escape(client.code),
            title=html.escape(occ.series.public_title),
            time=texts.MEETING_REGRET_ALL_DAY if local is None else f"{local:%H:%M}",
        )
    return await enqueue(
        session,
        chat_id=therapist.telegram_id,
        person_id=therapist.id,
        kind=OutboxKind.NOTICE,
        text=text,
        dedupe_key=f"regret:{occ.series.id}:{int(occ.original_start.timestamp())}:{client.id}",
    )
