"""Which questions ask when the client's own sessions are (answered from the calendar first)."""

from __future__ import annotations

import pytest

from bot.domain.faq.own_schedule import asks


@pytest.mark.parametrize(
    "text",
    [
        "wat time r groups",
        "What time is group?",
        "when is my next session",
        "whens group tmrw",
        "what days is group",
        "when is the NA meeting",
        "what time is my appointment",
        "a que hora es el grupo",
        "¿Cuándo es mi cita?",
        "¿qué días hay grupo?",
    ],
)
def test_when_is_my_session(text: str) -> None:
    assert asks(text)


@pytest.mark.parametrize(
    "text",
    [
        "how long is group",
        "how many hours a week is group",
        "what is group therapy",
        "what happens in group",
        "what time is the clinic open",  # the clinic's hours: the article, not the client's sessions
        "cuanto dura la sesion",
        "when will i feel better",
        "",
    ],
)
def test_other_questions_are_not(text: str) -> None:
    assert not asks(text)
