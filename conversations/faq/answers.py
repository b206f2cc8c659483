"""The FAQ: /faq menu (categories → questions → answer), free-text questions, staff tools.

Languages: menus and buttons (category titles, entry questions) are in the reader's language
(`catalogue.current()`); an answer to a typed question is in the language the question was written
in when the entry has it, otherwise in the reader's (English when the entry has neither).

What is shown (buttons, an answer, the "not sure" choices) is built in `views`; its buttons and the
gaps' key are named here too, where /export, /delete and tests import them. A guess is `guesses`'.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import texts
from bot.db.models import Role
from bot.domain.faq import fold, guesses, own_schedule, store
from bot.domain.people.directory import PersonView
from bot.domain.records import audit
from bot.services.context import AppContext
from bot.texts import catalogue
from conversations.common import END, Handlers, download_within, edit_or_reply, fmt, keyboard, member, nudge, reply
from conversations.faq import guesses as guess_view
from conversations.faq.views import MY_GAPS as MY_GAPS
from conversations.faq.views import CategoryButton as CategoryButton
from conversations.faq.views import EntryButton as EntryButton
from conversations.faq.views import HomeButton as HomeButton
from conversations.faq.views import answer_view, entry_rows, faq_store, home, keep_gap, not_sure_markup
from conversations.meetings import schedule as meetings_schedule

PAGE = 6  # questions per page: fits a phone screen without scrolling
UPLOAD = "faq:upload"


@member("faq")
async def faq_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Opens the topic menu."""
    await reply(update, *home(context))


@member("faq")
async def browse(update: Update, context: AppContext, person: PersonView) -> None:
    """Moves through the menu: home, a category page, or one answer."""
    assert update.callback_query is not None
    data = update.callback_query.data
    kb = faq_store(context).kb
    if HomeButton.matches(data):
        await edit_or_reply(update, *home(context))
        return
    if (pressed := EntryButton.try_parse(data)) is not None:
        entry = kb.get(pressed.entry_id)
        if entry is None:  # content was replaced since the button was sent
            await edit_or_reply(update, texts.FAQ_GONE, home(context)[1])
            return
        await edit_or_reply(update, *answer_view(entry, context))
        return
    button = CategoryButton.parse(data)
    category, page = button.category, button.page
    entries = kb.in_category(category)
    title = next((c.title_in(catalogue.current()) for c in kb.categories if c.id == category), None)
    if not entries or title is None:
        await edit_or_reply(update, texts.FAQ_GONE, home(context)[1])
        return
    pages = (len(entries) + PAGE - 1) // PAGE
    page = max(0, min(page, pages - 1))
    rows = entry_rows(entries[page * PAGE : (page + 1) * PAGE])
    nav = []
    if page > 0:
        nav.append((texts.FAQ_PREVIOUS_BUTTON, CategoryButton(category, page - 1).pack()))
    if page < pages - 1:
        nav.append((texts.FAQ_NEXT_BUTTON, CategoryButton(category, page + 1).pack()))
    rows += [nav] if nav else []
    rows.append([(texts.FAQ_HOME_BUTTON, HomeButton().pack())])
    suffix = texts.FAQ_CATEGORY_PAGE.format(page=page + 1, pages=pages) if pages > 1 else ""
    await edit_or_reply(update, fmt(texts.FAQ_CATEGORY_TITLE, title=title, page=suffix), keyboard(rows))


async def answer_text(update: Update, context: AppContext, person: PersonView) -> None:
    """Treats free text as a question: an answer, a guess to confirm, a 'not sure' with topics, or a friendly reply."""
    assert update.message is not None and update.message.text is not None
    question = update.message.text
    result = faq_store(context).ask(question, catalogue.current())
    # "What time is group": their own next days first, then the schedule article if one was found. A
    # client in no series (the clinic keeps its calendar elsewhere) gets the article, as before.
    asked = result.kind != "crisis" and person.role is Role.CLIENT and own_schedule.asks(question)
    days = await meetings_schedule.next_days(context, person) if asked else None
    own = False
    if days is not None and days.in_any_series:
        own = True
        await reply(update, days.text, days.markup)
    if result.kind == "crisis":
        await reply_crisis(update, context)
    elif own and (result.kind != "answer" or result.entry is None or result.entry.category != own_schedule.CATEGORY):
        return  # the days answered it: no "not sure", guess, or article about something else after them
    elif result.kind == "smalltalk":
        await reply(update, texts.FAQ_SMALLTALK, keyboard([[(texts.FAQ_BROWSE_BUTTON, HomeButton().pack())]]))
    elif result.kind == "answer" and result.entry is not None:
        await reply(update, *answer_view(result.entry, context, result.lang))
    elif result.kind == "guess" and result.entry is not None:
        await guess_view.show(update, context, question, result)
    else:
        keep_gap(context, await store.log_gap(context.session, question, result))
        await reply(update, texts.FAQ_NOT_SURE, not_sure_markup(context, question, result.alternatives))


_ASKING = ("what ", "where ", "when ", "how ", "who ", "which ", "why ", "can i ", "do i ", "is there ", "do you ")
# The same in Spanish, read without accents ("¿Dónde...?" -> "donde ..."), chat spellings too ("q", "xq").
_ASKING_ES = (
    "que ",
    "q ",
    "k ",
    "a que ",
    "a q ",
    "donde ",
    "cuando ",
    "cuanto",
    "como ",
    "quien ",
    "cual ",
    "por que ",
    "porque ",
    "xq ",
    "pq ",
    "hay ",
    "puedo ",
    "tienen ",
)


