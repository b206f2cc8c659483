"""Spanish check-in answers: the words the Spanish prompts suggest, and what people type besides."""

from __future__ import annotations

import pytest

from bot.domain.checkins.answers import InvalidAnswer, Reason, Step, Use, parse


@pytest.mark.parametrize(
    "text,expected",
    [
        ("siete", 7),
        ("Siete", 7),
        ("ocho", 8),
        ("cero", 0),
        ("uno", 1),
        ("cinco", 5),
        ("diez", 10),
        ("¡Diez!", 10),
        ("nada", 0),
        ("Nada.", 0),
        ("ninguna", 0),
        ("nada de ganas", 0),
        ("7 de 10", 7),
        ("3 sobre 10", 3),
        ("ps 5", 5),
        ("pues 6", 6),
    ],
)
def test_craving_in_spanish(text: str, expected: int) -> None:
    assert parse(Step.CRAVING, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("regular", 3),
        ("Regular", 3),
        ("bueno", 4),
        ("Bueno!", 4),
        ("buena", 4),
        ("mal", 2),
        ("muy mal", 1),
        ("muy bien", 5),
        ("Muy bueno", 5),
        ("bien", 4),
        ("bajo", 2),
        ("muy bajo", 1),
        ("más o menos", 3),
        ("mas o menos", 3),
        ("Más o menos.", 3),
        ("màs o menos", 3),  # the wrong accent
        ("ps bien", 4),
        ("pues bien", 4),
        ("pues, estoy bien", 4),
        ("la verdad, muy bien", 5),
        ("me siento mal", 2),
        ("no estoy bien", 2),
        ("no muy bien", 2),
        ("fatal", 1),
        ("pésimo", 1),
        ("pesimo", 1),
        ("triste", 2),
        ("ni bien ni mal", 3),
        ("ahí la llevo", 3),
        ("excelente", 5),
        ("¡Genial!", 5),
        ("cuatro", 4),
        ("tres", 3),
        ("4 de 5", 4),
    ],
)
def test_mood_in_spanish(text: str, expected: int) -> None:
    assert parse(Step.MOOD, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("mal", 1),
        ("Mal", 1),
        ("muy mal", 1),
        ("regular", 2),
        ("bien", 3),
        ("Bien.", 3),
        ("muy bien", 3),
        ("bueno", 3),
        ("más o menos", 2),
        ("mas o menos", 2),
        ("ps bien", 3),
        ("dormí bien", 3),
        ("dormi mal", 1),
        ("no dormí", 1),
        ("no dormí nada", 1),
        ("no dormí bien", 1),
        ("casi nada", 1),
        ("nada", 1),
        ("uno", 1),
        ("tres", 3),
    ],
)
def test_sleep_in_spanish(text: str, expected: int) -> None:
    assert parse(Step.SLEEP, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("sí", Use.YES),
        ("Sí", Use.YES),
        ("si", Use.YES),
        ("SI", Use.YES),
        ("sí.", Use.YES),
        ("sì", Use.YES),  # the wrong accent
        ("sip", Use.YES),
        ("siii", Use.YES),
        ("simon", Use.YES),
        ("simón", Use.YES),
        ("sí, un poco", Use.YES),
        ("un poco", Use.YES),
        ("consumí", Use.YES),
        ("sí consumí", Use.YES),
        ("la neta sí", Use.YES),
        ("no", Use.NO),
        ("No.", Use.NO),
        ("nop", Use.NO),
        ("nel", Use.NO),
        ("nooo", Use.NO),
        ("nada", Use.NO),
        ("no, nada", Use.NO),
        ("para nada", Use.NO),
        ("ps no", Use.NO),
        ("pues no", Use.NO),
        ("no consumí", Use.NO),
        ("limpio", Use.NO),
        ("sobria", Use.NO),
        ("prefiero no decirlo", Use.UNDISCLOSED),
        ("Prefiero no decirlo.", Use.UNDISCLOSED),
        ("prefiero no decir", Use.UNDISCLOSED),
        ("prefiero no", Use.UNDISCLOSED),
        ("no quiero decir", Use.UNDISCLOSED),
        ("paso", Use.UNDISCLOSED),
        ("omitir", Use.UNDISCLOSED),
    ],
)
def test_use_in_spanish(text: str, expected: Use) -> None:
    assert parse(Step.USE, text) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("sí", True),
        ("si", True),
        ("sip", True),
        ("creo que sí", True),
        ("un poco", True),
        ("a veces", True),
        ("no", False),
        ("nop", False),
        ("nel", False),
        ("para nada", False),
        ("estoy bien", False),
        ("estoy a salvo", False),
    ],
)
def test_safety_in_spanish(text: str, expected: bool) -> None:
    assert parse(Step.SAFETY, text) is expected


@pytest.mark.parametrize("text", ["omitir", "Omitir", "nada", "no", "ninguna", "sin nota", "no gracias"])
def test_a_spanish_note_can_be_skipped(text: str) -> None:
    assert parse(Step.NOTE, text) is None


def test_a_spanish_note_is_kept_as_written() -> None:
    assert parse(Step.NOTE, " Fui a una reunión y me ayudó. ") == "Fui a una reunión y me ayudó."


@pytest.mark.parametrize(
    "step,text,reason",
    [
        (Step.CRAVING, "once", Reason.RANGE),
        (Step.CRAVING, "menos uno", Reason.RANGE),
        (Step.CRAVING, "siete y medio", Reason.WHOLE),
        (Step.CRAVING, "7 y media", Reason.WHOLE),
        (Step.CRAVING, "siete punto cinco", Reason.WHOLE),
        (Step.CRAVING, "7,5", Reason.WHOLE),
        (Step.CRAVING, "muchas", Reason.UNKNOWN),
        (Step.MOOD, "seis", Reason.RANGE),
        (Step.MOOD, "cero", Reason.RANGE),
        (Step.MOOD, "morado", Reason.UNKNOWN),
        (Step.SLEEP, "cuatro", Reason.RANGE),
        (Step.SLEEP, "nueve horas", Reason.UNKNOWN),
        (Step.USE, "tal vez", Reason.UNKNOWN),
        (Step.SAFETY, "prefiero no decirlo", Reason.UNKNOWN),
    ],
)
def test_spanish_answers_that_are_refused_say_why(step: Step, text: str, reason: Reason) -> None:
    with pytest.raises(InvalidAnswer) as exc:
        parse(step, text)
    assert exc.value.step is step and exc.value.reason is reason
