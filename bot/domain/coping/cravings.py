"""A craving met with a tool: recognise craving talk, choose a tool, keep the ratings, flag a high one.

Craving talk is the client's own words that they want to use now ("craving bad rn", "i really
want to drink", "tengo ganas de consumir"). A question about cravings ("how does IOP help with
cravings?") is left to the FAQ unless it says they crave now ("what do i do, i'm craving"); a
denial ("no cravings today") is not craving talk. The crisis screen still reads every message
first: intent to use keeps its high flag there.

After the tool the client rates the craving again; both ratings and the tool are stored. A
craving still at `HIGH` or more afterwards raises a medium flag, which reaches the therapist in
the daily digest (the client is given the care team's number and the crisis lines at once).
Every craving gets a check back 15 minutes later, through the outbox (a restart delays it, never
drops it): "has it eased?", rated 0–10 once. Still at the check-in's high-craving line then, it
raises the check-in's own high flag, which is pushed to the therapist and escalates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.core.clock import now
from bot.db.coping_models import CopingUse
from bot.db.models import OutboxKind
from bot.domain.care import alerts
from bot.domain.checkins.reported_use import fold
from bot.domain.records import audit
from bot.domain.records.outbox import enqueue
from bot.domain.safety.risk import Flag, RuleCode, Severity

HIGH = 8  # a craving this strong after the tool still needs a human (reference: vendors use >= 8)
CHECK_BACK = dt.timedelta(minutes=15)  # a craving still high gets a message this long after
DEFAULT_ORDER = ("urge_surfing", "breathing", "grounding", "tape", "call")  # first tried with no history

_WANT = r"(?:use|using|drink|drinking|get high|get drunk|get wasted|smoke|smoking|drugs|a drink|a hit|relapse|pick up)"
_EN = re.compile(
    r"\b(?:crav(?:e|es|ed|ing|ings)|cravin|urges? to " + _WANT + r"|(?:i|im|i'm|i am) (?:really |so |kinda |kind of )?"
    r"(?:want(?:ing)? to|wanna|need to|feel like|tempted to|itching to) " + _WANT + r"\b)"
)
_ES = re.compile(
    r"\b(?:(?:tengo|siento) (?:muchas |unas )?ganas de (?:consumir|beber|tomar|drogarme|fumar|usar)"
    r"|(?:quiero|necesito) (?:consumir|beber|tomar alcohol|drogarme)|antojo|ansias? de (?:consumir|beber|tomar))\b"
)
_DENIAL = re.compile(
    r"\b(?:no|not|never|dont|don't|didnt|didn't|without|zero|sin|ni)\b(?: \w+){0,2} "
    r"(?:craving|cravings|crave|urges?|want to|feel like|ganas|antojo)"
)
# A question ("how does IOP help with cravings?") is the FAQ's, unless the writer says they crave now.
_QUESTION = re.compile(
    r"^(?:how|what|whats|why|when|where|which|does|do|is|are|can|could|should|will|would"
    r"|como|que|por que|cuando|donde|cual)\b"
)
_NOW = re.compile(
    r"\b(?:(?:i|im|i'm|i am) (?:really |so |kinda |kind of )?"
    r"(?:craving|want|wanna|need|feel like|tempted|itching)|(?:tengo|siento) (?:muchas |unas )?ganas|quiero)\b"
)


def is_craving_talk(text: str) -> bool:
    """True when the writer says they have a craving now (English or Spanish, accents optional)."""
    flat = fold(text)
    if not flat or _DENIAL.search(flat) or (_QUESTION.search(flat) and not _NOW.search(flat)):
        return False
    return bool(_EN.search(flat) or _ES.search(flat))


@dataclass(frozen=True, slots=True)
class Past:
    """One earlier use of a tool: how strong the craving was before and after."""

    tool: str
    before: int
    after: int


def pick(history: Iterable[Past], offered: Sequence[str]) -> str:
    """The tool that helped this person most (largest mean drop), else the first they have not tried.

    Only tools still offered count; with no history, the first of DEFAULT_ORDER that is offered."""
    drops: dict[str, list[int]] = {}
    for past in history:
        if past.tool in offered:
            drops.setdefault(past.tool, []).append(past.before - past.after)
    helped = {tool: sum(d) / len(d) for tool, d in drops.items() if sum(d) > 0}
    if helped:
        return max(offered, key=lambda t: (helped.get(t, float("-inf")), -offered.index(t)))
    untried = [t for t in (*DEFAULT_ORDER, *offered) if t in offered and t not in drops]
    return untried[0] if untried else offered[0]


async def history(session: AsyncSession, person_id: int, limit: int = 30) -> list[Past]:
    """The client's most recent tool uses, newest first."""
    rows = await session.scalars(
        select(CopingUse).where(CopingUse.person_id == person_id).order_by(CopingUse.id.desc()).limit(limit)
    )
    return [Past(r.tool, r.before, r.after) for r in rows]


