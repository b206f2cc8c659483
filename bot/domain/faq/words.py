"""How the FAQ search reads text: the word lists of faq_words.yaml (English) and faq_words_es.yaml
(Spanish), checked, and the steps that use them.

Client writing and the FAQ's own phrasings go through the same steps: shorthand expanded,
multi-word expressions joined, stop words dropped, synonyms merged, words stemmed. Both files have
the same shape; Spanish text is first folded to plain letters ("¿Qué?" -> "que", "mañana" ->
"manana"), so its word list is written without accents, and it has a stemmer of its own.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

WORDS_PATH = Path(__file__).parent / "faq_words.yaml"
WORDS_PATHS = {"en": WORDS_PATH, "es": Path(__file__).parent / "faq_words_es.yaml"}

_SPLIT = re.compile(r"[^a-z0-9]+")
_TERMS_KEPT = 20_000  # words whose term is remembered; the memo starts afresh when full
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
    """The checked word lists of one language, ready to use (English; `SpanishWords` for Spanish)."""

    lang = "en"

    def __init__(self, schema: WordsSchema) -> None:
        self.slang = dict(schema.slang)
        # Spaces around the replacement keep it a word of its own.
        self.phrases = tuple((re.compile(p.match), f" {p.as_} ") for p in schema.phrases)
        self.stop = frozenset(schema.stop)
        self.synonyms = {w: concept for concept, words in schema.synonyms.items() for w in words}
        self.no_stem = frozenset(schema.no_stem)
        self.smalltalk_core = frozenset(schema.smalltalk_core)
        self.smalltalk_all = self.smalltalk_core | frozenset(schema.smalltalk_filler)
        self._terms: dict[str, str | None] = {}
        # Every word the lists know, for telling which language a message is in.
        self.known = (
            frozenset(self.slang)
            | self.stop
            | frozenset(self.synonyms)
            | frozenset(schema.synonyms)
            | self.smalltalk_all
            | self.no_stem
        )

    def plain(self, text: str) -> str:
        """Lower case, curly apostrophes straightened and English contractions spelled out."""
        text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'").replace("\u2018", "'")
        return _CONTRACTION.sub(r"\1 would", text).replace("'", "")

    def split(self, text: str) -> list[str]:
        """The words of `text` as written (no slang or phrases yet): what telling the language reads."""
        return [t for t in _SPLIT.split(self.plain(text)) if t]

    def surface_tokens(self, text: str) -> list[str]:
        """Lower-case words after slang and multi-word expressions, before stop words and stems."""
        words = [self.slang.get(t, t) for t in self.split(text)]
        joined = " " + " ".join(words) + " "
        for pattern, replacement in self.phrases:
            joined = pattern.sub(replacement, joined)
        return joined.split()

    def term(self, surface: str) -> str | None:
        """One surface word -> index term, or None for a stop word (remembered: words recur)."""
        try:
            return self._terms[surface]
        except KeyError:
            pass
        if len(self._terms) >= _TERMS_KEPT:
            self._terms.clear()
        found = self._terms[surface] = self._term(surface)
        return found

    def _term(self, surface: str) -> str | None:
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
        words = self._smalltalk_words(text)
        if not words:
            return True
        if len(words) > 8 or any(a == "how" and b in _AMOUNT for a, b in itertools.pairwise(words)):
            return False  # "how much is it" asks a price, made of small-talk words as it is
        return all(self._smalltalk_word(w, self.smalltalk_all) for w in words) and any(
            self._smalltalk_word(w, self.smalltalk_core) for w in words
        )

    def _smalltalk_words(self, text: str) -> list[str]:
        return [w for w in _SPLIT.split(text.lower().replace("'", "")) if w]

    @staticmethod
    def _smalltalk_word(word: str, allowed: frozenset[str]) -> bool:
        """Match stretched words too ("heyyy", "goood", "thankss") without "god" becoming "good"."""
        return (
            word in allowed or _STRETCHED.sub(r"\1", word) in allowed or _OVER_STRETCHED.sub(r"\1\1", word) in allowed
        )


_AMOUNT = frozenset({"much", "many", "long"})
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fold(text: str) -> str:
    """Lower case without accents or marks: "¿Qué PASA, mañana?" -> "¿que pasa, manana?" ("ñ" -> "n")."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).lower()))


