"""What the FAQ shows, shared by its handlers: the menu's buttons, an answer, and the "not sure" choices.

An answer is in the language of the question it answers (`asked_in`) when the entry has it,
otherwise in the reader's; menus and button labels are in the reader's (`catalogue.current()`).
"""

from __future__ import annotations

from collections.abc import Iterable

from telegram import InlineKeyboardMarkup

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.domain.faq import FaqEntry, store
from bot.services.context import AppContext
from bot.texts import catalogue
from conversations.care import questions as care_questions
from conversations.common import fmt, keyboard

MY_GAPS = "faq_gaps"  # user_data: ids of the unanswered questions this client left, for /delete
KEEP_GAPS = 500


@callback("faqhome")
class HomeButton(CallbackData):
    pass


@callback("faqcat")
class CategoryButton(CallbackData):
    category: str
    page: int


@callback("faqentry")
class EntryButton(CallbackData):
    entry_id: str


def faq_store(context: AppContext) -> store.FaqStore:
    return context.services.faq


def entry_rows(entries: Iterable[FaqEntry]) -> list[list[tuple[str, str]]]:
    """One button per entry, labelled with its question in the reader's language (cut to fit a phone's button)."""
    lang = catalogue.current()
    return [[(e.text(lang).question[:60], EntryButton(e.id).pack())] for e in entries]


def home(context: AppContext) -> tuple[str, InlineKeyboardMarkup]:
    lang = catalogue.current()
    kb = faq_store(context).kb
    rows = [[(c.title_in(lang), CategoryButton(c.id, 0).pack())] for c in kb.categories if kb.in_category(c.id)]
    return texts.FAQ_HOME, keyboard(rows)


def article(entry: FaqEntry, asked_in: str | None = None) -> str:
    """The entry's question and answer, in the language of the question (`asked_in`) when the entry has it."""
    lang = asked_in if asked_in is not None and entry.has(asked_in) else catalogue.current()
    shown = entry.text(lang)  # English when the entry has neither language
    return fmt(texts.FAQ_ANSWER, question=shown.question, answer=shown.answer)


def answer_rows(entry: FaqEntry, context: AppContext) -> list[list[tuple[str, str]]]:
    """Under an answer: up to three related entries, then back to its topic and to all topics."""
    rows = entry_rows(faq_store(context).kb.related_to(entry)[:3])
    rows.append(
        [
            (texts.FAQ_BACK_BUTTON, CategoryButton(entry.category, 0).pack()),
            (texts.FAQ_HOME_BUTTON, HomeButton().pack()),
        ]
    )
    return rows


def answer_view(entry: FaqEntry, context: AppContext, asked_in: str | None = None) -> tuple[str, InlineKeyboardMarkup]:
    """The answer, in the language of the question (`asked_in`) when the entry has it, else the reader's."""
    return article(entry, asked_in), keyboard(answer_rows(entry, context))


def not_sure_markup(context: AppContext, question: str, closest: Iterable[FaqEntry]) -> InlineKeyboardMarkup:
    """The closest entries (three at most), Browse topics, and Ask my care team (which keeps `question` to send)."""
    rows = entry_rows(list(closest)[:3])
    rows.append([(texts.FAQ_BROWSE_BUTTON, HomeButton().pack())])
    rows.append([(texts.FAQ_ASK_TEAM_BUTTON, care_questions.offer_to_send(context, question))])
    return keyboard(rows)


def keep_gap(context: AppContext, gap: int | None) -> None:
    """Remember an unanswered question's id in the asker's own state: theirs alone to know, so /delete finds it."""
    if gap is not None and context.user_data is not None:
        context.user_data[MY_GAPS] = [*context.user_data.get(MY_GAPS, [])[-(KEEP_GAPS - 1) :], gap]
