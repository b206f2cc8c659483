"""Rounds eight to twelve: families, not sentences, and the ConText fix they found.

Each case is phrased apart from the held-out line that showed the gap (v7 to v11), so it passes only
when the family is read: other words of the same kind, another order, another person.
"""

from __future__ import annotations

import pytest

from bot.domain.safety.patterns import Level
from bot.domain.safety.screen import screen


@pytest.mark.parametrize(
    "text",
    [
        # a compound noun only sets a finding aside when the finding is part of it
        "i want to die im in crisis",
        "i want to kill myself i need the hotline",
        "gonna kms what is relapse prevention even for",
        "quiero matarme, el grupo no sirve",
        # ideation told as an ongoing state, not a past one
        "been thinking about killing myself every day since the hearing",
        # preparatory acts and plans said sideways
        "the letters are under my mattress if anyone needs them",
        "wrote my obituary last night, it felt like the right thing to do",
        "paid the rent ahead and labeled my passwords for my sister so she can find everything",
        "the house is empty saturday. that's when",
        "rocks in my coat and i'm at the river",
        # the community's words, intoxication in danger, mixing depressants
        "went to styro last night",
        "so drunk and i'm on the highway shoulder, no idea where i am",
        "took my xanax with a couple of percs to sleep",
    ],
)
def test_families_found_in_rounds_eight_to_twelve_are_flagged(text: str) -> None:
    assert screen(text, model=False).level is not Level.NONE


@pytest.mark.parametrize(
    "text",
    [
        "we talked about suicide prevention in group",
        "overdose awareness walk is on saturday",
        "built a bench with the nail gun this weekend",
        "the knife set my aunt sent is great for meal prep",
        "my mom's going to kill me if i miss her birthday again",
        "carving pumpkins with the kids tonight",
        "hanging drywall all day, arms are done",
        "took too much melatonin and slept till noon",
        "is there aftercare or do you just cut me loose after",
        "mi mamá me va a matar si llego tarde",
    ],
)
def test_their_look_alikes_are_never_explicit(text: str) -> None:
    assert screen(text, model=False).level is not Level.EXPLICIT
