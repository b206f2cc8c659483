"""/broadcast and /broadcasts for staff: audience, message or this week's schedule, preview, confirm; live progress.

A typed message is taken to be in the sender's language; from the preview they may add a version in
each other language, and every reader gets theirs (bot.domain.meetings.broadcast_versions).
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.clock import now
from bot.delivery import broadcast_copies
from bot.domain.meetings import broadcast_versions, broadcasts
from bot.domain.meetings.buttons import BroadcastCancel, BroadcastRefresh
from bot.domain.people import directory
from bot.domain.people.directory import PersonView
from bot.domain.records import audit
from bot.services import broadcast_jobs
from bot.services.context import AppContext
from bot.texts import catalogue
from conversations.common import (
    END,
    STRAY,
    Handlers,
    answer_once,
    draft,
    edit_or_reply,
    fmt,
    keyboard,
    member,
    not_crisis_words,
    nudge,
    reply,
    use_buttons,
)
from conversations.meetings import broadcast_preview

AUDIENCE, CONTENT, CONFIRM = "broadcast:audience", "broadcast:content", "broadcast:confirm"
VERSION = "broadcast:version"  # the message in one more language
DRAFT = "broadcast_draft"


@callback("bc.aud")
class PickAudience(CallbackData):
    audience: str


@callback("bc.coh")
class PickCohort(CallbackData):
    index: int


@callback("bc.sched")
class UseSchedule(CallbackData):
    """'This week's schedule' instead of a typed message."""


@callback("bc.ver")
class AddVersion(CallbackData):
    """'Add a version in Español': asks for the message in that language."""

    language: str


@callback("bc.send")
class Confirm(CallbackData):
    ok: bool


def _draft(context: AppContext) -> dict[str, Any]:
    return draft(context, DRAFT)


@member("broadcast")
async def start(update: Update, context: AppContext, person: PersonView) -> str:
    """Asks who the broadcast is for."""
    _draft(context).clear()  # a fresh broadcast
    rows = [[(texts.BROADCAST_AUDIENCE_LABEL[a], PickAudience(audience=a).pack())] for a in broadcasts.AUDIENCES]
    await reply(update, texts.BROADCAST_AUDIENCE_ASK, keyboard(rows))
    return AUDIENCE


