"""The crisis screen: levels, categories, normalisation, the pattern file's checks, the length cap."""

from __future__ import annotations

import pytest

from bot.domain.safety.constructs import build
from bot.domain.safety.folding import HEAD_CHARS, TAIL_CHARS, cap, normalise
from bot.domain.safety.patterns import Category, CrisisPatternError, Level, default_patterns, parse
from bot.domain.safety.risk import Severity
from bot.domain.safety.screen import (
    CATEGORY_FLAG_SEVERITY,
    OTHER_SCRIPT,
    flag_severity,
    is_crisis,
    screen,
)

CASES = [
    ("kms", Level.EXPLICIT, Category.SUICIDE),
    ("unalive", Level.EXPLICIT, Category.SUICIDE),
    ("i just want to sleep forever", Level.EXPLICIT, Category.SUICIDE),
    ("end it all", Level.EXPLICIT, Category.SUICIDE),
    ("i don't want to be here anymore", Level.EXPLICIT, Category.SUICIDE),
    ("im not okay", Level.POSSIBLE, Category.SUICIDE),
    ("i can't do this anymore", Level.POSSIBLE, Category.SUICIDE),
    ("everything is hopeless", Level.POSSIBLE, Category.SUICIDE),
    ("i cut myself again", Level.EXPLICIT, Category.SELF_HARM),
    ("i have a gun in my closet", Level.EXPLICIT, Category.MEANS_OR_PLAN),
    ("ive been saving up my pills", Level.EXPLICIT, Category.MEANS_OR_PLAN),
    ("my friend overdosed and isnt breathing", Level.EXPLICIT, Category.OVERDOSE),
    ("gonna use tonight", Level.EXPLICIT, Category.USE_INTENT),
    ("i'm drunk and scared", Level.EXPLICIT, Category.INTOXICATED_UNSAFE),
    ("i want to drink so bad", Level.POSSIBLE, Category.USE_INTENT),
    ("my boyfriend choked me", Level.EXPLICIT, Category.VIOLENCE_AT_HOME),
    ("i'm afraid to go home", Level.POSSIBLE, Category.VIOLENCE_AT_HOME),
    ("i keep having thoughts of hurting people", Level.EXPLICIT, Category.HARM_TO_OTHERS),
    ("quiero morir", Level.EXPLICIT, Category.SUICIDE),
    ("me quiero matar", Level.EXPLICIT, Category.SUICIDE),
    ("no quiero vivir", Level.EXPLICIT, Category.SUICIDE),
    ("Мне очень плохо", Level.POSSIBLE, Category.UNREADABLE),
    ("我不想活了", Level.POSSIBLE, Category.UNREADABLE),
    ("أنا لست بخير", Level.POSSIBLE, Category.UNREADABLE),
]


@pytest.mark.parametrize(("text", "level", "category"), CASES)
def test_screen_decides_level_and_category(text: str, level: Level, category: Category) -> None:
    result = screen(text)
    assert (result.level, result.category) == (level, category), result
    assert result.pattern


@pytest.mark.parametrize(
    "text",
    ["this traffic is killing me", "I killed it at work", "dying to know", "my cravings are bad today", "hi!", "", " "],
)
def test_figures_of_speech_and_ordinary_talk_pass(text: str) -> None:
    result = screen(text)
    assert (result.level, result.category, result.pattern) == (Level.NONE, None, None)
    assert not is_crisis(text)


@pytest.mark.parametrize(
    "text", ["KILLLLL MYSELF", "k1ll mys3lf", "I’m going to kill myself", "su1c1d3", "i want to d!e", "sleep 4ever"]
)
def test_normalisation_reads_shouting_leetspeak_and_curly_quotes(text: str) -> None:
    assert is_crisis(text)


def test_normalise_keeps_numbers_and_line_breaks() -> None:
    assert normalise("Group at 7PM?\n\n  Room  4!") == "group at 7pm?\nroom 4!"
    assert normalise("daño") == "dano"