# Enclitic pronouns joined to an infinitive or gerund ("ayudarte", "dejarlo", "apoyandome").
_ES_ENCLITIC_LIST = "selos selas melo mela telo tela nos los las les me te se lo la le"
_ES_ENCLITICS = tuple(sorted(_ES_ENCLITIC_LIST.split(), key=len, reverse=True))
_ES_ENCLITIC_ENDS = frozenset(x[-2:] for x in _ES_ENCLITICS)  # a quick "could it end in one?"
_ES_VERB_ENDS = ("ar", "er", "ir", "ando", "iendo")
# Suffixes tried longest first; the first that leaves at least three letters goes. Light on
# purpose: it joins plurals, gender and the common verb forms ("grupo/grupos/grupal",
# "trabajo/trabajar/trabajando", "recaida/recaer"), and both sides of a match use it.
_ES_SUFFIX_LIST = (
    "amientos imientos amiento imiento aciones iciones uciones acion icion ucion cion "
    "adoras adores adora ador mente idades idad ables ibles able ible istas ista "
    "ando iendo ados adas idos idas ado ada ido ida ales al aban abas aba ias ian ia "
    "amos emos imos ar er ir an en as es os a o e"
)
_ES_SUFFIXES = tuple(sorted(_ES_SUFFIX_LIST.split(), key=len, reverse=True))
# The same, as (length, set of suffixes of that length), longest first: one look-up per length.
_ES_SUFFIXES_BY_LENGTH = tuple(
    (n, frozenset(x for x in _ES_SUFFIXES if len(x) == n)) for n in sorted({len(x) for x in _ES_SUFFIXES}, reverse=True)
)


class SpanishWords(Words):
    """Spanish: text folded to plain letters before anything else, and a Spanish stemmer."""

    lang = "es"

    def plain(self, text: str) -> str:
        return fold(text).replace("'", "")

    def _smalltalk_words(self, text: str) -> list[str]:
        return self.split(text)

    def stem(self, w: str) -> str:
        """Light Spanish suffix stripper: pronoun, then plural, then one suffix (stem of three letters or more)."""
        if len(w) <= 3 or not w.isalpha() or w in self.no_stem:
            return w
        if w[-2:] in _ES_ENCLITIC_ENDS:
            for pronoun in _ES_ENCLITICS:
                if w.endswith(pronoun) and len(w) - len(pronoun) >= 4 and w[: -len(pronoun)].endswith(_ES_VERB_ENDS):
                    w = w[: -len(pronoun)]
                    break
        if w.endswith("ces") and len(w) > 4:
            w = w[:-3] + "z"  # veces -> vez
        elif w.endswith("es") and len(w) > 4 and w[-3] in "lrndzj":
            w = w[:-2]  # sesiones -> sesion, mujeres -> mujer
        elif w.endswith("s") and len(w) > 4:
            w = w[:-1]
        if w in self.no_stem:
            return w
        for n, suffixes in _ES_SUFFIXES_BY_LENGTH:
            if len(w) - n >= 3 and w[-n:] in suffixes:
                return w[:-n]
        return w


_KINDS: dict[str, type[Words]] = {"en": Words, "es": SpanishWords}


def parse_words(text: str, source: str = "faq_words.yaml", lang: str = "en") -> Words:
    """The word lists in `text` (for language `lang`), or FaqWordsError naming each problem and where it is."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise FaqWordsError(f"{source}: YAML syntax error: {exc}") from None
    try:
        return _KINDS[lang](WordsSchema.model_validate(data))
    except ValidationError as exc:
        lines = [
            f"- {'.'.join(str(p) for p in err['loc']) or 'top level'}: {err['msg']}"
            for err in exc.errors(include_url=False)
        ]
        raise FaqWordsError(f"{source} has problems:\n" + "\n".join(lines)) from None


@cache
def default_words(lang: str = "en") -> Words:
    """The shipped word lists of `lang` ("en" or "es"), read once."""
    path = WORDS_PATHS[lang]
    return parse_words(path.read_text(encoding="utf-8"), str(path), lang)
