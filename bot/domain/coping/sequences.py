"""A paced coping tool's steps, sent on their own: one outbox row per step, `pace` seconds apart.

The outbox is the durable timer: a restart sends what is due late, never twice (a dedupe key per
person, run and step), and a client who pauses (/stop) has every pending row cancelled by the
delivery loop. "I'm done", /cancel or a new /craving withdraws the steps still waiting.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import OutboxKind, OutboxMessage, OutboxStatus
from bot.db.session import affected
from bot.domain.records.outbox import enqueue

Step = tuple[str, list[list[tuple[str, str]]]]  # the text, its buttons


def step_key(person_id: int, run: str, n: int) -> str:
    return f"pace:{person_id}:{run}:{n}"


async def queue(
    session: AsyncSession, person_id: int, chat_id: int, run: str, steps: list[Step], start: dt.datetime, pace: int
) -> int:
    """Queue steps 2.. of a run (step 1 is shown at once) at `start` + n × `pace`; returns how many were new."""
    written = 0
    for n, (text, buttons) in enumerate(steps, start=1):
        written += await enqueue(
            session,
            chat_id=chat_id,
            person_id=person_id,
            kind=OutboxKind.COPING_STEP,
            text=text,
            due_at=start + dt.timedelta(seconds=pace * n),
            dedupe_key=step_key(person_id, run, n),
            buttons=buttons,
        )
    return written


async def withdraw(session: AsyncSession, person_id: int) -> int:
    """Drop the client's paced steps still waiting (any run: one flow is open at a time)."""
    result = await session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.person_id == person_id,
            OutboxMessage.kind == OutboxKind.COPING_STEP,
            OutboxMessage.status == OutboxStatus.PENDING,
        )
    )
    return affected(result)
