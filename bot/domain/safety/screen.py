"""The crisis screen: the one place that decides whether a message is crisis language.

`screen(text)` reads at most the first 4,000 and last 1,000 characters, normalises them
(bot/domain/safety/folding.py) and tries the reviewed patterns in
bot/domain/safety/crisis_patterns.yaml. It errs towards safety: a false alarm shows the
crisis lines, a miss can cost a life. `is_crisis` stays for callers that only need "explicit".
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from bot.domain.safety.folding import cap, normalise, other_script, words
from bot.domain.safety.patterns import Category, Level, Pattern, PatternSet, default_patterns
from bot.domain.safety.risk import Severity

__all__ = ["CATEGORY_FLAG_SEVERITY", "Category", "Level", "Screening", "flag_severity", "is_crisis", "screen"]

# The flag a screened message raises for the care team. Decided here, for every caller:
# - suicide and self-harm: explicit -> crisis (C-SSRS: thoughts of self-harm need a human now);
#   possible -> medium, the flag kept if the person answers "No, I'm safe" or nothing; the caller
#   raises crisis instead when they answer "Yes".
# - a means or a plan, an overdose, thoughts of harming someone: crisis (clinical.md: critical, at once).
#   "I could kill him" (possible) is often anger: high, same day.
# - use intent or intoxicated now: high (clinical.md: use is alert-worthy the same day);
#   wanting to use without saying they will (possible): medium.
# - violence at home: high (the reply gives 911 and the hotline; the team follows up the same
#   day); fear without an act named (possible): medium.
# - unreadable: medium, so someone who reads the language looks at it.
CATEGORY_FLAG_SEVERITY: Mapping[tuple[Category, Level], Severity] = {
    (Category.SUICIDE, Level.EXPLICIT): Severity.CRISIS,
    (Category.SUICIDE, Level.POSSIBLE): Severity.MEDIUM,
    (Category.SELF_HARM, Level.EXPLICIT): Severity.CRISIS,
    (Category.SELF_HARM, Level.POSSIBLE): Severity.MEDIUM,
    (Category.MEANS_OR_PLAN, Level.EXPLICIT): Severity.CRISIS,
    (Category.MEANS_OR_PLAN, Level.POSSIBLE): Severity.CRISIS,  # never produced: means are explicit
    (Category.OVERDOSE, Level.EXPLICIT): Severity.CRISIS,
    (Category.OVERDOSE, Level.POSSIBLE): Severity.HIGH,
    (Category.HARM_TO_OTHERS, Level.EXPLICIT): Severity.CRISIS,
    (Category.HARM_TO_OTHERS, Level.POSSIBLE): Severity.HIGH,
    (Category.USE_INTENT, Level.EXPLICIT): Severity.HIGH,
    (Category.USE_INTENT, Level.POSSIBLE): Severity.MEDIUM,
    (Category.VIOLENCE_AT_HOME, Level.EXPLICIT): Severity.HIGH,
    (Category.VIOLENCE_AT_HOME, Level.POSSIBLE): Severity.MEDIUM,
    (Category.UNREADABLE, Level.EXPLICIT): Severity.MEDIUM,  # never produced
    (Category.UNREADABLE, Level.POSSIBLE): Severity.MEDIUM,
}
# Ties within a level and severity: the situation whose reply must come first wins
# (an overdose now needs 911 before anything else).
_CATEGORY_ORDER = (
    Category.OVERDOSE,
    Category.MEANS_OR_PLAN,
    Category.SUICIDE,
    Category.SELF_HARM,
    Category.HARM_TO_OTHERS,
    Category.VIOLENCE_AT_HOME,
    Category.USE_INTENT,
    Category.UNREADABLE,
)
_SEVERITY_ORDER = (Severity.CRISIS, Severity.HIGH, Severity.MEDIUM)
SPANISH_MIN_WORDS = 2
SPANISH_MIN_SHARE = 0.4
OTHER_SCRIPT = "other-script"  # `pattern` of an unreadable screening: not a pattern in the file
SPANISH = "spanish"


@dataclass(frozen=True, slots=True)
class Screening:
    """What the screen decided: level, category (None when level is none) and the pattern id."""

    level: Level
    category: Category | None = None
    pattern: str | None = None
    also: tuple[Category, ...] = ()  # other situations the message also describes, strongest first

    @property
    def flagged(self) -> bool:
        return self.level is not Level.NONE

    def as_dict(self) -> dict[str, str | None]:
        """The screening as plain JSON-ready data (for `python -m bot triage`)."""
        category = self.category.value if self.category else None
        return {"level": self.level.value, "category": category, "pattern": self.pattern}


NOT_FLAGGED = Screening(Level.NONE)


def flag_severity(screening: Screening) -> Severity | None:
    """The flag a screening raises for the care team, or None when it is not flagged."""
    if screening.category is None:
        return None
    return CATEGORY_FLAG_SEVERITY[(screening.category, screening.level)]


@functools.cache
def _ranked(patterns: PatternSet) -> tuple[Pattern, ...]:
    """Patterns strongest first, so the first that matches decides."""

    def rank(p: Pattern) -> tuple[int, int, int]:
        severity = CATEGORY_FLAG_SEVERITY[(p.category, p.level)]
        level = 0 if p.level is Level.EXPLICIT else 1
        return level, _SEVERITY_ORDER.index(severity), _CATEGORY_ORDER.index(p.category)

    return tuple(sorted(patterns.patterns, key=rank))  # sorted() is stable: file order breaks ties


def screen(text: str, patterns: PatternSet | None = None) -> Screening:
    """Decide whether `text` is crisis language, of what kind, and by which pattern."""
    if not text or text.isspace():
        return NOT_FLAGGED
    ps = patterns if patterns is not None else default_patterns()
    flat = normalise(cap(text))
    hits = [p for p in _ranked(ps) if p.search(flat)]
    if hits:
        best = hits[0]
        others = tuple(dict.fromkeys(p.category for p in hits[1:] if p.category is not best.category))
        return Screening(best.level, best.category, best.id, others)
    if other_script(flat):
        return Screening(Level.POSSIBLE, Category.UNREADABLE, OTHER_SCRIPT)
    tokens = words(flat)
    spanish = sum(1 for w in tokens if w in ps.spanish_markers)
    if spanish >= SPANISH_MIN_WORDS and spanish >= SPANISH_MIN_SHARE * len(tokens):
        return Screening(Level.POSSIBLE, Category.UNREADABLE, SPANISH)
    return NOT_FLAGGED


def is_crisis(text: str) -> bool:
    """True when `text` is explicit crisis language (compatibility wrapper around `screen`)."""
    return screen(text).level is Level.EXPLICIT
