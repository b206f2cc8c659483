"""/meetings for staff: the calendar; add a series step by step, cancel or move one date, cancel a series, .ics."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.clock import now
from bot.core.errors import ValidationFailed
from bot.db.models import Person, Role
from bot.domain import ical_export, ical_import, meeting_forms, meetings, people, schedule
from bot.domain.meetings import ChangeReport
from bot.domain.people import PersonView
from bot.domain.schedule import Series
from bot.services.context import AppContext
from conversations.common import END, answer_once, edit_or_reply, fmt, keyboard, member, reply

MENU, MOVE, TITLE, KIND, AUDIENCE, CLIENT, START, REPEAT, DURATION, PLACE, CONFIRM = (
    f"meetings:{s}"
    for s in ("menu", "move", "title", "kind", "audience", "client", "start", "repeat", "duration", "place", "confirm")
)
DRAFT = "meeting_draft"
SHOWN = 20  # series listed; a clinic has a handful
DATES = 6  # next dates offered to cancel or move
MAX_ICS = ical_import.MAX_BYTES


@callback("mt.open")
class Open(CallbackData):
    series: int


@callback("mt.menu")
class Menu(CallbackData):
    """Back to the list."""


@callback("mt.add")
class Add(CallbackData):
    """Start adding a series."""


@callback("mt.exp")
class Export(CallbackData):
    """Send the calendar as an .ics file."""


@callback("mt.cxd")
class CancelDate(CallbackData):
    series: int
    at: int
    sure: bool = False


@callback("mt.mvd")
class MoveDate(CallbackData):
    series: int
    at: int


@callback("mt.cxs")
class CancelSeries(CallbackData):
    series: int
    sure: bool = False


@callback("mt.pick")
class Pick(CallbackData):
    """A choice in the add flow: kind, audience, cohort (by index), repeat, skip place."""

    field: str
    value: str


@callback("mt.save")
class Save(CallbackData):
    ok: bool


def _zone(context: AppContext) -> Any:
    return context.services.settings.zone


def _example(context: AppContext) -> str:
    return meeting_forms.example(now().astimezone(_zone(context)))


def _day(at: dt.datetime, context: AppContext) -> str:
    local = at.astimezone(_zone(context))
    return f"{local:%a} {local.day} {local:%b} {local:%H:%M}"


async def _codes(context: AppContext) -> dict[int, str]:
    rows = await context.session.execute(select(Person.id, Person.code))
    return dict(rows.tuples().all())


@member("meetings")
async def open_menu(update: Update, context: AppContext, person: PersonView) -> str:
    """Lists the calendar's series with buttons to open, add and export."""
    cal = await schedule.load(context.session)
    codes = await _codes(context)
    lines = [texts.MEETINGS_MENU if cal.series else texts.MEETINGS_NONE]
    rows = []
    for s in cal.series[:SHOWN]:
        when, audience = (
            meeting_forms.describe_when(s),
            meeting_forms.describe_audience(s, codes.get(s.client_id or 0, "")),
        )
        lines.append(fmt(texts.MEETINGS_LINE, sid=s.id, title=s.title, when=when, audience=audience))
        rows.append([(f"S-{s.id} · {s.title}"[:60], Open(series=s.id).pack())])
    rows.append([(texts.MEETINGS_ADD, Add().pack()), (texts.MEETINGS_EXPORT, Export().pack())])
    await edit_or_reply(update, "\n".join(lines), keyboard(rows))
    return MENU


@member("meetings")
async def export(update: Update, context: AppContext, person: PersonView) -> str:
    """Sends the whole calendar as an .ics file."""
    data = ical_export.export_ics(await schedule.load(context.session), now(), client_codes=await _codes(context))
    await answer_once(update)
    if update.effective_chat is not None:
        await update.effective_chat.send_document(data, filename="calendar.ics", caption=texts.MEETINGS_EXPORT_CAPTION)
    return MENU


