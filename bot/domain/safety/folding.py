"""Text preparation for the crisis screen: cap the length, normalise spelling, tell the script."""

from __future__ import annotations

import re
import unicodedata

HEAD_CHARS = 4000  # a long message is screened by its start and its end only: bounded cost
TAIL_CHARS = 1000

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u200b": None,  # zero-width characters split words invisibly
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00ad": None,  # soft hyphen
    }
)
# Text-speak spelled out so the patterns need not know every short form.
_WORDS = {
    "4ever": "forever",
    "4eva": "forever",
    "2nite": "tonight",
    "2night": "tonight",
    "tonite": "tonight",
    "2day": "today",
    "2morrow": "tomorrow",
    "2moro": "tomorrow",
    "rn": "right now",
    "u": "you",
    "ppl": "people",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "hubby": "husband",
    "gunna": "gonna",
}
# Each pass below is written to run at C speed on a 4,000-character message: a regular expression
# that starts with a literal is found by a fast scan, one that starts with \b or a lookbehind is
# tried at every position (hundreds of times slower), so word starts are checked by hand.
_WORD_RES = {w: re.compile(re.escape(w) + r"\b") for w in _WORDS}
_LEET_CHAR = re.compile(r"[0134579@$!]")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"})
_WORDISH = frozenset("abcdefghijklmnopqrstuvwxyz0123456789@$!")
_UNIT = re.compile(r"\d+[a-z]{0,3}")  # "7pm", "10am", "5mg", "3rd" are numbers, not leetspeak
# A letter outside the Latin blocks: Cyrillic, Greek, Arabic, Hebrew, CJK, Devanagari...
_OTHER_SCRIPT = re.compile(r"[^\W\d_\u0000-\u024f\u1e00-\u1eff]")
_LATIN = re.compile(r"[a-z]")


def cap(text: str) -> str:
    """At most the first HEAD_CHARS and the last TAIL_CHARS characters of `text`."""
    if len(text) <= HEAD_CHARS + TAIL_CHARS:
        return text
    return text[:HEAD_CHARS] + "\n" + text[-TAIL_CHARS:]


def _starts_word(text: str, at: int) -> bool:
    return at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")


def _spell_out(text: str) -> str:
    for short, regex in _WORD_RES.items():
        if short in text:
            text = regex.sub(lambda m: _WORDS[m.group()] if _starts_word(m.string, m.start()) else m.group(), text)
    return text


def _unleet(text: str) -> str:
    """Read digits and symbols that touch a letter as letters, word by word."""
    out: list[str] = []
    done = 0
    for hit in _LEET_CHAR.finditer(text):
        at = hit.start()
        if at < done:
            continue  # inside the word just read
        near = text[at - 1 : at] + text[at + 1 : at + 2]
        if not any("a" <= c <= "z" for c in near):
            continue  # "4 pm", "help!", "911"
        start, end = at, at + 1
        while start > 0 and text[start - 1] in _WORDISH:
            start -= 1
        while end < len(text) and text[end] in _WORDISH:
            end += 1
        word = text[start:end]
        core = word.rstrip("!")  # "help!" keeps its "!"
        if not _UNIT.fullmatch(core):
            word = core.translate(_LEET) + word[len(core) :]
        out += (text[done:start], word)
        done = end
    out.append(text[done:])
    return "".join(out)


def _cut_repeats(text: str) -> str:
    for letter in set(text).intersection("abcdefghijklmnopqrstuvwxyz"):
        if letter * 3 in text:
            text = re.sub(letter + "{3,}", letter * 2, text)
    return text


def normalise(text: str) -> str:
    """Lower-case `text` and undo the spellings that hide words from the patterns.

    Curly quotes become straight, accents are dropped ("daño" -> "dano"), a few text-speak
    words are spelled out, leetspeak inside words is read ("k1ll" -> "kill"), a letter
    repeated three or more times is cut to two ("killlll" -> "kill"), and runs of spaces
    become one (line breaks stay, so `$` still marks the end of a line).
    """
    t = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    if not t.isascii():
        t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
        t = unicodedata.normalize("NFC", t)
    t = _cut_repeats(_unleet(_spell_out(t)))
    return "\n".join(" ".join(line.split()) for line in t.splitlines() if line and not line.isspace())


def other_script(flat: str) -> bool:
    """True when most letters of normalised text are outside the Latin alphabet."""
    other = len(_OTHER_SCRIPT.findall(flat))
    return other > 0 and other >= len(_LATIN.findall(flat))


_WORD_TOKENS = re.compile(r"[a-z]+")


def words(flat: str) -> list[str]:
    """The Latin words of normalised text."""
    return _WORD_TOKENS.findall(flat)
