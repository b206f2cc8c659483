"""Round seventeen: the families v16's misses and false alarms showed, each phrased apart from that line."""

from __future__ import annotations

import pytest

from bot.domain.safety.patterns import Level
from bot.domain.safety.screen import screen


@pytest.mark.parametrize(
    "text",
    [
        "going through with it sunday when nobody is home",
        "deleted all my accounts, goodbye and thank you all",
        "got the same script filled at two pharmacies so i have extra",
        "kept pushing a needle into my arm until my head went quiet",
        "my dad just pushed my mom into the wall",
        "not hurting myself. ok fine, last night",
        "had a good day at group then went in my room and cut anyway",
    ],
)
def test_families_found_in_round_seventeen_are_flagged(text: str) -> None:
    assert screen(text, model=False).level is not Level.NONE


@pytest.mark.parametrize(
    "text",
    [
        "sighted in my rifle today, two shots high, adjusted the scope",
        "my brother is holding my guns until i finish the program, part of my safety plan",
        "blasting suicide blonde on the radio while i clean",
        "30 days off pills, my pharmacist brain knows how far that is",
        "helped bury the old dog under the apple tree",
        "vet said our old dog is ready to be put down, we said goodbye saturday",
        "the cat knocked my coffee over again, she clearly wants me dead",
        "burned the brush pile in the burn barrel, permit posted",
        "mi esposo me mata a besos",
    ],
)
def test_look_alikes_found_in_round_seventeen_are_not_explicit(text: str) -> None:
    assert screen(text, model=False).level is not Level.EXPLICIT
