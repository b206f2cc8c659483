"""Starting a broadcast: its row, one outbox copy per sendable recipient (one executemany), and the links."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from bot.delivery import bulk
from bot.domain.meetings import broadcasts


async def start(
    session: AsyncSession, sender_id: int, audience: str, cohort: str, content: str, text: str, now: dt.datetime
) -> tuple[int, int]:
    """Create the broadcast and queue its copies; returns (broadcast id, copies queued)."""
    broadcast_id, people = await broadcasts.create(session, sender_id, audience, cohort, content, text, now)
    sendable = [r for r in people if r.sendable]
    bodies = await broadcasts.schedule_texts(session, sendable, now) if content == "schedule" else {}
    messages = [
        bulk.NewMessage(
            chat_id=r.chat_id,
            kind=broadcasts.KIND,
            text=bodies.get(r.person_id, text),
            person_id=r.person_id,
            due_at=now,
            dedupe_key=broadcasts.copy_key(broadcast_id, r.person_id),
        )
        for r in sendable
    ]
    queued = await bulk.enqueue_many(session, messages)
    await broadcasts.link_copies(session, broadcast_id, people)
    return broadcast_id, queued
