"""/meds: medication reminders: list, add (time, a label or none, sharing), delete; Taken / Skip.

Adding is a short conversation (TIME, LABEL, then SHARE: may the therapist see the answers?). A
dated reminder (an injection, a dose at the clinic) asks the DATE first, then the time the day
before and the label; it has no sharing question (nothing is taken from a reminder the day before).
The reminders are planned into the outbox by the planner job (bot/domain/coping/meds.py); their
Taken / Skip / Snooze buttons are answered here, once per day: a second tap says what was noted,
a deleted reminder says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.clock import now
from bot.core.errors import ValidationFailed
from bot.domain.coping import meds
from bot.domain.coping.med_days import EVERY_DAY, day_names, split_days
from bot.domain.people.directory import PersonView
from bot.domain.people.typed import parse_coming_date, parse_time
from bot.services.context import AppContext
from bot.texts import dates
from conversations.common import END, answer_once, edit_or_reply, fmt, keyboard, member, not_crisis_words, reply

TIME, LABEL, SHARE, DATE = "meds:time", "meds:label", "meds:share", "meds:date"
NEW = "meds_new"  # user_data: the date (dated ones), time and label chosen, while the next question is asked


@callback("med.add")
class MedAdd(CallbackData):
    """➕ Add a reminder."""


@callback("med.date")
class MedAddDate(CallbackData):
    """📅 Add a date (an injection)."""


@callback("med.del")
class MedDelete(CallbackData):
    reminder: int


@callback("med.pause")
class MedPause(CallbackData):
    """Pause (True) or resume (False) a daily reminder from the /meds list."""

    reminder: int
    pause: bool


@callback("med.neutral")
class MedNeutral(CallbackData):
    """Keep the reminder's wording neutral (no label)."""


@callback("med.share")
class MedShare(CallbackData):
    """Whether the therapist may see if the client took it (asked once, at set-up)."""

    shared: bool


def _time(value: Any) -> str:
    return f"{value:%H:%M}"


async def _listing(context: AppContext, person_id: int) -> tuple[str, InlineKeyboardMarkup]:
    found = await meds.listed(context.session, person_id)
    lines = [texts.MED_LIST_HEAD] + [_line(r) for r in found]
    if not found:
        lines.append(texts.MED_LIST_EMPTY)
    rows = []
    for r in found:
        delete_button = (texts.MED_DELETE_BUTTON.format(time=_when(r)), MedDelete(r.id).pack())
        if r.on_date is None:  # a daily one can be paused and resumed
            pause = texts.MED_RESUME_BUTTON if r.paused else texts.MED_PAUSE_BUTTON
            rows.append([(pause.format(time=_when(r)), MedPause(r.id, not r.paused).pack()), delete_button])
        else:
            rows.append([delete_button])
    rows.append([(texts.MED_ADD_BUTTON, MedAdd().pack())])
    rows.append([(texts.MED_ADD_DATE_BUTTON, MedAddDate().pack())])
    return "\n".join(lines), keyboard(rows)


@member("meds")
async def show(update: Update, context: AppContext, person: PersonView) -> None:
    """Lists the client's reminders (daily, and dated ones still to come) with Add, Pause or Resume, Delete."""
    await answer_once(update)
    await reply(update, *await _listing(context, person.id))


@member("meds")
async def pause(update: Update, context: AppContext, person: PersonView) -> None:
    """Pauses or resumes one daily reminder and shows the list again, in place."""
    assert update.callback_query is not None
    data = MedPause.parse(update.callback_query.data)
    if not await meds.set_paused(context.session, person.id, data.reminder, data.pause):
        await answer_once(update, texts.MED_GONE)
        return
    await answer_once(update)
    reminder = next(r for r in await meds.listed(context.session, person.id) if r.id == data.reminder)
    done = (texts.MED_PAUSED_DONE if data.pause else texts.MED_RESUMED_DONE).format(time=_when(reminder))
    text, markup = await _listing(context, person.id)
    await edit_or_reply(update, f"{done}\n\n{text}", markup)  # opens with the confirmation: sent after the commit


def _when(r: meds.Reminder) -> str:
    """How a reminder is named on its delete button and when deleted: its time, or its date."""
    return _time(r.at_local) if r.on_date is None else dates.short_day(r.on_date)


