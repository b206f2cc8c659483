"""/alerts as pages: every open alert the reader may see, crisis first, then oldest first, ten to a page."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot import texts
from bot.domain.care import alert_views
from bot.domain.care.alerts import SEVERITY_RANK, AlertDetail
from bot.domain.care.buttons import AlertAck, AlertsPage, AlertView
from bot.domain.people import timezones
from bot.domain.people.directory import PersonView
from bot.services.context import AppContext
from conversations.common import Handlers, client_label, edit_or_reply, fmt, keyboard, member

PAGE_SIZE = 10  # a phone screen of alerts
Rows = list[list[tuple[str, str]]]


def ordered(details: list[AlertDetail]) -> list[AlertDetail]:
    """Crisis first, then high, then medium; within each, the oldest first."""
    return sorted(details, key=lambda a: (-SEVERITY_RANK.get(a.severity, 0), a.created_at, a.id))


def page_view(details: list[AlertDetail], page: int, zone: str) -> tuple[str, Rows]:
    """One page: a line and a View / Acknowledge row per alert, then Previous / Next as needed."""
    pages = max(1, -(-len(details) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = details[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    first = page * PAGE_SIZE + 1
    lines = [fmt(texts.ALERTS_PAGE_HEADER, first=first, last=first + len(shown) - 1, total=len(details))]
    rows: Rows = []
    for a in shown:
        lines.append(
            fmt(
                texts.ALERTS_LINE,
                alert_id=a.id,
                severity=texts.SEVERITY_LABEL[a.severity],
                code=client_label(a.client_code, a.client_initials),
                at=timezones.shown(a.created_at, zone),
            )
        )
        rows.append(
            [
                (f"A-{a.id}: {texts.ALERT_BUTTON_VIEW}", AlertView(alert_id=a.id).pack()),
                (f"A-{a.id}: {texts.ALERT_BUTTON_ACK}", AlertAck(alert_id=a.id).pack()),
            ]
        )
    nav = []
    if page > 0:
        nav.append((texts.ALERTS_PREVIOUS, AlertsPage(page=page - 1).pack()))
    if page < pages - 1:
        nav.append((texts.ALERTS_NEXT, AlertsPage(page=page + 1).pack()))
    if nav:
        rows.append(nav)
    return "\n".join(lines), rows


async def show(update: Update, context: AppContext, person: PersonView, page: int = 0) -> bool:
    """Shows a page of the open alerts (audited); False when there are none."""
    details = ordered(await alert_views.open_alerts(context.session, person.id))
    if not details:
        return False
    text, rows = page_view(details, page, person.timezone)
    await edit_or_reply(update, text, keyboard(rows))
    return True


@member("alerts")
async def page_button(update: Update, context: AppContext, person: PersonView) -> None:
    """Turns to another page of open alerts, in place."""
    assert update.callback_query is not None
    if not await show(update, context, person, AlertsPage.parse(update.callback_query.data).page):
        await edit_or_reply(update, texts.ALERTS_NONE)


def handlers() -> Handlers:
    return [CallbackQueryHandler(page_button, pattern=AlertsPage.matches)]
