"""/dead: staff see messages that could not be delivered, and why."""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import CommandHandler

from bot.delivery import outbox
from bot.domain.people import PersonView
from bot.services.context import AppContext
from conversations.common import member, reply


@member("dead")
async def dead(update: Update, context: AppContext, person: PersonView) -> None:
    """Lists the latest undeliverable messages with recipient code and error (never the text)."""
    rows = await outbox.dead_rows(context.session, limit=15)
    counts = await outbox.counts(context.session)
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "empty"
    if not rows:
        await reply(update, f"No undeliverable messages. Outbox: {html.escape(summary)}.")
        return
    lines = [f"<b>Undeliverable messages</b> (latest {len(rows)})"]
    for r in rows:
        when = r.at.strftime("%d %b %H:%M") if r.at else "?"
        lines.append(
            f"#{r.id} · {html.escape(r.kind)} → {html.escape(r.recipient)} · {when} · "
            f"{r.attempts} tries\n   {html.escape(r.error[:150])}"
        )
    lines.append(f"\nOutbox: {html.escape(summary)}.")
    await reply(update, "\n".join(lines))


HANDLERS = [CommandHandler("dead", dead)]
