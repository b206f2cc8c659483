"""/meetings for staff: the calendar; add or edit a series, cancel or move one date, cancel a series, .ics."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.clock import now
from bot.core.errors import ValidationFailed
from bot.db.models import Person
from bot.domain.meetings import changes, forms, ical_export, ical_import, schedule
from bot.domain.meetings.changes import ChangeReport
from bot.domain.people.directory import PersonView
from bot.services.context import AppContext
from bot.texts import wording
from conversations.common import (
    END,
    STRAY,
    Handlers,
    answer_once,
    download_within,
    edit_or_reply,
    fmt,
    keyboard,
    member,
    not_crisis_words,
    reply,
    use_buttons,
)
from conversations.meetings import add as meetings_add
from conversations.meetings import dates as meetings_dates
from conversations.meetings import edit as meetings_edit
from conversations.meetings.add import Pick, Save, add_start
from conversations.meetings.common import (
    DATE,
    DRAFT,
    EDIT,
    MENU,
    MOVE,
    CancelDate,
    Menu,
    MoveDate,
    Open,
    clinic_zone,
    example_time,
    gone,
    meeting_draft,
    new_draft,
    occurrence_text,
    time_examples,
    typed_step,
    typed_when,
)
from conversations.meetings.dates import OtherDate, RestoreDate
from conversations.meetings.edit import Edit, EditPick, EditWhat

__all__ = [
    "Add",
    "CancelDate",
    "CancelSeries",
    "Edit",
    "EditPick",
    "EditWhat",
    "Menu",
    "MoveDate",
    "Open",
    "OtherDate",
    "Pick",
    "RestoreDate",
    "Save",
]

SHOWN = 20  # series listed; a clinic has a handful
DATES = 6  # next dates offered to cancel or move
MAX_ICS = ical_import.MAX_BYTES


@callback("mt.add")
class Add(CallbackData):
    """Start adding a series."""


@callback("mt.exp")
class Export(CallbackData):
    """Send the calendar as an .ics file."""


@callback("mt.cxs")
class CancelSeries(CallbackData):
    series: int
    sure: bool = False


async def _codes(context: AppContext) -> dict[int, str]:
    rows = await context.session.execute(select(Person.id, Person.code))
    return dict(rows.tuples().all())


def _audience(s: schedule.Series, codes: dict[int, str]) -> str:
    return forms.describe_audience(s, codes.get(s.client_id or 0, ""), codes.get(s.therapist_id or 0, ""))


@member("meetings")
async def open_menu(update: Update, context: AppContext, person: PersonView) -> str:
    """Lists the calendar's series with buttons to open, add and export."""
    cal = await schedule.load(context.session)
    codes = await _codes(context)
    lines = [texts.MEETINGS_MENU if cal.series else texts.MEETINGS_NONE]
    rows = []
    for s in cal.series[:SHOWN]:
        when, audience = forms.describe_when(s), _audience(s, codes)
        lines.append(fmt(texts.MEETINGS_LINE, sid=s.id, title=s.title, when=when, audience=audience))
        rows.append([(f"M-{s.id} · {s.title}"[:60], Open(series=s.id).pack())])
    rows.append([(texts.MEETINGS_ADD, Add().pack()), (texts.MEETINGS_EXPORT, Export().pack())])
    await edit_or_reply(update, "\n".join(lines), keyboard(rows))
    return MENU


@member("meetings")
async def export(update: Update, context: AppContext, person: PersonView) -> str:
    """Sends the whole calendar as an .ics file."""
    data = ical_export.export_ics(await schedule.load(context.session), now(), codes=await _codes(context))
    await answer_once(update)
    if update.effective_chat is not None:
        await update.effective_chat.send_document(data, filename="calendar.ics", caption=texts.MEETINGS_EXPORT_CAPTION)
    return MENU


@member("meetings")
async def import_file(update: Update, context: AppContext, person: PersonView) -> str:
    """Imports an .ics document: all of it, or nothing with the problems listed."""
    assert update.message is not None and update.message.document is not None
    doc = update.message.document
    data = await download_within(doc, MAX_ICS)
    if data is None:
        too_large = f"- the file is larger than {MAX_ICS:,} bytes (or does not say its size)"
        await reply(update, fmt(texts.MEETINGS_IMPORT_BAD, problems=too_large))
        return MENU
    settings = context.services.settings
    try:  # the whole file is checked before the first write: a refused one leaves nothing behind
        report = await ical_import.import_ics(
            context.session, data, settings.clinic_timezone, person.id, now(), settings.calendar_read_seconds
        )
    except ical_import.ImportRefused as exc:
        listing = "\n".join(f"- {p}" for p in exc.problems[:20])
        await reply(update, fmt(texts.MEETINGS_IMPORT_BAD, problems=listing)[:4000])
        return MENU
    notices = report.change.notices
    await reply(
        update,
        fmt(
            texts.MEETINGS_IMPORT_OK,
            added=report.added,
            updated=report.updated,
            unchanged=report.unchanged,
            notices=wording.count(notices, "client"),
        ),
    )
    return MENU


