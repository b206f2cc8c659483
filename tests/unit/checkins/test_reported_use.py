"""Reported use in a client's own words: first-person past reports, English and Spanish; not intent or others."""

from __future__ import annotations

import pytest

from bot.domain.checkins.reported_use import detect, fold

REPORTS = [
    "i relapsed last night",
    "I used today",
    "I RELAPSED",
    "ok so i used again",
    "I've relapsed, I'm so ashamed",
    "i just drank a whole bottle",
    "I got high last night",
    "i kinda slipped up on saturday",
    "honestly I had a few drinks after work",
    "relapsed last night",
    "used again today",
    "i was drunk at my sister's",
    "recaí",
    "Recai anoche",
    "consumí ayer",
    "ayer consumí",
    "he consumido otra vez",
    "volví a beber",
    "me emborraché el sábado",
    "tuve una recaída",
]

NOT_REPORTS = [
    "i didn't use today",
    "I did not relapse",
    "i never relapsed",
    "what if i relapsed",
    "my brother relapsed last night",
    "i used to drink a lot",
    "i used the app yesterday",
    "i drank water",
    "I want to use",
    "i'm scared i will relapse",
    "no consumí nada",
    "nunca recaí",
    "bebí agua",
    "what time is group",
    "",
]


@pytest.mark.parametrize("text", REPORTS)
def test_first_person_reports_of_use_are_detected(text: str) -> None:
    assert detect(text)


@pytest.mark.parametrize("text", NOT_REPORTS)
def test_negations_hypotheticals_other_people_and_intent_are_not_reports(text: str) -> None:
    assert not detect(text)


def test_folding_drops_accents_case_and_punctuation() -> None:
    assert fold("Recaí,  AYER!") == "recai ayer"
    assert fold("I’ve relapsed") == "i've relapsed"
