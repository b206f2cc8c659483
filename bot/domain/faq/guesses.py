"""Guesses: FAQ articles shown with "Did I get that right?", and what the client answered.

Kept so the clinic can tune the guess threshold (`search.GUESS_MARGIN`): per guess the entry, the
search's confidence and margin, the language and the outcome (yes / other / no answer yet), and
the day it was shown. Never the question's words, never who asked (bot/db/faq_models.py). The
words of a guess that missed go where every unanswered question goes: `store.log_gap`, with its
rules (crisis-screened, encrypted, no sender).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import now
from bot.db.faq_models import FaqGuess, GuessOutcome
from bot.db.session import affected
from bot.domain.faq.search import SearchResult

BAND = 0.01  # width of a margin band in the summary
SUMMARY_ROWS = 2000  # the newest guesses summarised


@dataclass(frozen=True, slots=True)
class Guess:
    id: int
    entry_id: str
    confidence: float
    lang: str
    outcome: GuessOutcome


@dataclass(frozen=True, slots=True)
class Band:
    """Answered guesses whose margin was at least `low` and below `low + BAND`."""

    low: float
    yes: int
    other: int


@dataclass(frozen=True, slots=True)
class Summary:
    yes: int = 0
    other: int = 0
    unanswered: int = 0
    bands: tuple[Band, ...] = ()

    @property
    def total(self) -> int:
        return self.yes + self.other + self.unanswered


async def record(session: AsyncSession, result: SearchResult) -> int:
    """Keep a guess as shown (no answer yet); returns its id, for the buttons under it."""
    if result.kind != "guess" or result.entry is None:
        raise ValueError(f"not a guess: {result.kind}")
    row = FaqGuess(
        day=now().date(),
        entry_id=result.entry.id,
        confidence=result.score,
        margin=result.margin,
        lang=result.lang,
        outcome=GuessOutcome.NONE.value,
    )
    session.add(row)
    await session.flush()
    return row.id


async def get(session: AsyncSession, guess_id: int) -> Guess | None:
    row = await session.get(FaqGuess, guess_id)
    if row is None:
        return None
    return Guess(row.id, row.entry_id, row.confidence, row.lang, GuessOutcome(row.outcome))


async def settle(session: AsyncSession, guess_id: int, outcome: GuessOutcome) -> bool:
    """Record the answer to a guess that has none yet; False (nothing changed) when it had one already."""
    if outcome is GuessOutcome.NONE:
        raise ValueError("a guess is settled with yes or other")
    stmt = (
        update(FaqGuess)
        .where(FaqGuess.id == guess_id, FaqGuess.outcome == GuessOutcome.NONE.value)
        .values(outcome=outcome.value)
    )
    return affected(await session.execute(stmt)) == 1


async def summary(session: AsyncSession) -> Summary:
    """How the newest guesses went: counts per outcome, and yes / other per margin band (lowest first)."""
    stmt = select(FaqGuess.outcome, FaqGuess.margin).order_by(FaqGuess.id.desc()).limit(SUMMARY_ROWS)
    rows = (await session.execute(stmt)).all()
    counts = {o: 0 for o in GuessOutcome}
    bands: dict[int, list[int]] = {}
    for outcome, margin in rows:
        found = GuessOutcome(outcome)
        counts[found] += 1
        if found is not GuessOutcome.NONE:
            band = bands.setdefault(int(margin / BAND + 1e-9), [0, 0])  # 0.06 / 0.01 is 5.99…
            band[found is GuessOutcome.OTHER] += 1
    return Summary(
        counts[GuessOutcome.YES],
        counts[GuessOutcome.OTHER],
        counts[GuessOutcome.NONE],
        tuple(Band(round(k * BAND, 2), yes, other) for k, (yes, other) in sorted(bands.items())),
    )