@member("meetings")
async def open_series(update: Update, context: AppContext, person: PersonView) -> str:
    """Shows one series with its next dates, each to cancel or move, and a button to cancel it all."""
    assert update.callback_query is not None
    sid = Open.parse(update.callback_query.data).series
    return await _show_series(update, context, sid)


async def _show_series(update: Update, context: AppContext, sid: int) -> str:
    cal = await schedule.load(context.session, ids=[sid])
    s = cal.get(sid)
    if s is None:
        return await gone(update)
    codes = await _codes(context)
    t = now()
    dates = cal.upcoming(t, t + dt.timedelta(days=28))[:DATES]  # with today's all-day event
    where = f" · {s.where}" if s.where else ""
    text = fmt(
        texts.MEETINGS_SERIES,
        sid=s.id,
        title=s.title,
        kind=s.kind,
        public=s.public_title,
        when=forms.describe_when(s),
        audience=_audience(s, codes),
        where=where,
    )
    rows = []
    for occ in dates:
        sid_, at = occ.key
        day = occurrence_text(occ, context)
        rows.append(
            [
                (fmt(texts.MEETINGS_CANCEL_DATE, day=day), CancelDate(series=sid_, at=at).pack()),
                (fmt(texts.MEETINGS_MOVE_DATE, day=day), MoveDate(series=sid_, at=at).pack()),
            ]
        )
    text += (
        "\n" + "\n".join(f"• {occurrence_text(o, context)}" + (" (moved)" if o.moved else "") for o in dates)
        if dates
        else texts.MEETINGS_SERIES_EMPTY
    )
    rows += meetings_dates.restore_rows(cal, s, context)
    rows.append([(texts.MEETINGS_OTHER_DATE, OtherDate(series=sid).pack())])
    rows.append(
        [
            (texts.MEETINGS_EDIT, Edit(series=sid).pack()),
            (texts.MEETINGS_CANCEL_SERIES, CancelSeries(series=sid).pack()),
        ]
    )
    rows.append([(texts.MEETINGS_BACK, Menu().pack())])
    await edit_or_reply(update, text, keyboard(rows))
    return MENU


def _done(report: ChangeReport) -> str:
    return fmt(
        texts.MEETINGS_DONE_CHANGE,
        cancelled=wording.count(report.cancelled, "date"),
        moved=report.moved,
        notices=wording.count(report.notices, "client"),
        reminders=wording.count(report.reminders_cancelled, "pending reminder"),
    )


@member("meetings")
async def cancel_date(update: Update, context: AppContext, person: PersonView) -> str:
    """Asks to confirm, then cancels one date and tells its clients."""
    assert update.callback_query is not None
    data = CancelDate.parse(update.callback_query.data)
    original = dt.datetime.fromtimestamp(data.at, dt.UTC)
    occ = await schedule.occurrence(context.session, data.series, original)
    if occ is None:
        return await gone(update)
    if not data.sure:
        rows = [
            [
                (texts.MEETINGS_YES_CANCEL, CancelDate(series=data.series, at=data.at, sure=True).pack()),
                (texts.MEETINGS_NO, Open(series=data.series).pack()),
            ]
        ]
        await edit_or_reply(
            update,
            fmt(texts.MEETINGS_CONFIRM_DATE, title=occ.series.title, day=occurrence_text(occ, context)),
            keyboard(rows),
        )
        return MENU
    report = await changes.cancel_occurrence(context.session, data.series, original, person.id, now())
    context.after_commit(context.services.delivery.wake.set)
    await edit_or_reply(update, _done(report), keyboard([[(texts.MEETINGS_BACK, Open(series=data.series).pack())]]))
    return MENU


