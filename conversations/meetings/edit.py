"""/meetings, editing a series: pick what to change, type the new value (or tap a choice), see who was told."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.clock import now
from bot.core.errors import ValidationFailed
from bot.domain.care import assignment
from bot.domain.meetings import edits, forms, retime, schedule
from bot.domain.meetings.edits import Change, EditReport, Field
from bot.domain.meetings.schedule import Series
from bot.domain.people import directory
from bot.domain.people.directory import PersonView
from bot.services.context import AppContext
from bot.texts import wording
from conversations.common import STRAY, Handlers, edit_or_reply, fmt, keyboard, member, not_crisis_words, reply
from conversations.meetings.common import (
    EDIT,
    MENU,
    Open,
    day_text,
    example_time,
    gone,
    meeting_draft,
    new_draft,
    typed_step,
)


@callback("mt.edit")
class Edit(CallbackData):
    series: int


@callback("mt.edf")
class EditWhat(CallbackData):
    series: int
    field: Field


@callback("mt.edp")
class EditPick(CallbackData):
    """A choice instead of typing: the client's own therapist (by id), or no place at all (0)."""

    series: int
    field: Field
    value: int


async def _load(context: AppContext, series_id: int) -> Series | None:
    return (await schedule.load(context.session, ids=[series_id])).get(series_id)


def _fields(s: Series) -> list[Field]:
    repeating = bool(s.rrule) and not s.rdates  # days and an end belong to a rule of its own
    return [
        f
        for f in Field
        if (f is not Field.THERAPIST or s.kind == "individual") and (f not in (Field.DAYS, Field.END) or repeating)
    ]


def _end(s: Series) -> str:
    parts = dict(p.partition("=")[::2] for p in s.rrule.upper().split(";"))
    if "COUNT" in parts:
        return wording.count(int(parts["COUNT"]), "session")
    until = parts.get("UNTIL", "")
    return f"until {until[:4]}-{until[4:6]}-{until[6:8]}" if until[:8].isdigit() else texts.MEETINGS_EDIT_NO_END


def _code(codes: dict[int, str], person_id: int | None) -> str:
    return codes.get(person_id, texts.MEETINGS_EDIT_NONE) if person_id else texts.MEETINGS_EDIT_NONE


async def _codes(context: AppContext, *ids: int | None) -> dict[int, str]:
    found = [await directory.by_id(context.session, i) for i in ids if i]
    return {p.id: p.code for p in found if p is not None}


@member("meetings")
async def edit_menu(update: Update, context: AppContext, person: PersonView) -> str:
    """Offers what can be changed about the series."""
    assert update.callback_query is not None
    s = await _load(context, Edit.parse(update.callback_query.data).series)
    if s is None:
        return await gone(update)
    labels = [(texts.MEETINGS_EDIT_FIELD[f], EditWhat(series=s.id, field=f).pack()) for f in _fields(s)]
    rows = [labels[i : i + 2] for i in range(0, len(labels), 2)]
    rows.append([(texts.MEETINGS_BACK, Open(series=s.id).pack())])
    await edit_or_reply(update, fmt(texts.MEETINGS_EDIT_ASK, sid=s.id, title=s.title), keyboard(rows))
    return MENU


@member("meetings")
async def edit_ask(update: Update, context: AppContext, person: PersonView) -> str:
    """Asks for the new value of what was picked, showing the one it has now."""
    assert update.callback_query is not None
    data = EditWhat.parse(update.callback_query.data)
    s = await _load(context, data.series)
    if s is None:
        return await gone(update)
    back = keyboard([[(texts.MEETINGS_BACK, Open(series=s.id).pack())]])
    if data.field not in _fields(s):
        await edit_or_reply(update, texts.STALE_BUTTON, back)
        return MENU
    try:
        text, markup = await _question(context, s, data.field)
    except ValidationFailed as exc:  # a time of day that cannot change: all day, no dates ahead...
        await edit_or_reply(update, fmt(texts.MEETINGS_REFUSED, reason=str(exc)), back)
        return MENU
    new_draft(context).update(edit=[s.id, data.field.value])
    await edit_or_reply(update, text, markup)
    return EDIT


