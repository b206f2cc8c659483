"""The crisis screen's patterns: load bot/domain/safety/crisis_patterns.yaml once and check it.

The file is written for clinical staff to review; this module turns it into compiled regular
expressions and refuses a file whose patterns miss their own examples or catch their
counter-examples, so a wrong edit fails at start-up instead of in a crisis.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from bot.domain.safety.folding import normalise

DEFAULT_PATH = Path(__file__).parent / "crisis_patterns.yaml"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_KEYS = {"id", "level", "category", "regex", "comment", "match", "no_match"}


class Level(StrEnum):
    """How sure the screen is that a message is a crisis."""

    EXPLICIT = "explicit"
    POSSIBLE = "possible"
    NONE = "none"


class Category(StrEnum):
    """What kind of situation a flagged message describes; each has its own reply."""

    SUICIDE = "suicide"
    SELF_HARM = "self_harm"
    MEANS_OR_PLAN = "means_or_plan"
    OVERDOSE = "overdose"
    USE_INTENT = "use_intent"  # about to use, or intoxicated now
    VIOLENCE_AT_HOME = "violence_at_home"
    HARM_TO_OTHERS = "harm_to_others"
    INTOXICATED_UNSAFE = "intoxicated_unsafe"  # drunk or high and in danger now
    UNREADABLE = "unreadable"  # another script or language: the bot cannot tell, so it assumes need


class CrisisPatternError(ValueError):
    """The pattern file cannot be used; `problems` lists every reason, one line each."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("crisis patterns unusable:\n" + "\n".join(self.problems))


@dataclass(frozen=True, eq=False)
class Pattern:
    id: str
    level: Level
    category: Category
    regex: re.Pattern[str]  # all alternatives in one, as written
    comment: str
    match: tuple[str, ...]
    no_match: tuple[str, ...]
    probes: tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...] = ()

    def search(self, flat: str) -> bool:
        """True when normalised text contains a match (same answer as `regex.search`, faster)."""
        return bool(self.find(flat))

    def find(self, flat: str, each: int = 1) -> list[tuple[int, int]]:
        """The (start, end) of the first `each` matches of each alternative in normalised text."""
        spans = []
        for fast, exact in self.probes:
            at, taken = 0, 0
            while taken < each and (found := fast.search(flat, at)) is not None:
                if exact is None:
                    spans.append(found.span())
                    taken += 1
                elif m := exact.match(flat, found.start()):
                    spans.append(m.span())
                    taken += 1
                at = found.start() + 1
        return spans


def _probes(source: str) -> tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...]:
    """Each alternative as (fast, exact): a leading \\b is dropped from the fast one.

    A search for a pattern that starts with a literal skips ahead at C speed; one that starts
    with \\b is tried at every position, about a hundred times slower on a long message. The
    fast pattern matches wherever the exact one does (it only lacks the \\b), so checking each
    place it matches with the exact pattern finds exactly the same messages.
    """
    probes: list[tuple[re.Pattern[str], re.Pattern[str] | None]] = []
    for line in _alternatives(source):
        flags = re.MULTILINE if "$" in line else 0  # MULTILINE also turns the fast scan off
        if line.startswith("\\b"):
            probes.append((re.compile(line[2:], flags), re.compile(line, flags)))
        else:
            probes.append((re.compile(line, flags), None))
    return tuple(probes)


def _alternatives(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if line.strip()]


@dataclass(frozen=True, eq=False)
class PatternSet:
    patterns: tuple[Pattern, ...]
    spanish_markers: frozenset[str]


def compile_regex(source: str) -> re.Pattern[str]:
    """One alternative per non-empty line of `source`, as one MULTILINE regular expression."""
    return re.compile("|".join(f"(?:{a})" for a in _alternatives(source)), re.MULTILINE)


def parse(text: str) -> PatternSet:
    """Build the pattern set from YAML text; raise CrisisPatternError listing every problem."""
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise CrisisPatternError([f"not valid YAML: {exc}"]) from None
    if not isinstance(data, dict) or not isinstance(data.get("patterns"), list):
        raise CrisisPatternError(["the file needs a `patterns:` list"])
    problems: list[str] = []
    patterns: list[Pattern] = []
    seen: set[str] = set()
    for n, raw in enumerate(data["patterns"], 1):
        pattern = _pattern(raw, n, problems)
        if pattern is None:
            continue
        if pattern.id in seen:
            problems.append(f"{pattern.id}: id used twice")
        seen.add(pattern.id)
        patterns.append(pattern)
    markers = data.get("spanish_markers", [])
    if not isinstance(markers, list) or not all(isinstance(w, str) and w.isalpha() for w in markers):
        problems.append("spanish_markers: must be a list of single words")
        markers = []
    if problems:
        raise CrisisPatternError(problems)
    return PatternSet(tuple(patterns), frozenset(normalise(w) for w in markers))


def _pattern(raw: Any, n: int, problems: list[str]) -> Pattern | None:
    if not isinstance(raw, dict):
        problems.append(f"pattern #{n}: must be a mapping")
        return None
    pid = str(raw.get("id", f"#{n}"))
    before = len(problems)
    if not _ID.match(pid):
        problems.append(f"{pid}: id must be lower-case words joined by hyphens")
    if set(raw) != _KEYS:
        missing, extra = sorted(_KEYS - set(raw)), sorted(set(raw) - _KEYS)
        problems.append(f"{pid}: keys must be {sorted(_KEYS)} (missing {missing}, unknown {extra})")
        return None
    try:
        level, category = Level(raw["level"]), Category(raw["category"])
    except ValueError:
        problems.append(f"{pid}: level must be explicit|possible and category one of {[c.value for c in Category]}")
        return None
    if level is Level.NONE or category is Category.UNREADABLE:
        problems.append(f"{pid}: level none and category unreadable are decided by the screen, not by patterns")
    if category is Category.MEANS_OR_PLAN and level is not Level.EXPLICIT:
        problems.append(f"{pid}: a means or a plan is always explicit")
    for key in ("regex", "comment"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            problems.append(f"{pid}: {key} must be non-empty text")
    examples = {}
    for key in ("match", "no_match"):
        value = raw[key]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(f"{pid}: {key} must list at least one example")
            value = []
        examples[key] = tuple(value)
    if len(problems) > before:
        return None
    try:
        regex = compile_regex(raw["regex"])
        probes = _probes(raw["regex"])
    except re.error as exc:
        problems.append(f"{pid}: regex does not compile: {exc}")
        return None
    if regex.search("") or regex.search("ok thanks see you at group"):
        problems.append(f"{pid}: regex matches almost anything")
    pattern = Pattern(
        pid, level, category, regex, raw["comment"].strip(), examples["match"], examples["no_match"], probes
    )
    problems += [f"{pid}: misses its example {e!r}" for e in pattern.match if not pattern.search(normalise(e))]
    problems += [f"{pid}: catches its counter-example {e!r}" for e in pattern.no_match if pattern.search(normalise(e))]
    return pattern


def load(path: Path | str | None = None) -> PatternSet:
    """Read and check a pattern file (default: the shipped one)."""
    return parse(Path(path or DEFAULT_PATH).read_text(encoding="utf-8"))


@functools.cache
def default_patterns() -> PatternSet:
    """The shipped patterns, read and checked once per process."""
    return load()