@member("meetings")
async def import_file(update: Update, context: AppContext, person: PersonView) -> str:
    """Imports an .ics document: all of it, or nothing with the problems listed."""
    assert update.message is not None and update.message.document is not None
    doc = update.message.document
    if doc.file_size and doc.file_size > MAX_ICS:
        await reply(update, fmt(texts.MEETINGS_IMPORT_BAD, problems=f"- the file is larger than {MAX_ICS:,} bytes"))
        return MENU
    data = bytes(await (await doc.get_file()).download_as_bytearray())
    settings = context.services.settings
    try:  # the whole file is checked before the first write: a refused one leaves nothing behind
        report = await ical_import.import_ics(context.session, data, settings.clinic_timezone, person.id, now())
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
            notices=notices,
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
        await edit_or_reply(update, texts.MEETINGS_GONE, keyboard([[(texts.MEETINGS_BACK, Menu().pack())]]))
        return MENU
    codes = await _codes(context)
    t = now()
    dates = cal.occurrences(t, t + dt.timedelta(days=28))[:DATES]
    where = f" · {s.where}" if s.where else ""
    text = fmt(
        texts.MEETINGS_SERIES,
        sid=s.id,
        title=s.title,
        kind=s.kind,
        public=s.public_title,
        when=meeting_forms.describe_when(s),
        audience=meeting_forms.describe_audience(s, codes.get(s.client_id or 0, "")),
        where=where,
    )
    rows = []
    for occ in dates:
        sid_, at = occ.key
        day = _day(occ.start, context)
        rows.append(
            [
                (fmt(texts.MEETINGS_CANCEL_DATE, day=day), CancelDate(series=sid_, at=at).pack()),
                (fmt(texts.MEETINGS_MOVE_DATE, day=day), MoveDate(series=sid_, at=at).pack()),
            ]
        )
    text += (
        "\n" + "\n".join(f"• {_day(o.start, context)}" + (" (moved)" if o.moved else "") for o in dates)
        if dates
        else texts.MEETINGS_SERIES_EMPTY
    )
    rows.append([(texts.MEETINGS_CANCEL_SERIES, CancelSeries(series=sid).pack())])
    rows.append([(texts.MEETINGS_BACK, Menu().pack())])
    await edit_or_reply(update, text, keyboard(rows))
    return MENU


def _done(report: ChangeReport) -> str:
    return fmt(
        texts.MEETINGS_DONE_CHANGE,
        cancelled=report.cancelled,
        moved=report.moved,
        notices=report.notices,
        reminders=report.reminders_cancelled,
    )


@member("meetings")
async def cancel_date(update: Update, context: AppContext, person: PersonView) -> str:
    """Asks to confirm, then cancels one date and tells its clients."""
    assert update.callback_query is not None
    data = CancelDate.parse(update.callback_query.data)
    original = dt.datetime.fromtimestamp(data.at, dt.UTC)
    occ = await schedule.occurrence(context.session, data.series, original)
    if occ is None:
        await edit_or_reply(update, texts.MEETINGS_GONE, keyboard([[(texts.MEETINGS_BACK, Menu().pack())]]))
        return MENU
    if not data.sure:
        rows = [
            [
                (texts.MEETINGS_YES_CANCEL, CancelDate(series=data.series, at=data.at, sure=True).pack()),
                (texts.MEETINGS_NO, Open(series=data.series).pack()),
            ]
        ]
        await edit_or_reply(
            update,
            fmt(texts.MEETINGS_CONFIRM_DATE, title=occ.series.title, day=_day(occ.start, context)),
            keyboard(rows),
        )
        return MENU
    report = await meetings.cancel_occurrence(context.session, data.series, original, person.id, now())
    context.services.delivery.wake.set()
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
        await edit_or_reply(update, texts.MEETINGS_GONE)
        return MENU
    context.user_data[DRAFT] = {"move": [data.series, data.at]}  # type: ignore[index]
    zone = context.services.settings.clinic_timezone
    await edit_or_reply(
        update, fmt(texts.MEETINGS_MOVE_ASK, day=_day(occ.start, context), zone=zone, example=_example(context))
    )
    return MOVE


