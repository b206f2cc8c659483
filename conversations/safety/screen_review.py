"""/screen for the care team: what the crisis screen decides about a text, and a mark of what it should be.

Clients get the usual refusal (the member guard); their words are screened by the guard as always.
Each mark is kept as a labelled example (bot.domain.safety.reviews) for `python -m bot triage --review`.
"""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import texts
from bot.domain.people.directory import PersonView
from bot.domain.safety import reviews
from bot.domain.safety.buttons import ScreenMark
from bot.domain.safety.reviews import Mark
from bot.domain.safety.screen import Screening
from bot.services.context import AppContext
from conversations.common import Handlers, answer_once, fmt, keyboard, member, reply

COMMAND = "screen"


def command_text(message_text: str | None) -> str:
    """What follows `/screen` (or `/screen@bot`), line breaks kept."""
    if not message_text:
        return ""
    head, _, rest = message_text.partition(" ")
    if "\n" in head:
        head, _, more = head.partition("\n")
        rest = more + (" " + rest if rest else "")
    return rest.strip()


def render(result: Screening) -> str:
    """The verdict in plain words for a team member."""
    also = fmt(texts.SCREEN_ALSO, categories=", ".join(c.value for c in result.also)) if result.also else ""
    langs = fmt(texts.SCREEN_LANGUAGES, languages=", ".join(result.languages)) if result.languages else ""
    aside = fmt(texts.SCREEN_SET_ASIDE, findings=", ".join(result.set_aside)) if result.set_aside else ""
    # the parts are already escaped by fmt; the rest is escaped here
    return texts.SCREEN_VERDICT.format(
        level=html.escape(result.level.value),
        category=html.escape(result.category.value if result.category else texts.SCREEN_NONE),
        pattern=html.escape(result.pattern or texts.SCREEN_NONE),
        also=also,
        languages=langs,
        set_aside=aside,
    )


@member(COMMAND)
async def screen_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Screens the text after /screen and offers the three marks."""
    assert update.message is not None
    text = command_text(update.message.text)
    if not text:
        await reply(update, texts.SCREEN_USAGE)
        return
    review_id, result = await reviews.check(context.session, text, person.id)
    buttons = keyboard(
        [
            [
                (texts.SCREEN_MARK_CRISIS, ScreenMark(review_id=review_id, mark=Mark.CRISIS).pack()),
                (texts.SCREEN_MARK_POSSIBLE, ScreenMark(review_id=review_id, mark=Mark.POSSIBLE).pack()),
            ],
            [(texts.SCREEN_MARK_ORDINARY, ScreenMark(review_id=review_id, mark=Mark.ORDINARY).pack())],
        ]
    )
    await reply(update, render(result), buttons)


@member(COMMAND)
async def mark_button(update: Update, context: AppContext, person: PersonView) -> None:
    """Keeps the mark a team member chose (audited)."""
    assert update.callback_query is not None
    data = ScreenMark.parse(update.callback_query.data)
    await answer_once(update)
    if not await reviews.mark(context.session, data.review_id, data.mark, person.id):
        await reply(update, texts.SCREEN_GONE)
        return
    await reply(update, fmt(texts.SCREEN_MARKED, mark=texts.SCREEN_MARK_LABEL[data.mark.value]))


def handlers() -> Handlers:
    return [
        CommandHandler(COMMAND, screen_command),
        CallbackQueryHandler(mark_button, pattern=ScreenMark.matches),
    ]
