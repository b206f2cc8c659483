"""The first-line crisis screen: catches coded and misspelled crisis language, spares everyday talk."""

from __future__ import annotations

import pytest

from bot.domain.faq.content import load_default
from bot.domain.faq.search import FaqIndex
from bot.domain.safety.screen import is_crisis
from tests.support.facts import FACTS

CRISIS = [
    # suicide, plain, misspelled and coded
    "suicide",
    "i feel suicidal",
    "Suicidal thoughts again",
    "sucide",
    "thinking about suiside",
    "sewerslide lol",
    "kms",
    "i just wanna kms",
    "I want to kill myself",
    "gonna kil myself",
    "killing myself slowly",
    "i want to unalive myself",
    "un-alive",
    "i want to sleep forever",
    "i just want to end it all",
    "ending it tonight",
    "i want to die",
    "i wanna die",
    "i wish i was dead",
    "everyone would be better off dead without me... i mean me",
    "i don't want to live anymore",
    "dont want to wake up tomorrow",
    "there's no reason to live",
    "life isn't worth it",
    "i cant go on anymore",
    "I can't go on.",
    "thinking of taking my own life",
    "going to hang myself",
    # self-harm
    "i cut myself last night",
    "I keep cutting my arms",
    "i want to hurt myself",
    "hurting myself again",
    "self harm",
    "self-harm urges",
    "selfharm",
    "i want to burn myself",
    # overdose
    "i think i overdosed",
    "overdose",
    "over dose",
    "i od'd",
    "I OD’d on my meds",
    "my friend od",
    "took too many pills",
    "i swallowed a bunch of pills",
    "took all my meds at once",
    "I took way too much",
    # caught even inside an otherwise ordinary question
    "what is relapse prevention? i want to die",
    "KMS",
]

ORDINARY = [
    "what is relapse prevention",
    "I'm dying to know the hours",
    "that was odd",
    "odd question but where is the clinic",
    "this traffic is killing me",
    "the cold is killing me",
    "i cant go on friday, i have work",
    "when does the session end",
    "how do i end my session early",
    "killing time before group",
    "i took too much time to reply sorry",
    "can i take my meds before group",
    "what if i get withdrawal",
    "self care tips",
    "how many hours per week",
    "do you have evening groups",
    "I relapsed yesterday",
    "my craving is really strong today",
    "i'm sick and can't come in",
    "will i have to quit my job",
    "",
    "   ",
]


@pytest.mark.parametrize("text", CRISIS)
def test_catches_crisis_language(text: str) -> None:
    assert is_crisis(text), text


@pytest.mark.parametrize("text", ORDINARY)
def test_leaves_ordinary_messages_alone(text: str) -> None:
    assert not is_crisis(text), text


@pytest.fixture(scope="module")
def index() -> FaqIndex:
    return FaqIndex(load_default(FACTS))


@pytest.mark.parametrize("text", CRISIS)
def test_faq_never_answers_crisis_language_with_an_article(index: FaqIndex, text: str) -> None:
    result = index.ask(text)
    assert result.kind == "crisis"
    assert result.entry is None
    assert result.alternatives == ()
