"""Tokens and light lemmas for the crisis screen, per language (English; Spanish, Portuguese, French).

Not a dictionary lemmatiser: suffix rules plus a table of irregular forms, applied the same way
to the text and to the terms in the construct files, so "took", "taking" and "takes" meet "take",
"cutting" and "cuts" meet "cut", "pastillas" meets "pastilla" and "matarme" reads as "matar me".
What matters is that both sides land on the same stem, not that the stem is a real word.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

# Words, numbers, and the punctuation that ends a clause (the context rules stop there).
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|[.!?;,]")
CLAUSE_END = frozenset(".!?;,")

_EN_IRREGULAR = {
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "wrote": "write",
    "written": "write",
    "died": "die",
    "dying": "die",
    "dies": "die",
    "ate": "eat",
    "bought": "buy",
    "hung": "hang",
    "shot": "shoot",
    "drank": "drink",
    "drove": "drive",
    "driven": "drive",
    "went": "go",
    "gone": "go",
    "ran": "run",
    "felt": "feel",
    "left": "leave",
    "lost": "lose",
    "made": "make",
    "said": "say",
    "told": "tell",
    "thought": "think",
    "kept": "keep",
    "found": "find",
    "fell": "fall",
    "got": "get",
    "gotten": "get",
    "threw": "throw",
    "thrown": "throw",
    "burnt": "burn",
    "bled": "bleed",
    "swam": "swim",
    "knives": "knife",
    "lives": "life",
    "stole": "steal",
    "hid": "hide",
    "hidden": "hide",
    "woke": "wake",
    "woken": "wake",
    "awoke": "wake",
    "bit": "bite",
    "beaten": "beat",
    "broke": "break",
    "broken": "break",
    "slit": "slit",
    "choked": "choke",
    "od'd": "od",
    "odd": "od",
    "oded": "od",
    "oding": "od",
    "od'ing": "od",
    "ing": "ing",
    "was": "be",
    "were": "be",
    "is": "be",
    "are": "be",
    "am": "be",
    "been": "be",
    "being": "be",
    "im": "i",
    "i'm": "i",
    "ive": "i",
    "i've": "i",
    "ill": "i",
    "i'll": "i",
    "i'd": "i",
    "has": "have",
    "had": "have",
    "having": "have",
    "does": "do",
    "did": "do",
    "done": "do",
    "bodies": "body",
    "wont": "wont",
    "won't": "wont",
    "cant": "cant",
    "can't": "cant",
    "dont": "dont",
    "don't": "dont",
    "didnt": "didnt",
    "didn't": "didnt",
    "isnt": "isnt",
    "isn't": "isnt",
    "ain't": "isnt",
    "aint": "isnt",
    "wasn't": "wasnt",
    "haven't": "havent",
    "wouldn't": "wouldnt",
    "doesn't": "doesnt",
}
_EN_KEEP = frozenset({"die", "dies", "this", "us", "was", "has", "does", "goes", "yes", "less", "ass"})
_ROMANCE_IRREGULAR = {
    "muero": "morir",
    "muere": "morir",
    "murio": "morir",
    "muriendo": "morir",
    "morri": "morrer",
    "quiero": "querer",
    "qiero": "querer",
    "kiero": "querer",
    "qero": "querer",
    "kero": "querer",
    "quiere": "querer",
    "quieres": "querer",
    "quise": "querer",
    "quisiera": "querer",
    "voy": "ir",
    "vas": "ir",
    "va": "ir",
    "vamos": "ir",
    "fui": "ir",
    "vou": "ir",
    "vai": "ir",
    "tome": "tomar",
    "tomei": "tomar",
    "tomo": "tomar",
    "tengo": "tener",
    "tiene": "tener",
    "tenho": "ter",
    "tem": "ter",
    "puedo": "poder",
    "puede": "poder",
    "posso": "poder",
    "hice": "hacer",
    "hizo": "hacer",
    "hago": "hacer",
    "dije": "decir",
    "digo": "decir",
    "veux": "vouloir",
    "veut": "vouloir",
    "voulais": "vouloir",
    "vais": "aller",
    "pris": "prendre",
    "prends": "prendre",
    "suis": "etre",
    "estoy": "estar",
    "esta": "estar",
    "estou": "estar",
    "to": "estar",
    "ta": "estar",
    "sou": "ser",
    "soy": "ser",
    "es": "ser",
    "despierta": "despertar",
    "despierto": "despertar",
    "respira": "respirar",
    "respire": "respirer",
}
_ROMANCE_SUFFIXES = (
    "iendo",
    "ando",
    "aron",
    "ieron",
    "aste",
    "iste",
    "abas",
    "aba",
    "ados",
    "adas",
    "ado",
    "ada",
    "idos",
    "idas",
    "ido",
    "ida",
    "aria",
    "eria",
    "iria",
    "are",
    "ere",
    "ire",
    "ias",
    "ia",
    "ar",
    "er",
    "ir",
    "as",
    "es",
    "os",
    "an",
    "en",
    "ei",
    "ou",
    "a",
    "o",
    "e",
    "s",
)
_CLITIC = re.compile(r"^(.{3,}(?:ar|er|ir|ndo))(me|te|se|nos|lo|la|le|los|las)$")


_DOUBLED = re.compile(r"([iuay])\1+")
_APOSTROPHE = {"od'd": "oded", "od'ed": "oded", "od'ing": "oding", "od's": "ods"}  # not "odd"
_SPELLED_OUT = {"myselff": "myself", "mysellf": "myself", "mysself": "myself", "myselfe": "myself"}


def _squeeze(word: str) -> str:
    """Undo stretching the folding left at two letters: "diie" -> "die", "kiill" -> "kill"."""
    if "ii" in word or "uu" in word or "aa" in word or "yy" in word:
        word = _DOUBLED.sub(r"\1", word)
    return _SPELLED_OUT.get(word, word)


def tokens(flat: str) -> list[str]:
    """The words and clause-ending marks of normalised text, in order."""
    return _TOKEN.findall(flat)


@functools.lru_cache(maxsize=65536)
def stem_en(word: str) -> str:
    """A light English stem: inflection off, irregular forms to their base."""
    w = _EN_IRREGULAR.get(word, word).replace("'", "")
    if len(w) <= 3 or w in _EN_KEEP:
        return w
    if w.endswith("ies") and len(w) >= 5:
        w = w[:-3] + "y"
    elif w.endswith("ing") and len(w) >= 6:
        w = w[:-3]
    elif (w.endswith("ed") and len(w) >= 5) or (w.endswith("es") and len(w) >= 5 and w[-3] in "sxzh"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) >= 4:
        w = w[:-1]
    if w.endswith("e") and len(w) >= 4:
        w = w[:-1]
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]
    return w


@functools.lru_cache(maxsize=65536)
def stem_romance(word: str) -> str:
    """A light Spanish/Portuguese/French stem: clitics split off first by `split_romance`."""
    w = _ROMANCE_IRREGULAR.get(word, word).replace("'", "")
    for suffix in _ROMANCE_SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def split_romance(word: str) -> tuple[str, ...]:
    """`matarme` -> (`matar`, `me`); `cortandome` -> (`cortando`, `me`); other words alone."""
    m = _CLITIC.match(word)
    return (m.group(1), m.group(2)) if m else (word,)


@dataclass(frozen=True, slots=True)
class Tokens:
    """One message read in one language: the folded words and their stems, position by position."""

    words: tuple[str, ...]
    stems: tuple[str, ...]
    starts: tuple[int, ...] = ()  # where each token starts in the normalised text

    def at_char(self, pos: int) -> int:
        """The index of the token that holds (or follows) character `pos` of the normalised text."""
        return bisect.bisect_right(self.starts, pos) - 1 if self.starts and pos >= self.starts[0] else 0


def read(flat: str, lang: str) -> Tokens:
    """Tokens of normalised text with stems for `lang` ("en", or "es"/"pt"/"fr")."""
    found = [(m.group(), m.start()) for m in _TOKEN.finditer(flat)]
    if lang == "en":
        words = tuple(_squeeze(_APOSTROPHE.get(w, w).replace("'", "")) for w, _ in found)
        return Tokens(words, tuple(stem_en(w) for w in words), tuple(at for _, at in found))
    parts = []
    for w, at in found:
        for piece in w.split("'"):  # "j'ai" -> "j", "ai"; "l'eau" -> "l", "eau"
            parts += [(p, at) for p in split_romance(piece)]
    return Tokens(tuple(p for p, _ in parts), tuple(stem_romance(p) for p, _ in parts), tuple(at for _, at in parts))


STEMMERS = {"en": stem_en, "es": stem_romance, "pt": stem_romance, "fr": stem_romance}
