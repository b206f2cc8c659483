"""The FAQ's guess: an entry clearly ahead but short of the answer's margin is shown as a guess; a tie,
an off-topic question or a vague word is still "not sure"; crisis comes first; and on the labelled
sets guesses are right more often than not while off-topic questions almost never become one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.domain.faq import GUESS_MARGIN, MIN_CONFIDENCE, MIN_MARGIN, FaqIndex, KnowledgeBase, parse_knowledge_base
from bot.domain.faq.content import load_default
from bot.domain.faq.search import MIN_SPECIFICITY
from bot.entry.faq_cli import ask_command
from tests.support.facts import FACTS

DATA = Path(__file__).parents[2] / "data"

# Two sibling entries (a tie is easy to write) and one apart.
SMALL = """
categories:
  - id: general
    title: General
entries:
  - id: evening-groups
    question: Are there evening groups?
    asked: [evening groups schedule, groups in the evening, night group times]
    answer: Yes, evening groups meet on weekdays.
    category: general
  - id: morning-groups
    question: Are there morning groups?
    asked: [morning groups schedule, groups in the morning, early group times]
    answer: Yes, morning groups meet on weekdays.
    category: general
  - id: parking
    question: Where do I park?
    asked: [parking lot, where to park the car, is parking free]
    answer: Park behind the building.
    category: general
"""


@pytest.fixture(scope="module")
def small() -> KnowledgeBase:
    return parse_knowledge_base(SMALL, FACTS)


@pytest.fixture(scope="module")
def shipped() -> KnowledgeBase:
    return load_default(FACTS)


def test_the_guess_band_sits_just_below_the_answer_margin() -> None:
    assert 0 < GUESS_MARGIN < MIN_MARGIN


def test_a_clear_lead_short_of_the_answer_margin_is_a_guess(small: KnowledgeBase) -> None:
    """With the answer's margin raised past this question's lead, the same entry comes back as a guess."""
    answered = FaqIndex(small).ask("evening schedule")
    assert answered.kind == "answer" and answered.entry is not None
    guessing = FaqIndex(small, min_margin=answered.margin + 0.01, guess_margin=answered.margin - 0.01)
    guess = guessing.ask("evening schedule")
    assert guess.kind == "guess" and guess.entry == answered.entry
    assert (guess.score, guess.margin, guess.lang) == (answered.score, answered.margin, "en")
    assert guess.entry not in guess.alternatives and [e.id for e in guess.alternatives] == ["morning-groups"]


def test_a_lead_below_the_guess_margin_is_not_sure(small: KnowledgeBase) -> None:
    answered = FaqIndex(small).ask("evening schedule")
    index = FaqIndex(small, min_margin=answered.margin + 0.02, guess_margin=answered.margin + 0.01)
    result = index.ask("evening schedule")
    assert result.kind == "not_sure" and result.entry is None and answered.entry in result.alternatives


@pytest.mark.parametrize("text", ["groups schedule times", "morning or evening groups schedule", "group schedule"])
def test_a_tie_is_not_sure(small: KnowledgeBase, text: str) -> None:
    result = FaqIndex(small).ask(text)
    assert result.margin < GUESS_MARGIN
    assert result.kind == "not_sure" and result.entry is None
    assert {e.id for e in result.alternatives} >= {"evening-groups", "morning-groups"}


def test_a_lead_the_wording_does_not_share_is_not_a_guess(small: KnowledgeBase) -> None:
    """Word weights put one entry ahead, but the question reads more like the runner-up's phrasings."""
    text = "night groups schedule"
    found = FaqIndex(small).indexes["en"].ranking(text)
    assert found.wording_lead < 0
    answered = FaqIndex(small).ask(text)
    index = FaqIndex(small, min_margin=answered.margin + 0.01, guess_margin=0.0)
    assert index.ask(text).kind == "not_sure"


