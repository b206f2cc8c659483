"""Round sixteen: the families v15's misses and false alarms showed, each phrased apart from that line,
and two spellings read once more: words glued together, and "!" standing for an "i" beside a mask.
"""

from __future__ import annotations

import pytest

from bot.domain.safety.folding import normalise, unglued
from bot.domain.safety.patterns import Level
from bot.domain.safety.screen import screen


@pytest.mark.parametrize(
    "text",
    [
        "honestly im tired of holding on",
        "the accident should have been me, not him",
        "i haven't got anything left to live for",
        "gave the dog to the rescue and tied up loose ends. that was the last thing on my list",
        "this is my last post ever, writing it in my journal",
        "i burned myself instead of drinking again",
        "scratched my arms till they bled in the bathroom",
        "my roommate is on the floor, she chewed the fentanyl patches",
        "just used and i have to pick up the kids in 10",
        "on meth 3 days, hearing things in the walls",
        "im high up on the scaffolding, shaking",
        "signing off for good, bye everyone",
        "señor llévame contigo",
        "la proxima vez que este en el puente me tiro a proposito",
        "ikillmyselftonight tonight",
        "k*ll!ng myself tonight",
    ],
)
def test_families_found_in_round_sixteen_are_flagged(text: str) -> None:
    assert screen(text, model=False).level is not Level.NONE


@pytest.mark.parametrize(
    "text",
    [
        "if i sit through another lecture i'm gonna die lol jk",
        "thinking about dying my hair pink",
        "gotta cut 5 pounds before the weigh in",
        "in gta i drove off a bridge and respawned",
        "my cat ate some of my ibuprofen at the vet they said he's fine",
        "toddler drank dish soap, poison control said she's fine",
        "took all my pills this morning like the pill organizer says",
        "este calor me esta matando en el techo",
        "ese gol me mato, que partidazo",
        "me queme con el aceite friendo tostones",
        "logging off instagram for good",
    ],
)
def test_look_alikes_found_in_round_sixteen_are_not_explicit(text: str) -> None:
    assert screen(text, model=False).level is not Level.EXPLICIT


def test_a_weight_cut_beside_real_cutting_is_still_self_harm() -> None:
    text = "cut weight all week, then locked the bathroom and cut my hip where nobody can see"
    assert screen(text, model=False).level is Level.EXPLICIT


def test_this_is_my_last_message_without_a_goodnight_stays_explicit() -> None:
    assert screen("this is my last message, see you on the other side", model=False).level is Level.EXPLICIT


def test_only_long_runs_of_letters_are_read_apart() -> None:
    assert unglued(normalise("iwanttodieiwanttodie")) == "i want to die i want to die"
    assert unglued(normalise("i want to die")) is None
    assert unglued(normalise("kilimanjaro climbing trip")) is None
