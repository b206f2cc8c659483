"""Look-alike letters folded to their Latin skeleton, as Unicode TR39 does for confusables.

The table is built once, on first use, from the Unicode confusables data that the maintained
`confusable-homoglyphs` package ships (its `confusables.json` is generated from Unicode's
confusables.txt), plus the Latin small capitals by their Unicode names ("LATIN LETTER SMALL
CAPITAL K" -> k), which TR39 leaves out. Only letters that look like one ASCII letter or digit
are folded: a Cyrillic "к" in "кill" becomes "k", while a whole Cyrillic sentence still reads as
Cyrillic to `bot.domain.safety.folding.other_script`, which looks at the text before folding.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from confusable_homoglyphs import confusables

_SMALL_CAPITAL = re.compile(r"^LATIN LETTER SMALL CAPITAL ([A-Z])$")
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
# Ranges that hold the small capitals and other phonetic Latin letters.
_PHONETIC = (range(0x0250, 0x02B0), range(0x1D00, 0x1DC0), range(0xA720, 0xA800))


def _ascii_twin(char: str, data: dict[str, list[dict[str, str]]]) -> str | None:
    """The one ASCII letter or digit `char` is confusable with, looking two steps deep."""
    seen = {char}
    frontier = [char]
    for _ in range(2):
        nxt: list[str] = []
        for c in frontier:
            for glyph in data.get(c, ()):
                g = glyph["c"].replace("\u200e", "")
                if len(g) == 1 and g in _ASCII_ALNUM:
                    return g.lower()
                if len(g) == 1 and g not in seen:
                    seen.add(g)
                    nxt.append(g)
        frontier = nxt
    return None


@functools.cache
def table() -> dict[int, str]:
    """Code point -> the Latin letter it looks like (built once)."""
    data: dict[str, list[dict[str, str]]] = confusables.confusables_data
    fold: dict[int, str] = {}
    for char in data:
        if len(char) != 1 or char.isascii() or not unicodedata.category(char).startswith("L"):
            continue
        twin = _ascii_twin(char, data)
        if twin is not None and twin.isalpha():
            fold[ord(char)] = twin
    for block in _PHONETIC:
        for cp in block:
            m = _SMALL_CAPITAL.match(unicodedata.name(chr(cp), ""))
            if m:
                fold[cp] = m.group(1).lower()
    # TR39 folds these to non-ASCII Latin look-alikes (kra, f with hook): finish the fold.
    fold.update(
        {
            ord("ı"): "i",
            ord("ĸ"): "k",
            ord("к"): "k",
            ord("К"): "k",
            ord("κ"): "k",
            ord("Κ"): "k",
            ord("ғ"): "f",
            ord("ƒ"): "f",
        }
    )
    return fold


def skeleton(text: str) -> str:
    """`text` with every look-alike letter replaced by the Latin letter it looks like."""
    return text.translate(table())
