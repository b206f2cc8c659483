"""Daily check-in answers: the six steps, what a valid answer is, and whether it was a hard day.

Pure rules, no database and no Telegram: a button's value and a typed answer go through the
same parser, so a forged or out-of-date button is refused the same way "11" is. Typed answers may
be English or Spanish ("siete", "regular", "ps bien", "prefiero no decirlo"), accents optional.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.core.errors import ValidationFailed
from bot.domain.safety import typed_answer

CRAVING_MAX = 10
HIGH_CRAVING = 8  # the usual "high" mark on a 0-10 scale (clinical.md, "Daily check-in")
LOW_MOOD = 2  # "low" or "very low" on the 5-point scale
NOTE_MAX = 1000  # characters; a check-in note, not a diary page


class Step(enum.StrEnum):
    CRAVING = "craving"
    MOOD = "mood"
    USE = "use"
    SLEEP = "sleep"
    NOTE = "note"
    SAFETY = "safety"


STEPS: tuple[Step, ...] = tuple(Step)


class Use(enum.StrEnum):
    YES = "yes"
    NO = "no"
    UNDISCLOSED = "undisclosed"


class Reason(enum.StrEnum):
    """Why an answer was refused; the conversation turns each into a sentence."""

    RANGE = "range"  # a number outside the scale: "11", "-1"
    WHOLE = "whole"  # "seven and a half", "7.5"
    UNKNOWN = "unknown"  # words that are not an answer to this question
    TOO_LONG = "too_long"  # a note over NOTE_MAX


class InvalidAnswer(ValidationFailed):
    def __init__(self, step: Step, reason: Reason) -> None:
        self.step, self.reason = step, reason
        super().__init__(f"{step}: {reason}")


@dataclass(frozen=True)
class Answers:
    """A complete check-in."""

    craving: int
    mood: int
    used: Use
    sleep: int
    note: str | None
    safety_yes: bool


class Feedback(enum.StrEnum):
    GOOD = "good"
    HARD = "hard"  # high craving, low mood or reported use: a coping idea and the care team
    SAFETY = "safety"  # thoughts of self-harm: crisis lines and a person, before anything else


_WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
    )
}
_WORD_NUMBERS |= {"none": 0, "nothing": 0, "nil": 0, "nada": 0}
_NUMBER = re.compile(r"^(-?\s*\d+(?:[.,]\d+)?)\s*(?:/\s*\d+|out\s+of\s+\d+)?$")
_FRACTION = re.compile(r"\bhalf\b|\bquarter\b|\d\s*[.,]\s*\d|\d\s*½|½")

# Spanish, as `_es` folds it (lower case, no accents or punctuation): "Sí, ps bien" -> "si bien".
_ES_NUMBERS = {
    w: i
    for i, w in enumerate(
        ("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce")
    )
}
_ES_NUMBERS |= {"una": 1, "ninguno": 0, "ninguna": 0, "nada de ganas": 0, "cero ganas": 0}
_ES_NUMBER = re.compile(r"^(\d+)(?: (?:de|sobre) \d+)?$")  # "ps 7", "7 de 10" (as "7 out of 10")
_ES_FRACTION = re.compile(r"\by medi[oa]\b|\by cuarto\b|\bcoma\b|\bpunto\b")  # "siete y medio"
_ES_FILLERS = ("pues", "ps", "pos", "pus", "bueno", "la verdad", "la neta", "neta", "este", "mmm", "mm", "eh", "ah")
_ES_LEAD_INS = ("estoy", "me siento", "me sentia", "ando", "me encuentro", "dormi", "he dormido", "me fue", "fue")
_ES_MOOD = {
    1: ("muy bajo", "muy baja", "muy mal", "fatal", "pesimo", "pesima", "horrible", "terrible", "de lo peor",
        "muy triste", "nada bien", "super mal", "re mal", "malisimo", "malisima", "del asco", "muy deprimido",
        "muy deprimida"),
    2: ("bajo", "baja", "mal", "triste", "no bien", "no muy bien", "no tan bien", "no muy bueno", "no muy buena",
        "no bueno", "decaido", "decaida", "bajoneado", "bajoneada", "deprimido", "deprimida", "medio mal",
        "mas o menos mal", "malo", "mala"),
    3: ("regular", "mas o menos", "mas menos", "ok", "okay", "normal", "ni bien ni mal", "masomenos", "asi asi",
        "ahi la llevo", "ahi vamos", "ahi voy", "regularcito", "regularcita", "no tan mal", "no mal", "nada mal"),
    4: ("bueno", "buena", "bien", "feliz", "contento", "contenta", "bastante bien", "bastante bueno",
        "bastante buena", "tranquilo", "tranquila", "chido"),
    5: ("muy bueno", "muy buena", "muy bien", "excelente", "genial", "increible", "super bien", "re bien",
        "muy feliz", "buenisimo", "buenisima", "de maravilla", "super", "padrisimo", "muy contento",
        "muy contenta"),
}  # fmt: skip
_ES_SLEEP = {
    1: ("mal", "muy mal", "fatal", "pesimo", "horrible", "terrible", "no bien", "no muy bien", "casi nada", "casi no",
        "nada", "poco", "muy poco", "no dormi", "no nada", "casi no dormi", "nada bien", "malisimo"),
    2: ("regular", "mas o menos", "mas menos", "ok", "okay", "normal", "ni bien ni mal", "masomenos", "asi asi",
        "no tan mal", "no mal", "nada mal"),
    3: ("bien", "muy bien", "bueno", "excelente", "genial", "super bien", "de maravilla", "como bebe",
        "como un bebe", "como piedra", "bastante bien"),
}  # fmt: skip
_ES_YES = ("si", "sip", "sipi", "simon", "aja", "claro", "aha", "si lo hice", "lo hice", "si use", "si consumi")
_ES_NO = ("no", "nop", "nel", "nones", "nelson", "nunca", "para nada", "no lo hice", "no use", "no consumi", "nada")
_ES_USE_YES = (*_ES_YES, "consumi", "tome", "bebi", "un poco", "poquito", "un poquito", "algo", "si un poco",
               "si poquito", "si algo", "recai", "si recai", "me drogue", "fume")  # fmt: skip
_ES_USE_NO = (*_ES_NO, "limpio", "limpia", "sobrio", "sobria", "nada de nada", "no nada", "no tome", "no bebi",
              "no he consumido", "cero", "ni una gota", "no nada de nada", "no para nada")  # fmt: skip
_ES_UNDISCLOSED = (
    "prefiero no decirlo", "prefiero no decir", "prefiero no", "prefiero no responder", "prefiero no contestar",
    "prefiero no decir nada", "mejor no digo", "no quiero decir", "no quiero decirlo", "no quiero responder",
    "no quiero contestar", "paso", "omitir", "saltar", "no digo", "prefiero reservarmelo",
)  # fmt: skip
_ES_NOTE_SKIP = ("omitir", "saltar", "no", "nada", "ninguna", "sin nota", "no gracias", "paso", "nop", "nel", "no nada")

_MOOD_WORDS = {
    1: ("very low", "very bad", "awful", "terrible", "horrible", "miserable", "the worst", "really bad", "very sad"),
    2: ("low", "bad", "down", "sad", "not good", "not great", "not well", "poor", "rough"),
    3: ("okay", "ok", "o.k.", "meh", "so so", "so-so", "alright", "all right", "fine", "not bad", "average"),
    4: ("good", "well", "pretty good", "fairly good", "decent", "happy"),
    5: ("very good", "great", "excellent", "amazing", "fantastic", "really good", "awesome", "very well"),
}
_SLEEP_WORDS = {
    1: ("poor", "poorly", "bad", "badly", "terrible", "awful", "not well", "not good", "barely", "none", "rough"),
    2: ("okay", "ok", "fine", "alright", "all right", "so so", "so-so", "meh", "average", "not bad"),
    3: ("good", "well", "great", "very good", "very well", "really well", "excellent"),
}
_YES = ("yes", "y", "yeah", "yep", "yup", "ya", "i did", "did", "i have", "sure", "true")
_NO = ("no", "n", "nope", "nah", "i did not", "i didn't", "didn't", "did not", "not", "false", "never")
_USE_YES = (*_YES, "used", "i used", "drank", "i drank", "a little", "some")
_USE_NO = (*_NO, "none", "nothing", "clean", "sober", "no use", "not at all")
_UNDISCLOSED = (
    "prefer not to say",
    "i prefer not to say",
    "rather not say",
    "i'd rather not say",
    "id rather not say",
    "prefer not",
    "rather not",
    "not saying",
    "pass",
    "undisclosed",
    "skip",
)
_NOTE_SKIP = ("skip", "no", "none", "nothing", "no note", "n/a", "na", "-", "nope", "no thanks")


def _flat(text: str) -> str:
    """Lower case, single spaces, no closing punctuation."""
    flat = " ".join(text.lower().replace("\u2019", "'").split())
    return flat.strip(" .!?")


def _es(text: str) -> str:
    """Folded as the safety question's answers are ("¡Sí!" -> "si"), "sii"/"nooo" shortened, and opening
    fillers ("ps", "pues", "la verdad") and lead-ins ("estoy", "me siento", "dormí") off: "ps estoy bien" -> "bien"."""
    words = [re.sub(r"^s+i+$", "si", re.sub(r"^n+o+$", "no", w)) for w in typed_answer.fold(text).split()]
    said = " ".join(words)
    while True:
        rest = next((said[len(f) + 1 :] for f in _ES_FILLERS if said.startswith(f + " ")), None)
        if rest is None:
            break
        said = rest
    head = "no " if said.startswith("no ") else ""
    body = said[len(head) :]
    body = next((body[len(v) + 1 :] for v in _ES_LEAD_INS if body.startswith(v + " ")), body)
    said = head + body
    return said[: -len(" gracias")] if said.endswith(" gracias") else said


def _lookup(flat: str, table: Mapping[int, tuple[str, ...]]) -> int | None:
    for value, words in table.items():
        if flat in words:
            return value
    return None


def _scale(
    step: Step,
    text: str,
    low: int,
    high: int,
    words: Mapping[int, tuple[str, ...]] | None = None,
    es_words: Mapping[int, tuple[str, ...]] | None = None,
) -> int:
    """A whole number low..high, typed as digits or a word ("seven", "siete"), or one of the scale's words."""
    flat, es = _flat(text), _es(text)
    if words is not None and (value := _lookup(flat, words)) is not None:
        return value
    if es_words is not None and (value := _lookup(es, es_words)) is not None:
        return value
    m = _NUMBER.match(flat)
    es_number = _ES_NUMBER.match(es)
    if m:
        raw = m.group(1).replace(" ", "")
        if "." in raw or "," in raw:
            raise InvalidAnswer(step, Reason.WHOLE)
        number = int(raw)
    elif flat in _WORD_NUMBERS:
        number = _WORD_NUMBERS[flat]
    elif es in _ES_NUMBERS:
        number = _ES_NUMBERS[es]
    elif es_number:
        number = int(es_number.group(1))
    elif _FRACTION.search(flat) and (any(w in flat for w in _WORD_NUMBERS) or any(c.isdigit() for c in flat)):
        raise InvalidAnswer(step, Reason.WHOLE)  # "seven and a half"
    elif _ES_FRACTION.search(es) and (any(w in es.split() for w in _ES_NUMBERS) or any(c.isdigit() for c in es)):
        raise InvalidAnswer(step, Reason.WHOLE)  # "siete y medio"
    elif flat.startswith(("minus ", "negative ")) or es.startswith(("menos ", "negativo ")):
        raise InvalidAnswer(step, Reason.RANGE)
    else:
        raise InvalidAnswer(step, Reason.UNKNOWN)
    if not low <= number <= high:
        raise InvalidAnswer(step, Reason.RANGE)
    return number


