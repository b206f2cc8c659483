"""The zone and reminder time asked right after a client's enrolment (conversations.people.start asks).

Its buttons enter the /settings conversation; ignoring the question keeps the clinic's defaults.
"""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.core.errors import ValidationFailed
from bot.domain.people import directory, timezones, typed
from bot.domain.people.directory import PersonView
from bot.domain.settings import preferences
from bot.domain.settings.buttons import FirstZoneYes
from bot.services.context import AppContext
from bot.texts import dates
from conversations import fallback
from conversations.common import END, edit_or_reply, fmt, member, not_crisis_words, reply
from conversations.settings.views import FIRST_TIME, first_time_view, mark_first_setup, replan, to_exchange, zone_picker


@member("settings")
async def first_zone_yes(update: Update, context: AppContext, person: PersonView) -> str:
    """'Yes, it's 7:14 pm here': the zone is kept (stored again, as asked about); the time next."""
    assert update.callback_query is not None
    zone = timezones.parse_timezone(FirstZoneYes.parse(update.callback_query.data).zone)
    await preferences.set_timezone(context.session, person.id, zone)
    await replan(context, person)
    await edit_or_reply(update, fmt(texts.SETTINGS_ZONE_OK, zone=timezones.label(zone)))
    await reply(update, *await first_time_view(context, person))
    return FIRST_TIME


@member("settings")
async def first_zone_pick(update: Update, context: AppContext, person: PersonView) -> str:
    """'Pick my zone': the picker of /settings; once confirmed, the time comes next."""
    mark_first_setup(context)
    return await zone_picker(update, context)


@member("settings")
async def first_time_keep(update: Update, context: AppContext, person: PersonView) -> int:
    """Keeps the clinic's reminder time; nothing more is asked."""
    prof = await directory.profile(context.session, person.id)
    assert prof is not None
    done = fmt(texts.SETTINGS_TIME_OK, time=dates.clock(prof.checkin_time))
    await edit_or_reply(update, f"{done}\n\n{texts.SETTINGS_FIRST_LATER}")
    return END


@not_crisis_words
@member("settings")
async def first_time_text(update: Update, context: AppContext, person: PersonView) -> str | int:
    """A typed reminder time after enrolment; words that are no time leave the step (defaults kept) and are answered."""
    assert update.message is not None and update.message.text is not None
    text = update.message.text
    try:
        at = typed.parse_time(text)
    except ValidationFailed:
        if await to_exchange(update, context, text):
            return FIRST_TIME
        if any(c.isdigit() for c in text):  # a time, mistyped: ask again
            await reply(update, fmt(texts.SETTINGS_TIME_BAD, text=text[:64]))
            return FIRST_TIME
        await fallback.text(update, context)  # they moved on: nothing blocks them
        return END
    await preferences.set_checkin_time(context.session, person.id, at)
    await replan(context, person)
    await reply(update, f"{fmt(texts.SETTINGS_TIME_OK, time=dates.clock(at))}\n\n{texts.SETTINGS_FIRST_LATER}")
    return END
