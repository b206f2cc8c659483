"""The FAQ content's shape: the file's schema (pydantic) and the loaded knowledge base (entries, categories).

English is an entry's own fields; each other language is a block named by its code
(`es: {question, asked, answer}` on an entry, `es: {title}` on a category). Loading and checking
a file is `content`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

DEFAULT_PATH = Path(__file__).parent / "faq.yaml"
MAX_ANSWER_CHARS = 700  # about one phone screen
# Ids travel inside button data, which Telegram caps at 64 bytes together with the button's
# prefix and page number; 24 plain ASCII characters leave room for any prefix we use.
MAX_ID_CHARS = 24
_ID_PATTERN = rf"^[a-z0-9][a-z0-9_-]{{0,{MAX_ID_CHARS - 1}}}$"
ID_RULE = (
    f"use at most {MAX_ID_CHARS} characters of a-z, 0-9, '-' and '_' "
    "(ids go into button data, which Telegram limits to 64 bytes)"
)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster
SOURCE = "en"  # the language of an entry's own fields
TRANSLATIONS = ("es",)  # the other languages an entry or category may carry, each as a block named by its code
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}

# --------------------------------------------------------------------------- schema

_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
_Id = Annotated[str, StringConstraints(pattern=_ID_PATTERN)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class CategoryTextSchema(_Strict):
    """A category's `es:` block."""

    title: _Text


class CategorySchema(_Strict):
    """One item of `categories`."""

    id: _Id
    title: _Text
    es: CategoryTextSchema | None = None


class EntryTextSchema(_Strict):
    """An entry's `es:` block: the entry in that language."""

    question: _Text
    asked: Annotated[list[_Text], Field(min_length=1)]
    answer: _Text


class EntrySchema(_Strict):
    """One item of `entries`, before placeholders are filled."""

    id: _Id
    question: _Text
    asked: Annotated[list[_Text], Field(min_length=1)]
    answer: _Text
    category: _Id
    related: list[_Id] = []
    es: EntryTextSchema | None = None


class FileSchema(_Strict):
    """The top level; its items are checked one by one so each problem can name its entry."""

    categories: Annotated[list[Any], Field(min_length=1)]
    entries: Annotated[list[Any], Field(min_length=1)]


# ---------------------------------------------------------------------------- model


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    title: str
    titles: tuple[tuple[str, str], ...] = ()  # (language, title) for each translation

    def title_in(self, lang: str) -> str:
        """The title in `lang`, or the English one when the category has none in it."""
        return next((title for code, title in self.titles if code == lang), self.title)


@dataclass(frozen=True, slots=True)
class EntryText:
    """An entry's words in one language."""

    lang: str
    question: str  # placeholders already filled
    asked: tuple[str, ...]
    answer: str  # placeholders already filled; plain text (escape before sending as HTML)
    answer_template: str = field(default="", repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class FaqEntry:
    id: str
    question: str  # placeholders already filled
    asked: tuple[str, ...]
    answer: str  # placeholders already filled; plain text (escape before sending as HTML)
    category: str
    related: tuple[str, ...] = ()
    # The answer before filling, so search does not depend on how settings are worded.
    answer_template: str = field(default="", repr=False, compare=False)
    translations: tuple[EntryText, ...] = ()  # the entry in other languages (`es:`)

    @property
    def languages(self) -> tuple[str, ...]:
        return (SOURCE, *(t.lang for t in self.translations))

    def has(self, lang: str) -> bool:
        return lang == SOURCE or any(t.lang == lang for t in self.translations)

    def text(self, lang: str) -> EntryText:
        """The entry in `lang`, or in English when it has no text in that language."""
        for t in self.translations:
            if t.lang == lang:
                return t
        return EntryText(SOURCE, self.question, self.asked, self.answer, self.answer_template)


@dataclass(frozen=True)
class KnowledgeBase:
    entries: tuple[FaqEntry, ...]
    categories: tuple[Category, ...]  # in file order
    by_id: Mapping[str, FaqEntry] = field(repr=False)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> FaqEntry | None:
        return self.by_id.get(entry_id)

    def in_category(self, category_id: str) -> tuple[FaqEntry, ...]:
        return tuple(e for e in self.entries if e.category == category_id)

    def related_to(self, entry: FaqEntry) -> tuple[FaqEntry, ...]:
        return tuple(self.by_id[r] for r in entry.related if r in self.by_id)

    @property
    def languages(self) -> tuple[str, ...]:
        """English, then each language at least one entry is written in."""
        found = {t.lang for e in self.entries for t in e.translations}
        return (SOURCE, *(code for code in TRANSLATIONS if code in found))


class FaqContentError(ValueError):
    """The FAQ file has problems; `problems` lists them all, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("FAQ content is invalid:\n" + "\n".join(self.problems))
