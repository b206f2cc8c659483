"""Round fourteen: the families v13's misses and false alarms showed, each phrased apart from that line.

A case passes only when the family is read: other words of the same kind, another order, another person.
"""

from __future__ import annotations

import pytest

from bot.domain.safety.patterns import Level
from bot.domain.safety.screen import screen


@pytest.mark.parametrize(
    "text",
    [
        "some nights i think about eating a bullet",
        "honestly wish i hadn't survived the crash",
        "been stockpiling my meds for a couple weeks now",
        "told the pharmacy i lost my script so i got a second bottle, now i have double",
        "how much would it take to not wake up. nvm",
        "put dad's watch in a box with my nephew's name on it",
        "signed the house over to my daughter this morning",
        "visited mom's headstone and told her i'll be with her soon",
        "6 months sh free and i relapsed",
        "held the lighter to my wrist again",
        "glued it shut with superglue so nobody would see",
        "came home and cut, couldn't stop myself",
        "pressed pills, they were laced, i can't breathe right",
        "drunk and watching the baby by myself tonight",
        "so high right now and climbing up on the roof",
        "too drunk, don't know which way the house is",
        "two months sober and gonna do what i used to",
        "one last bender before i go back",
        "heading to the corner to get high",
        "bought some rope. not suicidal, just in case",
        "me voy a inyectar lo mismo que antes ahora que sali",
        "estoy en el puente y quiero aventarme",
        "les deje a mis gatos a mi hermana, gracias por todo",
        "si je mourais personne ne s'en rendrait compte",
    ],
)
def test_families_found_in_round_fourteen_are_flagged(text: str) -> None:
    assert screen(text, model=False).level is not Level.NONE


@pytest.mark.parametrize(
    "text",
    [
        "my uncle overdosed years ago, that was before i was born",
        "we ran suicides at practice until i nearly puked",
        "dying to see the new episode tonight",
        "coach nearly killed us with sprints today",
        "took my pills like the doctor said, refill is friday",
        "dropped my old meds at the take back box",
        "hanging christmas lights on the roof, my son is holding the ladder",
        "gave my old bike to my nephew, he's been wanting to learn",
        "the agent keeps bugging me about life insurance, so boring",
        "cut him off at the bar and called him a cab",
        "mi jefe me va a matar, llegue tarde",
        "el gimnasio me mato, dia de piernas",
        "a year clean from cutting today, so proud",
        # questions for the FAQ that the screen had taken for a plan, a height or a goodbye letter
        "my boss needs to know how many hours a week the program takes",
        "how do you help people make a plan so they dont go back to drinking",
        "how tall is the empire state building",
        "can you help me write a resignation letter",
    ],
)
def test_look_alikes_found_in_round_fourteen_are_not_explicit(text: str) -> None:
    assert screen(text, model=False).level is not Level.EXPLICIT


def test_going_to_suicide_stays_explicit_beside_the_vetoes_for_a_friend_lost_to_it() -> None:
    assert screen("im going to s u i c i d e tonight no joke", model=False).level is Level.EXPLICIT
    assert screen("lost my best friend to suicide in 2015, went to his grave", model=False).level is not Level.EXPLICIT
