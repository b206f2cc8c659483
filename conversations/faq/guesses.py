"""A guess: the FAQ's likely article, shown with "Did I get that right?", and the two buttons under it.

"Yes, thanks" keeps the article and thanks them; "Show other topics" offers the next closest
entries, Browse topics and Ask my care team, as "not sure" does, and keeps the question as a gap.
Either way the answer is recorded once (bot/domain/faq/guesses.py), without the words or who
asked. The buttons carry only the guess's id; the asker's own state (user_data) lists the guesses
they were shown, with the question until they answer, so a button works after a restart, a
second press is told it was answered, and a forged or someone else's id is refused.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.db.faq_models import GuessOutcome
from bot.domain.faq import SearchResult, guesses, store
from bot.domain.people.directory import PersonView
from bot.services.context import AppContext
from bot.texts import catalogue
from conversations.common import edit_or_reply, invalid_button, keyboard, member, reply
from conversations.faq.views import HomeButton, answer_rows, article, faq_store, keep_gap, not_sure_markup

MY_GUESSES = "faq_guesses"  # user_data: the guesses this person was shown, newest last
KEEP_GUESSES = 5  # an older guess's buttons get the stale-button reply


@callback("faqguess")
class GuessButton(CallbackData):
    guess: int  # FaqGuess.id
    right: bool  # True: "Yes, thanks"; False: "Show other topics"


def _mine(context: AppContext) -> list[dict[str, Any]]:
    kept = context.user_data.get(MY_GUESSES, []) if context.user_data is not None else []
    return [g for g in kept if isinstance(g, dict) and isinstance(g.get("id"), int)]


async def show(update: Update, context: AppContext, question: str, result: SearchResult) -> None:
    """Shows the guessed article in the question's language and asks whether it is what they meant."""
    assert result.entry is not None and context.user_data is not None
    guess = await guesses.record(context.session, result)
    shown = {"id": guess, "question": question, "others": [e.id for e in result.alternatives[:3]]}
    context.user_data[MY_GUESSES] = [*_mine(context)[-(KEEP_GUESSES - 1) :], shown]
    rows = [
        [(texts.FAQ_GUESS_YES_BUTTON, GuessButton(guess, right=True).pack())],
        [(texts.FAQ_GUESS_OTHER_BUTTON, GuessButton(guess, right=False).pack())],
    ]
    await reply(update, f"{article(result.entry, result.lang)}\n\n{texts.FAQ_GUESS_QUESTION}", keyboard(rows))


@member("faq")
async def answered(update: Update, context: AppContext, person: PersonView) -> None:
    """Records "yes" or "other" once, then thanks them or offers the other topics."""
    assert update.callback_query is not None and context.user_data is not None
    pressed = GuessButton.parse(update.callback_query.data)
    mine = next((g for g in _mine(context) if g["id"] == pressed.guess), None)
    found = await guesses.get(context.session, pressed.guess) if mine is not None else None
    if mine is None or found is None:  # not a guess this person was shown (forged, or long gone)
        await invalid_button(update, context)
        return
    catalogue.set_reader(found.lang)  # the rest of this exchange in the language of the question
    outcome = GuessOutcome.YES if pressed.right else GuessOutcome.OTHER
    question = mine.get("question")
    if not isinstance(question, str) or not await guesses.settle(context.session, found.id, outcome):
        await reply(update, texts.FAQ_GUESS_ALREADY, keyboard([[(texts.FAQ_BROWSE_BUTTON, HomeButton().pack())]]))
        return
    # Answered: the question's words leave their state (a missed one is kept as a gap below).
    context.user_data[MY_GUESSES] = [{"id": g["id"]} if g is mine else g for g in _mine(context)]
    kb = faq_store(context).kb
    entry = kb.get(found.entry_id)
    if pressed.right:
        if entry is None:  # the content was replaced since: the thanks alone
            await edit_or_reply(update, texts.FAQ_GUESS_THANKS)
            return
        text = f"{article(entry, found.lang)}\n\n{texts.FAQ_GUESS_THANKS}"
        await edit_or_reply(update, text, keyboard(answer_rows(entry, context)))
        return
    keep_gap(context, await store.log_missed(context.session, question, found.entry_id, found.confidence))
    others = [e for e in (kb.get(i) for i in mine.get("others", []) if isinstance(i, str)) if e is not None]
    await edit_or_reply(update, texts.FAQ_GUESS_OTHER, not_sure_markup(context, question, others))
