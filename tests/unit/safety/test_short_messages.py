"""Short messages: crying emoji are a gentle check, thanks and ok an acknowledgement, anything longer a question."""

from __future__ import annotations

import pytest

from bot.domain.safety.short_messages import ShortKind, classify


@pytest.mark.parametrize("text", ["😭", "💔", "😢😢😢", "🥺", "ok 😭", "😔 tired", "☹️"])
def test_crying_and_heartbreak_emoji_are_sad(text: str) -> None:
    assert classify(text) is ShortKind.SAD


@pytest.mark.parametrize("text", ["thanks", "Thanks!", "thank you", "THX", "gracias", "thanks 🙏"])
def test_thanks(text: str) -> None:
    assert classify(text) is ShortKind.THANKS


@pytest.mark.parametrize("text", ["ok", "OK.", "okay", "k", "got it", "👍", "vale"])
def test_ok(text: str) -> None:
    assert classify(text) is ShortKind.OK


@pytest.mark.parametrize(
    "text", ["", "hi", "what time is group 😭 i am so late again today", "thanks but when is group?", "😀", "ok so"]
)
def test_questions_greetings_and_happy_emoji_are_left_to_the_faq(text: str) -> None:
    assert classify(text) is None
