"""A text that lists the crisis lines does not say "call or text" before lines that say it again."""

from __future__ import annotations

import importlib

import pytest

from bot import texts
from bot.core.crisis_lines import DEFAULT_LINES_BY_LANGUAGE
from bot.texts import catalogue

# Each language's verbs of the lines themselves ("Call or text 988", "Llama al 988").
LEAD_IN = {"en": ("call or text",), "es": ("llama", "envía un mensaje")}
WITH_LINES = sorted(
    (name, value)
    for module in texts._MODULES
    for name, value in vars(importlib.import_module(f"bot.texts.{module}")).items()
    if name.isupper() and isinstance(value, str) and "{crisis_lines}" in value
)


@pytest.mark.parametrize("lang", sorted(DEFAULT_LINES_BY_LANGUAGE))
@pytest.mark.parametrize(("context", "english"), WITH_LINES, ids=[c for c, _ in WITH_LINES])
def test_the_words_before_the_lines_do_not_repeat_them(lang: str, context: str, english: str) -> None:
    text = catalogue.translate(context, english, lang)
    before = text.split("{crisis_lines}")[0].rstrip().lower()
    last_line = before.rsplit("\n", 1)[-1]
    assert not any(last_line.endswith(verb) or last_line.endswith(verb + ":") for verb in LEAD_IN[lang]), text
    assert not any(f"{verb} a:" in last_line[-20:] for verb in LEAD_IN[lang]), text


def test_there_are_texts_with_the_lines() -> None:
    assert len(WITH_LINES) >= 5  # the crisis reply, the welcome, /help's footer...
