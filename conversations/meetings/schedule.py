"""Clients' side of the calendar: /schedule (next 7 days, an .ics file), RSVP buttons, meeting reminder settings."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.clock import now
from bot.domain.meetings import attendance, closures, ical_export, schedule
from bot.domain.meetings import reminders as meeting_reminders
from bot.domain.meetings.attendance import RsvpOutcome
from bot.domain.meetings.buttons import MeetingRsvp
from bot.domain.meetings.schedule import Calendar
from bot.domain.meetings.week_text import render_week
from bot.domain.people.directory import PersonView
from bot.services.context import AppContext
from conversations.common import Handlers, answer_once, edit_or_reply, keyboard, member, reply

log = logging.getLogger(__name__)

DAYS = 7
FILE_NAME = "schedule.ics"


@callback("sc.ics")
class ScheduleFile(CallbackData):
    """'Add to my calendar' under /schedule."""


@callback("sc.pref")
class MeetingPrefsOpen(CallbackData):
    """'Meeting reminders' in /settings."""


@callback("sc.cyc")
class MeetingPrefCycle(CallbackData):
    """Move one reminder (slot 0 the day before, 1 shortly before) of one kind of meeting to its next choice."""

    kind: str
    slot: int


@callback("sc.done")
class MeetingPrefsDone(CallbackData):
    """Close the meeting reminder settings: conversations.settings shows its menu again."""


async def my_calendar(context: AppContext, person: PersonView) -> Calendar:
    """The series this client is in (public wording only)."""
    cal = await schedule.load(context.session)
    audiences = schedule.Audiences(await schedule.reachable_clients(context.session))
    mine = [s for s in cal.series if audiences.includes(s, person.id)]
    return Calendar(mine, {s.id: cal.overrides.get(s.id, []) for s in mine})


@dataclass(frozen=True, slots=True)
class NextDays:
    """The client's next 7 days as /schedule shows them, and whether any series includes them at all."""

    text: str
    markup: InlineKeyboardMarkup | None
    in_any_series: bool


async def next_days(context: AppContext, person: PersonView) -> NextDays:
    """The client's next 7 days in their own time zone, with a button for an .ics file (/schedule, the FAQ)."""
    cal = await my_calendar(context, person)
    t = now()
    found = cal.upcoming(t, t + dt.timedelta(days=DAYS))  # with an all-day event of today
    today = t.astimezone(context.services.settings.zone).date()
    closed = {c.day: c.reason for c in await closures.upcoming(context.session, today, DAYS - 1)}
    rows = [[(texts.SCHEDULE_ICS_BUTTON, ScheduleFile().pack())]] if cal.series else []
    return NextDays(render_week(found, person.timezone, closed), keyboard(rows) if rows else None, bool(cal.series))


@member("schedule")
async def schedule_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Shows the client's next 7 days in their own time zone, with a button for an .ics file."""
    days = await next_days(context, person)
    await reply(update, days.text, days.markup)


@member("schedule")
async def ics_button(update: Update, context: AppContext, person: PersonView) -> None:
    """Sends the client's own schedule as an iCalendar file (public wording only)."""
    data = ical_export.export_ics(await my_calendar(context, person), now(), public=True)
    await answer_once(update)
    chat = update.effective_chat
    if chat is not None:
        await chat.send_document(data, filename=FILE_NAME, caption=texts.SCHEDULE_ICS_CAPTION)


@member("schedule")
async def rsvp_button(update: Update, context: AppContext, person: PersonView) -> None:
    """Records 'I'll be there' or 'Can't make it' from a meeting reminder."""
    assert update.callback_query is not None
    data = MeetingRsvp.parse(update.callback_query.data)
    original = dt.datetime.fromtimestamp(data.at, dt.UTC)
    outcome, _ = await attendance.record_rsvp(context.session, person.id, data.series, original, data.yes, now())
    text = {
        RsvpOutcome.RECORDED: texts.MEETING_RSVP_YES_OK if data.yes else texts.MEETING_RSVP_NO_OK,
        RsvpOutcome.CHANGED: texts.MEETING_RSVP_CHANGED_YES if data.yes else texts.MEETING_RSVP_CHANGED_NO,
        RsvpOutcome.SAME: texts.MEETING_RSVP_SAME_YES if data.yes else texts.MEETING_RSVP_SAME_NO,
        RsvpOutcome.GONE: texts.MEETING_RSVP_GONE,
        RsvpOutcome.PAST: texts.MEETING_RSVP_PAST,
        RsvpOutcome.NOT_INVITED: texts.MEETING_RSVP_NOT_INVITED,
    }[outcome]
    if outcome in (RsvpOutcome.RECORDED, RsvpOutcome.CHANGED, RsvpOutcome.SAME):
        markup = keyboard(meeting_reminders.rsvp_rows(data.series, data.at, chosen=data.yes))
        context.after_commit(lambda: _show_choice(update, markup))  # the tick follows what is stored
    await reply(update, text)


