"""A team member's flagged words are held from their step only when they speak of the writer."""

from __future__ import annotations

import pytest

from bot.domain.safety.about_self import speaks_of_self


@pytest.mark.parametrize(
    "text",
    [
        "i want to kill myself",
        "I'm done, I can't do this anymore",
        "I've been cutting again",
        "nobody would miss me",
        "my pills are all in my hand",
        "I’d be better off gone",  # a curly apostrophe
        "i\u200bwant to die",  # an invisible character between the words
        "Quiero matarme",
        "estoy pensando en suicidarme",
        "yo ya no aguanto",
        "voy a cortarme",
        "me quiero morir",
    ],
)
def test_words_about_the_writer_are_first_person(text: str) -> None:
    assert speaks_of_self(text)


@pytest.mark.parametrize(
    "text",
    [
        "Suicide prevention month: if you are having thoughts of suicide, call or text 988 any time.",
        "Self-harm urges skills group",
        "If you ever feel like hurting yourself, call 988",
        "We are holding a talk on overdose and naloxone on Friday.",
        "C-1042 said he wants to kill himself",
        "Si tienes pensamientos de suicidio, llama o escribe al 988.",
        "Grupo de habilidades para la autolesión",
        "Immediate help: the crisis line is open all night",  # "im" only as a whole word
        "",
    ],
)
def test_words_about_others_or_about_help_are_not(text: str) -> None:
    assert not speaks_of_self(text)
