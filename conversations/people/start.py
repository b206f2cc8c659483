"""Enrollment and consent: /start <code>, the privacy notice, Agree / Decline; then a new client's time zone.

State lives in user_data (persisted), not in a ConversationHandler, so a code can also
be pasted as plain text and the consent buttons still work after a restart. The zone question
after a client's welcome is answered by conversations.settings (its buttons enter that conversation).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import texts
from bot.core.clock import now
from bot.core.errors import EnrollmentError, Refusal
from bot.db.models import Role
from bot.domain.people import consent, enrollment, roles, timezones
from bot.domain.people.directory import PersonView
from bot.domain.settings.buttons import FirstZonePick, FirstZoneYes
from bot.services.context import AppContext, menu_features, publish_menu
from bot.texts import catalogue, dates
from conversations.common import (
    AGREE,
    DECLINE,
    MENU_KEY,
    ConsentButton,
    Handlers,
    clinic_values,
    compose,
    current_person,
    fmt,
    keyboard,
    notice,
    reply,
    show_consent,
)

PENDING_INVITE = "pending_invite"  # user_data key: the invite id awaiting consent
PENDING_ROLE = "pending_role"  # user_data key: that invite's role (the notice differs by role)
PENDING_LANGUAGE = "pending_language"  # user_data key: the language the newcomer reads (invite, switch, Telegram)
__all__ = ["AGREE", "DECLINE", "PENDING_INVITE", "handlers", "notice", "try_code"]


# By name, so each refusal is read in the reader's language.
REFUSALS = {
    Refusal.INVALID: "CODE_INVALID",
    Refusal.EXPIRED: "CODE_EXPIRED",
    Refusal.USED: "CODE_USED",
    Refusal.LOCKED: "CODE_LOCKED",
    Refusal.ENROLLED: "ALREADY_ENROLLED",
    Refusal.BUSY: "CODE_BUSY",
}


async def start(update: Update, context: AppContext) -> None:
    """Enrolls with a code, welcomes back a member, or asks a paused member to consent again."""
    person = await current_person(update, context)
    if person is not None:
        if person.deactivated:
            await reply(update, texts.DEACTIVATED.format(**clinic_values(context)))
        elif person.needs_consent(context.services.settings.privacy_version):
            await show_consent(update, context, person.role, changed=not person.paused)
        else:
            await reply(update, texts.WELCOME_BACK_TEAM if person.is_team else texts.WELCOME_BACK)
        return
    if not context.args:
        await reply(update, texts.UNKNOWN_USER.format(**clinic_values(context)))
        return
    await try_code(update, context, context.args[0])


async def try_code(update: Update, context: AppContext, code: str) -> None:
    """Checks a code; then the notice for the code's role, and enrollment only on Agree."""
    services = context.services
    user = update.effective_user
    assert user is not None and context.user_data is not None
    try:
        invite = await enrollment.check_code(context.session, user.id, code, enrollment.policy_from(services.settings))
    except EnrollmentError as exc:
        if exc.reason is Refusal.BUSY:
            context.after_commit(services.delivery.wake.set)  # staff may have been told
        await reply(update, str(getattr(texts, REFUSALS[exc.reason])))
        return
    context.user_data[PENDING_INVITE] = invite.id
    context.user_data[PENDING_ROLE] = invite.role
    if invite.language:  # staff chose the language at the invite; the notice's buttons still switch it
        context.user_data[PENDING_LANGUAGE] = invite.language
        catalogue.set_reader(invite.language)
    await show_consent(update, context, invite.role)


def pending_role(context: AppContext) -> Role | None:
    """The role of the invite awaiting consent in this chat, if any (kept in user_data)."""
    invite_id = context.user_data.get(PENDING_INVITE) if context.user_data is not None else None
    return context.user_data.get(PENDING_ROLE) if isinstance(invite_id, int) and context.user_data else None


async def _welcome(update: Update, context: AppContext, person: PersonView) -> None:
    await _publish(context, person)
    if person.role is Role.CLIENT:
        await reply(update, compose(texts.WELCOME_CLIENT, context, code=person.code))
        await _ask_zone(update, person)
    else:
        await reply(
            update,
            fmt(texts.WELCOME_TEAM, name=person.display_name or person.code, role=person.role, code=person.code),
        )


async def _ask_zone(update: Update, person: PersonView) -> None:
    """A new client confirms the clinic's zone by its local time, or picks theirs; /settings answers the buttons.

    Nothing waits for the answer: a client who ignores it keeps the clinic's zone and reminder time.
    """
    zone = person.timezone
    rows = [
        [
            (texts.SETTINGS_ZONE_YES, FirstZoneYes(zone=zone).pack()),
            (texts.SETTINGS_FIRST_ZONE_PICK, FirstZonePick().pack()),
        ]
    ]
    await reply(update, fmt(texts.SETTINGS_FIRST_ZONE_ASK, time=timezones.local_time_text(zone, now())), keyboard(rows))


async def consent_answer(update: Update, context: AppContext) -> None:
    """Records Agree or Decline from the notice's buttons; a second press finds nothing to do."""
    query = update.callback_query
    assert query is not None and context.user_data is not None and update.effective_user is not None
    services = context.services
    version = services.settings.privacy_version
    agreed = ConsentButton.parse(query.data).agreed
    person = await current_person(update, context)
    invite_id = context.user_data.get(PENDING_INVITE)
    if person is not None and person.deactivated:
        await reply(update, texts.DEACTIVATED.format(**clinic_values(context)))
        return
    if (person is None and invite_id is None) or (person is not None and not person.needs_consent(version)):
        await reply(update, texts.STALE_BUTTON)
        return
    await query.edit_message_reply_markup(None)  # the choice is made; the buttons go
    if person is not None:  # a paused member coming back, or the notice changed
        if agreed:
            person = await consent.agree(context.session, person.id, version, catalogue.current())
            await _publish(context, person)
            await reply(update, texts.WELCOME_BACK_TEAM if person.is_team else texts.WELCOME_BACK)
        else:
            await reply(update, texts.CONSENT_DECLINED_RETURNING)
        return
    context.user_data.pop(PENDING_INVITE, None)
    context.user_data.pop(PENDING_ROLE, None)
    context.user_data.pop(PENDING_LANGUAGE, None)
    assert isinstance(invite_id, int)  # checked above: no person means a pending invite
    if not agreed:
        await consent.record_decline(context.session, update.effective_user.id, version)
        invite = await enrollment.invite_view(context.session, invite_id)
        expires = dates.medium_date(invite.expires_at) if invite else texts.CONSENT_EXPIRES_UNKNOWN
        await reply(update, fmt(texts.CONSENT_DECLINED, expires=expires))
        return
    try:
        person = await enrollment.enroll(
            context.session,
            update.effective_user.id,
            invite_id,
            timezone=services.settings.clinic_timezone,
            checkin_time=services.settings.default_checkin_time,
            consent_version=version,
            language=catalogue.current(),  # the language the notice was read and agreed in
        )
    except EnrollmentError as exc:
        await reply(update, str(getattr(texts, REFUSALS[exc.reason])))
        return
    await _welcome(update, context, person)


async def _publish(context: AppContext, person: PersonView) -> None:
    features = menu_features(context.services.settings)
    await publish_menu(context.bot, person.telegram_id, person.role, features)
    if context.chat_data is not None:
        context.chat_data[MENU_KEY] = roles.menu_version(person.role, features)


def handlers() -> Handlers:
    """This module's handlers, built for one Application."""
    return [
        CommandHandler("start", start),
        CallbackQueryHandler(consent_answer, pattern=ConsentButton.matches),
    ]
