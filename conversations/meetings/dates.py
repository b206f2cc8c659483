"""/meetings, any date of a series: find one by typing it (to cancel or move it), and restore a cancelled one."""

from __future__ import annotations

import datetime as dt

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.clock import now
from bot.core.errors import ValidationFailed
from bot.domain.meetings import changes, schedule, when_typed
from bot.domain.meetings.schedule import Calendar, Series
from bot.domain.people.directory import PersonView
from bot.services.context import AppContext
from bot.texts import dates as texts_dates
from bot.texts import wording
from conversations.common import STRAY, Handlers, edit_or_reply, fmt, keyboard, member, not_crisis_words, reply
from conversations.meetings.common import (
    DATE,
    MENU,
    CancelDate,
    MoveDate,
    Open,
    clinic_zone,
    day_text,
    gone,
    meeting_draft,
    new_draft,
    typed_step,
)

RESTORABLE_SHOWN = 3  # cancelled dates ahead offered on the series' own page; any other is found by typing it
AHEAD = dt.timedelta(days=366 * 2)


@callback("mt.oth")
class OtherDate(CallbackData):
    """Find another date of the series by typing it."""

    series: int


@callback("mt.rst")
class RestoreDate(CallbackData):
    series: int
    at: int


def _cancelled_ahead(cal: Calendar, s: Series, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """The series' cancelled original starts in [start, end], soonest first."""
    cancelled = {o.original_start for o in cal.overrides.get(s.id, []) if o.cancelled}
    return [o.original_start for o in schedule.expand(s, [], start, end) if o.original_start in cancelled]


def restore_rows(cal: Calendar, s: Series, context: AppContext) -> list[list[tuple[str, str]]]:
    """A Restore button for each of the next few cancelled dates of the series."""
    t = now()
    found = _cancelled_ahead(cal, s, t, t + AHEAD)[:RESTORABLE_SHOWN]
    return [
        [
            (
                fmt(texts.MEETINGS_RESTORE_DATE, day=day_text(at, context)),
                RestoreDate(series=s.id, at=int(at.timestamp())).pack(),
            )
        ]
        for at in found
    ]


@member("meetings")
async def other_ask(update: Update, context: AppContext, person: PersonView) -> str:
    """Asks which date of the series to change."""
    assert update.callback_query is not None
    sid = OtherDate.parse(update.callback_query.data).series
    new_draft(context)["date_of"] = sid
    await edit_or_reply(
        update, texts.MEETINGS_OTHER_DATE_ASK, keyboard([[(texts.MEETINGS_BACK, Open(series=sid).pack())]])
    )
    return DATE


@not_crisis_words
@member("meetings")
async def other_text(update: Update, context: AppContext, person: PersonView) -> str:
    """Finds the series' dates on the typed day: each to cancel or move, or to restore if cancelled."""
    assert update.message is not None and update.message.text is not None
    sid = meeting_draft(context).get("date_of")
    cal = await schedule.load(context.session, ids=[sid] if isinstance(sid, int) else [])
    s = cal.get(sid) if isinstance(sid, int) else None
    if s is None:
        return await gone(update)
    zone = clinic_zone(context)
    today = now().astimezone(zone).date()
    try:
        day = when_typed.parse_day(update.message.text, today, context.services.settings.date_order)
    except ValidationFailed:
        await reply(update, texts.MEETINGS_OTHER_DATE_BAD)
        return DATE
    lo = schedule.wall_to_utc(dt.datetime.combine(day, dt.time()), zone)
    hi = schedule.wall_to_utc(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()), zone)
    t = now()
    standing = [o for o in cal.occurrences(lo, hi) if o.end > t and o.start < hi]
    cancelled = _cancelled_ahead(cal, s, max(lo, t), hi)
    rows: list[list[tuple[str, str]]] = []
    for occ in standing:
        sid_, at = occ.key
        shown = day_text(occ.start, context)
        rows.append(
            [
                (fmt(texts.MEETINGS_CANCEL_DATE, day=shown), CancelDate(series=sid_, at=at).pack()),
                (fmt(texts.MEETINGS_MOVE_DATE, day=shown), MoveDate(series=sid_, at=at).pack()),
            ]
        )
    for at_time in cancelled:
        label = fmt(texts.MEETINGS_RESTORE_DATE, day=day_text(at_time, context))
        rows.append([(label, RestoreDate(series=s.id, at=int(at_time.timestamp())).pack())])
    if not rows:
        await reply(update, fmt(texts.MEETINGS_OTHER_DATE_NONE, day=texts_dates.short_day_year(day)))
        return DATE
    rows.append([(texts.MEETINGS_BACK, Open(series=s.id).pack())])
    await reply(update, fmt(texts.MEETINGS_OTHER_DATE_FOUND, title=s.title), keyboard(rows))
    return MENU


@member("meetings")
async def restore(update: Update, context: AppContext, person: PersonView) -> str:
    """Brings back a cancelled date and tells its clients once."""
    assert update.callback_query is not None
    data = RestoreDate.parse(update.callback_query.data)
    original = dt.datetime.fromtimestamp(data.at, dt.UTC)
    back = keyboard([[(texts.MEETINGS_BACK, Open(series=data.series).pack())]])
    try:
        report = await changes.restore_occurrence(context.session, data.series, original, person.id, now())
    except ValidationFailed as exc:
        await edit_or_reply(update, fmt(texts.MEETINGS_REFUSED, reason=str(exc)), back)
        return MENU
    context.after_commit(context.services.delivery.wake.set)
    text = fmt(
        texts.MEETINGS_RESTORED,
        day=day_text(original, context),
        notices=wording.count(report.notices, "client"),
    )
    await edit_or_reply(update, text, back)
    return MENU


def buttons() -> Handlers:
    return [
        CallbackQueryHandler(other_ask, pattern=OtherDate.matches),
        CallbackQueryHandler(restore, pattern=RestoreDate.matches),
    ]


def typed() -> Handlers:
    return [
        MessageHandler(filters.TEXT & ~filters.COMMAND, other_text),
        MessageHandler(STRAY, typed_step(texts.MEETINGS_OTHER_DATE_BAD)),
    ]
