"""Round seven: families, not sentences. Each case is phrased apart from the line of v6 that showed
the gap, so a test passes only when the family (any order, other words of the same kind) is read."""

from __future__ import annotations

import pytest

from bot.domain.safety.patterns import Level
from bot.domain.safety.screen import screen


@pytest.mark.parametrize(
    "text",
    [
        # a conditional addressed to someone else, psychoeducation: possible at most
        "if you ever feel like killing yourself please text 741741",
        "if ur thinking about suicide call 988",
        "in class we learned the signs, blue lips and breathing slow",
        # figures of speech, dyes, means safety, amends, life events, procedures, other dealers
        "overdosed on energy drinks before the exam",
        "my tongue and lips are blue from the popsicle",
        "my wife has the key to the gun safe now, my counselor suggested it",
        "writing amends letters to my kids for step work",
        "we updated the will and life insurance since the newborn arrived",
        "the vivitrol shot hurt so bad today",
        "my uncle was a blackjack dealer at the casino for years",
        "took too many photos at the beach",
        "my dog is shaking, took him to the vet, the pills they gave him helped",
        "my sponsor asked if i have a plan to stay safe this weekend, i do",
        # a pronoun of the finding inside a trigger
        "when i was a teenager i cut myself",
    ],
)
def test_ordinary_talk_is_never_explicit(text: str) -> None:
    assert screen(text, model=False).level is not Level.EXPLICIT


@pytest.mark.parametrize(
    "text",
    [
        "if i got hit by a car tomorrow i wouldnt mind",
        "im not gonna be around for christmas i dont think",
        "honestly theyd be sad for a bit then move on and be better off",
        "what am i even still alive for",
        "never gonna get better for me, its no way",
        "no longer afraid of death. weird",
        "make sure my brother gets my truck if something happens",
        "left the cat feeding instructions and my spare key with my sister",
        "wearing a hoodie so nobody sees the new ones",
        "shes out cold and we gave her narcan already",
        "had 9 beers, driving home now",
        "dad shoved my mom into the door, im hiding in the closet",
        "every one of my klonopin is hidden in a shoebox, been not taking them for months",
        "tengo pensamientos muy oscuros",
        "cant see myself making it to 30",
        "my friend took something and now she's shaking and can't talk",
    ],
)
def test_the_families_are_caught_in_other_words(text: str) -> None:
    assert screen(text, model=False).flagged


def test_no_construct_is_named_by_a_round() -> None:
    import re

    from bot.domain.safety.constructs import default_constructs

    assert not [c.id for c in default_constructs().constructs if re.search(r"-\d$", c.id)]