def test_strongest_match_decides_and_others_are_kept() -> None:
    result = screen("i'm drunk and i want to kill myself")
    assert (result.level, result.category) == (Level.EXPLICIT, Category.SUICIDE)
    assert result.also == (Category.USE_INTENT,)
    overdose = screen("took all my pills at once, i want to die")
    assert overdose.category is Category.OVERDOSE  # 911 first


def test_possible_is_not_is_crisis() -> None:
    assert screen("im not okay").level is Level.POSSIBLE
    assert not is_crisis("im not okay")


def test_other_scripts_are_unreadable_only_when_no_pattern_matched() -> None:
    assert screen("Привет").pattern == OTHER_SCRIPT
    assert screen("Привет kms").category is Category.SUICIDE
    assert screen("my therapist Ольга said hi").level is Level.NONE  # a few foreign letters


def test_long_messages_are_screened_by_head_and_tail_only() -> None:
    filler = "what time is group tomorrow " * 400
    assert is_crisis("i want to die " + filler)
    assert is_crisis(filler + " i want to die")
    middle = filler[: HEAD_CHARS + 100] + " i want to die " + filler[: TAIL_CHARS + 100]
    assert not is_crisis(middle)
    assert len(cap(middle)) == HEAD_CHARS + TAIL_CHARS + 1


def test_every_category_and_level_has_a_flag_severity() -> None:
    for category in Category:
        for level in (Level.EXPLICIT, Level.POSSIBLE):
            assert (category, level) in CATEGORY_FLAG_SEVERITY
    assert flag_severity(screen("kms")) is Severity.CRISIS
    assert flag_severity(screen("gonna use tonight")) is Severity.HIGH
    assert flag_severity(screen("im not okay")) is Severity.MEDIUM
    assert flag_severity(screen("hello")) is None


def test_shipped_patterns_carry_examples_both_ways() -> None:
    patterns = default_patterns().patterns
    assert len({p.id for p in patterns}) == len(patterns)
    for p in patterns:
        assert p.match and p.no_match and p.comment


def test_screen_flags_every_pattern_example() -> None:
    for p in default_patterns().patterns:
        for example in p.match:
            assert screen(example).flagged, (p.id, example)


BASE = """
patterns:
  - id: want-to-die
    level: explicit
    category: suicide
    comment: test
    regex: |-
      \\bwant\\s+to\\s+die\\b
    match: ["i want to die"]
    no_match: ["dying to know"]
"""


def test_a_valid_file_parses() -> None:
    ps = parse(BASE)
    assert screen("i want to die", ps, build([])).pattern == "want-to-die"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("i want to die", "i want to live"), "misses its example"),
        (("dying to know", "i want to die now"), "catches its counter-example"),
        (("comment: test", "comment: test\n    severity: high"), "keys must be"),
        (("level: explicit", "level: maybe"), "level must be"),
        (("\\bwant\\s+to\\s+die\\b", "(unclosed"), "does not compile"),
        (("\\bwant\\s+to\\s+die\\b", "\\bwant\\s+to\\s+die\\b\n      .*"), "matches almost anything"),
        (('no_match: ["dying to know"]', "no_match: []"), "no_match must list"),
    ],
)
def test_bad_files_are_refused_with_reasons(change: tuple[str, str], problem: str) -> None:
    with pytest.raises(CrisisPatternError) as err:
        parse(BASE.replace(*change))
    assert problem in "\n".join(err.value.problems)


def test_means_must_be_explicit_and_ids_unique() -> None:
    means = BASE.replace("level: explicit", "level: possible").replace("category: suicide", "category: means_or_plan")
    with pytest.raises(CrisisPatternError, match="always explicit"):
        parse(means)
    twice = BASE + BASE.split("patterns:", 1)[1]
    with pytest.raises(CrisisPatternError, match="id used twice"):
        parse(twice)
