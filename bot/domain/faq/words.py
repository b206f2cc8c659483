"""How the FAQ search reads text: the word lists of faq_words.yaml, checked, and the steps that use them.

Client writing and the FAQ's own phrasings go through the same steps: shorthand expanded,
multi-word expressions joined, stop words dropped, synonyms merged, words stemmed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

WORDS_PATH = Path(__file__).parent / "faq_words.yaml"

_SPLIT = re.compile(r"[^a-z0-9]+")
_CONTRACTION = re.compile(r"\b(i|you|we|they|he|she)'d\b")
_STRETCHED = re.compile(r"(.)\1+")
_OVER_STRETCHED = re.compile(r"(.)\1{2,}")


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None
    return pattern


_Word = Annotated[str, Field(pattern=r"^[a-z0-9]+$")]
_Words = Annotated[str, Field(pattern=r"^[a-z0-9]+(?: [a-z0-9]+)*$")]  # one or more words
_Pattern = Annotated[str, Field(min_length=1), AfterValidator(_compiles)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


class PhraseSchema(_Strict):
    match: _Pattern
    as_: Annotated[str, Field(alias="as", pattern=r"^[a-z0-9 \\]+$")]


class WordsSchema(_Strict):
    """The whole file; every word lower case, so a typo in casing cannot silently never match."""

    slang: dict[_Word, _Words]
    phrases: list[PhraseSchema]
    stop: Annotated[list[_Word], Field(min_length=1)]
    synonyms: dict[_Word, Annotated[list[_Word], Field(min_length=1)]]
    no_stem: list[_Word]
    smalltalk_core: Annotated[list[_Word], Field(min_length=1)]
    smalltalk_filler: list[_Word]

    @model_validator(mode="after")
    def _one_concept_per_word(self) -> WordsSchema:
        owner: dict[str, str] = {}
        for concept, words in self.synonyms.items():
            for w in words:
                if owner.setdefault(w, concept) != concept:
                    raise ValueError(f"synonyms: {w!r} is listed under both {owner[w]!r} and {concept!r}")
        return self


class FaqWordsError(ValueError):
    """The word file has problems; the message lists each with where it is."""


class Words:
    """The checked word lists, ready to use."""

    def __init__(self, schema: WordsSchema) -> None:
        self.slang = dict(schema.slang)
        # Spaces around the replacement keep it a word of its own.
        self.phrases = tuple((re.compile(p.match), f" {p.as_} ") for p in schema.phrases)
        self.stop = frozenset(schema.stop)
        self.synonyms = {w: concept for concept, words in schema.synonyms.items() for w in words}
        self.no_stem = frozenset(schema.no_stem)
        self.smalltalk_core = frozenset(schema.smalltalk_core)
        self.smalltalk_all = self.smalltalk_core | frozenset(schema.smalltalk_filler)

    def surface_tokens(self, text: str) -> list[str]:
        """Lower-case words after slang and multi-word expressions, before stop words and stems."""
        text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'").replace("\u2018", "'")
        text = _CONTRACTION.sub(r"\1 would", text).replace("'", "")
        words = [self.slang.get(t, t) for t in _SPLIT.split(text) if t]
        joined = " " + " ".join(words) + " "
        for pattern, replacement in self.phrases:
            joined = pattern.sub(replacement, joined)
        return joined.split()

    def term(self, surface: str) -> str | None:
        """One surface word -> index term, or None for a stop word."""
        if surface in self.stop:
            return None
        surface = self.synonyms.get(surface, surface)
        stemmed = self.stem(surface)
        return self.synonyms.get(stemmed, stemmed)

    def stem(self, w: str) -> str:
        """Tiny suffix stripper: enough to join plurals and -ing/-ed forms; both sides use it."""
        if len(w) <= 3 or not w.isalpha():
            return w
        if w.endswith("ies") and len(w) > 4:
            w = w[:-3] + "y"
        elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
        if w in self.no_stem:
            return w
        for suffix in ("ing", "ed"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                w = w[: -len(suffix)]
                break
        if len(w) > 4 and w.endswith("e"):
            w = w[:-1]
        if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "ls":
            w = w[:-1]
        return w

    def is_smalltalk(self, text: str) -> bool:
        """Only greetings, thanks and the like (or nothing but emoji and punctuation)."""
        words = [w for w in _SPLIT.split(text.lower().replace("'", "")) if w]
        if not words:
            return True
        if len(words) > 8:
            return False
        return all(self._smalltalk_word(w, self.smalltalk_all) for w in words) and any(
            self._smalltalk_word(w, self.smalltalk_core) for w in words
        )

    @staticmethod
    def _smalltalk_word(word: str, allowed: frozenset[str]) -> bool:
        """Match stretched words too ("heyyy", "goood", "thankss") without "god" becoming "good"."""
        return (
            word in allowed or _STRETCHED.sub(r"\1", word) in allowed or _OVER_STRETCHED.sub(r"\1\1", word) in allowed
        )


def parse_words(text: str, source: str = "faq_words.yaml") -> Words:
    """The word lists in `text`, or FaqWordsError naming each problem and where it is."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise FaqWordsError(f"{source}: YAML syntax error: {exc}") from None
    try:
        return Words(WordsSchema.model_validate(data))
    except ValidationError as exc:
        lines = [
            f"- {'.'.join(str(p) for p in err['loc']) or 'top level'}: {err['msg']}"
            for err in exc.errors(include_url=False)
        ]
        raise FaqWordsError(f"{source} has problems:\n" + "\n".join(lines)) from None


@cache
def default_words() -> Words:
    """The shipped word lists, read once."""
    return parse_words(WORDS_PATH.read_text(encoding="utf-8"), str(WORDS_PATH))
