"""Rounds from twenty-five on: the families each newly read held-out set showed, phrased apart from the
line that showed them (another person, other words of the same kind, another order), and the everyday
look-alikes beside them, each with the level the screen must give without the learned layer.
"""

from __future__ import annotations

import pytest

from bot.domain.safety.patterns import Category, Level
from bot.domain.safety.screen import screen


@pytest.mark.parametrize(
    ("text", "level", "category"),
    [
        # round twenty-five (v24 read)
        ("honestly part of me is praying this infection finishes me off", Level.POSSIBLE, Category.SUICIDE),
        ("handed my sister my 2 year coin, told her i won't be needing it", Level.EXPLICIT, Category.SUICIDE),
        (
            "kissed my daughter goodbye at the bus stop and said I love you no matter what. that was the last time"
            " she'll see me",
            Level.EXPLICIT,
            Category.SUICIDE,
        ),
        ("drove past the overpass three times to check when nobody's around", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        (
            "my cat's food and her vet papers are packed up for my neighbor if anything happens",
            Level.POSSIBLE,
            Category.SUICIDE,
        ),
        ("my mom noticed the scratches and I lied about it again", Level.POSSIBLE, Category.SELF_HARM),
        ("a few beers with my seroquel and i keep dozing off", Level.EXPLICIT, Category.INTOXICATED_UNSAFE),
        ("third day without a drink and I feel a seizure coming", Level.EXPLICIT, Category.INTOXICATED_UNSAFE),
        (
            "she told me if i talk in group she'll make me pay. i'm scared to go home",
            Level.EXPLICIT,
            Category.VIOLENCE_AT_HOME,
        ),
        ("he texted that if I tell my counselor I'm dead", Level.POSSIBLE, Category.VIOLENCE_AT_HOME),
        ("ando bien pedo y sola y hace un frio horrible", Level.EXPLICIT, Category.INTOXICATED_UNSAFE),
        ("jestem pijana i siadam za kierownicę", Level.EXPLICIT, Category.INTOXICATED_UNSAFE),
        ("nie chcę już żyć", Level.EXPLICIT, Category.SUICIDE),
    ],
)
def test_families_found_from_round_twenty_five_are_flagged(text: str, level: Level, category: Category) -> None:
    found = screen(text, model=False)
    assert (found.level, found.category) == (level, category)


@pytest.mark.parametrize(
    "text",
    [
        # round twenty-five (v24 read): everyday lines that held the new constructs' words, or an old one's
        "hoping my mom doesn't kill me when she sees my report card",
        "gave my guitar back to my brother since I bought a new one, won't need his",
        "told my son I love him no matter what, that was the last time before he deployed",
        "went to the bridge at sunset to take pictures, no cameras allowed on the pier lol",
        "put my dog's food and vet records together for my sister, she's watching him this weekend",
        "my roommate saw the burns from the fryer at work",
        "the pharmacist said gabapentin with beer makes you fall asleep mid sentence",
        "my dog is having a seizure, heading to the emergency vet",
        "my coach said if I skip practice I'll regret it lol",
        "my uncle lost a bunch of buddies to suicide in the 90s, he talks about it at thanksgiving",
        "is the tennis court open after group? need to blow off steam",
        "did you see the fight? he knocked him out cold in the first round",
        "at my cousin's wedding everyone had champagne but I drank ginger ale and stayed close to my wife",
        "my laptop's about to die, brb",
        "am i ready to date? how do people know",
        "thanks for everything this program has done for me",
        "my wife is pregnant and I'm scared but excited",
        "need to kill this essay tonight",
        "could you write a letter for my custody hearing?",
        "Can anyone see my chats with the bot? are they saved?",
        "la hermana de mi ahijado murio por sobredosis, el velorio es el viernes",
    ],
)
def test_look_alikes_found_from_round_twenty_five_are_not_explicit(text: str) -> None:
    assert screen(text, model=False).level is not Level.EXPLICIT


def test_a_petty_grievance_makes_a_threat_to_kill_a_sibling_possible_not_explicit() -> None:
    """'he ate my leftovers' after 'gonna kill my brother' is anger, asked about; a blow is not softened."""
    assert screen("gonna kill my sister she finished the last of my ice cream", model=False).level is Level.POSSIBLE
    blow = "i want to kill my dad, he drank my last beer and punched my mom"
    assert screen(blow, model=False).level is Level.EXPLICIT


@pytest.mark.parametrize(
    "text",
    [
        # the round's vetoes ("court", "ready to date", "hace frio", "phones", "vigilia") beside real crises
        "paid my court fines so nobody has to deal with it after im gone",
        "do you think im ready to date? doesnt matter, i want to die",
        "hace frio y estoy sola en la calle bien drogada",
        "my phone's about to die and so am i, i took all my pills",
        "on the roof taking pictures of the sunset one last time before i jump",
    ],
)
def test_crisis_words_beside_round_twenty_five_vetoes_stay_explicit(text: str) -> None:
    assert screen(text, model=False).level is Level.EXPLICIT
