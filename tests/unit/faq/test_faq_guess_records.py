"""Recorded guesses: the entry, confidence, margin, language and day, settled once, summarised per margin band."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect, select

from bot.db.faq_models import FaqGuess, GuessOutcome
from bot.domain.faq import FaqIndex, SearchResult, guesses
from bot.domain.faq.content import load_default
from tests.support.facts import FACTS

KB = load_default(FACTS)
ENTRY = KB.entries[0]


def guess(margin: float = 0.07, lang: str = "en") -> SearchResult:
    return SearchResult("guess", ENTRY, 0.42, KB.entries[1:3], margin, lang)


def test_a_row_has_no_place_for_words_or_a_person() -> None:
    columns = {c.key for c in inspect(FaqGuess).columns}
    assert columns == {"id", "day", "entry_id", "confidence", "margin", "lang", "outcome"}


async def test_a_guess_is_kept_without_an_answer_then_settled_once(db) -> None:  # type: ignore[no-untyped-def]
    async with db.session() as s, s.begin():
        gid = await guesses.record(s, guess(lang="es"))
    async with db.session() as s, s.begin():
        row = (await s.execute(select(FaqGuess))).scalar_one()
        assert (row.entry_id, row.confidence, row.margin, row.lang, row.outcome) == (ENTRY.id, 0.42, 0.07, "es", "none")
        assert row.day == dt.datetime.now(dt.UTC).date()
        assert await guesses.settle(s, gid, GuessOutcome.YES)
        assert not await guesses.settle(s, gid, GuessOutcome.OTHER)  # pressed again: nothing changes
        assert not await guesses.settle(s, gid + 1, GuessOutcome.YES)  # no such guess
    async with db.session() as s:
        found = await guesses.get(s, gid)
        assert found == guesses.Guess(gid, ENTRY.id, 0.42, "es", GuessOutcome.YES)
        assert await guesses.get(s, gid + 1) is None


async def test_only_a_guess_is_recorded_and_only_yes_or_other_settles_it(db) -> None:  # type: ignore[no-untyped-def]
    answer = FaqIndex(KB).ask("how many days a week do i come in")
    async with db.session() as s, s.begin():
        with pytest.raises(ValueError, match="not a guess"):
            await guesses.record(s, answer)
        gid = await guesses.record(s, guess())
        with pytest.raises(ValueError, match="yes or other"):
            await guesses.settle(s, gid, GuessOutcome.NONE)


async def test_the_summary_counts_outcomes_and_bands_by_margin(db) -> None:  # type: ignore[no-untyped-def]
    async with db.session() as s, s.begin():
        assert await guesses.summary(s) == guesses.Summary()
        plan = [(0.05, GuessOutcome.YES), (0.059, GuessOutcome.OTHER), (0.06, GuessOutcome.YES), (0.09, None)]
        plan += [(0.099, GuessOutcome.YES), (0.093, GuessOutcome.OTHER)]
        for margin, outcome in plan:
            gid = await guesses.record(s, guess(margin))
            if outcome is not None:
                await guesses.settle(s, gid, outcome)
        found = await guesses.summary(s)
    assert (found.yes, found.other, found.unanswered, found.total) == (3, 2, 1, 6)
    assert found.bands == (
        guesses.Band(0.05, yes=1, other=1),
        guesses.Band(0.06, yes=1, other=0),
        guesses.Band(0.09, yes=1, other=1),
    )