@pytest.mark.parametrize(
    "text", ["how do i make lasagna", "whats a good book to read", "can you recommend a good movie", "rate my outfit"]
)
def test_off_topic_stays_declined(shipped: KnowledgeBase, text: str) -> None:
    """A big lead on one stray word is no guess: confidence must be an answer's."""
    result = FaqIndex(shipped).ask(text)
    assert result.kind == "not_sure" and result.entry is None


@pytest.mark.parametrize("text", ["groups", "help", "iop", "what"])
def test_a_vague_word_is_never_a_guess(shipped: KnowledgeBase, text: str) -> None:
    result = FaqIndex(shipped, guess_margin=0.0).ask(text)
    assert result.kind == "not_sure"


def test_crisis_comes_before_any_guess(shipped: KnowledgeBase) -> None:
    everything_a_guess = FaqIndex(shipped, min_margin=1.01, guess_margin=0.0)
    assert everything_a_guess.ask("how many days a week do i come in").kind == "guess"
    result = everything_a_guess.ask("what is relapse prevention? honestly i want to kms")
    assert result.kind == "crisis" and result.entry is None


def test_a_spanish_question_is_guessed_in_spanish(shipped: KnowledgeBase) -> None:
    result = FaqIndex(shipped, min_margin=1.01, guess_margin=0.0).ask("a q hora es el grupo")
    assert result.kind == "guess" and result.lang == "es" and result.entry is not None


def _labelled(name: str, off_key: str) -> tuple[list[tuple[str, str]], list[str]]:
    data: dict[str, Any] = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return [(q, eid) for eid, qs in data["in_scope"].items() for q in qs], list(data[off_key])


def _one_word_left_out(text: str) -> list[str]:
    words = text.split()
    return [" ".join(words[:i] + words[i + 1 :]) for i in range(len(words))] if len(words) >= 3 else []


def test_on_the_labelled_sets_guesses_are_mostly_right_and_off_topic_rarely_guessed(shipped: KnowledgeBase) -> None:
    """The measure GUESS_MARGIN was chosen by (bench/faq_bench.py prints the same figures).

    The labelled questions alone leave one or two in the guess band, too few to say "mostly"; each is
    also asked once per word with that word left out, as a client's shorter wording would be.
    """
    index = FaqIndex(shipped)
    right = wrong = off = off_total = 0
    for name, off_key in (("faq_labelled.yaml", "out_of_scope"), ("faq_es_labelled.yaml", "off_topic")):
        in_scope, off_topic = _labelled(name, off_key)
        in_scope = list(dict.fromkeys([*in_scope, *((v, e) for q, e in in_scope for v in _one_word_left_out(q))]))
        off_topic = list(dict.fromkeys([*off_topic, *(v for q in off_topic for v in _one_word_left_out(q))]))
        for question, expected in in_scope:
            result = index.ask(question)
            if result.kind == "guess" and result.entry is not None:
                assert result.score >= MIN_CONFIDENCE and GUESS_MARGIN <= result.margin < MIN_MARGIN
                assert index.rank(question, result.lang)[2] >= MIN_SPECIFICITY
                right += result.entry.id == expected
                wrong += result.entry.id != expected
        off += sum(1 for q in off_topic if index.ask(q).kind == "guess")
        off_total += len(off_topic)
    print(f"labelled guesses: {right} right, {wrong} wrong; off-topic guessed: {off} of {off_total}")
    assert right + wrong >= 10, "enough guesses to judge them"
    assert right > wrong
    assert off <= 0.02 * off_total


def test_ask_command_shows_a_guess(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.entry import faq_cli

    monkeypatch.setattr(faq_cli, "FaqIndex", lambda kb: FaqIndex(kb, min_margin=1.01, guess_margin=0.0))
    text, code = ask_command("how many days a week do i come in", FACTS)
    assert code == 0
    assert text.startswith('guess, shown with "Did I get that right?":') and "[entry: days-per-week | score: " in text
