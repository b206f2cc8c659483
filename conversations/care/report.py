"""/report (staff, admins): the response-time report for a window of days, as text and as a chart."""

from __future__ import annotations

import asyncio
import datetime as dt

from telegram import Update
from telegram.ext import CommandHandler

from bot import texts
from bot.core.clock import now
from bot.domain.care import report, report_chart
from bot.domain.people.directory import PersonView
from bot.services.care_team_jobs import policy_from
from bot.services.context import AppContext
from conversations.common import Handlers, member, reply


def _dates(args: list[str]) -> tuple[dt.date | None, dt.date | None] | None:
    """Up to two YYYY-MM-DD dates (from, to); None when anything else was typed."""
    if len(args) > 2:
        return None
    try:
        found = [dt.date.fromisoformat(a) for a in args]
    except ValueError:
        return None
    return (found[0] if found else None), (found[1] if len(found) > 1 else None)


@member("report")
async def report_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Sends the response-time report for the last 30 days, or the days asked for, and its chart (audited)."""
    dates = _dates(list(context.args or []))
    if dates is None:
        await reply(update, texts.REPORT_BAD_DATES)
        return
    zone = context.services.settings.zone
    at = now()
    start, end = report.window(dates[0], dates[1], zone, at.astimezone(zone).date())
    first, last = report.labels(start, end, zone)
    built = await report.build(
        context.session, start, end, at, policy_from(context.services.settings), actor_person_id=person.id
    )
    await reply(update, report.render_text(built, first, last))
    if built.total:
        png = await asyncio.to_thread(report_chart.render, built, f"Alerts {first} to {last}")
        assert update.effective_chat is not None
        await update.effective_chat.send_photo(png, caption=texts.REPORT_CHART_CAPTION)


def handlers() -> Handlers:
    return [CommandHandler("report", report_command)]
