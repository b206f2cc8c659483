"""Spanish typed answers to the safety question, read as their English counterparts are."""

from __future__ import annotations

import pytest

from bot.domain.safety.typed_answer import read


@pytest.mark.parametrize(
    "text",
    ["sí", "Sí", "si", "SI", "Sí.", "sì", "sii", "sip", "simón", "ajá", "claro", "pues sí", "la verdad sí"],
)
def test_a_spanish_yes(text: str) -> None:
    assert read(text) is True


@pytest.mark.parametrize(
    "text",
    [
        # as "kind of", "a little", "sometimes", "maybe", "i think so", "i guess", "probably": a call, not a miss
        "creo que sí",
        "creo que si",
        "un poco",
        "un poquito",
        "poquito",
        "tantito",
        "más o menos",
        "mas o menos",
        "a veces",
        "a ratos",
        "de vez en cuando",
        "tal vez",
        "quizás",
        "quiza",
        "a lo mejor",
        "puede ser",
        "supongo",
        "supongo que sí",
        "probablemente",
        "algo",
        "algo así",
        "medio",
        "sí, pero no voy a hacer nada",
    ],
)
def test_a_spanish_answer_that_leans_yes_is_a_yes(text: str) -> None:
    assert read(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "no",
        "No.",
        "nop",
        "nel",
        "nooo",
        "para nada",
        "no, para nada",
        "estoy bien",
        "Estoy bien, gracias",
        "estoy a salvo",
        "no, estoy a salvo",
        "nada",
        "nunca",
        "jamás",
        "ninguno",
        "realmente no",
        "la verdad no",
        "ahorita no",
        "todo bien",
        "nada de eso",
    ],
)
def test_a_spanish_no(text: str) -> None:
    assert read(text) is False


@pytest.mark.parametrize(
    "text",
    [
        "no sé",
        "no se",
        "no entiendo",
        "la verdad no sé qué hacer",  # "la verdad no" is a no only alone
        "ahora no puedo hablar",
        "algo pasó en casa",  # "algo" leans yes only alone
        "¿por qué preguntas?",
        "nunca me escuchan",  # "nunca" is a no only alone
    ],
)
def test_spanish_words_that_are_no_answer(text: str) -> None:
    assert read(text) is None
