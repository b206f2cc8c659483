"""A typed answer to the plain safety question ("are you having thoughts of hurting yourself?").

The question has Yes / No buttons, but people type: "yes", "si", "yeah kinda", "a lil bit", "nah
im good", "no, estoy bien". A typed answer counts as the button would. It errs towards safety:
an answer that leans yes ("kind of", "maybe", "yes but i won't act on it", "yes and no") is a yes,
because a yes reaches a human at once and a wrong yes costs a call. A no is a no-word first ("no",
"nah", "nope", "nel", "never", "none") or a plain "I'm safe" / "estoy bien", with no yes in it.
Anything else is not an answer (None): the caller keeps the question open and treats the words
as a message of their own. Crisis words never get here: the guard screens every message first.

Measured on typed replies written apart from these lists (tests/data/safety_answers_*.jsonl,
split by id before the lists were widened; the held-out part is only run): bench/README.md.
"""

from __future__ import annotations

import re
import unicodedata

# Words that say yes wherever they stand among the first few words ("tbh yes", "i mean... yeah").
YES_WORDS = frozenset(
    {
        "yes", "y", "ye", "yea", "yeah", "yeh", "yep", "yup", "ya", "yah", "yess", "yesss", "yas", "ys",
        "si", "sii", "sip", "simon", "aja", "mhm", "mhmm", "uhuh", "affirmative", "correct", "claro",
    }
)  # fmt: skip
YES_LOOK = 4  # how many first words are read for a yes word
# Openings that lean yes ("kinda", "a lil bit", "un poquito", "creo que si").
YES_OPENINGS = (
    "kind of", "kinda", "sort of", "sorta", "a little", "a lil", "lil bit", "a bit", "a tad", "somewhat",
    "sometimes", "maybe", "prob", "probably", "possibly", "i think so", "i guess", "leaning", "idk maybe",
    "i dunno maybe", "idk kinda", "idk a little",
    "more or less", "a few", "on and off", "un poco", "un poquito", "un chin", "mas o menos", "creo que si",
    "a veces", "tal vez", "quizas", "puede ser",
    # Spanish for the English above: "sometimes", "maybe", "probably", "i guess", "a bit", "kind of".
    "a ratos", "de vez en cuando", "quiza", "a lo mejor", "igual y", "puede que", "probablemente",
    "posiblemente", "supongo", "pienso que si", "creo que un poco", "un tantito", "tantito", "poquito",
    "algo asi", "como que si", "medio que si",
)  # fmt: skip
# A first word that says no ("no", "nah", "nel"), unless the next word makes it something else
# ("no idea", "no one", "no se" is "I don't know").
NO_FIRST = frozenset({"no", "n", "nope", "nah", "na", "nop", "nel", "naw", "negative", "noo", "nooo"})
NOT_NO = frozenset(
    {"idea", "one", "clue", "point", "reason", "way", "se", "sure", "hope", "longer", "more", "matter", "body",
     "entiendo", "sabia"}
)  # fmt: skip
# Plain ways of saying "I'm safe" that answer the question without a no-word.
SAFE = (
    "im safe", "i am safe", "im fine", "i am fine", "im good", "im ok", "im okay", "im alright", "i am not", "im not",
    "all good", "not today", "not right now", "not really", "nothing like that", "estoy bien", "estoy a salvo",
    "estoy segura", "estoy seguro", "estoy tranquila", "estoy tranquilo", "para nada", "nada de eso", "hoy no",
    "todo bien", "tranqui no", "not at all", "i am safe",
)  # fmt: skip
SAFE_WHOLE = frozenset(
    {"safe", "nothing", "nada", "none", "never",
     # Spanish, alone only: "never", "none", "not really", "not right now", "not at all"
     # ("ahora no" opens "ahora no puedo más", "la verdad no" opens "la verdad no sé").
     "nunca", "jamas", "ninguno", "ninguna", "realmente no", "en realidad no", "la verdad no", "ahora no",
     "ahorita no", "por ahora no", "de momento no", "en este momento no", "en absoluto",
     "nunca jamas"}
)  # fmt: skip
# Alone only: "i am"; "i am not" is a no. "algo" / "medio" ("somewhat", "kinda") alone, not "algo pasó".
WHOLE_YES = frozenset({"i am", "i do", "i have", "yes i am", "yes i do", "algo", "medio", "los tengo"})

_NOT_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_LONGEST = 12  # words: a longer message is a message, not an answer


def fold(text: str) -> str:
    """Lower case, accents off, punctuation and emoji out, spaces collapsed: "Sí!!" -> "si"."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = plain.replace("'", "").replace("\u2019", "")  # "I'm" -> "im"
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", plain)).strip()


def _opens(folded: str, openings: tuple[str, ...]) -> bool:
    return any(folded == o or folded.startswith(o + " ") for o in openings)


def read(text: str) -> bool | None:
    """True for a yes, False for a no, None when the words are not an answer to the question."""
    folded = fold(text)
    words = folded.split()
    if not words or len(words) > _LONGEST or (len(words) > 2 and "?" in text):
        return None  # a longer message, or a question back ("what happens if i say yes?")
    says_no = (
        (words[0] in NO_FIRST and (len(words) == 1 or words[1] not in NOT_NO))
        or _opens(folded, SAFE)
        or folded in SAFE_WHOLE
    )
    first = words[:YES_LOOK]
    leans_yes = any(w in YES_WORDS for w in first) or _opens(folded, YES_OPENINGS) or folded in WHOLE_YES
    if "ya" in first and "no" in words[first.index("ya") :]:  # Spanish "ya no": not anymore, not a yes
        leans_yes = _opens(folded, YES_OPENINGS)
    if leans_yes:
        return True  # "yes and no", "no... yes": leaning yes is a yes (a call, not a missed crisis)
    if says_no:
        return False
    return None
