"""Whether a message speaks of its writer in the first person ("I", "me", "my"; "yo", "quiero matarme").

Used for a team member's words the crisis screen flags while a step of theirs is open: words about
someone else or about help ("if you have thoughts of suicide, call 988", "Self-harm skills group")
are taken by the step after the note with the lines; words about the writer ("i want to kill
myself") are never a broadcast, a name or a title, and the note stands alone. When in doubt the
words are held: a person who wrote about themselves must not see their words turned into a draft.
"""

from __future__ import annotations

import re

from bot.domain.safety.folding import normalise, words

# English: the singular first person, after folding ("i'm" -> "i", "m"; "i've" -> "i", "ve").
_EN = frozenset({"i", "me", "my", "myself", "mine", "im", "ive", "id"})
# Spanish: the pronouns, and the verbs a person says of themselves in these messages.
_ES = frozenset({"yo", "me", "mi", "mis", "conmigo", "mio", "mia"}) | frozenset(
    {"quiero", "estoy", "voy", "tengo", "siento", "puedo", "pienso", "necesito", "soy", "hice", "tome"}
)
# A Spanish infinitive or gerund with "me" on the end: "matarme", "cortarme", "suicidandome".
_ES_ENCLITIC = re.compile(r"[a-z]{2,}(?:arme|erme|irme|andome|iendome)")


def speaks_of_self(text: str) -> bool:
    """True when the message has a singular first-person word, in English or Spanish."""
    return any(w in _EN or w in _ES or _ES_ENCLITIC.fullmatch(w) is not None for w in words(normalise(text)))
