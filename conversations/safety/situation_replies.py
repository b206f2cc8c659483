"""The crisis reply that fits the situation, with the plain question when it is asked.

Used by the guard as it answers, and by the inbox (conversations.safety.inbox) to write down the
reply a flagged update needs before it is confirmed to Telegram.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot import texts
from bot.core.config import Settings
from bot.domain.safety import language
from bot.domain.safety.buttons import CrisisAnswer
from bot.domain.safety.screen import Screening
from bot.domain.safety.situations import Situation, situation
from bot.texts import catalogue
from conversations.common import fmt, keyboard

# By name, so each reply is read in the reader's language when it is sent.
TEMPLATES = {
    Situation.OVERDOSE_OTHER: "CRISIS_OVERDOSE",
    Situation.OVERDOSE_SELF: "CRISIS_OVERDOSE_SELF",
    Situation.WEAPON: "CRISIS_WEAPON",
    Situation.INTOXICATED: "CRISIS_INTOXICATED",
    Situation.USE_URGE: "CRISIS_USE_INTENT",
    Situation.VIOLENCE_AT_HOME: "CRISIS_VIOLENCE_AT_HOME",
    Situation.HARM_TO_OTHERS: "CRISIS_HARM_TO_OTHERS",
    Situation.UNREADABLE: "CRISIS_UNREADABLE",
}


def written_in(text: str, otherwise: str | None) -> str:
    """The language a message was written in, if the bot speaks it and the detector is fairly sure;
    else `otherwise` (the reader's). Too short or too unsure ("ok", "kms") keeps the reader's language."""
    reader = catalogue.supported(otherwise) or catalogue.SOURCE
    return catalogue.supported(language.likely(text)) or reader


def reply_for(screening: Screening, text: str, settings: Settings) -> tuple[str, InlineKeyboardMarkup | None]:
    """The reply that fits the situation (bot.domain.safety.situations), with the plain question if it is asked."""
    values = {
        "crisis_lines": settings.crisis_lines_in(catalogue.current()),
        "emergency": settings.emergency_number,
        "dv_hotline": settings.dv_hotline,
    }
    fits = situation(screening, text)
    if fits is Situation.ASK:
        buttons = keyboard(
            [
                [
                    (texts.CRISIS_ANSWER_YES, CrisisAnswer(yes=True).pack()),
                    (texts.CRISIS_ANSWER_NO, CrisisAnswer(yes=False).pack()),
                ]
            ]
        )
        return fmt(texts.CRISIS_POSSIBLE, **values), buttons
    return fmt(str(getattr(texts, TEMPLATES.get(fits, "CRISIS_REPLY"))), **values), None
