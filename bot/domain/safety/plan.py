"""A client's own safety plan (after Stanley and Brown), section by section, encrypted at rest.

Shown on request, inside crisis replies, and offered after a hard check-in: people open
their own plan far more often than they call a hotline, so it comes first in a crisis.
"""

from __future__ import annotations

import enum
import json

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import ClientProfile
from bot.domain.records import audit

MAX_SECTION_CHARS = 1000  # a few lines each; the whole plan still fits one message


class Section(enum.StrEnum):
    WARNING_SIGNS = "warn"
    COPING = "cope"
    DISTRACTIONS = "places"
    PEOPLE = "people"
    REASONS = "reasons"


ORDER = tuple(Section)


def _load(raw: str | None) -> dict[Section, str]:
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return {Section(k): v for k, v in data.items() if k in Section._value2member_map_ and isinstance(v, str) and v}


async def get(session: AsyncSession, person_id: int) -> dict[Section, str]:
    """The client's plan: filled sections only, in the plan's order."""
    profile = await session.get(ClientProfile, person_id)
    plan = _load(profile.safety_plan if profile else None)
    return {s: plan[s] for s in ORDER if s in plan}


def clean(text: str) -> str:
    """Trim, drop empty lines, keep it within one section's length."""
    lines = [line.strip() for line in text.replace("\r", "").split("\n")]
    return "\n".join(line for line in lines if line)[:MAX_SECTION_CHARS]


async def set_section(session: AsyncSession, person_id: int, section: Section, text: str) -> bool:
    """Write one section (empty text clears it). False when the person has no client profile."""
    profile = await session.get(ClientProfile, person_id)
    if profile is None:
        return False
    plan = _load(profile.safety_plan)
    value = clean(text)
    if value:
        plan[section] = value
    else:
        plan.pop(section, None)
    profile.safety_plan = json.dumps({s.value: v for s, v in plan.items()}) if plan else None
    audit.record(
        session, "safety_plan.edit", actor_person_id=person_id, client_person_id=person_id, section=section.value
    )  # which section, never its words
    return True