@member("meetings")
async def move_text(update: Update, context: AppContext, person: PersonView) -> str:
    """Moves the occurrence to the typed time and tells its clients."""
    assert update.message is not None and update.message.text is not None
    series_id, at = (context.user_data or {}).get(DRAFT, {}).get("move", [0, 0])
    try:
        wall = meeting_forms.parse_local(update.message.text)
        new_start = schedule.wall_to_utc(wall, _zone(context))
        report = await meetings.move_occurrence(
            context.session, series_id, dt.datetime.fromtimestamp(at, dt.UTC), new_start, person.id, now()
        )
    except ValidationFailed as exc:
        await reply(
            update,
            fmt(texts.MEETINGS_REFUSED, reason=str(exc))
            + "\n"
            + fmt(texts.MEETINGS_TIME_BAD, example=_example(context), zone=context.services.settings.clinic_timezone),
        )
        return MOVE
    context.services.delivery.wake.set()
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
        await edit_or_reply(update, texts.MEETINGS_GONE, keyboard([[(texts.MEETINGS_BACK, Menu().pack())]]))
        return MENU
    if not data.sure:
        rows = [
            [
                (texts.MEETINGS_YES_CANCEL, CancelSeries(series=s.id, sure=True).pack()),
                (texts.MEETINGS_NO, Open(series=s.id).pack()),
            ]
        ]
        await edit_or_reply(update, fmt(texts.MEETINGS_CONFIRM_SERIES, title=s.title), keyboard(rows))
        return MENU
    report = await meetings.cancel_series(context.session, s.id, person.id, now())
    context.services.delivery.wake.set()
    await edit_or_reply(update, _done(report), keyboard([[(texts.MEETINGS_BACK, Menu().pack())]]))
    return MENU


# --- adding a series, step by step ---------------------------------------------------------


def _draft(context: AppContext) -> dict[str, Any]:
    data: dict[str, Any] = context.user_data.setdefault(DRAFT, {})  # type: ignore[union-attr]
    return data


def _choices(field: str, options: list[tuple[str, str]]) -> Any:
    return keyboard([[(label, Pick(field=field, value=value).pack())] for label, value in options])


@member("meetings")
async def add_start(update: Update, context: AppContext, person: PersonView) -> str:
    """Asks for the title of a new series."""
    context.user_data[DRAFT] = {}  # type: ignore[index]
    await edit_or_reply(update, texts.MEETINGS_TITLE_ASK)
    return TITLE


@member("meetings")
async def add_title(update: Update, context: AppContext, person: PersonView) -> str:
    """Stores the title and asks for the kind."""
    assert update.message is not None and update.message.text is not None
    title = update.message.text.strip()
    if not 1 <= len(title) <= 120:
        await reply(update, texts.MEETINGS_TITLE_BAD)
        return TITLE
    _draft(context)["title"] = title
    await reply(update, texts.MEETINGS_KIND_ASK, _choices("kind", [(k.capitalize(), k) for k in schedule.KINDS]))
    return KIND