def _line(r: meds.Reminder) -> str:
    label = f" · {r.label}" if r.label else ""
    if r.on_date is None:
        days = "" if r.weekdays == EVERY_DAY else f" · {day_names(r.weekdays)}"
        line = fmt(texts.MED_LIST_LINE, time=_time(r.at_local), label=days + label)
        return line + texts.MED_LIST_PAUSED if r.paused else line
    return fmt(texts.MED_LIST_DATE_LINE, date=dates.short_day(r.on_date), time=_time(r.at_local), label=label)


@member("meds")
async def add(update: Update, context: AppContext, person: PersonView) -> str:
    """Asks for the time of the new reminder."""
    return await _begin(update, context, texts.MED_ASK_TIME, TIME)


@member("meds")
async def add_date(update: Update, context: AppContext, person: PersonView) -> str:
    """Asks for the date of a dated reminder (an injection, a dose at the clinic)."""
    return await _begin(update, context, texts.MED_ASK_DATE, DATE)


async def _begin(update: Update, context: AppContext, question: str, state: str) -> str:
    """A new reminder starts empty (no date or time left from an earlier try), with its first question."""
    await answer_once(update)
    if context.user_data is not None:
        context.user_data[NEW] = {}
    await reply(update, question)
    return state


@not_crisis_words  # crisis words are never a date, a time or a label: the crisis reply stands alone
@member("meds")
async def typed_date(update: Update, context: AppContext, person: PersonView) -> str:
    """Takes a date from today on (in the client's zone), then asks for the time the day before."""
    assert update.message is not None and update.message.text is not None and context.user_data is not None
    today = now().astimezone(ZoneInfo(person.timezone)).date()
    try:
        day = parse_coming_date(update.message.text, today)
    except ValidationFailed:
        await reply(update, texts.MED_BAD_DATE)
        return DATE
    context.user_data[NEW] = {"on": day.isoformat()}
    await reply(update, texts.MED_ASK_DATE_TIME)
    return TIME


@not_crisis_words
async def typed_time(update: Update, context: AppContext) -> str:
    """Takes the time, then asks for a label."""
    assert update.message is not None and update.message.text is not None and context.user_data is not None
    chosen = context.user_data.get(NEW)
    on = chosen.get("on") if isinstance(chosen, dict) else None
    try:  # a daily reminder may name its days after the time ("8am mon wed fri"); a dated one has its date
        said, days = (update.message.text, EVERY_DAY) if isinstance(on, str) else split_days(update.message.text)
        at = parse_time(said)
    except ValidationFailed:
        await reply(update, texts.MED_BAD_TIME)
        return TIME
    context.user_data[NEW] = {"time": _time(at), "days": days} | ({"on": on} if isinstance(on, str) else {})
    await reply(update, texts.MED_ASK_LABEL, keyboard([[(texts.MED_NEUTRAL_BUTTON, MedNeutral().pack())]]))
    return LABEL


async def _ask_share(update: Update, context: AppContext, label: str | None) -> str | int:
    """Keeps the label and asks whether the therapist may see the answers."""
    assert context.user_data is not None
    chosen = context.user_data.get(NEW)
    if not isinstance(chosen, dict):
        await reply(update, texts.MED_ASK_TIME)
        return TIME
    chosen["label"] = label
    if isinstance(chosen.get("on"), str):
        return await save_dated(update, context)  # nothing to share about a reminder the day before
    yes, no = MedShare(shared=True).pack(), MedShare(shared=False).pack()
    await reply(update, texts.MED_ASK_SHARE, keyboard([[(texts.MED_SHARE_YES, yes), (texts.MED_SHARE_NO, no)]]))
    return SHARE


@not_crisis_words  # a label shows on the lock screen
async def typed_label(update: Update, context: AppContext) -> str | int:
    """Takes the client's own label, then asks about sharing."""
    assert update.message is not None and update.message.text is not None
    return await _ask_share(update, context, update.message.text)


async def neutral(update: Update, context: AppContext) -> str | int:
    """Keeps the wording neutral, then asks about sharing."""
    await answer_once(update)
    return await _ask_share(update, context, None)


@member("meds")
async def share(update: Update, context: AppContext, person: PersonView) -> int:
    """Saves the reminder with the client's choice about sharing."""
    assert update.callback_query is not None and context.user_data is not None
    data = MedShare.parse(update.callback_query.data)
    await answer_once(update)
    chosen = context.user_data.pop(NEW, None)
    if not isinstance(chosen, dict) or "time" not in chosen:
        await reply(update, texts.MED_CANCELLED)
        return END
    label, days = chosen.get("label"), str(chosen.get("days", EVERY_DAY))
    added = await meds.add(
        context.session,
        person.id,
        parse_time(chosen["time"]),
        label if isinstance(label, str) else None,
        shared=data.shared,
        weekdays=days,
    )
    if added is None:
        await reply(update, texts.MED_TOO_MANY)
    elif days == EVERY_DAY:
        await reply(update, texts.MED_ADDED.format(time=chosen["time"]))
    else:
        await reply(update, texts.MED_ADDED_DAYS.format(time=chosen["time"], days=day_names(days)))
    return END


