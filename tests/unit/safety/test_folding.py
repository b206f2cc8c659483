"""Normalisation before matching: invisible characters, look-alike letters, letters set apart, symbols and
emoji inside words; accents kept for language detection, dropped for matching."""

from __future__ import annotations

import pytest

from bot.domain.safety.folding import normalise, visible
from bot.domain.safety.screen import is_crisis, screen

INVISIBLE = {
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
    "bidi embedding": "\u202a",
    "bidi isolate": "\u2066",
    "zero-width joiner": "\u200d",
    "combining grapheme joiner": "\u034f",
    "variation selector": "\ufe0f",
    "soft hyphen": "\u00ad",
    "word joiner": "\u2060",
}


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_characters_inside_words_are_removed(char: str) -> None:
    assert normalise(f"k{char}i{char}ll my{char}self") == "kill myself"
    assert is_crisis(f"i want to k{char}ill my{char}self")


@pytest.mark.parametrize("blank", ["\u3164", "\u2800", "\u115f", "\u200b"])
def test_blanks_that_look_like_spaces_are_spaces(blank: str) -> None:
    """The Hangul filler, the Braille blank and the zero-width space are read as spaces between words."""
    assert normalise(blank.join(["i", "want", "to", "die"])) == "i want to die"


def test_tag_characters_are_read_as_the_letters_they_mirror() -> None:
    assert normalise("gonna \U000e006bill my\U000e0073elf") == "gonna kill myself"


@pytest.mark.parametrize(
    "text",
    [
        "i want to kіll myself",  # Cyrillic і
        "i want to κill myself",  # Greek kappa
        "i want to dıe",  # Turkish dotless i
        "ɪ ᴡᴀɴᴛ ᴛᴏ ᴅɪᴇ",  # small capitals
        "ｉ ｗａｎｔ ｔｏ ｄｉｅ",  # full width (NFKC)
    ],
)
def test_look_alike_letters_fold_to_their_latin_skeleton(text: str) -> None:
    assert is_crisis(text), normalise(text)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("k i l l  m y s e l f", "kill myself"),
        ("k.i.l.l m.y.s.e.l.f", "kill myself"),
        ("s*u*i*c*i*d*e", "suicide"),
        ("s-u-i-c-i-d-e", "suicide"),
        ("ki🔪ll myself", "kill myself"),
        ("ki/ll mys/elf", "kill myself"),
        ("i have the pi11s saved up", "i have the pills saved up"),
    ],
)
def test_letters_set_apart_and_symbols_inside_words_are_joined(text: str, folded: str) -> None:
    assert normalise(text) == folded


def test_ordinary_punctuation_and_times_survive() -> None:
    assert normalise("meet at 5 p.m. ok... see you 24/7") == "meet at 5 p.m. ok... see you 24/7"


def test_accents_stay_for_language_detection_and_go_for_matching() -> None:
    assert visible("¿a qu\u200eé hora es el grupo?") == "¿a qué hora es el grupo?"
    assert normalise("¿a qué hora es el grupo?") == "¿a que hora es el grupo?"
    assert "es" in screen("¿a qué hora es el grupo?").languages


def test_a_lone_surrogate_does_not_break_the_screen() -> None:
    """Telegram can deliver one; the screen (and the language detector behind it) must still answer."""
    assert not screen("what time is group \ud800 today").flagged
    assert is_crisis("i want to kill myself \ud800")
