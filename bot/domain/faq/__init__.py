"""The FAQ: content (`content`, faq.yaml beside it), reading text (`words`), search and the live store.

- `entries`: the file's schema and the loaded knowledge base; `content`: loading and checking a file.
- `words`, `search`: the word lists, ranking; `parts`: which part of a long message is read alone;
  `store`: uploads and gaps.
- `guesses`: articles shown with "Did I get that right?" and the answers, to tune the guess threshold.
- `own_schedule`: whether a question asks when the client's own sessions are ("what time is group").
- Languages: an entry's own fields are English; its `es:` block the same entry in Spanish
  (`FaqEntry.text(lang)`). Each language has its word list (faq_words.yaml, faq_words_es.yaml)
  and its index; a question is searched in the language it is written in (`SearchResult.lang`).

Code outside the FAQ imports from here; the modules behind it may be reorganised freely.
"""

from __future__ import annotations

from bot.domain.faq.content import (
    DEFAULT_PATH,
    MAX_ANSWER_CHARS,
    MAX_ID_CHARS,
    SOURCE,
    TRANSLATIONS,
    Category,
    EntryText,
    FaqContentError,
    FaqEntry,
    KnowledgeBase,
    load_default,
    parse_knowledge_base,
    validate,
)
from bot.domain.faq.search import (
    GUESS_MARGIN,
    MAX_QUESTION_CHARS,
    MIN_CONFIDENCE,
    MIN_MARGIN,
    FaqIndex,
    Kind,
    LanguageGuess,
    SearchResult,
)
from bot.domain.faq.words import FaqWordsError, Words, default_words, fold

__all__ = [
    "DEFAULT_PATH",
    "GUESS_MARGIN",
    "MAX_ANSWER_CHARS",
    "MAX_ID_CHARS",
    "MAX_QUESTION_CHARS",
    "MIN_CONFIDENCE",
    "MIN_MARGIN",
    "SOURCE",
    "TRANSLATIONS",
    "Category",
    "EntryText",
    "FaqContentError",
    "FaqEntry",
    "FaqIndex",
    "FaqWordsError",
    "Kind",
    "KnowledgeBase",
    "LanguageGuess",
    "SearchResult",
    "Words",
    "default_words",
    "fold",
    "load_default",
    "parse_knowledge_base",
    "validate",
]