async def _show_choice(update: Update, markup: InlineKeyboardMarkup) -> None:
    """The reminder's buttons show the answer given (after the commit: never a choice that was lost)."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    try:
        await query.edit_message_reply_markup(markup)
    except TelegramError as exc:  # too old to edit, or unchanged: the answer stands
        log.info("could not mark the RSVP on the reminder (%s)", type(exc).__name__)


# --- meeting reminder settings (a sub-menu of /settings) -----------------------------------


async def _prefs_view(context: AppContext, person: PersonView) -> tuple[str, list[list[tuple[str, str]]]]:
    leads = await meeting_reminders.leads_for(context.session, person.id, context.services.settings.meeting_leads)
    rows = []
    for kind in schedule.KINDS:
        day, short = meeting_reminders.slots(leads[kind])
        label = texts.MEETING_KIND_LABEL[kind]
        rows.append(
            [
                (
                    texts.MEETING_PREFS_ROW.format(
                        kind=label, which=texts.MEETING_PREFS_DAY, lead=meeting_reminders.lead_label(day)
                    ),
                    MeetingPrefCycle(kind=kind, slot=0).pack(),
                ),
                (
                    texts.MEETING_PREFS_ROW.format(
                        kind=label, which=texts.MEETING_PREFS_SHORT, lead=meeting_reminders.lead_label(short)
                    ),
                    MeetingPrefCycle(kind=kind, slot=1).pack(),
                ),
            ]
        )
    rows.append([(texts.MEETING_PREFS_DONE, MeetingPrefsDone().pack())])
    choices = {
        "day_choices": ", ".join(meeting_reminders.lead_label(m) for m in meeting_reminders.DAY_BEFORE_CHOICES),
        "short_choices": ", ".join(meeting_reminders.lead_label(m) for m in meeting_reminders.SHORT_CHOICES),
    }
    return texts.MEETING_PREFS_MENU.format(**choices), rows


@member("settings")
async def prefs_open(update: Update, context: AppContext, person: PersonView) -> None:
    """Shows the meeting reminder lead times per kind of meeting."""
    text, rows = await _prefs_view(context, person)
    await edit_or_reply(update, text, keyboard(rows))


@member("settings")
async def prefs_cycle(update: Update, context: AppContext, person: PersonView) -> None:
    """Moves one lead time to its next choice and shows the menu again; the planner follows on its next run."""
    assert update.callback_query is not None
    data = MeetingPrefCycle.parse(update.callback_query.data)
    if data.kind not in schedule.KINDS:
        await reply(update, texts.STALE_BUTTON)
        return
    leads = await meeting_reminders.leads_for(context.session, person.id, context.services.settings.meeting_leads)
    await meeting_reminders.set_leads(
        context.session, person.id, data.kind, meeting_reminders.cycled(leads[data.kind], data.slot)
    )
    text, rows = await _prefs_view(context, person)
    await edit_or_reply(update, text, keyboard(rows))


def handlers() -> Handlers:
    return [
        CommandHandler("schedule", schedule_command),
        CallbackQueryHandler(ics_button, pattern=ScheduleFile.matches),
        CallbackQueryHandler(rsvp_button, pattern=MeetingRsvp.matches),
        CallbackQueryHandler(prefs_open, pattern=MeetingPrefsOpen.matches),
        CallbackQueryHandler(prefs_cycle, pattern=MeetingPrefCycle.matches),
    ]