def parse_craving(text: str) -> int:
    """Craving right now, 0 (none) to 10 (strongest)."""
    return _scale(Step.CRAVING, text, 0, CRAVING_MAX)


def parse_mood(text: str) -> int:
    """Mood 1 (very low) to 5 (very good), as a number or in words."""
    return _scale(Step.MOOD, text, 1, 5, _MOOD_WORDS, _ES_MOOD)


def parse_sleep(text: str) -> int:
    """Last night's sleep: 1 poor, 2 okay, 3 good."""
    return _scale(Step.SLEEP, text, 1, 3, _SLEEP_WORDS, _ES_SLEEP)


def parse_use(text: str) -> Use:
    """Any alcohol or drug use since the last check-in: yes, no, or prefer not to say."""
    flat, es = _flat(text), _es(text)
    if flat in _UNDISCLOSED or es in _ES_UNDISCLOSED:
        return Use.UNDISCLOSED
    if flat in _USE_YES or es in _ES_USE_YES:
        return Use.YES
    if flat in _USE_NO or es in _ES_USE_NO:
        return Use.NO
    raise InvalidAnswer(Step.USE, Reason.UNKNOWN)


def parse_safety(text: str) -> bool:
    """Thoughts of harming themselves: yes or no, read as the crisis question's typed answers are
    ("si", "kind of", "a little" lean yes; "nah im good" is a no). Anything else is asked again."""
    flat = _flat(text)
    if flat in _YES:
        return True
    if flat in _NO:
        return False
    said = typed_answer.read(text)
    if said is None:
        raise InvalidAnswer(Step.SAFETY, Reason.UNKNOWN)
    return said


