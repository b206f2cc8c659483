"""The FAQ: content (`content`, faq.yaml beside it), reading text (`words`), search and the live store.

- `content`, `words`, `search`: the shipped entries, the word lists, ranking; `store`: uploads and gaps.

Code outside the FAQ imports from here; the modules behind it may be reorganised freely.
"""

from __future__ import annotations

from bot.domain.faq.content import (
    DEFAULT_PATH,
    MAX_ANSWER_CHARS,
    MAX_ID_CHARS,
    Category,
    FaqContentError,
    FaqEntry,
    KnowledgeBase,
    load_default,
    parse_knowledge_base,
    validate,
)
from bot.domain.faq.search import MAX_QUESTION_CHARS, MIN_CONFIDENCE, MIN_MARGIN, FaqIndex, Kind, SearchResult
from bot.domain.faq.words import FaqWordsError, Words, default_words

__all__ = [
    "DEFAULT_PATH",
    "MAX_ANSWER_CHARS",
    "MAX_ID_CHARS",
    "MAX_QUESTION_CHARS",
    "MIN_CONFIDENCE",
    "MIN_MARGIN",
    "Category",
    "FaqContentError",
    "FaqEntry",
    "FaqIndex",
    "FaqWordsError",
    "Kind",
    "KnowledgeBase",
    "SearchResult",
    "Words",
    "default_words",
    "load_default",
    "parse_knowledge_base",
    "validate",
]