@member("meetings")
async def add_pick(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Takes a button choice of the add flow and asks the next question."""
    assert update.callback_query is not None
    data = Pick.parse(update.callback_query.data)
    draft = _draft(context)
    if data.field == "kind" and data.value in schedule.KINDS:
        draft["kind"] = data.value
        options = [(texts.MEETING_AUDIENCE_LABEL[a], a) for a in schedule.AUDIENCES]
        await edit_or_reply(update, texts.MEETINGS_AUDIENCE_ASK, _choices("audience", options))
        return AUDIENCE
    if data.field == "audience" and data.value == "cohort":
        cohorts = await people.cohorts(context.services.db)
        if not cohorts:
            options = [(texts.MEETING_AUDIENCE_LABEL[a], a) for a in ("all", "client")]
            await edit_or_reply(update, texts.MEETINGS_NO_COHORTS, _choices("audience", options))
            return AUDIENCE
        draft["cohorts"] = cohorts
        await edit_or_reply(
            update, texts.MEETINGS_COHORT_ASK, _choices("cohort", [(c, str(i)) for i, c in enumerate(cohorts)])
        )
        return AUDIENCE
    if data.field == "audience" and data.value == "client":
        draft["audience"] = "client"
        await edit_or_reply(update, texts.MEETINGS_CLIENT_ASK)
        return CLIENT
    if data.field in ("audience", "cohort"):
        if data.field == "cohort":
            cohorts = draft.get("cohorts", [])
            index = int(data.value) if data.value.isdigit() else -1
            if not 0 <= index < len(cohorts):
                return await open_menu(update, context)  # type: ignore[no-any-return]
            draft["audience"], draft["cohort"] = "cohort", cohorts[index]
        else:
            draft["audience"] = "all"
        return await _ask_start(update, context)
    if data.field == "repeat" and data.value in meeting_forms.REPEATS:
        return await _take_repeat(update, context, data.value)
    if data.field == "place":
        draft["place"] = ""
        return await _preview(update, context)
    await reply(update, texts.STALE_BUTTON)
    return END


async def _ask_start(update: Update, context: AppContext) -> str:
    zone = context.services.settings.clinic_timezone
    await edit_or_reply(update, fmt(texts.MEETINGS_START_ASK, zone=zone, example=_example(context)))
    return START


@member("meetings")
async def add_client(update: Update, context: AppContext, person: PersonView) -> str:
    """Takes the client's code for an individual meeting."""
    assert update.message is not None and update.message.text is not None
    code = update.message.text.strip().upper()
    found = next((p for p in await people.list_people(context.services.db, Role.CLIENT) if p.code == code), None)
    if found is None:
        await reply(update, fmt(texts.MEETINGS_CLIENT_BAD, code=code[:16]))
        return CLIENT
    draft = _draft(context)
    draft["client_id"], draft["client_code"] = found.id, found.code
    return await _ask_start(update, context)


@member("meetings")
async def add_when(update: Update, context: AppContext, person: PersonView) -> str:
    """Takes the first date and time and asks how often it repeats."""
    assert update.message is not None and update.message.text is not None
    try:
        wall = meeting_forms.parse_local(update.message.text)
    except ValidationFailed:
        await reply(
            update,
            fmt(texts.MEETINGS_TIME_BAD, example=_example(context), zone=context.services.settings.clinic_timezone),
        )
        return START
    _draft(context)["start"] = wall.isoformat()
    await reply(
        update,
        texts.MEETINGS_REPEAT_ASK,
        _choices("repeat", [(texts.MEETING_REPEAT_LABEL[r], r) for r in meeting_forms.REPEATS]),
    )
    return REPEAT


@member("meetings")
async def add_rule_text(update: Update, context: AppContext, person: PersonView) -> str:
    """Takes a typed recurrence rule."""
    assert update.message is not None and update.message.text is not None
    return await _take_repeat(update, context, update.message.text.strip())


async def _take_repeat(update: Update, context: AppContext, choice: str) -> str:
    draft = _draft(context)
    try:
        draft["rrule"] = meeting_forms.repeat_rule(choice, dt.datetime.fromisoformat(draft["start"]))
    except ValidationFailed as exc:
        await reply(update, fmt(texts.MEETINGS_REFUSED, reason=str(exc)))
        return REPEAT
    await edit_or_reply(update, texts.MEETINGS_DURATION_ASK) if update.callback_query else await reply(
        update, texts.MEETINGS_DURATION_ASK
    )
    return DURATION


@member("meetings")
async def add_duration(update: Update, context: AppContext, person: PersonView) -> str:
    """Takes the length in minutes and asks where."""
    assert update.message is not None and update.message.text is not None
    text = update.message.text.strip()
    if not text.isdigit() or not 1 <= int(text) <= 1440:
        await reply(update, texts.MEETINGS_DURATION_BAD)
        return DURATION
    _draft(context)["minutes"] = int(text)
    await reply(update, texts.MEETINGS_PLACE_ASK, _choices("place", [(texts.SKIP, "skip")]))
    return PLACE


@member("meetings")
async def add_place(update: Update, context: AppContext, person: PersonView) -> str:
    """Takes the place or link and shows the preview."""
    assert update.message is not None and update.message.text is not None
    _draft(context)["place"] = update.message.text.strip()[:300]
    return await _preview(update, context)


def _series(draft: dict[str, Any], zone: str) -> Series:
    place = draft.get("place", "")
    online = place.startswith(("http://", "https://"))
    kind = draft["kind"]
    return Series(
        id=0,
        uid="",
        title=draft["title"],
        public_title=meetings.public_default(kind),
        kind=kind,
        rrule=draft.get("rrule", ""),
        starts_local=dt.datetime.fromisoformat(draft["start"]),
        timezone=zone,
        duration=dt.timedelta(minutes=draft["minutes"]),
        place="" if online else place[:200],
        link=place if online else "",
        audience=draft.get("audience", "all"),
        cohort=draft.get("cohort", ""),
        client_id=draft.get("client_id"),
    )


async def _preview(update: Update, context: AppContext) -> str:
    draft = _draft(context)
    zone = context.services.settings.clinic_timezone
    s = _series(draft, zone)
    first = schedule.expand(s, [], now(), now() + dt.timedelta(days=366))[:3]
    dates = "\n".join(f"• {_day(o.start, context)}" for o in first) or "• (none in the coming year)"
    text = fmt(
        texts.MEETINGS_PREVIEW,
        title=s.title,
        kind=s.kind,
        public=s.public_title,
        when=meeting_forms.describe_when(s),
        minutes=draft["minutes"],
        audience=meeting_forms.describe_audience(s, draft.get("client_code", "")),
        where=f" · {s.where}" if s.where else "",
        dates=dates,
    )
    rows = [[(texts.MEETINGS_SAVE, Save(ok=True).pack()), (texts.MEETINGS_DISCARD, Save(ok=False).pack())]]
    await edit_or_reply(update, text, keyboard(rows)) if update.callback_query else await reply(
        update, text, keyboard(rows)
    )
    return CONFIRM


@member("meetings")
async def add_save(update: Update, context: AppContext, person: PersonView) -> int:
    """Saves the new series (or discards it)."""
    assert update.callback_query is not None
    draft = context.user_data.pop(DRAFT, {}) if context.user_data else {}
    if not Save.parse(update.callback_query.data).ok or "minutes" not in draft:
        await edit_or_reply(update, texts.MEETINGS_DISCARDED)
        return END
    try:
        sid = await meetings.create_series(
            context.session, _series(draft, context.services.settings.clinic_timezone), person.id, now()
        )
    except ValidationFailed as exc:
        await edit_or_reply(update, fmt(texts.MEETINGS_REFUSED, reason=str(exc)))
        return END
    await edit_or_reply(update, fmt(texts.MEETINGS_SAVED, sid=sid))
    return END


async def cancel(update: Update, context: AppContext) -> int:
    """Leaves /meetings."""
    if context.user_data:
        context.user_data.pop(DRAFT, None)
    await reply(update, texts.CANCELLED)
    return END


async def wants_input(update: Update, context: AppContext) -> None:
    """Anything else while a step waits: say what it wants."""
    await reply(update, texts.SETTINGS_USE_BUTTONS)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    ics = filters.Document.FileExtension("ics")
    typed = filters.TEXT & ~filters.COMMAND
    buttons: list[BaseHandler] = [  # type: ignore[type-arg]
        CallbackQueryHandler(open_menu, pattern=Menu.matches),
        CallbackQueryHandler(open_series, pattern=Open.matches),
        CallbackQueryHandler(export, pattern=Export.matches),
        CallbackQueryHandler(cancel_date, pattern=CancelDate.matches),
        CallbackQueryHandler(move_ask, pattern=MoveDate.matches),
        CallbackQueryHandler(cancel_series, pattern=CancelSeries.matches),
        CallbackQueryHandler(add_start, pattern=Add.matches),
        MessageHandler(ics, import_file),
    ]
    return [
        ConversationHandler(
            # The list's buttons work after the conversation ended too (a message scrolled back to).
            entry_points=[CommandHandler("meetings", open_menu), *buttons],
            states={
                MENU: buttons,
                MOVE: [MessageHandler(typed, move_text), *buttons],
                TITLE: [MessageHandler(typed, add_title)],
                KIND: [CallbackQueryHandler(add_pick, pattern=Pick.matches)],
                AUDIENCE: [CallbackQueryHandler(add_pick, pattern=Pick.matches)],
                CLIENT: [MessageHandler(typed, add_client)],
                START: [MessageHandler(typed, add_when)],
                REPEAT: [CallbackQueryHandler(add_pick, pattern=Pick.matches), MessageHandler(typed, add_rule_text)],
                DURATION: [MessageHandler(typed, add_duration)],
                PLACE: [CallbackQueryHandler(add_pick, pattern=Pick.matches), MessageHandler(typed, add_place)],
                CONFIRM: [CallbackQueryHandler(add_save, pattern=Save.matches)],
            },
            fallbacks=[
                CommandHandler("cancel", cancel),
                MessageHandler(~filters.COMMAND & ~filters.UpdateType.EDITED, wants_input),
            ],
            name="meetings",
            persistent=True,
            allow_reentry=True,
        )
    ]