def parse_note(text: str) -> str | None:
    """The optional note: None when skipped, else the text as written (trimmed)."""
    note = text.strip()
    if not note or _flat(note) in _NOTE_SKIP or _es(note) in _ES_NOTE_SKIP:
        return None
    if len(note) > NOTE_MAX:
        raise InvalidAnswer(Step.NOTE, Reason.TOO_LONG)
    return note


def parse(step: Step, text: str) -> Any:
    """The stored value of an answer to `step` (int, Use, bool or note text), or InvalidAnswer."""
    return _PARSERS[step](text)


_PARSERS = {
    Step.CRAVING: parse_craving,
    Step.MOOD: parse_mood,
    Step.USE: parse_use,
    Step.SLEEP: parse_sleep,
    Step.NOTE: parse_note,
    Step.SAFETY: parse_safety,
}


def to_plain(value: Any) -> Any:
    """A parsed answer as plain JSON for a draft kept in conversation state."""
    return str(value) if isinstance(value, Use) else value


def next_step(draft: Mapping[str, Any]) -> Step | None:
    """The first step without an answer (a skipped note counts as answered), or None when complete."""
    return next((s for s in STEPS if s.value not in draft), None)


def from_draft(draft: Mapping[str, Any]) -> Answers:
    """The complete answers of a draft; every value is checked again (a draft outlives a release)."""
    if next_step(draft) is not None:
        raise ValueError("the check-in is not complete")
    craving, mood, sleep = draft[Step.CRAVING], draft[Step.MOOD], draft[Step.SLEEP]
    note, safety = draft[Step.NOTE], draft[Step.SAFETY]
    if not (isinstance(craving, int) and 0 <= craving <= CRAVING_MAX):
        raise InvalidAnswer(Step.CRAVING, Reason.RANGE)
    if not (isinstance(mood, int) and 1 <= mood <= 5):
        raise InvalidAnswer(Step.MOOD, Reason.RANGE)
    if not (isinstance(sleep, int) and 1 <= sleep <= 3):
        raise InvalidAnswer(Step.SLEEP, Reason.RANGE)
    if not (note is None or isinstance(note, str)) or not isinstance(safety, bool):
        raise InvalidAnswer(Step.NOTE, Reason.UNKNOWN)
    return Answers(craving, mood, Use(draft[Step.USE]), sleep, note, safety)


def feedback_kind(answers: Answers) -> Feedback:
    """Which reply fits: safety first, then a hard day (high craving, low mood, reported use), else good."""
    if answers.safety_yes:
        return Feedback.SAFETY
    if answers.craving >= HIGH_CRAVING or answers.mood <= LOW_MOOD or answers.used is Use.YES:
        return Feedback.HARD
    return Feedback.GOOD


def hard_day_topic(answers: Answers) -> str | None:
    """What a hard day's coping idea should be about: reported use first, then craving, then mood."""
    if answers.used is Use.YES:
        return "use"
    if answers.craving >= HIGH_CRAVING:
        return "craving"
    if answers.mood <= LOW_MOOD:
        return "mood"
    return None
