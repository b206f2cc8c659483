"""Which language a message is in, so the screen reads it with that language's rules.

`lingua-language-detector` ships its models in the wheel (no download) and is built for short
text. The detector is built once, restricted to the languages the screen has rules for plus a
few the clinic's clients write in (so "obrigado" is not forced into Spanish), in low-accuracy
mode: a few microseconds a message once loaded. `warm()` loads it at start-up.
"""

from __future__ import annotations

import functools
import re

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

# Languages the screen has rules for, by ISO 639-1 code.
SCREENED = {Language.ENGLISH: "en", Language.SPANISH: "es", Language.PORTUGUESE: "pt", Language.FRENCH: "fr"}
# Also told apart, so a message in one of them is not taken for one the screen reads.
_OTHERS = (Language.ITALIAN, Language.VIETNAMESE, Language.GERMAN)
MIN_CONFIDENCE = 0.15  # every screened language at least this likely gets its rules run
MIN_LETTERS = 3


@functools.cache
def detector() -> LanguageDetector:
    """The detector, built once."""
    return LanguageDetectorBuilder.from_languages(*SCREENED, *_OTHERS).with_low_accuracy_mode().build()


# Spanish function words English messages seldom hold. Spanish with English loanwords ("ya quedé con
# el dealer, en 10 min llega") scores as English alone; three of these words get the Spanish rules run.
_SPANISH_CUES = frozenset(
    {
        "que",
        "con",
        "el",
        "los",
        "las",
        "ya",
        "pero",
        "porque",
        "estoy",
        "tengo",
        "quiero",
        "mi",
        "mis",
        "del",
        "una",
        "para",
        "pa",
        "esta",
        "voy",
        "llega",
        "viene",
        "ahorita",
        "nada",
        "como",
    }
)
SPANISH_CUES_NEEDED = 3
_WORD = re.compile(r"[^\W\d_]+")  # letters only: "ya," and "el." are cues too


def languages(text: str) -> tuple[str, ...]:
    """Codes of the screened languages `text` may be in, most likely first (empty if none)."""
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        return ()
    found = []
    for value in detector().compute_language_confidence_values(text):
        code = SCREENED.get(value.language)
        if code is not None and value.value >= MIN_CONFIDENCE:
            found.append(code)
    if "es" not in found and len(_SPANISH_CUES.intersection(_WORD.findall(text.casefold()))) >= SPANISH_CUES_NEEDED:
        found.append("es")
    return tuple(found)


def warm() -> None:
    """Load the models now rather than on the first message."""
    languages("warming up the language detector")


LIKELY = 0.5  # a reply switches language only when the detector is at least this sure of another one


def likely(text: str) -> str | None:
    """The code of the language `text` is most likely in, when the detector is fairly sure; else None.

    Short English is often scored as French or Portuguese ("i want to kms": French 0.49), so a
    guess below LIKELY, or a language the screen does not read, tells nothing.
    """
    text = text.encode("utf-8", "ignore").decode("utf-8")  # a lone surrogate would stop the detector
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        return None
    values = detector().compute_language_confidence_values(text)
    if not values or values[0].value < LIKELY:
        return None
    return SCREENED.get(values[0].language)
