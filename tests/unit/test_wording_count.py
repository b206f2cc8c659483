"""Counts in the bot's sentences: a number with its noun, singular only for one."""

from __future__ import annotations

import pytest

from bot.texts import wording


@pytest.mark.parametrize(
    ("n", "noun", "plural", "expected"),
    [(1, "client", "", "1 client"), (0, "client", "", "0 clients"), (3, "client", "", "3 clients"),
     (2, "pending reminder", "", "2 pending reminders"), (2, "person", "people", "2 people")],
)  # fmt: skip
def test_a_count_reads_as_a_phrase(n: int, noun: str, plural: str, expected: str) -> None:
    assert wording.count(n, noun, plural) == expected
