"""Confirm after commit: every text that says something was saved, sent or changed is held back
until the update's unit of work has committed, and never sent if it rolls back."""

from __future__ import annotations

import re
import string
from typing import Any

import pytest

from bot import texts
from bot.texts import after_commit

# Words that promise a change; a text with one, or named like a confirmation, must be classified.
PROMISE = re.compile(
    r"\b(saved|sent|set (?:to|for)|all set|changed|updated|erased|deleted|removed|revoked|unlocked|deactivated|"
    r"acknowledged|assigned|stored|recorded|imported|loaded|cancelled|cleared|moved|done|on call now|"
    r"active again|are (?:on|off)|welcome)\b",
    re.IGNORECASE,
)
NAMED = re.compile(r"(_DONE|_OK|_SAVED|_SENT|_TAKEN|_CLEARED|_REVOKED|^WELCOME)\b")


def _texts() -> dict[str, str]:
    return {n: v for n, v in texts.ENGLISH.items() if n.isupper() and isinstance(v, str)}


def test_every_text_that_promises_a_change_is_classified() -> None:
    confirmations = set(after_commit.CONFIRMATIONS)
    unclassified = [
        name
        for name, value in _texts().items()
        if (PROMISE.search(value) or NAMED.search(name))
        and value not in confirmations
        and name not in after_commit.NOT_CONFIRMATIONS
    ]
    assert unclassified == [], "add each to CONFIRMATIONS or, with the reason, to NOT_CONFIRMATIONS"


def test_the_exemptions_name_real_texts() -> None:
    assert set(after_commit.NOT_CONFIRMATIONS) <= set(_texts())


def _filled(template: str) -> str:
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return template.format(**dict.fromkeys(names, "X-1"))


@pytest.mark.parametrize("template", after_commit.CONFIRMATIONS)
def test_each_confirmation_is_recognised_filled_in_and_followed_by_more(template: str) -> None:
    text = _filled(template)
    assert after_commit.confirms(text) and after_commit.confirms(text + "\n\nMore on this.")


def test_ordinary_replies_are_not_held_back() -> None:
    assert not after_commit.confirms(texts.UNKNOWN_COMMAND)
    assert not after_commit.confirms(texts.CRISIS_FOLLOW_UP)


async def test_a_confirmation_waits_for_the_commit_and_a_rollback_drops_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    from bot.db.session import Database
    from bot.services import replies, uow

    sent: list[str] = []

    class FakeBot:
        async def send_message(self, chat_id: int, text: str, reply_markup: Any = None) -> None:
            sent.append(text)

    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'x.sqlite3'}")
    try:
        async with uow.unit_of_work(db):
            await replies.send(FakeBot(), None, 1, "Hello")  # type: ignore[arg-type]
            await replies.send(FakeBot(), None, 1, texts.CHECKIN_SAVED)  # type: ignore[arg-type]
            await replies.send(FakeBot(), None, 1, "After it")  # type: ignore[arg-type]
            assert sent == ["Hello"]  # the rest waits, in order
        assert sent == ["Hello", texts.CHECKIN_SAVED, "After it"]
        sent.clear()
        async with uow.unit_of_work(db) as unit:
            await replies.send(FakeBot(), None, 1, texts.CHECKIN_SAVED)  # type: ignore[arg-type]
            unit.fail()
        assert sent == []
    finally:
        await db.dispose()
