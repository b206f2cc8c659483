"""Text preparation for the crisis screen: cap the length, normalise spelling, tell the script.

Two forms of a message come out of here. `visible` is NFKC with every invisible character
removed: accents and scripts kept, for telling the language and the script. `normalise` goes on
to the matching form: lower case, look-alike letters folded to their Latin skeleton (Unicode
TR39 data, `bot.domain.safety.lookalikes`), accents dropped, letters spaced or dotted apart
joined, symbols and emoji inside words dropped, leetspeak read and long repeats cut. Three more
readings are tried by the screen only when the plain one finds nothing: `backwards`, `stretched`
(every letter held down) and `unglued` (crisis phrases typed without spaces).
"""

from __future__ import annotations

import re
import unicodedata

from bot.domain.safety.lookalikes import skeleton

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
_UNIT = re.compile(
    r"\d+(?:am|pm|mg|ml|g|kg|lbs?|st|nd|rd|th|h|hrs?|mins?|k|x|s|yo|oz|mo|wks?|ish|km|mi|cm|mm|m)?"
)  # "7pm", "10am", "5mg", "3rd" are numbers, not leetspeak
# A letter outside the Latin blocks: Cyrillic, Greek, Arabic, Hebrew, CJK, Devanagari...
_OTHER_SCRIPT = re.compile(r"[^\W\d_\u0000-\u024f\u1e00-\u1eff]")
_LATIN = re.compile(r"[a-z]")


# Default-ignorable code points that are not format characters (category Cf), and two blanks
# used as invisible letters: the combining grapheme joiner, the Hangul fillers, the Khmer
# inherent vowels, the Mongolian variation selectors, the variation selectors, the Braille blank.
# Blanks that look like a space (Braille blank, Hangul fillers) and the zero-width space: a
# space. Tag characters (U+E0020-E007E) spell ASCII invisibly: read as the letters they mirror.
_BLANK = re.compile("[\u200b\u115f\u1160\u2800\u3164\uffa0]")
_TAGS = re.compile("[\U000e0020-\U000e007e]")
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\ufe00-\ufe0f\uffa0\ufff0-\ufff8\U000e0000-\U000e0fff]"
)
# A run of three or more single letters split by spaces or by one symbol ("k i l l",
# "k.i.l.l", "s-u-i-c-i-d-e", "k_m_s"): joined into one word.
_SPACED = re.compile(r"(?<![^\W\d_])([^\W\d_])((?:[ .\-_*~+|/\\•·:]+[^\W\d_]){2,})(?![^\W\d_])")
_SPACED_SEP = re.compile(r"[ .\-_*~+|/\\•·:]+")
_JOINED_WORDS = re.compile(r"  +")
_ANY_SPACE = re.compile(r" +")


def visible(text: str) -> str:
    """NFKC `text` without format characters, default-ignorable code points and lone surrogates (accents kept)."""
    t = unicodedata.normalize("NFKC", text)
    if t.isascii():
        return t
    t = _TAGS.sub(lambda m: chr(ord(m.group()) - 0xE0000), t)
    t = _BLANK.sub(" ", t)
    t = "".join(c for c in t if unicodedata.category(c) not in ("Cf", "Cs"))  # Cs: a lone surrogate
    return _IGNORABLE.sub("", t)


# Words a masking symbol stands in for a letter of ("k*ll", "k|ll", "d💀e", "c🔪t"): a mask is
# read as the letter(s) that make one of these words, and dropped otherwise ("su.icide").
_MASKABLE = (
    "kill",
    "killing",
    "die",
    "dying",
    "dead",
    "death",
    "cut",
    "cutting",
    "suicide",
    "suicidal",
    "myself",
    "hang",
    "overdose",
    "pills",
    "wrists",
    "shoot",
    "harm",
    "hurt",
    "breathe",
    "breathing",
)
_MASK_CHARS = "*|#"
_MASKED_WORD = re.compile(r"[a-z]+(?:[^\sa-z0-9'\-.,!?;:]+[a-z]+)+")


_BANG_IN_WORD = re.compile(r"(?<=[a-z*|#])!(?=[a-z])")


def _is_mask(c: str) -> bool:
    return c in _MASK_CHARS or unicodedata.category(c)[0] == "S"


