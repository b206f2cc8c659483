"""Short messages that are not questions: crying or heartbreak emoji, "thanks", "ok".

A crying face sent on its own may be the only way someone can say they are struggling, so it
gets a gentle check and the crisis lines rather than small talk. "thanks" and "ok" get a short
acknowledgement instead of an FAQ search. Anything with more words than a short reply is left
to the FAQ and the crisis screen.
"""

from __future__ import annotations

import enum
import re

SAD_EMOJI = frozenset(
    ["😭", "😢", "💔", "🥺", "😿", "😞", "😔", "😥", "😪", "😩", "😫", "🥀", "☹", "🙁", "😟", "😓", "😖", "😣", "💧"]
)
THANKS = frozenset(
    {"thanks", "thank you", "thankyou", "thx", "ty", "thanks a lot", "thank you so much", "thanks so much",
     "many thanks", "cheers", "gracias", "muchas gracias", "mil gracias"}
)  # fmt: skip
OK = frozenset(
    {"ok", "okay", "okey", "oki", "k", "kk", "ok thanks", "got it", "alright", "all right", "cool", "sure",
     "vale", "de acuerdo", "bueno", "entendido", "ok gracias", "👍", "👌"}
)  # fmt: skip
MAX_WORDS = 4
_MODIFIERS = re.compile("[\ufe0f\ufe0e\u200d\U0001f3fb-\U0001f3ff]")  # variation selectors, joiners, skin tones


class ShortKind(enum.StrEnum):
    SAD = "sad"
    THANKS = "thanks"
    OK = "ok"


def classify(text: str) -> ShortKind | None:
    """What a short message is, or None when it is something else (a question, a sentence)."""
    cleaned = _MODIFIERS.sub("", text).strip()
    if not cleaned:
        return None
    words = cleaned.split()
    if any(ch in SAD_EMOJI for ch in cleaned) and len(words) <= MAX_WORDS:
        return ShortKind.SAD
    plain = " ".join(re.sub(r"[^\w\s👍👌]", " ", cleaned.lower()).split())
    if plain in OK:
        return ShortKind.OK
    if plain in THANKS or plain.removesuffix(" 🙏").strip() in THANKS:
        return ShortKind.THANKS
    return None
