"""ConText for the crisis screen: is a finding negated, past, hypothetical, or someone else's?

After NegEx (Chapman et al. 2001) and ConText (Harkema et al. 2009): trigger terms per language
(`crisis_context.yaml`) open a scope of a few tokens before a finding (`pre`) or after it
(`post`); a clause end or a terminator ("but", "pero", "mais") closes it. A finding inside the
scope of a trigger takes its modifier. Our own, not negspacy or medspaCy: both need spaCy and a
language model (hundreds of MB, seconds to load) for a job that is trigger lists and a scope;
these rules run on the same tokens and light lemmas as the constructs, in microseconds.
A `next` trigger must follow the finding at once: the finding is part of a compound ("suicide
prevention", "overdose awareness"). An `after` trigger reaches across clauses to the end of the
message: it says the urge did not become an act ("... but i didn't", "no cutting", "crisis
averted"); a `before` trigger reaches back to its start ("the article said ...", "why does the
psychiatrist keep asking about ..."). As in NegEx, `pseudo` phrases hold a trigger's words without
being one ("not joking", "i mean it", "no doubt"): a trigger inside one is ignored.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from bot.domain.safety.constructs import Term, at, compile_term, occurrences
from bot.domain.safety.lemmas import CLAUSE_END, STEMMERS, Tokens
from bot.domain.safety.patterns import CrisisPatternError

DEFAULT_PATH = Path(__file__).parent / "crisis_context.yaml"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEFAULT_SCOPE = 6
# A `next` trigger names what the finding's word is part of ("suicide prevention week"), so it must
# follow at once (one word between at most: "overdose death rates"); a few words later it says nothing
# ("i want to kms what is relapse prevention", "i want to die im in crisis").
NEXT_GAP = 1
# Words that say who, not what: a trigger that holds one of these of a finding still reads it.
PERSONS = frozenset(
    {"i", "im", "me", "you", "u", "youre", "someone", "somebody", "anyone", "anybody", "he", "she", "they"}
    | {"hes", "shes", "theyre", "him", "her", "them", "yo", "alguien", "el", "ella", "eu", "je"}
)


class Modifier(StrEnum):
    """What ConText can say about a finding."""

    NEGATED = "negated"
    PAST = "past"  # historical or resolved
    HYPOTHETICAL = "hypothetical"  # a question, a lesson, the news
    # These two never set a finding aside; they make an explicit one possible (still asked about):
    SOFTENED = "softened"  # past or someone else's, read loosely across the message; an accident
    JOKING = "joking"  # "lol", "jaja": only for the idioms of harming others ("i'll kill him lol")


DEMOTING = frozenset({Modifier.SOFTENED, Modifier.JOKING})


@dataclass(frozen=True, slots=True)
class Trigger:
    modifier: Modifier
    term: Term
    # "pre" / "post": just before or after the finding; "before" / "after": anywhere, across clauses;
    # "next": the word right after it, as a compound noun ("suicide prevention", "overdose awareness")
    direction: str
    scope: int


@dataclass(frozen=True, eq=False)
class Rules:
    triggers: dict[str, tuple[Trigger, ...]]  # by language
    terminators: dict[str, tuple[Term, ...]]
    pseudo: dict[str, tuple[Term, ...]] = field(default_factory=dict)  # by language: "not joking"
    # by language, the triggers by their first word or lemma, so a message is read once
    index: dict[str, dict[tuple[str, str], tuple[Trigger, ...]]] = field(default_factory=dict)
    prefixes: dict[str, tuple[Trigger, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for lang, triggers in self.triggers.items():
            by_first: dict[tuple[str, str], list[Trigger]] = {}
            for t in triggers:
                if t.term[0][0] != "prefix":
                    by_first.setdefault(t.term[0], []).append(t)
            self.index[lang] = {k: tuple(v) for k, v in by_first.items()}
            self.prefixes[lang] = tuple(t for t in triggers if t.term[0][0] == "prefix")


@dataclass(frozen=True, slots=True)
class Marks:
    """Trigger and terminator positions of one message in one language, found once."""

    found: tuple[tuple[Trigger, int, int], ...]
    stops: frozenset[int]  # token positions that close a scope
    persons: frozenset[int] = frozenset()  # token positions of a pronoun or "someone"


def mark(toks: Tokens, lang: str, rules: Rules) -> Marks:
    """Find every trigger and terminator in `toks`."""
    found = []
    index, prefixes = rules.index.get(lang, {}), rules.prefixes.get(lang, ())
    for i, (word, stem) in enumerate(zip(toks.words, toks.stems, strict=True)):
        cands = index.get(("word", word), ()) + index.get(("stem", stem), ())
        if prefixes:
            cands += tuple(t for t in prefixes if word.startswith(t.term[0][1]))
        found += [(t, i, i + len(t.term)) for t in cands if at(t.term, toks, i)]
    if found and (pseudo := occurrences(rules.pseudo.get(lang, ()), toks)):
        found = [f for f in found if not any(ps <= f[1] and f[2] <= pe for ps, pe in pseudo)]
    stops = {i for i, w in enumerate(toks.words) if w in CLAUSE_END}
    stops |= {s for s, _ in occurrences(rules.terminators.get(lang, ()), toks)}
    persons = frozenset(i for i, w in enumerate(toks.words) if w in PERSONS)
    return Marks(tuple(found), frozenset(stops), persons)


def modifiers(marks: Marks, start: int, end: int, parts: tuple[tuple[int, int], ...] = ()) -> frozenset[Modifier]:
    """The modifiers whose scope covers the finding at tokens [start, end) made of `parts`."""
    out = set()
    for trigger, s, e in marks.found:
        if any(ps <= s and e <= pe for ps, pe in parts or ((start, end),)):
            continue  # a trigger inside one of the finding's own terms ("can't wake him")
        overlap = [(ps, pe) for ps, pe in parts or ((start, end),) if s < pe and e > ps]
        if overlap:
            # a trigger that holds only a pronoun of the finding ("when [i] was 19 i cut", "if [someone]
            # isn't breathing") reads the finding; one that holds its content words does not ("old scars")
            if trigger.direction in ("pre", "post") and all(set(range(ps, pe)) <= marks.persons for ps, pe in overlap):
                out.add(trigger.modifier)
            continue
        if start <= s and e <= end:
            out.add(trigger.modifier)  # between the finding's words: "he hasn't hit me"
            continue
        if trigger.direction == "pre" and e <= start and start - e <= trigger.scope:
            if not any(e <= stop < start for stop in marks.stops):
                out.add(trigger.modifier)
        elif trigger.direction == "before" and e <= start:
            out.add(trigger.modifier)  # "article said people with addiction are ... likely to die by suicide"
        elif trigger.direction == "after" and s >= end:
            out.add(trigger.modifier)  # "the urge to cut came up ... it went away. no cutting"
        elif s >= end and _follows(trigger, marks, end, s):
            out.add(trigger.modifier)
    return frozenset(out)


def _follows(trigger: Trigger, marks: Marks, end: int, s: int) -> bool:
    """A trigger at token `s` after a finding ending at `end` covers it: a `next` one at once, a `post`
    one within its scope and the same clause."""
    if trigger.direction == "next":
        return s - end <= NEXT_GAP
    return trigger.direction == "post" and s - end <= trigger.scope and not any(end <= stop < s for stop in marks.stops)


def parse(text: str) -> Rules:
    """Trigger lists from YAML: `{lang: {terminators, pseudo, negated|past|hypothetical: {pre|post}}}`."""
    data: Any = yaml.load(text, Loader=_LOADER)
    problems: list[str] = []
    triggers: dict[str, tuple[Trigger, ...]] = {}
    terminators: dict[str, tuple[Term, ...]] = {}
    pseudo: dict[str, tuple[Term, ...]] = {}
    if not isinstance(data, dict):
        raise CrisisPatternError(["the context file must map languages to trigger lists"])
    for lang, spec in data.items():
        if lang not in STEMMERS or not isinstance(spec, dict):
            problems.append(f"{lang}: unknown language or not a mapping")
            continue
        scope = int(spec.get("scope", DEFAULT_SCOPE))
        terminators[lang] = tuple(compile_term(t, lang) for t in spec.get("terminators", []))
        pseudo[lang] = tuple(compile_term(t, lang) for t in spec.get("pseudo", []))
        found: list[Trigger] = []
        for modifier in Modifier:
            for direction, terms in (spec.get(modifier.value) or {}).items():
                if direction not in ("pre", "post", "before", "after", "next") or not isinstance(terms, list):
                    problems.append(f"{lang}.{modifier.value}: use pre:, post:, next:, before: and after: lists")
                    continue
                found += [Trigger(modifier, compile_term(t, lang), direction, scope) for t in terms]
        triggers[lang] = tuple(found)
    if problems:
        raise CrisisPatternError(problems)
    return Rules(triggers, terminators, pseudo)


@functools.cache
def default_rules() -> Rules:
    """The shipped trigger lists, read once per process."""
    return parse(DEFAULT_PATH.read_text(encoding="utf-8"))
