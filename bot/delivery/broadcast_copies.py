"""Starting a broadcast: its row, one outbox copy per sendable recipient (one executemany), and the links.

Each copy is in its reader's language: their version of a typed message, or their own week."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.meetings import broadcast_versions, broadcasts
from bot.domain.records import bulk
from bot.texts import catalogue


async def start(
    session: AsyncSession,
    sender_id: int,
    audience: str,
    cohort: str,
    content: str,
    text: str,
    now: dt.datetime,
    *,
    language: str = catalogue.SOURCE,
    versions: dict[str, str] | None = None,
) -> tuple[int, int]:
    """Create the broadcast and queue its copies; returns (broadcast id, copies queued).

    A typed message goes to each recipient in their language if a version is written in it, else
    the first version (`text`, in `language`) after a note; a schedule is rendered for each."""
    broadcast_id, people = await broadcasts.create(
        session, sender_id, audience, cohort, content, text, now, language=language, versions=versions
    )
    sendable = [r for r in people if r.sendable]
    if content == "schedule":
        bodies = await broadcasts.schedule_texts(session, sendable, now)
    else:
        written = {language: text, **(versions or {})}
        bodies = broadcast_versions.bodies(written, language, {r.person_id: r.language for r in sendable})
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
