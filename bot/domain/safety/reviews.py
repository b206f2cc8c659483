"""Labelled examples from the care team: what the screen said, and what a person says it should be.

A team member checks a text with /screen and marks it "should be crisis", "should be possible" or
"ordinary"; on an alert's View they can mark "false alarm". Each mark is kept (encrypted, audited)
for the people who maintain the rules (`python -m bot triage --review`), and a text marked crisis
never shows among the FAQ's unanswered questions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import now
from bot.db.models import ScreenReview
from bot.domain.records import audit
from bot.domain.safety.folding import normalise
from bot.domain.safety.screen import Screening, screen

MAX_TEXT_CHARS = 1000


class Mark(StrEnum):
    """What a team member says the screen should have decided."""

    CRISIS = "crisis"
    POSSIBLE = "possible"
    ORDINARY = "ordinary"
    FALSE_ALARM = "false_alarm"


NEEDS_HELP = frozenset({Mark.CRISIS, Mark.POSSIBLE})


@dataclass(frozen=True)
class Example:
    id: int
    at: dt.datetime
    text: str
    source: str
    level: str
    category: str | None
    pattern: str | None
    mark: str | None

    def as_dict(self) -> dict[str, str | int | None]:
        """JSON-ready, in the shape of the labelled corpus where it can be."""
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "text": self.text,
            "mark": self.mark,
            "screen": self.level,
            "category": self.category,
            "pattern": self.pattern,
            "source": self.source,
        }


async def check(session: AsyncSession, text: str, person_id: int) -> tuple[int, Screening]:
    """Screen `text` for a team member and keep it, unmarked, so a mark can follow (audited)."""
    text = text.strip()[:MAX_TEXT_CHARS]
    result = screen(text)
    row = ScreenReview(
        text=text,
        source="screen",
        level=result.level.value,
        category=result.category.value if result.category else None,
        pattern=result.pattern,
    )
    session.add(row)
    await session.flush()
    audit.record(session, "screen.check", actor_person_id=person_id, review=row.id, level=result.level.value)
    return row.id, result


async def mark(session: AsyncSession, review_id: int, value: Mark, person_id: int) -> bool:
    """Mark a checked text; False when there is no such example. A later mark replaces an earlier one."""
    row = await session.get(ScreenReview, review_id)
    if row is None:
        return False
    row.mark, row.marked_by, row.marked_at = value.value, person_id, now()
    audit.record(
        session, "screen.mark", actor_person_id=person_id, client_person_id=row.client_id, review=row.id, mark=value
    )
    return True


async def false_alarm(session: AsyncSession, text: str, client_id: int, alert_id: int, person_id: int) -> int:
    """Keep a flagged client message a team member marked "false alarm" on its alert (audited)."""
    result = screen(text)
    row = ScreenReview(
        text=text[:MAX_TEXT_CHARS],
        source="alert",
        level=result.level.value,
        category=result.category.value if result.category else None,
        pattern=result.pattern,
        mark=Mark.FALSE_ALARM.value,
        marked_by=person_id,
        marked_at=now(),
        client_id=client_id,
        alert_id=alert_id,
    )
    session.add(row)
    await session.flush()
    audit.record(
        session, "screen.mark", actor_person_id=person_id, client_person_id=client_id, review=row.id, mark="false_alarm"
    )
    return row.id


async def examples(session: AsyncSession, limit: int = 1000) -> list[Example]:
    """Marked examples, newest first."""
    rows = (
        await session.execute(
            select(ScreenReview).where(ScreenReview.mark.is_not(None)).order_by(ScreenReview.id.desc()).limit(limit)
        )
    ).scalars()
    return [Example(r.id, r.at, r.text, r.source, r.level, r.category, r.pattern, r.mark) for r in rows]


async def needs_help_texts(session: AsyncSession, limit: int = 5000) -> frozenset[str]:
    """Normalised texts a team member marked crisis or possible (for keeping them out of FAQ gaps)."""
    rows = await session.execute(
        select(ScreenReview.text).where(ScreenReview.mark.in_([m.value for m in NEEDS_HELP])).limit(limit)
    )
    return frozenset(normalise(text) for text in rows.scalars())
