"""A typed answer to the safety question counts as its button would; anything else is no answer."""

from __future__ import annotations

import pytest

from bot.domain.safety.typed_answer import read


@pytest.mark.parametrize("text", ["yes", "Yes!", "si", "Sí", "yeah", "y", "kind of", "Kinda…", "maybe", "YEP"])
def test_a_yes_however_it_is_typed(text: str) -> None:
    assert read(text) is True


@pytest.mark.parametrize("text", ["no", "No.", "I'm safe", "no, i’m safe", "nope", "im safe"])
def test_a_no_or_im_safe(text: str) -> None:
    assert read(text) is False


@pytest.mark.parametrize(
    "text",
    [
        "around dinner maybe",
        "i dont know",
        "8pm",
        "",
        "no idea what to do",
        "nothing matters",
        "no one cares",
        "no sé",
        "what happens if i say yes?",
        "can we talk about this at group on thursday instead of here please ok",
    ],
)
def test_other_words_are_no_answer(text: str) -> None:
    assert read(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "yes and no",
        "yes but i won't act on it",
        "a lil bit",
        "idk maybe",
        "creo que sí",
        "un poquito",
        "tbh yes",
        "i am",
    ],
)
def test_an_answer_that_leans_yes_is_a_yes(text: str) -> None:
    """Errs towards safety: a hedged or mixed answer reaches a human."""
    assert read(text) is True


@pytest.mark.parametrize("text", ["nah im good", "no, estoy bien", "not right now", "I am not", "nel", "none", "safe"])
def test_plain_ways_of_saying_no(text: str) -> None:
    assert read(text) is False
