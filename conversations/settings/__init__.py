"""/settings: a client's time zone, daily check-in reminder time, reminders on or off, recovery start date, language.

Its zone and time steps also answer the questions /start asks right after a client's enrolment
("Is it 7:14 pm where you are?", then the reminder time): those buttons enter this conversation.

- `views`: the states, the buttons and what each step shows;
- `steps`: the menu's buttons and the typed zone, time and start date;
- `first`: the zone and time asked after enrolment.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters

from bot.domain.people.directory import PersonView
from bot.domain.people.language import PickLanguage
from bot.domain.safety.buttons import CrisisResume
from bot.domain.settings.buttons import FirstZonePick, FirstZoneYes, KeepTime
from bot.services.context import AppContext
from conversations.common import STRAY, Handlers, member, reply, use_buttons
from conversations.meetings.schedule import MeetingPrefsDone
from conversations.safety import crisis
from conversations.settings.first import first_time_keep, first_time_text, first_zone_pick, first_zone_yes
from conversations.settings.steps import (
    back_to_menu,
    cancel,
    choose,
    language_picked,
    leave,
    meeting_prefs_done,
    open_settings,
    start_ask,
    start_clear,
    start_text,
    stray_start,
    stray_time,
    stray_zone,
    time_text,
    zone_again,
    zone_button,
    zone_confirmed,
    zone_text,
)
from conversations.settings.views import (
    FIRST_TIME,
    LANGUAGE,
    MENU,
    QUESTIONS,
    START,
    TIME,
    ZONE,
    BackToMenu,
    Choice,
    ClearStartDate,
    ConfirmZone,
    EditStartDate,
    PickZone,
    PickZoneAgain,
    SettingsButton,
)

__all__ = [
    "BackToMenu",
    "Choice",
    "ClearStartDate",
    "ConfirmZone",
    "EditStartDate",
    "PickZone",
    "PickZoneAgain",
    "SettingsButton",
    "handlers",
]


def _resume_at(state: str) -> Callable[[Update, AppContext], Coroutine[Any, Any, str | int]]:
    """ "Back to what I was doing" while a step is open: the exchange ends as anywhere else, and the
    step's question comes again, as a new message (the button sits on the crisis reply, which stays)."""

    @member("settings")
    async def ask_again(update: Update, context: AppContext, person: PersonView) -> str:
        await reply(update, *await QUESTIONS[state](context, person))
        return state

    async def resume(update: Update, context: AppContext) -> str | int:
        await crisis.resume(update, context)
        return await ask_again(update, context)

    return resume


def handlers() -> Handlers:
    # Built per Application: a ConversationHandler keeps its states inside the instance.
    def resume(state: str) -> BaseHandler[Update, AppContext, object]:
        return CallbackQueryHandler(_resume_at(state), pattern=CrisisResume.matches)

    return [
        ConversationHandler(
            entry_points=[
                CommandHandler("settings", open_settings),
                CallbackQueryHandler(meeting_prefs_done, pattern=MeetingPrefsDone.matches),
                CallbackQueryHandler(first_zone_yes, pattern=FirstZoneYes.matches),
                CallbackQueryHandler(first_zone_pick, pattern=FirstZonePick.matches),
            ],
            states={
                MENU: [
                    CallbackQueryHandler(choose, pattern=SettingsButton.matches),
                    CallbackQueryHandler(start_ask, pattern=EditStartDate.matches),
                    resume(MENU),
                    MessageHandler(filters.TEXT & ~filters.COMMAND, leave),
                ],
                ZONE: [
                    CallbackQueryHandler(zone_button, pattern=PickZone.matches),
                    CallbackQueryHandler(zone_confirmed, pattern=ConfirmZone.matches),
                    CallbackQueryHandler(zone_again, pattern=PickZoneAgain.matches),
                    CallbackQueryHandler(back_to_menu, pattern=BackToMenu.matches),
                    resume(ZONE),
                    MessageHandler(filters.TEXT & ~filters.COMMAND, zone_text),
                    MessageHandler(STRAY, stray_zone),
                ],
                START: [
                    CallbackQueryHandler(start_clear, pattern=ClearStartDate.matches),
                    CallbackQueryHandler(back_to_menu, pattern=BackToMenu.matches),
                    resume(START),
                    MessageHandler(filters.TEXT & ~filters.COMMAND, start_text),
                    MessageHandler(STRAY, stray_start),
                ],
                TIME: [
                    resume(TIME),
                    MessageHandler(filters.TEXT & ~filters.COMMAND, time_text),
                    MessageHandler(STRAY, stray_time),
                ],
                LANGUAGE: [
                    CallbackQueryHandler(language_picked, pattern=PickLanguage.matches),
                    CallbackQueryHandler(back_to_menu, pattern=BackToMenu.matches),
                    resume(LANGUAGE),
                    MessageHandler(filters.TEXT & ~filters.COMMAND, leave),
                ],
                FIRST_TIME: [
                    CallbackQueryHandler(first_time_keep, pattern=KeepTime.matches),
                    resume(FIRST_TIME),
                    MessageHandler(filters.TEXT & ~filters.COMMAND, first_time_text),
                    MessageHandler(STRAY, stray_time),
                ],
            },
            fallbacks=[
                CommandHandler("cancel", cancel),
                MessageHandler(~filters.COMMAND & ~filters.UpdateType.EDITED, use_buttons),
            ],
            name="settings",
            persistent=True,
            allow_reentry=True,
        )
    ]