def _asks(text: str) -> bool:
    """Reads as a question ("where can i get narcan", "what time is group?", "¿a qué hora es el grupo"),
    not as words about a feeling."""
    plain = " ".join(text.casefold().split())
    if plain.endswith("?") or plain.startswith(_ASKING) or plain.startswith("¿"):
        return True
    return fold(plain).startswith(_ASKING_ES)


async def answer_if_known(update: Update, context: AppContext) -> bool:
    """Answers a question only when the FAQ knows the answer (no "not sure" list, no small talk)."""
    assert update.message is not None and update.message.text is not None
    if not _asks(update.message.text):
        return False
    result = faq_store(context).ask(update.message.text, catalogue.current())
    if result.kind != "answer" or result.entry is None:
        return False
    await reply(update, *answer_view(result.entry, context, result.lang))
    return True


async def reply_crisis(update: Update, context: AppContext) -> None:
    """Crisis lines at once, and that a person can help now. Never an article."""
    await reply(
        update, fmt(texts.CRISIS_REPLY, crisis_lines=context.services.settings.crisis_lines_in(catalogue.current()))
    )


@member("faqgaps")
async def gaps_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Lists questions the FAQ could not answer, most asked first, without who asked."""
    rows = await store.gaps(context.session)
    # Clients' own words, even without who wrote them: every look is audited.
    audit.record(context.session, "faqgaps.view", actor_person_id=person.id, count=len(rows))
    lines = [texts.FAQ_GAPS_HEADER] if rows else [texts.FAQ_NO_GAPS]
    for g in rows:
        near = fmt(texts.FAQ_GAPS_NEAR, entry=g.best_entry) if g.best_entry else ""
        lines.append(fmt(texts.FAQ_GAPS_LINE, count=g.count, text=g.text[:120]) + near)
    # How the guesses went comes first: the gap list may be cut to fit one message, this never is.
    await reply(update, "\n\n".join([*_guess_summary(await guesses.summary(context.session)), "\n".join(lines)])[:4000])


def _guess_summary(found: guesses.Summary) -> list[str]:
    """One or two lines on the guesses so far (none when there were none), for tuning the guess threshold."""
    if not found.total:
        return []
    text = fmt(texts.FAQ_GUESSES_SUMMARY, yes=found.yes, other=found.other, unanswered=found.unanswered)
    bands = [
        fmt(texts.FAQ_GUESSES_BAND, low=f"{b.low:.2f}", high=f"{b.low + guesses.BAND:.2f}", yes=b.yes, other=b.other)
        for b in found.bands
    ]
    if bands:
        text += "\n" + fmt(texts.FAQ_GUESSES_BANDS, bands=" · ".join(bands))
    return [text]


@member("faqupload")
async def upload_start(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Asks for the FAQ file, or takes it at once when it came with the command as caption."""
    if update.message is not None and update.message.document is not None:
        return await _take_file(update, context, person)
    await nudge(update, context, texts.FAQ_UPLOAD_ASK)
    return UPLOAD


@member("faqupload")
async def upload_file(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Validates the sent file; loads it only when it has no problems."""
    return await _take_file(update, context, person)


async def _take_file(update: Update, context: AppContext, person: PersonView) -> str | int:
    assert update.message is not None and update.message.document is not None
    doc = update.message.document
    data = await download_within(doc, store.MAX_FILE_BYTES)
    if data is None:
        too_large = f"- the file is larger than {store.MAX_FILE_BYTES:,} bytes (or does not say its size)"
        await reply(update, fmt(texts.FAQ_UPLOAD_BAD, problems=too_large))
        return END
    problems = await faq_store(context).replace(context.session, data, person.id)
    if problems:
        listing = "\n".join(f"- {p}" for p in problems[:25])
        if len(problems) > 25:
            listing += f"\n… and {len(problems) - 25} more"
        await reply(update, fmt(texts.FAQ_UPLOAD_BAD, problems=listing)[:4000])
        return END
    kb = faq_store(context).kb
    await reply(update, fmt(texts.FAQ_UPLOAD_OK, entries=len(kb), categories=len(kb.categories)))
    return END


async def upload_wants_file(update: Update, context: AppContext) -> None:
    """Anything but a document while a file is awaited."""
    await nudge(update, context, texts.FAQ_UPLOAD_ASK)


async def upload_cancel(update: Update, context: AppContext) -> int:
    """Stops waiting for a file."""
    await reply(update, texts.CANCELLED)
    return END


def handlers() -> Handlers:
    # Built per Application: a ConversationHandler keeps its states inside the instance.
    upload = ConversationHandler(
        entry_points=[
            CommandHandler("faqupload", upload_start),
            MessageHandler(filters.Document.ALL & filters.CaptionRegex(r"^/faqupload\b"), upload_start),
        ],
        states={UPLOAD: [MessageHandler(filters.Document.ALL, upload_file)]},
        fallbacks=[
            CommandHandler("cancel", upload_cancel),
            MessageHandler(~filters.COMMAND & ~filters.UpdateType.EDITED, upload_wants_file),
        ],
        name="faqupload",
        persistent=True,
        allow_reentry=True,
    )
    return [
        upload,
        CommandHandler("faq", faq_command),
        CommandHandler("faqgaps", gaps_command),
        CallbackQueryHandler(browse, pattern=HomeButton.matches),
        CallbackQueryHandler(browse, pattern=CategoryButton.matches),
        CallbackQueryHandler(browse, pattern=EntryButton.matches),
        CallbackQueryHandler(guess_view.answered, pattern=guess_view.GuessButton.matches),
    ]