async def _question(context: AppContext, s: Series, field: Field) -> tuple[str, InlineKeyboardMarkup | None]:
    if field is Field.TITLE:
        return fmt(texts.MEETINGS_EDIT_TITLE_ASK, now=s.title), None
    if field is Field.PUBLIC:
        return fmt(texts.MEETINGS_EDIT_PUBLIC_ASK, now=s.public_title), None
    if field is Field.MINUTES:
        return fmt(texts.MEETINGS_EDIT_MINUTES_ASK, now=int(s.duration.total_seconds() // 60)), None
    if field is Field.PLACE:
        skip = keyboard([[(texts.MEETINGS_EDIT_NO_PLACE, EditPick(series=s.id, field=field, value=0).pack())]])
        return fmt(texts.MEETINGS_EDIT_PLACE_ASK, now=s.where or texts.MEETINGS_EDIT_NONE), skip
    if field is Field.DAYS:
        return fmt(texts.MEETINGS_EDIT_DAYS_ASK, now=forms.describe_when(s)), None
    if field is Field.END:
        return fmt(texts.MEETINGS_EDIT_END_ASK, now=_end(s)), None
    if field is Field.AUDIENCE:
        codes = await _codes(context, s.client_id)
        return fmt(
            texts.MEETINGS_EDIT_AUDIENCE_ASK, now=forms.describe_audience(s, codes.get(s.client_id or 0, ""))
        ), None
    if field is Field.THERAPIST:
        current = _code(await _codes(context, s.therapist_id), s.therapist_id)
        theirs = await directory.assigned_therapist(context.session, s.client_id) if s.client_id else None
        if theirs is None:
            return fmt(texts.MEETINGS_EDIT_THERAPIST_ASK, now=current), None
        label = fmt(texts.MEETINGS_THERAPIST_THEIRS, code=theirs.code)
        pick = keyboard([[(label, EditPick(series=s.id, field=field, value=theirs.id).pack())]])
        return fmt(texts.MEETINGS_EDIT_THERAPIST_ASK_THEIRS, now=current), pick
    day = day_text(schedule.wall_to_utc(retime.next_date(s, now()), s.zone), context)
    zone = context.services.settings.clinic_timezone
    if s.rrule:
        return fmt(texts.MEETINGS_EDIT_TIME_ASK, zone=zone, now=f"{s.starts_local:%H:%M}", day=day), None
    return fmt(texts.MEETINGS_EDIT_TIME_ONCE_ASK, day=day, zone=zone, example=example_time(context)), None


def _editing(context: AppContext) -> tuple[int, Field] | None:
    """(series, field) being edited, from the draft; None when it holds no edit (say, after a restart of an old one)."""
    found = meeting_draft(context).get("edit")
    if not isinstance(found, list) or len(found) != 2 or found[1] not in Field.__members__.values():
        return None
    return int(found[0]), Field(found[1])


def _again(context: AppContext) -> str:
    """What the edit step wants typed (after a refusal, or a sticker)."""
    editing = _editing(context)
    field = editing[1] if editing is not None else Field.TITLE
    if field is Field.TIME:
        return fmt(texts.MEETINGS_CLOCK_BAD, zone=context.services.settings.clinic_timezone)
    if field is Field.THERAPIST:
        return texts.MEETINGS_THERAPIST_TYPE
    return fmt(texts.MEETINGS_EDIT_TYPE, what=texts.MEETINGS_EDIT_NOUN[field])


@not_crisis_words
@member("meetings")
async def edit_text(update: Update, context: AppContext, person: PersonView) -> str:
    """Takes the typed new value, read as the add flow reads it; refused input is asked for again."""
    assert update.message is not None and update.message.text is not None
    editing = _editing(context)
    if editing is None:
        await reply(update, texts.STALE_BUTTON)
        return MENU
    s = await _load(context, editing[0])
    if s is None:
        return await gone(update)
    if editing[1] is not Field.THERAPIST:
        order = context.services.settings.date_order
        return await _apply(update, context, person, s, Change(editing[1], text=update.message.text, order=order))
    found = await assignment.find_therapist(context.session, update.message.text)
    if found is None:
        await reply(update, fmt(texts.MEETINGS_THERAPIST_BAD, code=update.message.text.strip().upper()[:16]))
        return EDIT
    return await _apply(update, context, person, s, Change(Field.THERAPIST, therapist_id=found.id))


@member("meetings")
async def edit_pick(update: Update, context: AppContext, person: PersonView) -> str:
    """Takes a choice instead of a typed value: the client's own therapist, or no place."""
    assert update.callback_query is not None
    data = EditPick.parse(update.callback_query.data)
    s = await _load(context, data.series)
    if s is None:
        return await gone(update)
    if data.field is Field.THERAPIST:
        change = Change(Field.THERAPIST, therapist_id=data.value)
    elif data.field is Field.PLACE and data.value == 0:
        change = Change(Field.PLACE, text="")
    else:
        await reply(update, texts.STALE_BUTTON)
        return MENU
    meeting_draft(context).update(edit=[s.id, data.field.value])  # a refusal asks for a typed value
    return await _apply(update, context, person, s, change)


async def _apply(update: Update, context: AppContext, person: PersonView, s: Series, change: Change) -> str:
    try:
        report = await edits.edit_series(context.session, s.id, change, person.id, now())
    except ValidationFailed as exc:
        await reply(update, fmt(texts.MEETINGS_REFUSED, reason=str(exc)) + "\n" + _again(context))
        return EDIT
    context.after_commit(context.services.delivery.wake.set)
    new_draft(context)
    back = keyboard([[(texts.MEETINGS_BACK, Open(series=report.series_id).pack())]])
    await edit_or_reply(update, await _done(context, s, change.field, report), back)
    return MENU


async def _done(context: AppContext, old: Series, field: Field, report: EditReport) -> str:
    what = texts.MEETINGS_EDIT_NOUN[field]
    if report.unchanged:
        return fmt(texts.MEETINGS_EDIT_SAME, sid=old.id, what=what)
    s = (await schedule.load(context.session, ids=[report.series_id])).get(report.series_id) or old
    plan = report.retime
    value = {
        Field.TITLE: s.title,
        Field.PUBLIC: s.public_title,
        Field.TIME: f"{s.starts_local:%H:%M}" if s.rrule or plan is None else day_text(plan.first, context),
        Field.MINUTES: f"{int(s.duration.total_seconds() // 60)} min",
        Field.PLACE: s.where or texts.MEETINGS_EDIT_NONE,
        Field.THERAPIST: _code(await _codes(context, s.therapist_id), s.therapist_id),
        Field.DAYS: forms.describe_when(s),
        Field.END: _end(s),
        Field.AUDIENCE: forms.describe_audience(s, (await _codes(context, s.client_id)).get(s.client_id or 0, "")),
    }[field]
    lines = [fmt(texts.MEETINGS_EDIT_SAVED, what=what, sid=old.id, value=value)]
    if plan is not None and plan.kept is not None and plan.last_kept is not None:
        last, first = day_text(plan.last_kept, context), day_text(plan.first, context)
        lines.append(fmt(texts.MEETINGS_EDIT_SPLIT, last=last, sid=old.id, first=first, new=report.series_id))
    if field in edits.QUIET:
        lines.append(texts.MEETINGS_EDIT_NOT_TOLD)
    else:
        told, withdrawn = (
            wording.count(report.notices, "client"),
            wording.count(report.reminders_cancelled, "pending reminder"),
        )
        lines.append(fmt(texts.MEETINGS_EDIT_TOLD, notices=told, reminders=withdrawn))
    return "\n".join(lines)


def buttons() -> Handlers:
    """The edit buttons, live wherever the list's buttons are."""
    return [
        CallbackQueryHandler(edit_menu, pattern=Edit.matches),
        CallbackQueryHandler(edit_ask, pattern=EditWhat.matches),
        CallbackQueryHandler(edit_pick, pattern=EditPick.matches),
    ]


def typed() -> Handlers:
    """The edit step's typed value; a sticker or photo there is told what to type."""
    return [
        MessageHandler(filters.TEXT & ~filters.COMMAND, edit_text),
        MessageHandler(STRAY, typed_step(_again)),
    ]
