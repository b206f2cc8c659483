"""The live FAQ: which content is in force, replacing it after validation, and unanswered questions.

The shipped `bot/domain/faq/faq.yaml` is used until staff upload a file; the newest upload
(kept in the database, so every instance and restart agrees) replaces it. A file carries every
language (English fields, `es:` blocks); an upload with a broken Spanish part is refused whole,
like one with a broken English part.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.sanitize import clean_text
from bot.db.models import FaqContent, FaqGap
from bot.domain.faq import (
    DEFAULT_PATH,
    MAX_QUESTION_CHARS,
    FaqContentError,
    FaqIndex,
    KnowledgeBase,
    SearchResult,
    parse_knowledge_base,
)
from bot.domain.faq.content import SOURCE, LocalFacts
from bot.domain.records import audit
from bot.domain.safety import reviews
from bot.domain.safety.folding import normalise
from bot.domain.safety.screen import screen

MAX_FILE_BYTES = 1_000_000


@dataclass(frozen=True)
class Gap:
    text: str
    count: int
    last_at: dt.datetime
    best_entry: str


class FaqStore:
    """Holds the knowledge base and its index; swapped whole, so readers never see half a file."""

    def __init__(self, facts: Mapping[str, str], facts_in: LocalFacts | None = None) -> None:
        """`facts` fill the English placeholders; `facts_in[lang]` a language's own (its crisis lines, say)."""
        self.facts = dict(facts)
        self.facts_in = {lang: dict(values) for lang, values in (facts_in or {}).items()}
        self._set(parse_knowledge_base(DEFAULT_PATH.read_text(encoding="utf-8"), self.facts, self.facts_in))

    def _set(self, kb: KnowledgeBase) -> None:
        self.kb, self.index = kb, FaqIndex(kb)

    def ask(self, text: str, prefer: str = SOURCE) -> SearchResult:
        """The search result for `text`, read in its own language (`prefer`, the reader's, when unclear)."""
        return self.index.ask(text, prefer)

    async def load(self, session: AsyncSession) -> None:
        """Use the newest uploaded content, if any (it was validated when uploaded)."""
        stmt = select(FaqContent).order_by(FaqContent.id.desc()).limit(1)
        row = (await session.execute(stmt)).scalar_one_or_none()
        if row is not None:
            self._set(parse_knowledge_base(row.text, self.facts, self.facts_in))

    async def replace(self, session: AsyncSession, data: bytes, uploaded_by: int | None) -> list[str]:
        """Validate and, only if clean, store and switch to the new content. Returns the problems."""
        if len(data) > MAX_FILE_BYTES:
            return [f"the file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}"]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return ["the file is not UTF-8 text (save it as UTF-8 YAML)"]
        try:  # a large file takes a while to check and index: keep the event loop serving others
            kb, index = await asyncio.to_thread(_parse_and_index, text, self.facts, self.facts_in)
        except FaqContentError as exc:
            return exc.problems
        session.add(FaqContent(text=text, uploaded_by=uploaded_by))
        audit.record(session, "faq.replaced", actor_person_id=uploaded_by, entries=len(kb))
        await session.flush()  # a refused write fails here, before the live content is switched
        self.kb, self.index = kb, index
        return []


async def log_gap(session: AsyncSession, text: str, result: SearchResult) -> int | None:
    """Keep a question the FAQ could not answer, without anything that identifies the sender; returns its id.

    A message the crisis screen flags is never kept (None): it went to the care team, not to FAQ upkeep.
    Only the sender's own conversation state remembers the id, so /delete can erase their gaps too.
    """
    best = result.alternatives[0].id if result.alternatives else ""
    return await log_missed(session, text, best, result.score)


async def log_missed(session: AsyncSession, text: str, best_entry: str, score: float) -> int | None:
    """`log_gap` for a question whose closest entry is known: a guess the client said was not what they asked."""
    if screen(text).flagged:
        return None
    gap = FaqGap(text=clean_text(text)[:MAX_QUESTION_CHARS], best_entry=best_entry, best_score=score)
    session.add(gap)
    await session.flush()
    return gap.id


async def gaps(session: AsyncSession, limit: int = 20) -> list[Gap]:
    """Unanswered questions, most frequent first (same wording counted together).

    Never a message the crisis screen flags (screened again now, so improved rules apply to old
    rows too), nor one a team member marked as crisis or possible with /screen.
    """
    rows = (await session.execute(select(FaqGap).order_by(FaqGap.id.desc()).limit(1000))).scalars().all()
    marked = await reviews.needs_help_texts(session)
    counts: Counter[str] = Counter()
    latest: dict[str, FaqGap] = {}
    for row in rows:
        if screen(row.text).flagged or normalise(row.text) in marked:
            continue
        key = " ".join(row.text.lower().split())
        counts[key] += 1
        latest.setdefault(key, row)
    return [Gap(latest[k].text, n, latest[k].at, latest[k].best_entry) for k, n in counts.most_common(limit)]


def _parse_and_index(text: str, facts: Mapping[str, str], facts_in: LocalFacts) -> tuple[KnowledgeBase, FaqIndex]:
    kb = parse_knowledge_base(text, facts, facts_in)
    return kb, FaqIndex(kb)


async def current_text(session: AsyncSession) -> str:
    """The FAQ file in force: the newest upload, or the shipped file when there is none."""
    row = (await session.execute(select(FaqContent.text).order_by(FaqContent.id.desc()).limit(1))).scalar_one_or_none()
    return row if row is not None else DEFAULT_PATH.read_text(encoding="utf-8")
