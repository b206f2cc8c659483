"""What the /meetings modules share: the steps, the draft, buttons back, dates as staff read them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Coroutine
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.clock import now
from bot.domain.meetings import forms, when_typed
from bot.domain.meetings.schedule import Occurrence
from bot.services.context import AppContext
from bot.texts import dates
from conversations.common import draft, edit_or_reply, fmt, keyboard, nudge

MENU, MOVE, TITLE, KIND, AUDIENCE, CLIENT, THERAPIST, START, REPEAT, DURATION, PLACE, CONFIRM, EDIT, DATE = (
    f"meetings:{s}"
    for s in (
        "menu",
        "move",
        "title",
        "kind",
        "audience",
        "client",
        "therapist",
        "start",
        "repeat",
        "duration",
        "place",
        "confirm",
        "edit",
        "date",
    )
)
DRAFT = "meeting_draft"


@callback("mt.open")
class Open(CallbackData):
    series: int


@callback("mt.cxd")
class CancelDate(CallbackData):
    series: int
    at: int
    sure: bool = False


@callback("mt.mvd")
class MoveDate(CallbackData):
    series: int
    at: int


@callback("mt.menu")
class Menu(CallbackData):
    """Back to the list."""


def meeting_draft(context: AppContext) -> dict[str, Any]:
    """The answers so far of an add, move or edit."""
    return draft(context, DRAFT)


def new_draft(context: AppContext) -> dict[str, Any]:
    """An empty draft: a new add, move or edit forgets the last one."""
    found = meeting_draft(context)
    found.clear()
    return found


def clinic_zone(context: AppContext) -> ZoneInfo:
    return context.services.settings.zone


def example_time(context: AppContext) -> str:
    return forms.example(now().astimezone(clinic_zone(context)))


def time_examples(context: AppContext) -> dict[str, str]:
    """The values the date questions name: an ISO example, a slashed one in the clinic's order, the zone."""
    tomorrow = now().astimezone(clinic_zone(context)) + dt.timedelta(days=1)
    settings = context.services.settings
    first, second = (tomorrow.month, tomorrow.day) if settings.date_order == "mdy" else (tomorrow.day, tomorrow.month)
    return {
        "example": example_time(context),
        "slashed": f"{first}/{second}/{tomorrow.year} 9:00",
        "zone": settings.clinic_timezone,
    }


def typed_when(context: AppContext, text: str) -> dt.datetime:
    """A date and time as staff type it, as a naive wall time in the clinic's zone; ValidationFailed otherwise."""
    now_local = now().astimezone(clinic_zone(context)).replace(tzinfo=None)
    return when_typed.parse_when(text, now_local, context.services.settings.date_order)


def day_text(at: dt.datetime, context: AppContext) -> str:
    local = at.astimezone(clinic_zone(context))
    return dates.short_day_time(local)


def occurrence_text(occ: Occurrence, context: AppContext) -> str:
    """An occurrence's date and time for staff; an all-day event by its own date, not its midnight."""
    if occ.series.all_day:
        return fmt(texts.MEETINGS_ALL_DAY_DATE, day=dates.short_day(occ.day))
    return day_text(occ.start, context)


async def gone(update: Update) -> str:
    """The series was cancelled (or never was): say so, with the way back to the list."""
    await edit_or_reply(update, texts.MEETINGS_GONE, keyboard([[(texts.MEETINGS_BACK, Menu().pack())]]))
    return MENU


Answer = Callable[[Update, AppContext], Coroutine[Any, Any, None]]


def typed_step(says: str | Callable[[AppContext], str]) -> Answer:
    """An answer to a sticker, photo or voice note at a step that wants typed text: what to type."""

    async def answer(update: Update, context: AppContext) -> None:
        await nudge(update, context, says if isinstance(says, str) else says(context))

    return answer
