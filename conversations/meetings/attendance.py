"""/attendance for the care team: pick a recent session, tap who came, save; two missed groups in a row raise a flag."""

from __future__ import annotations

import datetime as dt

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.clock import now
from bot.domain.coping import rewards
from bot.domain.meetings import attendance, schedule
from bot.domain.meetings.attendance import RosterLine
from bot.domain.meetings.schedule import Occurrence
from bot.domain.people.directory import PersonView
from bot.domain.rewards import ledger
from bot.domain.rewards.rules import RewardRules
from bot.services.context import AppContext
from bot.texts import dates
from conversations.common import Handlers, client_label, edit_or_reply, fmt, keyboard, member, reply

SHOWN = 12


@callback("at.pick")
class PickSession(CallbackData):
    series: int
    at: int


@callback("at.tog")
class Toggle(CallbackData):
    series: int
    at: int
    person: int


@callback("at.save")
class SaveAttendance(CallbackData):
    series: int
    at: int


def _day(occ: Occurrence, context: AppContext) -> str:
    local = occ.start.astimezone(context.services.settings.zone)
    return dates.short_day_time(local)


MARKS = {"came": "✅", "late": "⏰", "excused": "📝"}  # unmarked (and, once saved, missed): ▫️


def _mark(line: RosterLine) -> str:
    came = MARKS.get(line.status or "", "▫️")
    rsvp = {"yes": " 👍", "no": " 👎"}.get(line.rsvp or "", "")
    return f"{came} {client_label(line.code, line.initials)}{rsvp}"


async def _roster(update: Update, context: AppContext, occ: Occurrence, viewer_id: int) -> None:
    lines = await attendance.view_roster(context.session, occ, viewer_id)
    series_id, at = occ.key
    if not lines:
        await edit_or_reply(update, fmt(texts.ATTENDANCE_EMPTY, title=occ.series.title, day=_day(occ, context)))
        return
    buttons = [(_mark(line), Toggle(series=series_id, at=at, person=line.person_id).pack()) for line in lines]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    rows.append([(texts.ATTENDANCE_SAVE, SaveAttendance(series=series_id, at=at).pack())])
    await edit_or_reply(
        update, fmt(texts.ATTENDANCE_ROSTER, title=occ.series.title, day=_day(occ, context)), keyboard(rows)
    )


async def _occurrence(
    update: Update, context: AppContext, series_id: int, at: int, person: PersonView
) -> Occurrence | None:
    occ = await schedule.occurrence(context.session, series_id, dt.datetime.fromtimestamp(at, dt.UTC))
    if occ is None:
        await reply(update, texts.MEETINGS_GONE)
    elif occ.start > now():
        await reply(update, texts.ATTENDANCE_NOT_STARTED)
        return None
    elif not await attendance.may_take(context.session, person.id, occ.series):
        await reply(update, texts.ATTENDANCE_NOT_YOURS)
        return None
    return occ


@member("attendance")
async def attendance_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Lists the sessions of the last three days to take attendance for."""
    recent = await attendance.recent(context.session, now())
    found = (await attendance.shown_to(context.session, person.id, recent))[:SHOWN]
    if not found:
        await reply(update, texts.ATTENDANCE_NONE)
        return
    rows = [
        [(f"{_day(o, context)} · {o.series.title}"[:60], PickSession(series=o.key[0], at=o.key[1]).pack())]
        for o in found
    ]
    await reply(update, texts.ATTENDANCE_PICK, keyboard(rows))


@member("attendance")
async def pick(update: Update, context: AppContext, person: PersonView) -> None:
    """Shows the session's clients as buttons to tap."""
    assert update.callback_query is not None
    data = PickSession.parse(update.callback_query.data)
    occ = await _occurrence(update, context, data.series, data.at, person)
    if occ is not None:
        await _roster(update, context, occ, person.id)


@member("attendance")
async def toggle(update: Update, context: AppContext, person: PersonView) -> None:
    """Marks a client present, or not present on a second tap."""
    assert update.callback_query is not None
    data = Toggle.parse(update.callback_query.data)
    occ = await _occurrence(update, context, data.series, data.at, person)
    if occ is None:
        return
    if not schedule.Audiences(await schedule.reachable_clients(context.session)).includes(occ.series, data.person):
        await reply(update, texts.STALE_BUTTON)
        return
    await attendance.toggle(context.session, occ, data.person, person.id, now())
    await _roster(update, context, occ, person.id)


@member("attendance")
async def save(update: Update, context: AppContext, person: PersonView) -> None:
    """Saves: everyone not marked missed it; flags two missed group sessions in a row."""
    assert update.callback_query is not None
    data = SaveAttendance.parse(update.callback_query.data)
    occ = await _occurrence(update, context, data.series, data.at, person)
    if occ is None:
        return
    flagged = await attendance.finish(context.session, occ, person.id, now())
    lines = await attendance.roster(context.session, occ)
    celebrated = [
        await rewards.sessions_attended(context.session, line.person_id, now()) for line in lines if line.attended
    ]
    rules = RewardRules.from_settings(context.services.settings)
    key = "{}:{}".format(*occ.key)  # the occurrence, as its buttons name it
    earned = [
        await ledger.attended(context.session, rules, line.person_id, key, bool(line.attended), person.id, now())
        for line in lines
    ]
    if any(celebrated) or any(e is not None and e.points > 0 for e in earned):
        context.after_commit(context.services.delivery.wake.set)  # the milestone messages
    text = fmt(
        texts.ATTENDANCE_SAVED,
        title=occ.series.title,
        day=_day(occ, context),
        came=sum(1 for line in lines if line.status in attendance.PRESENT),
        total=len(lines),
    )
    late, excused = (sum(1 for line in lines if line.status == status) for status in ("late", "excused"))
    if late or excused:
        text += " " + fmt(texts.ATTENDANCE_SAVED_DETAIL, late=late, excused=excused)
    if flagged:
        codes = ", ".join(client_label(line.code, line.initials) for line in lines if line.person_id in flagged)
        text += "\n" + fmt(texts.ATTENDANCE_FLAGGED, codes=codes)
    await edit_or_reply(update, text)


def handlers() -> Handlers:
    return [
        CommandHandler("attendance", attendance_command),
        CallbackQueryHandler(pick, pattern=PickSession.matches),
        CallbackQueryHandler(toggle, pattern=Toggle.matches),
        CallbackQueryHandler(save, pattern=SaveAttendance.matches),
    ]
