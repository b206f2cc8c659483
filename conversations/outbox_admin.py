"""/dead: staff see messages that could not be delivered, and why."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot import texts
from bot.delivery import outbox
from bot.domain.people import timezones
from bot.domain.people.directory import PersonView
from bot.domain.records import audit
from bot.services.context import AppContext
from conversations.common import Handlers, fmt, member, reply


@member("dead")
async def dead(update: Update, context: AppContext, person: PersonView) -> None:
    """Lists the latest undeliverable messages with recipient code and error (never the text)."""
    rows = await outbox.dead_rows(context.session, limit=15)
    # Recipient codes and errors are client data: every look is audited.
    audit.record(context.session, "dead.view", actor_person_id=person.id, count=len(rows))
    counts = await outbox.counts(context.session)
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or texts.DEAD_OUTBOX_EMPTY
    if not rows:
        await reply(update, fmt(texts.DEAD_NONE, summary=summary))
        return
    lines = [fmt(texts.DEAD_HEADER, count=len(rows))]
    for r in rows:
        when = timezones.shown(r.at, person.timezone) if r.at else "?"
        lines.append(
            fmt(
                texts.DEAD_LINE,
                id=r.id,
                kind=r.kind,
                recipient=r.recipient,
                when=when,
                attempts=r.attempts,
                error=r.error[:150],
            )
        )
    lines.append(fmt(texts.DEAD_FOOTER, summary=summary))
    await reply(update, "\n".join(lines))


def handlers() -> Handlers:
    """This module's handlers, built for one Application."""
    return [CommandHandler("dead", dead)]
