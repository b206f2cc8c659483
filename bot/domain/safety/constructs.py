"""Clinical constructs as token patterns: sets of lemma alternatives that must meet in a window.

A construct (in `crisis_constructs.yaml`, reviewed by clinical staff) names a situation the care
team screens for — a wish to be dead, a plan with a means, an overdose now — as slots that must all
be present within `window` tokens, in any order unless `ordered`. A slot lists alternatives; an
alternative is one or more terms in a row: `take` (the light lemma, so took/taking/takes),
`=sh` (that exact word), `suicid*` (a word that starts so), `#` (any number, in digits or words),
`@SELF` (a list from the lexicon).
Every construct carries examples it must match and examples it must not; a file whose construct
misses one is refused at load, like the phrase patterns.

This is the equivalent of spaCy's Matcher on lemmas, small enough to load in milliseconds and
to screen a message in well under a millisecond (see bench/README.md).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.domain.safety.lemmas import STEMMERS, Tokens
from bot.domain.safety.patterns import Category, CrisisPatternError, Level

DEFAULT_PATH = Path(__file__).parent / "crisis_constructs.yaml"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_KEYS = {"id", "lang", "level", "category", "all", "window", "ordered", "context", "unless", "soften", "comment"}
_EXAMPLE_KEYS = {"match", "no_match"}
DEFAULT_WINDOW = 8

Atom = tuple[str, str]  # ("stem" | "word" | "prefix" | "number", value)
# "#" stands for any number, in digits or words ("hace # ano*": "hace 3 años", "hace tres años")
_EN_NUMBERS = "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty fifty"
_ES_NUMBERS = "un uno una dos tres cuatro cinco seis siete ocho nueve diez once doce quince veinte treinta"
NUMBER_WORDS = frozenset(_EN_NUMBERS.split() + _ES_NUMBERS.split())
Term = tuple[Atom, ...]  # consecutive tokens


@dataclass(frozen=True, eq=False)
class Construct:
    id: str
    lang: str
    level: Level
    category: Category
    slots: tuple[tuple[Term, ...], ...]
    window: int
    ordered: bool
    context: str  # "full": ConText applies; "no-negation": only past and hypothetical; "none"
    unless: tuple[Term, ...]  # any of these inside the match's window vetoes it
    soften: tuple[Term, ...]  # any of these inside the match's window makes an explicit match possible
    comment: str
    match: tuple[str, ...]
    no_match: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Hit:
    construct: Construct
    start: int  # first token
    end: int  # one past the last token
    parts: tuple[tuple[int, int], ...] = ()  # the span of each slot's term
    softened: bool = False  # a `soften` term stands near: the match counts, but only as possible


def _atom(text: str, stem: Any) -> Atom:
    if text in ("#", "=#"):
        return ("number", "")
    if text.endswith("*"):  # "graduat*", and "=graduat*" in an exact phrase: words that start so
        return ("prefix", text.removeprefix("=")[:-1].replace("'", ""))
    if text.startswith("="):
        return ("word", text[1:].replace("'", ""))
    return ("stem", stem(text))


def compile_term(text: str, lang: str) -> Term:
    """`"end my life"` -> three atoms in a row, each a stem unless marked `=` or `*`."""
    stem = STEMMERS[lang]
    parts = text.split()
    if parts and parts[0].startswith("="):  # "=hurt myself": every word of the term exact
        parts = [p if p.startswith("=") else "=" + p for p in parts]
    return tuple(_atom(part, stem) for part in parts)


def at(term: Term, toks: Tokens, i: int) -> bool:
    """True when `term` stands in `toks` from token `i` on."""
    if i + len(term) > len(toks.words):
        return False
    for k, (kind, value) in enumerate(term):
        if kind == "stem":
            if toks.stems[i + k] != value:
                return False
        elif kind == "word":
            if toks.words[i + k] != value:
                return False
        elif kind == "number":
            if not (toks.words[i + k].isdigit() or toks.words[i + k] in NUMBER_WORDS):
                return False
        elif not toks.words[i + k].startswith(value):
            return False
    return True


def occurrences(terms: Iterable[Term], toks: Tokens) -> list[tuple[int, int]]:
    """Every (start, end) where one of `terms` stands in `toks`."""
    found = []
    stems, words = set(toks.stems), set(toks.words)
    for term in terms:
        kind, value = term[0]
        if (kind == "stem" and value not in stems) or (kind == "word" and value not in words):
            continue
        for i in range(len(toks.words)):
            if at(term, toks, i):
                found.append((i, i + len(term)))
    return found


@dataclass(frozen=True, eq=False)
class ConstructSet:
    constructs: tuple[Construct, ...]
    # first atom -> (construct index, slot index, term), so a message is read once
    by_stem: dict[str, tuple[tuple[int, int, Term], ...]]
    by_word: dict[str, tuple[tuple[int, int, Term], ...]]
    # prefix terms ("suicid*") by their first HEAD letters, so a word is compared only with those
    # that can start it (a scan of every prefix for every word cost a quarter of a screening)
    by_prefix: dict[str, tuple[tuple[str, int, int, Term], ...]]

    def hits(self, toks: Tokens, lang: str) -> list[Hit]:
        """Every construct of `lang` found in `toks`, with the span of its first match."""
        spans: dict[int, list[list[tuple[int, int]]]] = {}
        for i, (word, stem) in enumerate(zip(toks.words, toks.stems, strict=True)):
            cands = list(self.by_stem.get(stem, ())) + list(self.by_word.get(word, ()))
            heads = self.by_prefix.get(word[:HEAD], ()) + self.by_prefix.get("", ())
            cands += [(c, s, t) for p, c, s, t in heads if word.startswith(p)]
            for ci, si, term in cands:
                if self.constructs[ci].lang == lang and at(term, toks, i):
                    slots = spans.setdefault(ci, [[] for _ in self.constructs[ci].slots])
                    slots[si].append((i, i + len(term)))
        out = []
        for ci, slots in spans.items():
            c = self.constructs[ci]
            if all(slots):
                # Each place the first slot stands is tried, up to REPEATS matches: the first may be
                # negated ("i said no but i lied, i want to die") where a later one is not.
                taken = 0
                for anchor in slots[0]:
                    found = _combine([[anchor], *slots[1:]], c.window, c.ordered)
                    if found is None:
                        continue
                    span = (min(s for s, _ in found), max(e for _, e in found))
                    if not (c.unless and _vetoed(c.unless, c.window, toks, span)):
                        soft = bool(c.soften) and _vetoed(c.soften, c.window, toks, span)
                        out.append(Hit(c, span[0], span[1], tuple(found), soft))
                        taken += 1
                        if taken == REPEATS:
                            break
        return out


def _vetoed(terms: tuple[Term, ...], window: int, toks: Tokens, span: tuple[int, int]) -> bool:
    """True when one of `terms` stands within `window` tokens of the match."""
    lo, hi = max(0, span[0] - window), min(len(toks.words), span[1] + window)
    return any(lo <= s and e <= hi for s, e in occurrences(terms, toks))


Span = tuple[int, int]
REPEATS = 3  # places one construct is tried at in a message


def _combine(slots: Sequence[Sequence[Span]], window: int, ordered: bool) -> list[Span] | None:
    """The first choice of one span per slot that fits in `window` tokens (in slot order if `ordered`)."""

    def walk(k: int, lo: int, hi: int, last_end: int, chosen: list[Span]) -> list[Span] | None:
        if k == len(slots):
            return chosen
        for s, e in slots[k]:
            if ordered and s < last_end:
                continue
            nlo, nhi = min(lo, s), max(hi, e)
            if nhi - nlo <= window:
                found = walk(k + 1, nlo, nhi, e, [*chosen, (s, e)])
                if found is not None:
                    return found
        return None

    return walk(0, 10**9, -1, 0, [])


def _terms(raw: Any, lang: str, lexicon: dict[str, list[str]], where: str, problems: list[str]) -> tuple[Term, ...]:
    items = raw if isinstance(raw, list) else [raw]
    out: list[Term] = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            problems.append(f"{where}: every term must be non-empty text")
            continue
        if item.startswith("@"):
            if item[1:] not in lexicon:
                problems.append(f"{where}: unknown lexicon entry {item}")
                continue
            out += [compile_term(t, lang) for t in lexicon[item[1:]]]
        else:
            out.append(compile_term(item, lang))
    return tuple(out)


def _construct(raw: Any, n: int, lexicons: dict[str, dict[str, list[str]]], problems: list[str]) -> Construct | None:
    if not isinstance(raw, dict):
        problems.append(f"construct #{n}: must be a mapping")
        return None
    cid = str(raw.get("id", f"#{n}"))
    unknown = set(raw) - _KEYS - _EXAMPLE_KEYS
    if unknown or not {"id", "lang", "level", "category", "all", "match"} <= set(raw):
        problems.append(f"{cid}: needs id, lang, level, category, all, match (unknown keys: {sorted(unknown)})")
        return None
    lang = str(raw["lang"])
    if lang not in STEMMERS:
        problems.append(f"{cid}: lang must be one of {sorted(STEMMERS)}")
        return None
    try:
        level, category = Level(raw["level"]), Category(raw["category"])
    except ValueError:
        problems.append(f"{cid}: level must be explicit|possible and category one of {[c.value for c in Category]}")
        return None
    if level is Level.NONE:
        problems.append(f"{cid}: level none is decided by the screen")
    lexicon = lexicons.get(lang, {})
    if not isinstance(raw["all"], list) or not raw["all"]:
        problems.append(f"{cid}: `all` must list at least one slot")
        return None
    slots = tuple(_terms(slot, lang, lexicon, cid, problems) for slot in raw["all"])
    unless = _terms(raw.get("unless", []), lang, lexicon, cid, problems)
    soften = _terms(raw.get("soften", []), lang, lexicon, cid, problems)
    examples = {}
    for key in ("match", "no_match"):
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(f"{cid}: {key} must be a list of examples")
            value = []
        examples[key] = tuple(value)
    if not examples["match"]:
        problems.append(f"{cid}: match must list at least one example")
    return Construct(
        cid,
        lang,
        level,
        category,
        slots,
        int(raw.get("window", DEFAULT_WINDOW)),
        bool(raw.get("ordered", False)),
        _context_mode(raw.get("context"), level),
        unless,
        soften,
        str(raw.get("comment", "")).strip(),
        examples["match"],
        examples["no_match"],
    )


CONTEXT_MODES = ("full", "no-negation", "none")


def _context_mode(raw: Any, level: Level) -> str:
    """`context:` as written; by default a warning sign (possible) said with a "not" still counts."""
    if raw is None:
        return "no-negation" if level is Level.POSSIBLE else "full"
    if raw is True or raw is False:
        return "full" if raw else "none"
    return str(raw) if str(raw) in CONTEXT_MODES else "full"


def build(constructs: Sequence[Construct]) -> ConstructSet:
    """Index constructs by the first atom of every term."""
    by_stem: dict[str, list[tuple[int, int, Term]]] = {}
    by_word: dict[str, list[tuple[int, int, Term]]] = {}
    by_prefix: list[tuple[str, int, int, Term]] = []
    for ci, c in enumerate(constructs):
        for si, slot in enumerate(c.slots):
            for term in slot:
                kind, value = term[0]
                if kind == "stem":
                    by_stem.setdefault(value, []).append((ci, si, term))
                elif kind == "word":
                    by_word.setdefault(value, []).append((ci, si, term))
                else:
                    by_prefix.append((value, ci, si, term))
    return ConstructSet(
        tuple(constructs),
        {k: tuple(v) for k, v in by_stem.items()},
        {k: tuple(v) for k, v in by_word.items()},
        _by_head(by_prefix),
    )


HEAD = 3  # letters a prefix term is filed under; shorter prefixes are filed under "" and tried on every word


def _by_head(prefixes: list[tuple[str, int, int, Term]]) -> dict[str, tuple[tuple[str, int, int, Term], ...]]:
    heads: dict[str, list[tuple[str, int, int, Term]]] = {}
    for entry in prefixes:
        heads.setdefault(entry[0][:HEAD] if len(entry[0]) >= HEAD else "", []).append(entry)
    return {k: tuple(v) for k, v in heads.items()}


def parse(text: str) -> ConstructSet:
    """Build the construct set from YAML text; raise CrisisPatternError listing every problem."""
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise CrisisPatternError([f"not valid YAML: {exc}"]) from None
    if not isinstance(data, dict) or not isinstance(data.get("constructs"), list):
        raise CrisisPatternError(["the file needs a `constructs:` list"])
    problems: list[str] = []
    lexicons = data.get("lexicon") or {}
    constructs: list[Construct] = []
    seen: set[str] = set()
    for n, raw in enumerate(data["constructs"], 1):
        c = _construct(raw, n, lexicons, problems)
        if c is not None:
            if c.id in seen:
                problems.append(f"{c.id}: id used twice")
            seen.add(c.id)
            constructs.append(c)
    if problems:
        raise CrisisPatternError(problems)
    return build(constructs)


def load(path: Path | str | None = None) -> ConstructSet:
    """Read a construct file (default: the shipped one)."""
    return parse(Path(path or DEFAULT_PATH).read_text(encoding="utf-8"))


@functools.cache
def default_constructs() -> ConstructSet:
    """The shipped constructs, read once per process (their examples are checked by the screen)."""
    return load()