@member("broadcast")
async def pick_audience(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Stores the audience (asks for the cohort if needed) and asks for the message."""
    assert update.callback_query is not None
    audience = PickAudience.parse(update.callback_query.data).audience
    if audience not in broadcasts.AUDIENCES:
        await reply(update, texts.STALE_BUTTON)
        return AUDIENCE
    draft = _draft(context)
    draft["audience"], draft["cohort"] = audience, ""
    if audience == "cohort":
        cohorts = await directory.cohorts(context.session)
        draft["cohorts"] = cohorts
        rows = [[(c, PickCohort(index=i).pack())] for i, c in enumerate(cohorts)]
        await edit_or_reply(
            update, texts.BROADCAST_COHORT_ASK if cohorts else texts.BROADCAST_NOBODY, keyboard(rows) if rows else None
        )
        return AUDIENCE if cohorts else END
    return await _ask_content(update)


@member("broadcast")
async def pick_cohort(update: Update, context: AppContext, person: PersonView) -> str:
    """Stores the cohort and asks for the message."""
    assert update.callback_query is not None
    index = PickCohort.parse(update.callback_query.data).index
    cohorts = _draft(context).get("cohorts", [])
    if not 0 <= index < len(cohorts):
        await reply(update, texts.STALE_BUTTON)
        return AUDIENCE
    _draft(context)["cohort"] = cohorts[index]
    return await _ask_content(update)


async def _ask_content(update: Update) -> str:
    rows = [[(texts.BROADCAST_SCHEDULE_BUTTON, UseSchedule().pack())]]
    await edit_or_reply(update, texts.BROADCAST_CONTENT_ASK, keyboard(rows))
    return CONTENT


async def _words(update: Update) -> str | None:
    """The typed message as HTML (the author's bold and links kept, the rest escaped), or None if unusable."""
    assert update.message is not None and update.message.text is not None
    text = update.message.text_html
    if not text.strip():
        await reply(update, texts.BROADCAST_EMPTY)
        return None
    if len(text) > broadcasts.MAX_TEXT:
        await reply(update, fmt(texts.BROADCAST_TOO_LONG, n=len(text)))
        return None
    return text


@not_crisis_words  # words about the sender never become a broadcast; about help (988), the preview follows the note
@member("broadcast")
async def typed(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Takes the typed message (in the sender's language) and shows the preview."""
    text = await _words(update)
    if text is None:
        return CONTENT
    draft = _draft(context)
    language = broadcast_versions.reader_language(person.language)
    draft["content"], draft["text"], draft["language"], draft["versions"] = "text", text, language, {language: text}
    return await _preview(update, context, person)


@member("broadcast")
async def add_version(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Asks for the message in one more language (again, if pressed twice: the last text typed counts)."""
    assert update.callback_query is not None
    language = AddVersion.parse(update.callback_query.data).language
    draft = _draft(context)
    if draft.get("content") != "text" or language not in catalogue.languages() or language == draft.get("language"):
        await reply(update, texts.STALE_BUTTON)
        return CONFIRM if draft.get("content") else END
    draft["adding"] = language
    await reply(update, fmt(texts.BROADCAST_VERSION_ASK, language=broadcast_versions.language_name(language)))
    return VERSION


@not_crisis_words
@member("broadcast")
async def typed_version(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Takes the message in the language asked for and shows the preview with every version."""
    text = await _words(update)
    if text is None:
        return VERSION
    draft = _draft(context)
    language = draft.pop("adding", None)
    if draft.get("content") != "text" or not isinstance(language, str):
        await reply(update, texts.STALE_BUTTON)
        return END
    draft["versions"] = {**draft["versions"], language: text}
    return await _preview(update, context, person)


async def typed_only(update: Update, context: AppContext) -> None:
    """Stickers, photos, files where the message is wanted: say it must be typed."""
    await nudge(update, context, texts.BROADCAST_TEXT_ONLY)


@member("broadcast")
async def use_schedule(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Chooses this week's schedule and shows the preview."""
    draft = _draft(context)
    draft["content"], draft["text"] = "schedule", ""
    return await _preview(update, context, person)


async def _preview(update: Update, context: AppContext, person: PersonView) -> str | int:
    draft = _draft(context)
    found = await broadcasts.recipients(context.session, draft["audience"], draft["cohort"], person.id)
    if not found:
        await reply(update, texts.BROADCAST_NOBODY)
        return END
    rows = [[(texts.BROADCAST_SEND, Confirm(ok=True).pack()), (texts.BROADCAST_DISCARD, Confirm(ok=False).pack())]]
    if draft["content"] == "schedule":
        first = found[0]
        week = (await broadcasts.schedule_texts(context.session, [first], now()))[first.person_id]
        shown = broadcast_preview.schedule(draft, found, week)
    else:
        versions: dict[str, str] = draft["versions"]
        shown = broadcast_preview.typed(draft, found)
        adds = [(c, catalogue.NAMES.get(c, c)) for c in broadcast_versions.missing(versions)]
        add = texts.BROADCAST_ADD_VERSION
        rows = [[(fmt(add, language=name), AddVersion(language=c).pack())] for c, name in adds] + rows
    for i, part in enumerate(shown):
        await reply(update, part, keyboard(rows) if i == len(shown) - 1 else None)
    return CONFIRM


@member("broadcast")
async def confirm(update: Update, context: AppContext, person: PersonView) -> int:
    """Queues the copies and posts the progress message that the progress job keeps current."""
    assert update.callback_query is not None
    draft = context.user_data.pop(DRAFT, {}) if context.user_data else {}
    if not Confirm.parse(update.callback_query.data).ok or "content" not in draft:
        await edit_or_reply(update, texts.BROADCAST_DISCARDED)
        return END
    args = (draft["audience"], draft["cohort"], draft["content"], draft["text"])
    language = draft.get("language", broadcast_versions.reader_language(person.language))
    broadcast_id, _ = await broadcast_copies.start(
        context.session, person.id, *args, now(), language=language, versions=draft.get("versions")
    )
    context.after_commit(context.services.delivery.wake.set)
    p = await broadcasts.progress(context.session, broadcast_id)
    assert p is not None
    text, rows = broadcasts.render(p)
    await answer_once(update)
    assert update.effective_chat is not None
    sent = await update.effective_chat.send_message(text, reply_markup=keyboard(rows))
    await broadcasts.set_shown(
        context.session, broadcast_id, signature=p.signature, chat_id=sent.chat_id, message_id=sent.message_id
    )
    return END


@member("broadcast")
async def refresh(update: Update, context: AppContext, person: PersonView) -> None:
    """Shows the current counts on the progress message."""
    assert update.callback_query is not None
    await _show(update, context, BroadcastRefresh.parse(update.callback_query.data).broadcast)


@member("broadcast")
async def stop(update: Update, context: AppContext, person: PersonView) -> None:
    """Cancels the broadcast's pending copies and shows the counts."""
    assert update.callback_query is not None
    broadcast_id = BroadcastCancel.parse(update.callback_query.data).broadcast
    if not await broadcasts.cancel(context.session, broadcast_id, person.id, now()):
        p = await broadcasts.progress(context.session, broadcast_id)
        if p is not None and p.status != broadcasts.SENDING:
            await answer_once(update, fmt(texts.BROADCAST_ALREADY_OVER, bid=broadcast_id))
    await _show(update, context, broadcast_id)


async def _show(update: Update, context: AppContext, broadcast_id: int) -> None:
    p = await broadcasts.settle(context.session, broadcast_id, now())
    if p is None:
        await reply(update, texts.STALE_BUTTON)
        return
    await answer_once(update)
    if await broadcast_jobs.show(context.bot, p):
        await broadcasts.set_shown(context.session, broadcast_id, signature=p.signature)


@member("broadcasts")
async def history(update: Update, context: AppContext, person: PersonView) -> None:
    """Lists past broadcasts with their counts."""
    found = await broadcasts.history(context.session)
    audit.record(context.session, "broadcasts.view", actor_person_id=person.id, count=len(found))
    if not found:
        await reply(update, texts.BROADCASTS_NONE)
        return
    lines = [texts.BROADCASTS_HEADER]
    for p in found:
        at = p.created_at.astimezone(context.services.settings.zone)
        lines.append(
            fmt(
                texts.BROADCASTS_LINE,
                bid=p.id,
                at=f"{at:%Y-%m-%d %H:%M}",
                audience=p.audience,
                status=p.status,
                sent=p.sent,
                pending=p.pending,
                failed=p.failed,
            )
        )
    await reply(update, "\n".join(lines))


async def cancel(update: Update, context: AppContext) -> int:
    """Leaves /broadcast without sending."""
    if context.user_data:
        context.user_data.pop(DRAFT, None)
    await reply(update, texts.BROADCAST_DISCARDED)
    return END


TYPED = filters.TEXT & ~filters.COMMAND & ~filters.UpdateType.EDITED


def handlers() -> Handlers:
    return [
        ConversationHandler(
            entry_points=[CommandHandler("broadcast", start)],
            states={
                AUDIENCE: [
                    CallbackQueryHandler(pick_audience, pattern=PickAudience.matches),
                    CallbackQueryHandler(pick_cohort, pattern=PickCohort.matches),
                ],
                CONTENT: [
                    CallbackQueryHandler(use_schedule, pattern=UseSchedule.matches),
                    MessageHandler(TYPED, typed),
                    MessageHandler(STRAY, typed_only),
                ],
                CONFIRM: [
                    CallbackQueryHandler(confirm, pattern=Confirm.matches),
                    CallbackQueryHandler(add_version, pattern=AddVersion.matches),
                ],
                VERSION: [  # the preview's buttons still work: Send without it, or ask for another language
                    MessageHandler(TYPED, typed_version),
                    MessageHandler(STRAY, typed_only),
                    CallbackQueryHandler(confirm, pattern=Confirm.matches),
                    CallbackQueryHandler(add_version, pattern=AddVersion.matches),
                ],
            },
            fallbacks=[
                CommandHandler("cancel", cancel),
                MessageHandler(~filters.COMMAND & ~filters.UpdateType.EDITED, use_buttons),
            ],
            name="broadcast",
            persistent=True,
            allow_reentry=True,
        ),
        CommandHandler("broadcasts", history),
        CallbackQueryHandler(refresh, pattern=BroadcastRefresh.matches),
        CallbackQueryHandler(stop, pattern=BroadcastCancel.matches),
    ]
