"""The care team's side of alerts: View and Acknowledge on a push, /alerts (with follow-ups); /oncall is `oncall`."""

from __future__ import annotations

import datetime as dt
import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import texts
from bot.core.clock import now
from bot.domain.care import alert_views, alerts, message_flags
from bot.domain.care import questions as care_questions
from bot.domain.care.alerts import AckOutcome, AlertDetail
from bot.domain.care.buttons import AlertAck, AlertFalseAlarm, AlertReply, AlertView, DigestView, QuestionView
from bot.domain.meetings import attendance
from bot.domain.people import roles, timezones
from bot.domain.people.directory import PersonView
from bot.services.care_team_jobs import followup_policy_from
from bot.services.context import AppContext
from bot.texts import catalogue
from conversations.care import alert_list, followups
from conversations.common import Handlers, answer_once, client_label, fmt, keyboard, member, reply

log = logging.getLogger(__name__)

LIST_LIMIT = 10  # a phone screen of alerts; the rest are counted


def _when(at: dt.datetime | None, zone: str) -> str:
    """In the reader's own time zone: a therapist reads local times, not UTC."""
    return "?" if at is None else timezones.shown(at, zone)


def _buttons(alert_id: int, acked: bool) -> list[list[tuple[str, str]]]:
    row = [(texts.ALERT_BUTTON_VIEW, AlertView(alert_id=alert_id).pack())]
    if not acked:
        row.append((texts.ALERT_BUTTON_ACK, AlertAck(alert_id=alert_id).pack()))
    row.append((texts.ALERT_BUTTON_REPLY, AlertReply(alert_id=alert_id).pack()))
    return [row]


async def _done(update: Update, alert_id: int) -> None:
    """The pressed push's Acknowledge is done: show it without that button (View and Reply stay)."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    try:
        await query.edit_message_reply_markup(keyboard(_buttons(alert_id, acked=True)))
    except TelegramError as exc:  # too old to edit, or not a message of ours: the acknowledgement stands
        log.info("could not take the Acknowledge button away (%s)", type(exc).__name__)


def _render(detail: AlertDetail, zone: str) -> str:
    status = (
        fmt(texts.ALERT_STATUS_ACKED, who=detail.acked_by_code, at=_when(detail.acked_at, zone))
        if detail.acked_by_code
        else texts.ALERT_STATUS_ERASED
        if detail.status == "erased"
        else texts.ALERT_STATUS_OPEN
    )
    return (
        fmt(
            texts.ALERT_DETAIL,
            alert_id=detail.id,
            severity=texts.SEVERITY_LABEL[detail.severity],
            code=client_label(detail.client_code, detail.client_initials),
            at=_when(detail.created_at, zone),
            reasons="\n".join(f"• {r}" for r in detail.reasons),
            status="",
        ).rstrip()
        + "\n\n"
        + status
    )


@member("alerts")
async def view_button(update: Update, context: AppContext, person: PersonView) -> None:
    """Shows an alert's detail to someone allowed to see it (audited)."""
    assert update.callback_query is not None
    data = AlertView.parse(update.callback_query.data)
    detail = await alert_views.view(context.session, data.alert_id, person.id)
    if detail is None:
        await reply(update, texts.ALERT_NOT_YOURS)
        return
    buttons = _buttons(detail.id, detail.status != "open")
    if await message_flags.flagged_text(context.session, detail.id) is not None:
        buttons.append([(texts.ALERT_BUTTON_FALSE_ALARM, AlertFalseAlarm(alert_id=detail.id).pack())])
    await reply(update, _render(detail, person.timezone), keyboard(buttons))


@member("screen")
async def false_alarm_button(update: Update, context: AppContext, person: PersonView) -> None:
    """Keeps the message behind an alert as a crisis-screen false alarm (audited); the alert stays open."""
    assert update.callback_query is not None
    data = AlertFalseAlarm.parse(update.callback_query.data)
    await answer_once(update)
    if await message_flags.mark_false_alarm(context.session, data.alert_id, person.id) is None:
        await reply(update, texts.ALERT_FALSE_ALARM_NONE)
        return
    await reply(update, fmt(texts.ALERT_FALSE_ALARM_DONE, alert_id=data.alert_id))


async def _done_everywhere(context: AppContext, pushes: list[tuple[int, int, str]], alert_id: int) -> None:
    """Once the acknowledgement is committed, every delivered push of the alert loses its Acknowledge.

    Each keeps the language it was pushed in (its recipient's), whoever acknowledged it."""
    for chat_id, message_id, language in pushes:
        with catalogue.speaking(language):
            markup = keyboard(_buttons(alert_id, acked=True))
        try:
            await context.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=markup)
        except TelegramError as exc:  # deleted, too old, or already edited: the acknowledgement stands
            log.info("could not update an alert push's buttons (%s)", type(exc).__name__)


