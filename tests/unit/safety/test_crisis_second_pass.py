"""The crisis screen's second pass: cross-language context, hyperbole, masked letters, the learned layer."""

from __future__ import annotations

import pytest

from bot.domain.safety import learned
from bot.domain.safety.patterns import Category, Level
from bot.domain.safety.screen import screen


@pytest.mark.parametrize(
    "text",
    [
        "no estoy pensando en suicidarme, solo estoy cansado",
        "hoy hablamos de prevencion del suicidio en el grupo",
        "i'm not suicidal, no estoy pensando en suicidarme",
        "nunca me suicidaría, amo a mis hijos",
    ],
)
def test_spanish_context_vetoes_other_languages_constructs_on_spanish_text(text: str) -> None:
    """Portuguese, French and English constructs matching Spanish words are judged by Spanish ConText too."""
    got = screen(text, model=False)
    assert got.level is not Level.EXPLICIT, got


@pytest.mark.parametrize(
    "text", ["quiero suicidarme", "no quiero vivir mas", "não quero mais viver", "j'ai vraiment envie de mourir"]
)
def test_romance_crisis_language_is_still_explicit(text: str) -> None:
    assert screen(text, model=False).level is Level.EXPLICIT


@pytest.mark.parametrize(
    "text", ["i'm drunk on happiness", "im so high on love today", "i'm wasted from work", "drunk on love rn"]
)
def test_hyperbole_is_not_intoxication(text: str) -> None:
    assert screen(text, model=False).level is not Level.EXPLICIT
    assert screen(text).level is not Level.EXPLICIT


def test_being_drunk_and_in_danger_still_counts() -> None:
    assert screen("i'm drunk and driving home").level is Level.EXPLICIT


@pytest.mark.parametrize("text", ["k*ll myself tonight", "i want to k|ll myself", "i want to d\U0001f480e"])
def test_a_symbol_standing_for_a_letter_is_read(text: str) -> None:
    assert screen(text, model=False).level is Level.EXPLICIT


def test_a_zero_width_space_inside_a_word_is_also_read_joined() -> None:
    assert screen("can't br\u200beathe", model=False).flagged


@pytest.mark.parametrize(
    "text",
    [
        "i want to kill myself",
        "he's not breathing",
        "im not okay",
        "what time is group tomorrow",
        "i'm not suicidal",
        "thanks, see you thursday",
    ],
)
def test_the_model_never_changes_what_the_rules_decided(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the rules flag a message, the model changes nothing; it never lowers a verdict."""
    rules = screen(text, model=False)
    monkeypatch.setattr(learned, "THRESHOLD", 0.0)  # the model would raise everything it can
    got = screen(text, model=True)
    if rules.flagged or len(text.split()) < learned.MIN_WORDS:  # short messages are left to the rules
        assert got == rules
    else:
        assert got.level is Level.POSSIBLE
        assert got.pattern is not None and got.pattern.startswith("model:")


def test_the_model_raises_to_possible_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(learned, "THRESHOLD", 0.0)
    for text in ["i took all of it and more", "everything is grey again today honestly", "ok", "bye everyone"]:
        got = screen(text, model=True)
        if got.pattern and got.pattern.startswith("model:"):
            assert got.level is Level.POSSIBLE
            assert got.category is not Category.UNREADABLE
            assert 0.0 <= float(got.pattern.removeprefix("model:")) <= 1.0


def test_the_model_stays_quiet_above_its_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(learned, "THRESHOLD", 1.01)
    assert screen("i feel kind of empty and nothing helps", model=True) == screen(
        "i feel kind of empty and nothing helps", model=False
    )


def test_a_raised_screening_prints_as_before() -> None:
    """`python -m bot triage` prints the same three keys whatever layer decided."""
    got = screen("i feel kind of empty and nothing helps")
    assert set(got.as_dict()) == {"level", "category", "pattern"}


def test_short_typed_answers_are_left_to_the_rules() -> None:
    """A check-in answer typed in a few words is never raised by the model."""
    for text in ["okay", "seven and a half", "ok", "no", "5"]:
        assert not screen(text).flagged
    assert not screen("John Smith the Third and more words", model=False).flagged  # as the guard reads team words
