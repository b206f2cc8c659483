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


@pytest.mark.parametrize("text", ["around dinner maybe", "yes and no", "i dont know", "8pm", "", "no idea what to do"])
def test_other_words_are_no_answer(text: str) -> None:
    assert read(text) is None
