"""The crisis reply that fits the situation, with the plain question when it is asked.

Used by the guard as it answers, and by the inbox (conversations.safety.inbox) to write down the
reply a flagged update needs before it is confirmed to Telegram.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot import texts
from bot.core.config import Settings
from bot.domain.safety.buttons import CrisisAnswer
from bot.domain.safety.screen import Screening
from bot.domain.safety.situations import Situation, situation
from conversations.common import fmt, keyboard

TEMPLATES = {
    Situation.OVERDOSE_OTHER: texts.CRISIS_OVERDOSE,
    Situation.OVERDOSE_SELF: texts.CRISIS_OVERDOSE_SELF,
    Situation.WEAPON: texts.CRISIS_WEAPON,
    Situation.INTOXICATED: texts.CRISIS_INTOXICATED,
    Situation.USE_URGE: texts.CRISIS_USE_INTENT,
    Situation.VIOLENCE_AT_HOME: texts.CRISIS_VIOLENCE_AT_HOME,
    Situation.HARM_TO_OTHERS: texts.CRISIS_HARM_TO_OTHERS,
    Situation.UNREADABLE: texts.CRISIS_UNREADABLE,
}


def reply_for(screening: Screening, text: str, settings: Settings) -> tuple[str, InlineKeyboardMarkup | None]:
    """The reply that fits the situation (bot.domain.safety.situations), with the plain question if it is asked."""
    values = {
        "crisis_lines": settings.crisis_lines,
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
    return fmt(TEMPLATES.get(fits, texts.CRISIS_REPLY), **values), None
