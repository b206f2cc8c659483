"""What the inbox (bot.services.crisis_inbox) keeps of an update as it is queued.

A flagged message in a private chat (new or edited, text or caption) and a tapped "Yes" to the
plain question are kept with the reply each needs, so a crash before the guard has recorded and
answered them loses neither. The learned layer reads every message here: who wrote is not looked
up (the database may be down); the guard decides again with the writer known.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot import texts
from bot.core.clock import now
from bot.core.config import Settings
from bot.domain.care.crisis_spool import Spooled
from bot.domain.safety.buttons import CrisisAnswer
from bot.domain.safety.screen import Screening, screen
from bot.services.crisis_inbox import Standby
from bot.texts import catalogue
from conversations.common import fmt
from conversations.safety.situation_replies import reply_for, written_in


def _rows(markup: InlineKeyboardMarkup | None) -> list[list[tuple[str, str]]] | None:
    if markup is None:
        return None
    return [[(b.text, str(b.callback_data)) for b in row] for row in markup.inline_keyboard]


def standby(settings: Settings) -> Standby:
    """The reader the queue calls for every update."""

    def read(item: object) -> tuple[Spooled | None, Screening | None] | None:
        if not isinstance(item, Update):
            return None
        msg = item.message or item.edited_message
        user = item.effective_user
        if msg is not None and msg.chat.type == "private":
            text = msg.text or msg.caption
            if not text:
                return None
            screening = screen(text, model=True)
            if not screening.flagged:
                return None, screening
            # Nobody is looked up here: the reply is in the language written, else the person's app's.
            with catalogue.speaking(written_in(text, user.language_code if user else None)):
                reply, markup = reply_for(screening, text, settings)
            who = user.id if user else msg.chat.id
            entry = Spooled(who, "message", text, now().isoformat(), item.update_id, msg.chat.id, reply, _rows(markup))
            return entry, screening
        query = item.callback_query
        if query is not None and query.data and CrisisAnswer.matches(query.data) and CrisisAnswer.parse(query.data).yes:
            with catalogue.speaking(query.from_user.language_code) as lang:
                said = fmt(texts.CRISIS_AFTER_YES, crisis_lines=settings.crisis_lines_in(lang))
            who = query.from_user.id
            return Spooled(who, "answer", "", now().isoformat(), item.update_id, who, said), None
        return None

    return read