@member("meetings")
async def move_ask(update: Update, context: AppContext, person: PersonView) -> str:
    """Asks for the new date and time of one occurrence."""
    assert update.callback_query is not None
    data = MoveDate.parse(update.callback_query.data)
    original = dt.datetime.fromtimestamp(data.at, dt.UTC)
    occ = await schedule.occurrence(context.session, data.series, original)
    if occ is None:
        return await gone(update)
    new_draft(context)["move"] = [data.series, data.at]
    zone = context.services.settings.clinic_timezone
    ask = fmt(texts.MEETINGS_MOVE_ASK, day=occurrence_text(occ, context), zone=zone, example=example_time(context))
    await edit_or_reply(update, ask)
    return MOVE


@not_crisis_words
@member("meetings")
async def move_text(update: Update, context: AppContext, person: PersonView) -> str:
    """Moves the occurrence to the typed time and tells its clients."""
    assert update.message is not None and update.message.text is not None
    series_id, at = meeting_draft(context).get("move", [0, 0])
    try:
        wall = typed_when(context, update.message.text)
        new_start = schedule.wall_to_utc(wall, clinic_zone(context))
        report = await changes.move_occurrence(
            context.session, series_id, dt.datetime.fromtimestamp(at, dt.UTC), new_start, person.id, now()
        )
    except ValidationFailed as exc:
        await reply(
            update,
            fmt(texts.MEETINGS_REFUSED, reason=str(exc))
            + "\n"
            + fmt(texts.MEETINGS_TIME_BAD, **time_examples(context)),
        )
        return MOVE
    context.after_commit(context.services.delivery.wake.set)
    await reply(update, _done(report), keyboard([[(texts.MEETINGS_BACK, Open(series=series_id).pack())]]))
    return MENU


@member("meetings")
async def cancel_series(update: Update, context: AppContext, person: PersonView) -> str:
    """Asks to confirm, then ends a series and tells its clients."""
    assert update.callback_query is not None
    data = CancelSeries.parse(update.callback_query.data)
    cal = await schedule.load(context.session, ids=[data.series])
    s = cal.get(data.series)
    if s is None:
        return await gone(update)
    if not data.sure:
        rows = [
            [
                (texts.MEETINGS_YES_CANCEL, CancelSeries(series=s.id, sure=True).pack()),
                (texts.MEETINGS_NO, Open(series=s.id).pack()),
            ]
        ]
        await edit_or_reply(update, fmt(texts.MEETINGS_CONFIRM_SERIES, title=s.title), keyboard(rows))
        return MENU
    report = await changes.cancel_series(context.session, s.id, person.id, now())
    context.after_commit(context.services.delivery.wake.set)
    await edit_or_reply(update, _done(report), keyboard([[(texts.MEETINGS_BACK, Menu().pack())]]))
    return MENU


async def cancel(update: Update, context: AppContext) -> int:
    """Leaves /meetings."""
    if context.user_data:
        context.user_data.pop(DRAFT, None)
    await reply(update, texts.CANCELLED)
    return END


def _time_type(context: AppContext) -> str:
    return fmt(texts.MEETINGS_START_TYPE, example=example_time(context), zone=context.services.settings.clinic_timezone)


def handlers() -> Handlers:
    ics = filters.Document.FileExtension("ics")
    typed = filters.TEXT & ~filters.COMMAND
    buttons: Handlers = [
        CallbackQueryHandler(open_menu, pattern=Menu.matches),
        CallbackQueryHandler(open_series, pattern=Open.matches),
        CallbackQueryHandler(export, pattern=Export.matches),
        CallbackQueryHandler(cancel_date, pattern=CancelDate.matches),
        CallbackQueryHandler(move_ask, pattern=MoveDate.matches),
        CallbackQueryHandler(cancel_series, pattern=CancelSeries.matches),
        CallbackQueryHandler(add_start, pattern=Add.matches),
        *meetings_edit.buttons(),
        *meetings_dates.buttons(),
        MessageHandler(ics, import_file),
    ]
    return [
        ConversationHandler(
            # The list's buttons work after the conversation ended too (a message scrolled back to).
            entry_points=[CommandHandler("meetings", open_menu), *buttons],
            states={
                MENU: buttons,
                # Buttons (and an .ics document) first: the stray-input answer takes any other non-text.
                MOVE: [*buttons, MessageHandler(typed, move_text), MessageHandler(STRAY, typed_step(_time_type))],
                EDIT: [*buttons, *meetings_edit.typed()],
                DATE: [*buttons, *meetings_dates.typed()],
                **meetings_add.states(),
            },
            fallbacks=[
                CommandHandler("cancel", cancel),
                MessageHandler(~filters.COMMAND & ~filters.UpdateType.EDITED, use_buttons),
            ],
            name="meetings",
            persistent=True,
            allow_reentry=True,
        )
    ]
