"""Typed answers to a questionnaire item: the option's number or its words ("2", "several days", "sev"),
or a count's number ("12", "12 days", "none", "ninguno"), and what is wrong with one that is not."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from bot.domain.questionnaires.definitions import Count, Item, Option

MIN_PREFIX = 3  # "sev" finds "Several days"; "no" must be typed whole
# Words for none, English and Spanish (accents dropped): the only words a count reads, so nothing is guessed.
ZERO_WORDS = frozenset(
    {"none", "zero", "never", "no days", "no nights", "not one", "ninguno", "ninguna", "ningun dia", "cero", "nunca"}
)
UNITS = frozenset({"day", "days", "night", "nights", "dia", "dias", "noche", "noches"})  # "12 days" is 12
_NUMBER = re.compile(r"\d+(?:[.,/\u2044]\d+)?")  # "2.5", "2,5", "1/2" and "½" (NFKC: 1⁄2) are one number
MINUS = ("-", "\u2212", "\u2013", "\u2014")  # hyphen, minus sign, en and em dash: NFKC keeps the last three


class CountProblem(StrEnum):
    """Why a typed count was not taken; each has its own reply (texts.Q_COUNT_BAD)."""

    WORDS = "words"  # no number in it ("a few", "banana", "2 weeks")
    NEGATIVE = "negative"  # "-2"
    TOO_HIGH = "too_high"  # above the count's max ("31")
    NOT_WHOLE = "not_whole"  # "2.5", "1/2"
    SEVERAL = "several"  # "3-4", "3 or 4"


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def parse_typed(item: Item, text: str) -> Option | None:
    """The option meant by `text`, or None when it names no option (or more than one)."""
    said = _words(text)
    if not said:
        return None
    if said.isdigit():
        return item.option(int(said))
    exact = [o for o in item.options if _words(o.label) == said]
    if exact:
        return exact[0]
    if len(said) >= MIN_PREFIX:
        found = [o for o in item.options if _words(o.label).startswith(said)]
        if len(found) == 1:
            return found[0]
    return None


def _plain(text: str) -> str:
    """Compatibility forms folded (full-width and keycap digits to 0-9, "²" to 2), accents dropped, lower case."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold().strip()


def parse_count(count: Count, text: str) -> int | CountProblem:
    """The number typed for a count (0 to its max), or why it cannot be taken."""
    plain = _plain(text)
    found = list(_NUMBER.finditer(plain))
    if not found:
        return 0 if _words(plain) in ZERO_WORDS else CountProblem.WORDS
    if len(found) > 1:
        return CountProblem.SEVERAL
    [match] = found
    if not match.group().isdigit():
        return CountProblem.NOT_WHOLE
    before, after = plain[: match.start()], _words(plain[match.end() :])
    if before.rstrip().endswith(MINUS):
        return CountProblem.NEGATIVE
    if _words(before) or (after and after not in UNITS):
        return CountProblem.WORDS  # "2 weeks", "maybe 3": only the number (and "days") is read
    digits = match.group().lstrip("0") or "0"
    if len(digits) > len(str(count.max)) or int(digits) > count.max:  # never int() of a huge digit string
        return CountProblem.TOO_HIGH
    return int(digits)
