"""Round fifteen: the families v14's misses and false alarms showed, each phrased apart from that line.

A case passes only when the family is read: other words of the same kind, another order, another person.
"""

from __future__ import annotations

import pytest

from bot.domain.safety.patterns import Level
from bot.domain.safety.screen import screen


@pytest.mark.parametrize(
    "text",
    [
        "been praying every night for god to take me home early",
        "i doubt ill be around for the reunion this year",
        "on the train platform again thinking about just stepping off",
        "my neighbor thinks i'm going away for a while. i'm not",
        "scheduled the goodbye emails to go out sunday",
        "left instructions on the fridge for my son for after im gone",
        "been researching the least painful way, reading reddit",
        "told my boss it was the cat did it, we don't have a cat",
        "gonna do a fat line when i get paid tonight",
        "me meti perico toda la noche y me duele el pecho, me late a mil",
        "mi esposo llego borracho y le pego a mi hija",
        "ando pedo y me voy a buscar bronca con el vecino",
    ],
)
def test_families_found_in_round_fifteen_are_flagged(text: str) -> None:
    assert screen(text, model=False).level is not Level.NONE


@pytest.mark.parametrize(
    "text",
    [
        "a client told me her husband threatened her with a knife years back, she left him and she's thriving",
        "that ko in the third round, he was out cold",
        "he hung a slider and my daughter hit a home run",
        "the er was slammed, two ods came in back to back, i'm beat",
        "we spent the night unloading pallets of bleach at the distribution center",
        "me mata la curiosidad, que dijo la consejera",
        "mi hijo metio dos goles, los mato a todos",
        "gave my sister the key to the gun safe until im more stable, it was my idea",
        # a program question the screen took for "quitarme la vida" (FAQ v6, read in stop 34)
        "cuanto tiempo me va a quitar esto a la semana, por el trabajo",
    ],
)
def test_look_alikes_found_in_round_fifteen_are_not_explicit(text: str) -> None:
    assert screen(text, model=False).level is not Level.EXPLICIT


def test_a_sister_who_took_pills_after_a_fight_is_still_an_overdose_now() -> None:
    assert (
        screen("my sister took a bunch of pills after the fight and she wont wake up", model=False).level
        is Level.EXPLICIT
    )
