"""The check back 15 minutes after a craving was met: "has it eased?", rated once from its own message.

The message comes through the outbox (bot/domain/coping/cravings.py plans it), so the buttons outlive
the flow and a restart: each names the stored use, not a run. Still at the check-in's high-craving
line, the answer raises the check-in's high flag; the client gets their team's number and the lines.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot import texts
from bot.core.clock import now
from bot.domain.coping import cravings
from bot.domain.coping.cravings import Later
from bot.domain.people.directory import PersonView
from bot.domain.safety.risk import RiskRules
from bot.services.care_team_jobs import policy_from
from bot.services.context import AppContext
from conversations.common import answer_once, compose, member, reply
from conversations.coping.steps import CravingLater, start_button


@member("craving")
async def later_button(update: Update, context: AppContext, person: PersonView) -> None:
    """Stores the rating; a second tap, or one on a check back that is gone, says so and changes nothing."""
    assert update.callback_query is not None
    data = CravingLater.parse(update.callback_query.data)
    settings = context.services.settings
    if not 0 <= data.value <= 10:
        await answer_once(update)
        return
    result = await cravings.rate_later(
        context.session,
        data.use,
        person.id,
        data.value,
        high_at=RiskRules.from_settings(settings).high_craving,
        at=now(),
        policy=policy_from(settings),
    )
    if result.outcome is Later.GONE:
        await answer_once(update, texts.COPING_LATER_GONE_TOAST)
        await reply(update, texts.COPING_LATER_GONE, start_button())
    elif result.outcome is Later.ALREADY:
        await answer_once(update, texts.COPING_LATER_ALREADY.format(value=result.value))
    elif result.outcome is Later.STILL_HIGH:
        await answer_once(update)
        await reply(update, compose(texts.COPING_LATER_HIGH, context, value=result.value), start_button())
    else:
        await answer_once(update)
        text = texts.COPING_LATER_EASED if result.value < result.before else texts.COPING_LATER_SAME
        await reply(update, text.format(before=result.before, value=result.value))


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [CallbackQueryHandler(later_button, pattern=CravingLater.matches)]
