"""Round thirteen: the families v12's misses and false alarms showed, each phrased apart from that line.

A case passes only when the family is read: other words of the same kind, another order, another person.
"""

from __future__ import annotations

import pytest

from bot.domain.safety.folding import normalise, stretched
from bot.domain.safety.patterns import Level
from bot.domain.safety.screen import screen


@pytest.mark.parametrize(
    "text",
    [
        "every night on the pier i stare at the river and keep wondering",
        "no reason to stick around anymore honestly",
        "always been a burden to my kids and that's never gonna change",
        "put my passwords and the life insurance papers on the table so they find them",
        "priced out a cremation for myself, so my wife won't have to deal with it",
        "got the pistol out and no i'm not going hunting",
        "round chambered, in my hand now",
        "picked open the scabs again, needed to see blood",
        "shot up and now my lips are turning blue",
        "hammered and playing with my rifle in the garage",
        "got paid. i'm using tonight, don't try to stop me",
        "grabbing a bottle after work and i don't care anymore",
        "she smacked me and the kids saw, she's still screaming",
        "if that guy comes back to my sister's place i'll shoot",
        "mi esposo esta borracho con el machete y dice que va a matar a mi hermana",
        "la escopeta esta cargada en mi regazo",
        "pedo y voy manejando la troca por la carretera",
        # every letter held down
        "wwwaaannnttt tttooo dddiiieee",
    ],
)
def test_families_found_in_round_thirteen_are_flagged(text: str) -> None:
    assert screen(text, model=False).level is not Level.NONE


@pytest.mark.parametrize(
    "text",
    [
        "rat poison is back in the barn, the mice got into the feed",
        "took the stitches out from my chainsaw cut, healed fine",
        "burned myself on the fryer twice tonight, kitchen life",
        "my daughter beat me at chess again",
        "my brother will kill me if i miss his graduation",
        "we watched the godfather, leave the gun take the cannoli",
        "did you see the bridge collapse on the news last night",
        "gave away my shot glasses and the flask, the shelf looks better",
        "ready to jump into step work with my sponsor",
        "car battery died, jumping it with my neighbor",
        "nearly overdosed on powerpoint slides in that training",
        "se me quemaron las tortillas jaja",
        "soy paramedico y hoy un paciente con sobredosis se salvo",
        "the gun safe is bolted down and my wife has the code",
    ],
)
def test_look_alikes_found_in_round_thirteen_are_not_explicit(text: str) -> None:
    assert screen(text, model=False).level is not Level.EXPLICIT


def test_only_text_built_of_held_letters_is_read_stretched() -> None:
    assert stretched(normalise("kkkiiilll mmmyyyssseeelllfff")) == "kil myself"
    assert stretched(normalise("i neeed to sleeep soooo bad")) is None  # a few long words are ordinary
    assert stretched(normalise("good book")) is None
