"""A typed answer to the plain safety question ("are you having thoughts of hurting yourself?").

The question has Yes / No buttons, but people type: "yes", "si", "yeah", "kind of". A typed
answer counts as the button would. It errs towards safety: anything that leans yes ("kind of",
"maybe", "sometimes") is a yes, because a yes reaches a human at once and a wrong yes costs a
call. Only a plain no or "I'm safe" is a no. Anything else is not an answer (None): the
caller keeps the question open and treats the words as a message of their own.
"""

from __future__ import annotations

import re
import unicodedata

# Whole answers, after folding (lower case, accents and punctuation gone, spaces collapsed).
YES = frozenset(
    {
        "yes", "y", "ye", "yea", "yeah", "yeh", "yep", "yup", "ya", "yah", "yess", "yesss",
        "si", "sii", "claro",
        "kind of", "kinda", "sort of", "sorta", "a little", "a bit", "a little bit", "maybe",
        "i think so", "sometimes", "yes i am", "i am", "i do", "yes i do", "honestly yes",
        "yes sometimes", "yeah kind of", "yeah kinda", "i guess", "i guess so", "probably",
    }
)  # fmt: skip
NO = frozenset(
    {
        "no", "n", "nope", "nah", "no im safe", "im safe", "i am safe", "no i am safe", "safe", "im ok",
        "no im not", "no i am not", "no im okay", "no im ok", "no i dont", "not at all", "no never",
        "no thanks im safe", "no no", "i dont", "im fine", "no im fine",
    }
)  # fmt: skip

_NOT_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, accents off, punctuation and emoji out, spaces collapsed: "Sí!!" -> "si"."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = plain.replace("'", "").replace("\u2019", "")  # "I'm" -> "im"
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", plain)).strip()


def read(text: str) -> bool | None:
    """True for a yes, False for a no, None when the words are not an answer to the question."""
    folded = fold(text)
    if folded in YES:
        return True
    if folded in NO:
        return False
    return None