@member("meds")
async def save_dated(update: Update, context: AppContext, person: PersonView) -> int:
    """Saves a dated reminder: the day before its date, at the time chosen."""
    assert context.user_data is not None
    chosen = context.user_data.pop(NEW, None)
    if not isinstance(chosen, dict) or not isinstance(chosen.get("on"), str) or "time" not in chosen:
        await reply(update, texts.MED_CANCELLED)
        return END
    on, at = dt.date.fromisoformat(chosen["on"]), parse_time(chosen["time"])
    label = chosen.get("label")
    added = await meds.add(context.session, person.id, at, label if isinstance(label, str) else None, on_date=on)
    if added is None:
        await reply(update, texts.MED_TOO_MANY)
    else:
        before = dates.short_day(on - dt.timedelta(days=1))
        await reply(update, fmt(texts.MED_DATE_ADDED, day=before, time=chosen["time"], date=dates.short_day(on)))
    return END


async def cancel(update: Update, context: AppContext) -> int:
    """Stops adding; nothing saved."""
    if context.user_data is not None:
        context.user_data.pop(NEW, None)
    await reply(update, texts.MED_CANCELLED)
    return END


async def not_text(update: Update, context: AppContext) -> None:
    """Stickers and the like while adding: say what is needed."""
    await reply(update, texts.MED_USE_BUTTONS)


@member("meds")
async def delete(update: Update, context: AppContext, person: PersonView) -> None:
    """Deletes one reminder (its future rows are not planned any more)."""
    assert update.callback_query is not None
    data = MedDelete.parse(update.callback_query.data)
    await answer_once(update)
    reminder = next((r for r in await meds.listed(context.session, person.id) if r.id == data.reminder), None)
    if reminder is None or not await meds.remove(context.session, person.id, data.reminder):
        await reply(update, texts.MED_GONE)
        return
    await edit_or_reply(update, texts.MED_DELETED.format(time=_when(reminder)))


@member("meds")
async def taken_or_skipped(update: Update, context: AppContext, person: PersonView) -> None:
    """Stores Taken or Skip for that day's reminder; a second tap keeps the first answer and says so."""
    assert update.callback_query is not None
    data = meds.MedAnswer.parse(update.callback_query.data)
    outcome = await meds.answer(context.session, person.id, data)
    if outcome == "gone":
        await answer_once(update, texts.MED_GONE)
        return
    if outcome.startswith("already:"):
        status = outcome.split(":", 1)[1]
        await answer_once(update, texts.MED_ALREADY.format(status=texts.MED_STATUS.get(status, status)))
        return
    await answer_once(update)
    said = {
        meds.Answer.TAKEN: texts.MED_TAKEN_SAVED,
        meds.Answer.SKIPPED: texts.MED_SKIPPED_SAVED,
        meds.Answer.SNOOZE: texts.MED_SNOOZED,
    }
    await reply(update, said[data.answer])


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    text = filters.TEXT & ~filters.COMMAND & ~filters.UpdateType.EDITED
    conversation = ConversationHandler(
        entry_points=[
            CallbackQueryHandler(add, pattern=MedAdd.matches),
            CallbackQueryHandler(add_date, pattern=MedAddDate.matches),
        ],
        states={
            DATE: [MessageHandler(text, typed_date)],
            TIME: [MessageHandler(text, typed_time)],
            LABEL: [MessageHandler(text, typed_label), CallbackQueryHandler(neutral, pattern=MedNeutral.matches)],
            SHARE: [CallbackQueryHandler(share, pattern=MedShare.matches)],
        },
        fallbacks=[
            CommandHandler("cancel", cancel),
            MessageHandler(~filters.COMMAND & ~filters.UpdateType.EDITED, not_text),
        ],
        name="meds",
        persistent=True,
    )
    return [
        conversation,
        CommandHandler("meds", show),
        CallbackQueryHandler(delete, pattern=MedDelete.matches),
        CallbackQueryHandler(pause, pattern=MedPause.matches),
        CallbackQueryHandler(taken_or_skipped, pattern=meds.MedAnswer.matches),
    ]