def _unmask(t: str) -> str:
    """Read a symbol standing for a letter as that letter when it makes a crisis word ("k*ll" -> "kill")."""

    t = _BANG_IN_WORD.sub("i", t)  # "c*tt!ng": a "!" between letters is an "i" before the masks are read

    def fill(m: re.Match[str]) -> str:
        word = m.group()
        if not all(c.isalpha() or _is_mask(c) for c in word):
            return word
        parts = re.split(r"[^a-z]+", word)
        pattern = re.compile("[a-z]{0,2}".join(re.escape(p) for p in parts))
        return next((w for w in _MASKABLE if pattern.fullmatch(w)), word)

    return _MASKED_WORD.sub(fill, t)


def _symbols_inside_words(t: str) -> str:
    """Drop symbols and emoji between two letters ("ki🔪ll" -> "kill", "s*u*i*c*i*d*e")."""
    if t.isascii() and "*" not in t and "/" not in t:
        return t
    out = []
    for i, c in enumerate(t):
        if (c in "*/" or unicodedata.category(c)[0] == "S") and 0 < i < len(t) - 1:
            before, after = t[i - 1], t[i + 1 : i + 2]
            j = i + 1
            while j < len(t) and (t[j] in "*/" or unicodedata.category(t[j])[0] == "S"):
                j += 1
            after = t[j : j + 1]
            if before.isalpha() and after.isalpha():
                continue
        out.append(c)
    return "".join(out)


def _join_spaced(t: str) -> str:
    """Join runs of single letters set apart ("k i l l  m y s e l f" -> "kill myself")."""

    def join(m: re.Match[str]) -> str:
        run = m.group()
        # "k.i.l.l m.y.s.e.l.f": a space ends a word; "k i l l  m y s e l f": two spaces do
        ends = _ANY_SPACE if run.replace(" ", "").isalpha() is False and " " in run else _JOINED_WORDS
        return " ".join(_SPACED_SEP.sub("", part) for part in ends.split(run))

    return _SPACED.sub(join, t)


_JOINING_BLANKS = re.compile("[\u200b\U000e0020]")


def joined(text: str) -> str | None:
    """`text` with its zero-width spaces and tag spaces removed rather than read as spaces, or
    None when it has none: "br\u200beathe" is one word hidden, "i\u200bwant" two words joined."""
    return _JOINING_BLANKS.sub("", text) if _JOINING_BLANKS.search(text) else None


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
            word = core.replace("11", "ll").translate(_LEET) + word[len(core) :]
        out += (text[done:start], word)
        done = end
    out.append(text[done:])
    return "".join(out)


def _cut_repeats(text: str) -> str:
    for letter in set(text).intersection("abcdefghijklmnopqrstuvwxyz"):
        if letter * 3 in text:
            text = re.sub(letter + "{3,}", letter * 2, text)
    return text


# An emoji standing alone for a word ("i want to 🔪 myself"): read as that word.
_EMOJI_WORDS = {
    "\U0001f52a": "stab",  # kitchen knife
    "\U0001f5e1": "stab",  # dagger
    "\U0001f52b": "shoot",  # pistol
    "\U0001f48a": "pills",
    "\U0001faa2": "rope",  # knot
    "\U0001f9e0": "brain",
    "\U0001f44b": "bye",  # waving hand
    "\U0001f30d": "world",  # globes
    "\U0001f30e": "world",
    "\U0001f30f": "world",
    "\u26b0": "coffin",
    "\U0001faa6": "grave",  # headstone
    "\U0001fa78": "blood",  # drop of blood
    "\U0001fac1": "breathe",  # lungs
    "\U0001f431": "cat",  # cat face: "the 🐱 got me" (the cat-scratch euphemism)
    "\U0001f408": "cat",
}
_EMOJI_WORD = re.compile("|".join(_EMOJI_WORDS))
# A skull is laughter ("had me 💀") unless it is done to oneself ("gonna 💀 myself"): only then "kill".
_LUNGS_AS_VERB = re.compile("\U0001fac1(?=ing\\b)")  # "tired of 🫁ing": the lungs stand for "breath", before "ing"
_SKULL_ON_SELF = re.compile(
    r"\U0001f480+(?=\s*(?:my\s*self(?!\s*(?:esteem|care|worth|confidence|control))|meself|urself|yourself)\b)"
)
# A skull said not to be laughter ("💀💀 for real, not the laughing kind") is death: read as "dead".
_SKULL_NOT_LAUGHING = re.compile(
    r"\U0001f480+(?=.{0,40}?\bnot\s+(?:the\s+)?(?:laughing|funny|joking|lol)\s+(?:kind|one|way)\b)"
)