@dataclass(frozen=True, slots=True)
class ToolSummary:
    """How one tool went for a client over a period: times used, mean rating before and after."""

    tool: str
    times: int
    before: float
    after: float


async def summary(session: AsyncSession, person_id: int, since: dt.datetime) -> list[ToolSummary]:
    """The client's cravings met with each tool since `since`, the most used first (for /client)."""
    rows = await session.scalars(
        select(CopingUse).where(CopingUse.person_id == person_id, CopingUse.started_at >= since)
    )
    by_tool: dict[str, list[CopingUse]] = {}
    for r in rows:
        by_tool.setdefault(r.tool, []).append(r)
    found = [
        ToolSummary(tool, len(uses), sum(u.before for u in uses) / len(uses), sum(u.after for u in uses) / len(uses))
        for tool, uses in by_tool.items()
    ]
    return sorted(found, key=lambda t: (-t.times, t.after - t.before, t.tool))


def still_high(after: int) -> bool:
    return after >= HIGH


def flag_for(before: int, after: int, tool: str) -> Flag:
    """The medium flag for a craving still high after a tool, explained in numbers (no words of theirs)."""
    return Flag(Severity.MEDIUM, RuleCode.CRAVING_AFTER_TOOL, f"craving {after} of 10 after {tool} (was {before})")


async def record(
    session: AsyncSession,
    person_id: int,
    tool: str,
    before: int,
    after: int,
    *,
    picked_by: str,
    started_at: dt.datetime,
) -> int:
    """Store the use; raise the medium flag when it is still high. Returns the use's id (its check back's)."""
    use = CopingUse(
        person_id=person_id,
        tool=tool,
        picked_by=picked_by,
        before=before,
        after=after,
        started_at=started_at,
        finished_at=now(),
    )
    session.add(use)
    await session.flush()
    audit.record(session, "coping.used", actor_person_id=person_id, client_person_id=person_id, tool=tool)
    if still_high(after):
        await alerts.raise_alert(session, person_id, [flag_for(before, after, tool)], source="coping")
    return use.id


async def check_back(
    session: AsyncSession,
    person_id: int,
    chat_id: int,
    use_id: int,
    buttons: list[list[tuple[str, str]]],
    at: dt.datetime,
) -> bool:
    """Queue the check back CHECK_BACK after `at` (an outbox row: a restart delays it, never drops it).

    Its words are neutral, as anything that may show on a lock screen; one per craving met."""
    return await enqueue(
        session,
        chat_id=chat_id,
        person_id=person_id,
        kind=OutboxKind.REMINDER,
        text=texts.COPING_CHECK_BACK,
        due_at=at + CHECK_BACK,
        dedupe_key=f"craving-check:{use_id}",
        buttons=buttons,
    )


class Later(StrEnum):
    EASED = "eased"  # below the high line now
    STILL_HIGH = "still_high"  # at or above it: the high flag is raised
    ALREADY = "already"  # answered before: the first answer stays
    GONE = "gone"  # no such use of theirs (erased, or someone else's button)


@dataclass(frozen=True, slots=True)
class LaterResult:
    outcome: Later
    before: int = 0
    value: int = 0


async def rate_later(
    session: AsyncSession,
    use_id: int,
    person_id: int,
    value: int,
    *,
    high_at: int,
    at: dt.datetime,
    policy: alerts.EscalationPolicy | None = None,
) -> LaterResult:
    """The check back's answer: stored once; at or above `high_at` (the check-in's high-craving line), the
    check-in's high flag, explained in numbers (no words of theirs)."""
    use = await session.get(CopingUse, use_id)
    if use is None or use.person_id != person_id:
        return LaterResult(Later.GONE)
    if use.later is not None:
        return LaterResult(Later.ALREADY, use.before, use.later)
    use.later, use.later_at = value, at
    audit.record(session, "coping.check_back", actor_person_id=person_id, client_person_id=person_id, tool=use.tool)
    if value < high_at:
        return LaterResult(Later.EASED, use.before, value)
    why = f"craving {value} of 10 fifteen minutes after {use.tool} (was {use.before}, then {use.after})"
    flag = Flag(Severity.HIGH, RuleCode.HIGH_CRAVING, why)
    await alerts.raise_alert(session, person_id, [flag], source="coping", at=at, policy=policy)
    return LaterResult(Later.STILL_HIGH, use.before, value)
