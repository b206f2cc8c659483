"""The crisis screen: the one place that decides whether a message is crisis language.

`screen(text)` reads at most the first 4,000 and last 1,000 characters. It removes invisible
characters and tells the language on that text (`folding.visible`, `language`), then folds it
for matching (`folding.normalise`: look-alike letters, accents, spacing, leetspeak) and looks for
the clinical constructs of `crisis_constructs.yaml` in English and in the languages detected,
and for the reviewed phrases of `crisis_patterns.yaml` (coded words such as "kms", "unalive").
Each finding then goes through ConText (`context`): a negated, past or hypothetical finding
never counts ("i'm not suicidal", "a year free of self-harm", "what are the signs of an
overdose?"), while another finding in the same message still does ("not suicidal but i don't
care if i wake up"). It errs towards safety: a false alarm shows the crisis lines, a miss can
cost a life. When the rules find nothing, the learned layer (`learned`) may still raise the
message to possible ("model:0.91"); it never lowers a verdict of the rules. `is_crisis` stays for
callers that only need "explicit".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.domain.safety import context as ctx
from bot.domain.safety import language, learned, lookalikes
from bot.domain.safety.constructs import ConstructSet, build, default_constructs
from bot.domain.safety.folding import backwards, cap, joined, normalise, other_script, stretched, unglued, visible
from bot.domain.safety.lemmas import Tokens, read
from bot.domain.safety.patterns import Category, CrisisPatternError, Level, Pattern, PatternSet, default_patterns
from bot.domain.safety.risk import Severity

__all__ = ["CATEGORY_FLAG_SEVERITY", "Category", "Level", "Screening", "flag_severity", "is_crisis", "screen"]

# The flag a screened message raises for the care team. Decided here, for every caller:
# - suicide and self-harm: explicit -> crisis (C-SSRS: thoughts of self-harm need a human now);
#   possible -> medium, the flag kept if the person answers "No, I'm safe" or nothing; the caller
#   raises crisis instead when they answer "Yes".
# - a means or a plan, an overdose, thoughts of harming someone: crisis (clinical.md: critical, at once).
#   "I could kill him" (possible) is often anger: high, same day.
# - intoxicated and in danger now (driving drunk, high on a roof): crisis; possible: high.
# - use intent: high (clinical.md: use is alert-worthy the same day);
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
    (Category.INTOXICATED_UNSAFE, Level.EXPLICIT): Severity.CRISIS,
    (Category.INTOXICATED_UNSAFE, Level.POSSIBLE): Severity.HIGH,
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
    Category.INTOXICATED_UNSAFE,
    Category.HARM_TO_OTHERS,
    Category.VIOLENCE_AT_HOME,
    Category.USE_INTENT,
    Category.UNREADABLE,
)
_SEVERITY_ORDER = (Severity.CRISIS, Severity.HIGH, Severity.MEDIUM)
OTHER_SCRIPT = "other-script"  # `pattern` of an unreadable screening: not a pattern in the file
SPANISH = "spanish"  # no longer produced: Spanish is screened with its own constructs
ROMANCE = ("es", "pt", "fr")
_COMMAND = re.compile(r"^/[A-Za-z0-9_]+(?:@\w+)?")


@dataclass(frozen=True, slots=True)
class Screening:
    """What the screen decided: level, category (None when level is none) and the pattern id."""

    level: Level
    category: Category | None = None
    pattern: str | None = None
    also: tuple[Category, ...] = ()  # other situations the message also describes, strongest first
    languages: tuple[str, ...] = ()  # the languages whose rules were run
    set_aside: tuple[str, ...] = ()  # findings ConText set aside, as "id:modifier"

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


def _rank(level: Level, category: Category) -> tuple[int, int, int]:
    severity = CATEGORY_FLAG_SEVERITY[(category, level)]
    return (0 if level is Level.EXPLICIT else 1), _SEVERITY_ORDER.index(severity), _CATEGORY_ORDER.index(category)


@functools.cache
def _ranked(patterns: PatternSet) -> tuple[Pattern, ...]:
    """Patterns strongest first (file order breaks ties)."""
    return tuple(sorted(patterns.patterns, key=lambda p: _rank(p.level, p.category)))


def _languages(seen: str) -> tuple[tuple[str, ...], str | None]:
    """English always (mixed text, and the safer default), plus the Romance rules when detected;
    and the most likely Romance language, whose ConText also judges the other Romance rules."""
    found = language.languages(seen)
    langs = ("en", *ROMANCE) if not found or any(code in ROMANCE for code in found) else ("en",)
    return langs, next((code for code in found if code in ROMANCE), None)


Finding = tuple[Level, Category, str]
Span = tuple[int, int, tuple[tuple[int, int], ...]]


def _moved(span: Span, src: Tokens, dst: Tokens) -> Span:
    """A token span of one language's reading as the same characters in another's (English reads
    "i'm" as one token, the Romance readers as two)."""
    if src.starts == dst.starts:
        return span

    def one(start: int, end: int) -> tuple[int, int]:
        first = dst.at_char(src.starts[start]) if start < len(src.starts) else len(dst.words)
        last = dst.at_char(src.starts[end - 1]) + 1 if end > start else first
        return first, last

    start, end = one(span[0], span[1])
    return start, end, tuple(one(s, e) for s, e in span[2])


# "lol" and "jaja" make only these idioms unsure ("i'm gonna kill him lol", "mom's gonna kill me 😂");
# a joke marker beside a wish to die or a drunk drive is no reason to ask less (corpus: many are real).
JOKED_ABOUT = frozenset({Category.HARM_TO_OTHERS, Category.VIOLENCE_AT_HOME})
REPEATS = 3  # places a construct or pattern is judged at before it is given up as negated, past or a lesson


def findings(
    flat: str, langs: tuple[str, ...], patterns: PatternSet, constructs: ConstructSet, primary: str | None = None
) -> tuple[list[Finding], list[str]]:
    """Every finding ConText keeps, and those it set aside (as "id:modifier").

    A construct of one language can match text in another ("suicidar" is Spanish, Portuguese and
    French; "suicidio" reads as English "suicid*"): its finding is judged by its own language's
    triggers, by English ones (which always run: mixed text) and by those of the text's most likely
    Romance language (`primary`), so "no estoy
    pensando en suicidarme" is negated for `pt-suicidio` and "prevencion del suicidio" is a lesson
    for `en-suicidal`.
    """
    rules = ctx.default_rules()
    kept: list[Finding] = []
    dropped: list[str] = []
    toks: dict[str, Tokens] = {lang: read(flat, lang) for lang in langs}
    marks = {lang: ctx.mark(toks[lang], lang, rules) for lang in langs}

    def judge(
        level: Level,
        category: Category,
        pid: str,
        lang: str,
        span: Span,
        mode: str,
        soft: bool = False,
    ) -> bool:
        """Keep the finding unless ConText sets it aside; True when kept at its own level (a
        demoted one lets the construct's or pattern's later places be judged too)."""
        mods = ctx.modifiers(marks[lang], *span) if mode != "none" else frozenset()
        if mode != "none":
            for other in {primary, "en"} - {lang, None}:
                if other in marks:
                    mods = mods | ctx.modifiers(marks[other], *_moved(span, toks[lang], toks[other]))
        if mode == "no-negation":
            # a warning sign said with a "not" is still one ("no one would come to my funeral")
            mods = mods - {ctx.Modifier.NEGATED}
        if ctx.Modifier.JOKING in mods and category not in JOKED_ABOUT:
            mods = mods - {ctx.Modifier.JOKING}
        if mods - ctx.DEMOTING:
            if f"{pid}:{','.join(sorted(mods))}" not in dropped:
                dropped.append(f"{pid}:{','.join(sorted(mods))}")
            return False
        if (mods or soft) and level is Level.EXPLICIT:
            # unsure (an idiom, an accident, the past read loosely): still caught, as possible
            dropped.append(f"{pid}:{','.join(sorted(mods)) or 'softened'}")
            kept.append((Level.POSSIBLE, category, pid))
            return False
        kept.append((level, category, pid))
        return True

    for lang in langs:
        done: set[str] = set()
        for hit in constructs.hits(toks[lang], lang):  # a construct may stand several times; one kept is enough
            c = hit.construct
            span = (hit.start, hit.end, hit.parts)
            if c.id not in done and judge(c.level, c.category, c.id, lang, span, c.context, hit.softened):
                done.add(c.id)
    en = toks["en"]
    for p in _ranked(patterns):
        # every place it matches, until one is kept: "i said no but i lied, i want to die" is read twice
        for start, end in sorted(p.find(flat, each=REPEATS))[:REPEATS]:
            first, last = en.at_char(start), en.at_char(max(start, end - 1)) + 1
            mode = "no-negation" if p.level is Level.POSSIBLE else "full"
            if judge(p.level, p.category, p.id, "en", (first, last, ()), mode):
                break
    return kept, dropped


def screen(
    text: str,
    patterns: PatternSet | None = None,
    constructs: ConstructSet | None = None,
    *,
    model: bool | None = None,
) -> Screening:
    """Decide whether `text` is crisis language, of what kind, and by which pattern or construct.

    When the rules find nothing, the learned layer (`learned`, when `model` is True, or by default
    when `learned.ENABLED`) may raise the message to possible; its `pattern` is then "model:<probability>".
    """
    if text.startswith("/"):
        text = _COMMAND.sub("", text, count=1)  # "/dead" is a command's name, not a word the person wrote
    if not text or text.isspace():
        return NOT_FLAGGED
    if patterns is None and constructs is None:  # the shipped rules: the same text reads the same way
        return _screen_shipped(text, learned.ENABLED if model is None else model, learned.THRESHOLD)
    return _screen(text, patterns, constructs, model)


@functools.lru_cache(maxsize=512)
def _screen_shipped(text: str, model: bool, threshold: float) -> Screening:
    """One update's text is screened by the guard and again by the FAQ's own check: read it once."""
    return _screen(text, None, None, model)


def _screen(text: str, patterns: PatternSet | None, constructs: ConstructSet | None, model: bool | None) -> Screening:
    ps = patterns if patterns is not None else default_patterns()
    cs = constructs if constructs is not None else default_constructs()
    capped = cap(text)
    seen = visible(capped)
    flat = normalise(capped)
    langs, primary = _languages(seen)
    kept, dropped = findings(flat, langs, ps, cs, primary)
    if not kept and (turned := backwards(flat)) is not None:  # typed backwards to hide it
        kept, dropped = findings(turned, langs, ps, cs, primary)
    for other in (stretched, unglued):  # every letter held down; the words typed without spaces
        if not kept and (reading := other(flat)) is not None:
            found, found_dropped = findings(reading, langs, ps, cs, primary)
            if found:  # a reading that finds nothing leaves what the plain one set aside
                kept, dropped = found, found_dropped
    hidden = joined(capped)
    if hidden is not None:  # a zero-width space inside a word ("br\u200beathe"): read it joined too
        more, more_dropped = findings(normalise(hidden), langs, ps, cs, primary)
        kept += more
        dropped += [d for d in more_dropped if d not in dropped]
    if kept:
        kept.sort(key=lambda f: _rank(f[0], f[1]))
        level, category, pid = kept[0]
        others = tuple(dict.fromkeys(c for _, c, _ in kept[1:] if c is not category))
        return Screening(level, category, pid, others, langs, tuple(dropped))
    if other_script(seen.casefold()):
        return Screening(Level.POSSIBLE, Category.UNREADABLE, OTHER_SCRIPT, (), langs, tuple(dropped))
    use_model = learned.ENABLED if model is None else model
    raised = learned.raise_to_possible(capped) if use_model else None
    if raised is not None:
        return Screening(Level.POSSIBLE, raised[0], raised[1], (), langs, tuple(dropped))
    return Screening(Level.NONE, languages=langs, set_aside=tuple(dropped))


def is_crisis(text: str) -> bool:
    """True when `text` is explicit crisis language (compatibility wrapper around `screen`)."""
    return screen(text).level is Level.EXPLICIT


def check_examples(constructs: ConstructSet) -> list[str]:
    """Each construct's problems with its own examples: a `match` it misses, a `no_match` it keeps."""
    problems = []
    for c in constructs.constructs:
        alone = build([c])
        langs = ("en",) if c.lang == "en" else ("en", c.lang)
        for example in c.match:
            if not findings(normalise(example), langs, _NO_PATTERNS, alone)[0]:
                problems.append(f"{c.id}: misses its example {example!r}")
        for example in c.no_match:
            if findings(normalise(example), langs, _NO_PATTERNS, alone)[0]:
                problems.append(f"{c.id}: catches its counter-example {example!r}")
    return problems


_NO_PATTERNS = PatternSet((), frozenset())


@functools.cache
def verify() -> None:
    """Load and check every rule file now (at start-up, once), raising CrisisPatternError on a problem."""
    default_patterns()
    problems = check_examples(default_constructs())
    if problems:
        raise CrisisPatternError(problems)
    ctx.default_rules()
    lookalikes.table()
    language.warm()
    if learned.ENABLED:
        learned.model()