def _emoji_words(t: str) -> str:
    if t.isascii():
        return t
    t = _LUNGS_AS_VERB.sub("breath", _SKULL_ON_SELF.sub(" kill ", _SKULL_NOT_LAUGHING.sub(" dead ", t)))
    return _EMOJI_WORD.sub(lambda m: f" {_EMOJI_WORDS[m.group()]} ", t)


# Words nearly every English sentence holds: a message with none of them that holds some when read
# backwards was typed backwards ("flesym llik ot gniog mi").
_COMMON = frozenset({"i", "im", "to", "the", "my", "and", "a", "is", "it", "me", "you", "going", "want", "gonna"})


def backwards(flat: str) -> str | None:
    """The normalised text read backwards, when it reads as English only that way; else None."""
    words = flat.split()
    if len(words) < 3 or any(w in _COMMON for w in words):
        return None
    turned = flat[::-1]
    return turned if sum(w in _COMMON for w in turned.split()) >= 2 else None


_RUN = re.compile(r"([a-z])\1+")


def stretched(flat: str) -> str | None:
    """Every letter held down to hide the words ("kkkiiilll mmmyyyssseeelllfff"): the text with each
    run cut to one letter, when most words are built of runs; else None (ordinary doubles stay)."""
    words = flat.split()
    if len(words) < 2:
        return None
    doubled = sum(len(w) >= 4 and sum(len(m.group()) for m in _RUN.finditer(w)) >= 0.8 * len(w) for w in words)
    return _RUN.sub(r"\1", flat) if doubled * 2 >= len(words) else None


# Crisis phrases typed without spaces ("iwanttodieiwanttodie"): read apart inside a long run of letters.
_GLUED_WORDS = {
    "wanttodie": "want to die",
    "wanttobedead": "want to be dead",
    "killmyself": "kill myself",
    "endmylife": "end my life",
    "takemyownlife": "take my own life",
    "takemylife": "take my life",
    "hangmyself": "hang myself",
    "cutmyself": "cut myself",
    "hurtmyself": "hurt myself",
}
_GLUED = re.compile("|".join(sorted(_GLUED_WORDS, key=len, reverse=True)))
_GLUED_MIN = 12  # a shorter run is one word, not several glued


def unglued(flat: str) -> str | None:
    """The text with crisis phrases typed as one long word set apart, when there are any; else None."""
    words = flat.split()
    if not any(len(w) >= _GLUED_MIN and _GLUED.search(w) for w in words):
        return None
    spaced = (_GLUED.sub(lambda m: f" {_GLUED_WORDS[m.group()]} ", w) if len(w) >= _GLUED_MIN else w for w in words)
    return " ".join(" ".join(spaced).split())


def normalise(text: str) -> str:
    """Lower-case `text` and undo the spellings that hide words from the patterns.

    Invisible characters go (`visible`), look-alike letters become Latin, curly quotes become
    straight, letters set apart are joined ("k.i.l.l" -> "kill"), symbols inside words go,
    accents are dropped ("daño" -> "dano"), a few text-speak words are spelled out, leetspeak
    inside words is read ("k1ll" -> "kill"), a letter repeated three or more times is cut to
    two ("killlll" -> "kill"), and runs of spaces become one (line breaks stay, so `$` still
    marks the end of a line).
    """
    t = visible(text).translate(_QUOTES)
    if not t.isascii():
        t = skeleton(t)
    t = t.casefold()
    if not t.isascii():
        t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
        t = unicodedata.normalize("NFC", t).replace("đ", "d")  # Vietnamese đ has no decomposition
    if not t.isascii() or any(c in t for c in _MASK_CHARS):
        t = _unmask(t)
    t = _join_spaced(_emoji_words(_symbols_inside_words(t)))
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
