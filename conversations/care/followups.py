"""Follow-up tasks after a crisis: Done and Could not reach on the push, and the list in /alerts and the digest."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot import texts
from bot.domain.care import followups
from bot.domain.care.buttons import FollowUpDone, FollowUpUnreached
from bot.domain.care.followups import CloseOutcome, OpenFollowUp
from bot.domain.people import timezones
from bot.domain.people.directory import PersonView
from bot.services.context import AppContext
from conversations.common import Handlers, answer_once, fmt, keyboard, member, reply

LIST_LIMIT = 10


def section(items: list[OpenFollowUp], zone: str) -> tuple[str, list[list[tuple[str, str]]]]:
    """The open follow-ups as lines with a Done / Could not reach row each (the first LIST_LIMIT)."""
    lines = [texts.FOLLOWUPS_HEADER]
    rows: list[list[tuple[str, str]]] = []
    for f in items[:LIST_LIMIT]:
        lines.append(
            fmt(
                texts.FOLLOWUP_LINE,
                followup_id=f.id,
                code=f.client_code,
                due=timezones.shown(f.due_at, zone),
                late=texts.FOLLOWUP_LATE if f.overdue else "",
                attempts=fmt(texts.FOLLOWUP_ATTEMPTS, count=f.attempts) if f.attempts else "",
            )
        )
        rows.append(
            [
                (f"F-{f.id}: {texts.FOLLOWUP_BUTTON_DONE}", FollowUpDone(followup_id=f.id).pack()),
                (texts.FOLLOWUP_BUTTON_UNREACHED, FollowUpUnreached(followup_id=f.id).pack()),
            ]
        )
    if len(items) > LIST_LIMIT:
        lines.append(fmt(texts.ALERTS_MORE, more=len(items) - LIST_LIMIT))
    return "\n".join(lines), rows


async def show_open(update: Update, context: AppContext, person: PersonView) -> bool:
    """Replies with the person's open follow-ups, if any; True when there were some."""
    items = await followups.open_for(context.session, person.id)
    if not items:
        return False
    text, rows = section(items, person.timezone)
    await reply(update, text, keyboard(rows))
    return True


async def _close(update: Update, context: AppContext, person: PersonView, followup_id: int, reached: bool) -> None:
    result = await followups.close(context.session, followup_id, person.id, reached=reached)
    due = "?" if result.due_at is None else timezones.shown(result.due_at, person.timezone)
    if result.outcome is CloseOutcome.DONE:
        await answer_once(update, texts.FOLLOWUP_BUTTON_DONE)
        await reply(update, fmt(texts.FOLLOWUP_DONE, followup_id=followup_id))
    elif result.outcome is CloseOutcome.NOTED:
        await reply(
            update,
            fmt(
                texts.FOLLOWUP_UNREACHED,
                followup_id=followup_id,
                code=result.client_code,
                attempts=result.attempts,
                due=due,
            ),
        )
    elif result.outcome is CloseOutcome.ALREADY:
        await reply(update, fmt(texts.FOLLOWUP_ALREADY, followup_id=followup_id, who=result.by_code or "?"))
    elif result.outcome is CloseOutcome.ERASED:
        await reply(update, fmt(texts.FOLLOWUP_ERASED, followup_id=followup_id))
    elif result.outcome is CloseOutcome.NOT_ALLOWED:
        await reply(update, texts.FOLLOWUP_NOT_YOURS)
    else:
        await reply(update, texts.FOLLOWUP_GONE)


@member("alerts")
async def done_button(update: Update, context: AppContext, person: PersonView) -> None:
    """Marks a follow-up done: the client was contacted and the plan gone over (audited)."""
    assert update.callback_query is not None
    await _close(update, context, person, FollowUpDone.parse(update.callback_query.data).followup_id, True)


@member("alerts")
async def unreached_button(update: Update, context: AppContext, person: PersonView) -> None:
    """Counts an attempt that did not get through; the task stays open (audited)."""
    assert update.callback_query is not None
    await _close(update, context, person, FollowUpUnreached.parse(update.callback_query.data).followup_id, False)


def handlers() -> Handlers:
    return [
        CallbackQueryHandler(done_button, pattern=FollowUpDone.matches),
        CallbackQueryHandler(unreached_button, pattern=FollowUpUnreached.matches),
    ]