@member("alerts")
async def ack_button(update: Update, context: AppContext, person: PersonView) -> None:
    """Acknowledges an alert with one tap; a second tap or a late one says who already did."""
    assert update.callback_query is not None
    data = AlertAck.parse(update.callback_query.data)
    policy = followup_policy_from(context.services.settings)
    result = await alerts.acknowledge(context.session, data.alert_id, person.id, followup_policy=policy)
    if result.outcome is AckOutcome.ACKNOWLEDGED:
        context.after_commit(context.services.delivery.wake.set)
        pushes = await alert_views.push_messages(context.session, data.alert_id)
        context.after_commit(lambda: _done_everywhere(context, pushes, data.alert_id))
        await answer_once(update, texts.ALERT_ACK_TOAST)
        await _done(update, data.alert_id)
        await reply(update, fmt(texts.ALERT_ACK_DONE, alert_id=data.alert_id))
    elif result.outcome is AckOutcome.ALREADY:
        await _done(update, data.alert_id)
        await reply(update, fmt(texts.ALERT_ACK_ALREADY, alert_id=data.alert_id, who=result.acked_by_code or "?"))
    elif result.outcome is AckOutcome.NOT_ALLOWED:
        await reply(update, texts.ALERT_NOT_YOURS)
    else:
        await reply(update, texts.ALERT_GONE)


@member("alerts")
async def alerts_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Lists the open alerts (crisis first, in pages), questions and follow-ups this person may see (audited)."""
    questions = await care_questions.unanswered(context.session, person.id)
    if not await alert_list.show(update, context, person) and not questions:
        await reply(update, texts.ALERTS_NONE)
    await followups.show_open(update, context, person)
    if questions:
        shown = questions[:LIST_LIMIT]
        lines = [texts.QUESTIONS_OPEN_HEADER]
        lines += [
            fmt(texts.QUESTIONS_LINE, qid=q.id, code=q.client_code, at=_when(q.asked_at, person.timezone))
            for q in shown
        ]
        rows = [[(f"Q-{q.id}: {texts.QUESTION_VIEW_BUTTON}", QuestionView(question_id=q.id).pack())] for q in shown]
        await reply(update, "\n".join(lines), keyboard(rows))


@member("alerts")
async def digest_button(update: Update, context: AppContext, person: PersonView) -> None:
    """Shows the not-urgent items of the daily digest that are still open (audited)."""
    open_ = await alert_views.open_alerts(context.session, person.id)
    medium = [a for a in open_ if a.severity == "medium"]
    # "Can't make it" answers to meeting reminders for the coming days: the therapist's own clients.
    mine = None if person.role in roles.TEAM else person.id
    regrets = await attendance.regrets(context.session, therapist_id=mine, since=now() - dt.timedelta(hours=12))
    if medium or not regrets:
        await _list(update, medium, texts.DIGEST_HEADER, texts.DIGEST_EMPTY, person.timezone)
    if regrets:
        lines = [texts.DIGEST_REGRETS_HEADER]
        zone = person.timezone
        lines += [
            fmt(texts.DIGEST_REGRET_LINE, code=r.client_code, title=r.title, at=_when(r.start, zone)) for r in regrets
        ]
        await reply(update, "\n".join(lines[: LIST_LIMIT + 1]))
    await followups.show_open(update, context, person)


async def _list(update: Update, open_: list[AlertDetail], header: str, empty: str, zone: str) -> None:
    if not open_:
        await reply(update, empty)
        return
    lines = [header]
    rows: list[list[tuple[str, str]]] = []
    for a in open_[:LIST_LIMIT]:
        lines.append(
            fmt(
                texts.ALERTS_LINE,
                alert_id=a.id,
                severity=texts.SEVERITY_LABEL[a.severity],
                code=client_label(a.client_code, a.client_initials),
                at=_when(a.created_at, zone),
            )
        )
        rows += [[(f"A-{a.id}: {label}", data) for label, data in _buttons(a.id, False)[0]]]
    if len(open_) > LIST_LIMIT:
        lines.append(fmt(texts.ALERTS_MORE, more=len(open_) - LIST_LIMIT))
    await reply(update, "\n".join(lines), keyboard(rows))


def handlers() -> Handlers:
    return [
        CommandHandler("alerts", alerts_command),
        CallbackQueryHandler(view_button, pattern=AlertView.matches),
        CallbackQueryHandler(false_alarm_button, pattern=AlertFalseAlarm.matches),
        CallbackQueryHandler(ack_button, pattern=AlertAck.matches),
        CallbackQueryHandler(digest_button, pattern=DigestView.matches),
    ]
