"""The crisis screen's third pass: averted acts, pseudo-triggers, text typed backwards, emoji verbs, amounts."""

from __future__ import annotations

import pytest

from bot.domain.safety.patterns import Level
from bot.domain.safety.screen import screen


@pytest.mark.parametrize(
    "text",
    [
        "the urge to cut came up but i used my ice and it went away. no cutting",
        "i was gonna use but i called my sponsor instead and we got tacos",
        "almost called my dealer but i didnt. deleted his number",
        "estaba pensando en llamar a mi dealer pero mejor le llamé a mi madrina. ya estoy bien",
    ],
)
def test_an_urge_the_message_says_was_averted_is_not_explicit(text: str) -> None:
    assert screen(text, model=False).level is not Level.EXPLICIT


@pytest.mark.parametrize(
    "text", ["i cut myself tonight", "im going to use tonight, already got it", "i took all my pills"]
)
def test_an_act_with_no_word_of_it_being_averted_stays_explicit(text: str) -> None:
    assert screen(text, model=False).level is Level.EXPLICIT


@pytest.mark.parametrize(
    "text", ["im going to kill myself tonight i mean it", "kms for real this time not joking", "i want to die, no joke"]
)
def test_saying_it_is_no_joke_makes_it_count_not_vanish(text: str) -> None:
    """ "not joking" holds the joke trigger's words but says the opposite (a NegEx pseudo-trigger)."""
    assert screen(text, model=False).level is Level.EXPLICIT


def test_text_typed_backwards_is_read() -> None:
    assert screen("flesym llik ot gniog mi", model=False).level is Level.EXPLICIT
    assert not screen("puorg ta uoy ees", model=False).flagged


@pytest.mark.parametrize("text", ["i want to \U0001f52a myself", "\U0001f52b myself tonight", "wanna kll myslf"])
def test_an_emoji_standing_for_a_verb_and_vowel_less_spellings_are_read(text: str) -> None:
    assert screen(text, model=False).level is Level.EXPLICIT


@pytest.mark.parametrize(
    "text",
    [
        "took a bunch of pics at the lake. water was perfect",
        "my tomato plants are dying, too much rain",
        "I keep forgetting the check in. Can it remind me twice?",
        "is group still at 6 tonight or did it move",
        "went for a walk by the lake, nice out",
        "i'm so high-key hungry",
    ],
)
def test_amount_and_place_words_alone_are_ordinary(text: str) -> None:
    assert screen(text, model=False).level is not Level.EXPLICIT


@pytest.mark.parametrize("text", ["took too many of my pills", "mixed my pills with vodka", "took double my dose"])
def test_an_amount_of_a_drug_is_an_overdose(text: str) -> None:
    got = screen(text, model=False)
    assert got.level is Level.EXPLICIT


@pytest.mark.parametrize(
    "text",
    [
        "the article said people with addiction are more likely to die by suicide",
        "my son's school had an assembly about self harm. how do i bring it up with him",
        "my sponsor asked if i'm having thoughts of suicide. told her no and it's the truth",
        "my coworker's kid overdosed in 2022. she's the one who told me about this program",
    ],
)
def test_lessons_and_the_past_reach_across_the_message(text: str) -> None:
    assert screen(text, model=False).level is not Level.EXPLICIT


@pytest.mark.parametrize(
    "text",
    [
        "why does everything make me want to kill myself",
        "counselor asked if i have thoughts of killing myself and i lied. i do. every day",
        "she asked if i want to die and i said no but i lied, i want to die",
    ],
)
def test_a_question_word_or_a_retracted_no_never_hides_the_writers_own_words(text: str) -> None:
    assert screen(text, model=False).level is Level.EXPLICIT
