"""Craving talk, which tool the bot picks, and when a craving after a tool is still high."""

from __future__ import annotations

import pytest

from bot.domain.coping.cravings import Past, flag_for, is_craving_talk, pick, still_high
from bot.domain.safety.risk import RuleCode, Severity

OFFERED = ["urge_surfing", "breathing", "grounding", "tape", "call"]


@pytest.mark.parametrize(
    "said",
    [
        "craving bad rn",
        "i really want to drink",
        "i feel like using",
        "I'm craving so hard",
        "urge to drink is strong tonight",
        "cravings are intense today",
        "tengo ganas de consumir",
        "Tengo muchas ganas de beber",
        "quiero drogarme",
        "what do i do, i'm craving so bad",
    ],
)
def test_craving_talk_is_recognised(said: str) -> None:
    assert is_craving_talk(said)


@pytest.mark.parametrize(
    "said",
    [
        "no cravings today",
        "i dont feel like drinking",
        "not craving anything",
        "what is a craving?",
        "how long do cravings last",
        "How does IOP help with cravings?",
        "como manejo los antojos?",
        "i want to go home",
        "what time is group",
        "",
        "no tengo ganas de consumir",
    ],
)
def test_denials_questions_and_other_talk_are_not(said: str) -> None:
    assert not is_craving_talk(said)


def test_with_no_history_the_first_tool_is_picked() -> None:
    assert pick([], OFFERED) == "urge_surfing"


def test_the_tool_with_the_largest_mean_drop_is_picked() -> None:
    history = [Past("breathing", 8, 6), Past("grounding", 8, 2), Past("grounding", 6, 5), Past("tape", 7, 7)]
    assert pick(history, OFFERED) == "grounding"  # mean drop 3.5 against breathing's 2


def test_when_nothing_helped_an_untried_tool_is_picked() -> None:
    history = [Past("urge_surfing", 8, 8), Past("breathing", 6, 7)]
    assert pick(history, OFFERED) == "grounding"


def test_a_tool_no_longer_offered_is_never_picked() -> None:
    assert pick([Past("old_tool", 9, 1)], OFFERED) == "urge_surfing"


def test_eight_or_more_is_still_high() -> None:
    assert still_high(8) and still_high(10) and not still_high(7)


def test_the_flag_is_medium_and_explained_in_numbers() -> None:
    flag = flag_for(9, 8, "breathing")
    assert (flag.severity, flag.rule) == (Severity.MEDIUM, RuleCode.CRAVING_AFTER_TOOL)
    assert flag.explanation == "craving 8 of 10 after breathing (was 9)"
