"""Which crisis reply fits: the screen's category, refined by its pattern id and the words around it.

The screen (bot.domain.safety.screen) decides *whether* a message is crisis language and of
what kind; this module only picks the reply, without changing the screen:
- intoxicated now ("i'm drunk and scared", pattern `intoxicated-now`) gets advice for someone
  who is intoxicated, not the urge reply;
- a gun, or another weapon, within reach (a means, with a weapon word) gets means-safety
  advice: distance from it, and the emergency number;
- an overdose the writer took themselves differs from one they are watching in someone else;
- the other situations keep one reply each.
"""

from __future__ import annotations

import enum
import re

from bot.domain.safety.patterns import Category, Level
from bot.domain.safety.screen import Screening

INTOXICATED_PATTERN = "intoxicated-now"
_WEAPON = re.compile(r"\b(?:gun|guns|pistol|rifle|firearm|shotgun|handgun|revolver|knife|blade)\b", re.I)
_SOMEONE_ELSE = re.compile(
    r"\b(?:he|she|they|he'?s|she'?s|they'?re|him|her|them|friend|roommate|brother|sister|son|daughter|mom|dad|"
    r"partner|boyfriend|girlfriend|husband|wife|someone|somebody|guy|girl|cousin|baby|amig[oa])\b",
    re.I,
)
_MYSELF = re.compile(r"\b(?:i|i'?m|im|i'?ve|ive|me|myself|my\s+(?:meds|pills))\b", re.I)


class Situation(enum.StrEnum):
    ASK = "ask"  # a possible message about suicide or self-harm: the plain question
    SUICIDE = "suicide"  # thoughts of suicide or self-harm, a plan or a means other than a weapon
    WEAPON = "weapon"  # a gun or other weapon within reach
    OVERDOSE_SELF = "overdose_self"
    OVERDOSE_OTHER = "overdose_other"
    INTOXICATED = "intoxicated"
    USE_URGE = "use_urge"
    VIOLENCE_AT_HOME = "violence_at_home"
    HARM_TO_OTHERS = "harm_to_others"
    UNREADABLE = "unreadable"


def _overdose(text: str) -> Situation:
    """Their own overdose when they speak of themselves and of nobody else; else someone with them."""
    if _MYSELF.search(text) and not _SOMEONE_ELSE.search(text):
        return Situation.OVERDOSE_SELF
    return Situation.OVERDOSE_OTHER


def situation(screening: Screening, text: str) -> Situation:
    """The reply a flagged screening calls for (a screening that is not flagged is treated as SUICIDE)."""
    category = screening.category
    if screening.level is Level.POSSIBLE and category in (Category.SUICIDE, Category.SELF_HARM):
        return Situation.ASK
    if category is Category.OVERDOSE:
        return _overdose(text)
    if category is Category.MEANS_OR_PLAN or Category.MEANS_OR_PLAN in screening.also:
        return Situation.WEAPON if _WEAPON.search(text) else Situation.SUICIDE
    if category is Category.INTOXICATED_UNSAFE:
        return Situation.INTOXICATED
    if category is Category.USE_INTENT:
        return Situation.INTOXICATED if screening.pattern == INTOXICATED_PATTERN else Situation.USE_URGE
    simple = {
        Category.VIOLENCE_AT_HOME: Situation.VIOLENCE_AT_HOME,
        Category.HARM_TO_OTHERS: Situation.HARM_TO_OTHERS,
        Category.UNREADABLE: Situation.UNREADABLE,
    }
    return simple.get(category, Situation.SUICIDE) if category is not None else Situation.SUICIDE
