"""/invite: staff create a one-time enrollment code with deep link and QR picture."""

from __future__ import annotations

import io
import logging
import re

import segno
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import texts
from bot.core.callbacks import CallbackData, InvalidCallback, callback
from bot.core.errors import EnrollmentError
from bot.db.models import Role
from bot.domain.people import directory, enrollment, invites, timezones
from bot.domain.people.directory import PersonView
from bot.services.context import AppContext
from bot.texts import catalogue
from conversations.common import (
    END,
    STRAY,
    Handlers,
    edit_or_reply,
    fmt,
    invalid_button,
    keyboard,
    member,
    not_crisis_words,
    nudge,
    reply,
    use_buttons,
)

log = logging.getLogger(__name__)
ROLE, NAME, THERAPIST, COHORT = "invite:role", "invite:name", "invite:therapist", "invite:cohort"
DRAFT = "invite_draft"  # user_data key holding the answers so far (plain data, persisted)
_NAME = re.compile(r"^[\w .\-]{1,32}$")

# Who may invite whom: staff never mint admins.
MAY_INVITE = {Role.STAFF: (Role.CLIENT, Role.THERAPIST), Role.ADMIN: tuple(Role)}


@callback("inv.role")
class RoleButton(CallbackData):
    role: Role


@callback("inv.th")
class TherapistButton(CallbackData):
    """The client's therapist, by person id (checked to be an active therapist when pressed)."""

    therapist_id: int


@callback("inv.th0")
class NoTherapistButton(CallbackData):
    pass


@callback("inv.co")
class CohortButton(CallbackData):
    """A cohort already in use (checked to still be one when pressed)."""

    cohort: str


@callback("inv.co0")
class NoCohortButton(CallbackData):
    pass


@callback("inv.lang")
class InviteLanguage(CallbackData):
    """Under a new code: the language its person will read (before they use it)."""

    invite_id: int
    code: str


@member("invite")
async def begin(update: Update, context: AppContext, person: PersonView) -> str:
    """Asks which role the code is for."""
    assert context.user_data is not None
    context.user_data[DRAFT] = {}
    rows = [[(r.capitalize(), RoleButton(r).pack()) for r in MAY_INVITE[person.role]]]
    await reply(update, texts.INVITE_ROLE_ASK, keyboard(rows))
    return ROLE


@member("invite")
async def pick_role(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Stores the role and asks for initials or a name."""
    assert update.callback_query is not None and context.user_data is not None
    role = RoleButton.parse(update.callback_query.data).role
    if role not in MAY_INVITE[person.role]:
        await edit_or_reply(update, fmt(texts.WRONG_ROLE, command="invite", who="admins"))
        return END
    context.user_data.setdefault(DRAFT, {})["role"] = str(role)  # user_data holds plain data
    ask = texts.INVITE_NAME_ASK_CLIENT if role is Role.CLIENT else texts.INVITE_NAME_ASK_TEAM
    await edit_or_reply(update, ask)
    return NAME


@not_crisis_words  # crisis words about the writer are never a name or a cohort: the note stands alone
@member("invite")
async def take_name(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Stores initials or a clinic code (client) or a name (team); clients go on to therapist and cohort."""
    assert update.message is not None and update.message.text is not None and context.user_data is not None
    name = update.message.text.strip()
    draft = context.user_data.setdefault(DRAFT, {})
    if draft.get("role") != Role.CLIENT:
        if not _NAME.match(name):
            await reply(update, texts.INVITE_NAME_BAD)
            return NAME
        draft["name"] = name
        return await _issue(update, context, person)
    label = invites.client_label(name)
    if label is None:  # a full name would show in every alert and list
        await reply(update, texts.INVITE_CLIENT_NAME_BAD)
        return NAME
    draft["name"], draft["person_code"] = label.initials, label.person_code
    therapists = await directory.list_people(context.session, Role.THERAPIST)
    rows = [[(t.label, TherapistButton(t.id).pack())] for t in therapists if t.active]
    rows.append([(texts.NO_THERAPIST, NoTherapistButton().pack())])
    await reply(update, texts.INVITE_THERAPIST_ASK, keyboard(rows))
    return THERAPIST


@member("invite")
async def pick_therapist(update: Update, context: AppContext, person: PersonView) -> str:
    """Stores the therapist (an active one, or none) and asks for the cohort."""
    assert update.callback_query is not None and context.user_data is not None
    therapist_id = None
    button = TherapistButton.try_parse(update.callback_query.data)
    if button is not None:
        therapist = await directory.by_id(context.session, button.therapist_id)
        if therapist is None or therapist.role is not Role.THERAPIST or not therapist.active:
            await invalid_button(update, context)  # forged, or the therapist left since
            return THERAPIST
        therapist_id = therapist.id
    context.user_data.setdefault(DRAFT, {})["therapist_id"] = therapist_id
    cohorts = await directory.cohorts(context.session)
    rows = [[(c, CohortButton(c).pack())] for c in cohorts[:8] if _fits(CohortButton(c))]
    rows.append([(texts.SKIP, NoCohortButton().pack())])
    await edit_or_reply(update, texts.INVITE_COHORT_ASK, keyboard(rows))
    return COHORT


@member("invite")
async def cohort_button(update: Update, context: AppContext, person: PersonView) -> int | str:
    """Takes a cohort from the buttons (or none) and issues the code."""
    assert update.callback_query is not None
    button = CohortButton.try_parse(update.callback_query.data)
    cohort = "" if button is None else button.cohort
    if cohort and cohort not in await directory.cohorts(context.session):
        await invalid_button(update, context)  # forged: only cohorts in use are offered
        return COHORT
    await update.callback_query.edit_message_reply_markup(None)
    return await _issue(update, context, person, cohort=cohort)


@not_crisis_words
@member("invite")
async def cohort_text(update: Update, context: AppContext, person: PersonView) -> int | str:
    """Takes a typed cohort name and issues the code."""
    assert update.message is not None and update.message.text is not None
    cohort = update.message.text.strip()
    if not _NAME.match(cohort):
        await reply(update, texts.INVITE_NAME_BAD)
        return COHORT
    return await _issue(update, context, person, cohort=cohort)


def _fits(button: CallbackData) -> bool:
    try:
        button.pack()
    except InvalidCallback:  # a cohort name too long for a button: typing it still works
        return False
    return True


async def _issue(update: Update, context: AppContext, person: PersonView, cohort: str = "") -> int:
    assert context.user_data is not None and update.effective_chat is not None
    draft = context.user_data.pop(DRAFT, {})
    role = Role(draft.get("role", Role.CLIENT))
    name = draft.get("name", "")
    person_code = draft.get("person_code") if role is Role.CLIENT else None
    try:
        issued = await enrollment.create_invite(
            context.session,
            role,
            display_name=name,
            person_code=person_code,
            therapist_id=draft.get("therapist_id"),
            cohort=cohort,
            created_by=person.id,
            policy=enrollment.policy_from(context.services.settings),
        )
    except EnrollmentError:
        await reply(update, fmt(texts.INVITE_CODE_TAKEN, code=person_code))
        return END
    link = enrollment.deep_link(context.bot.username, issued.code)
    if role is not Role.CLIENT:
        label = f"{name} ({issued.person_code})"
    else:
        label = f"{issued.person_code}, {name}" if name else issued.person_code
    caption = fmt(
        texts.INVITE_READY,
        label=label,
        role=role,
        code=issued.code,
        link=link,
        expires=timezones.shown(issued.expires_at, person.timezone),
    )
    # Under the code, the language its person will read: one tap, before they use it.
    languages = keyboard([[(catalogue.NAMES[c], InviteLanguage(issued.id, c).pack()) for c in catalogue.languages()]])
    caption += "\n\n" + texts.INVITE_LANGUAGE_ASK
    try:
        png = io.BytesIO()
        segno.make(link, error="m").save(png, kind="png", scale=6, border=2)
        png.seek(0)
        await update.effective_chat.send_photo(
            png, caption=caption, filename=f"invite-{issued.person_code}.png", reply_markup=languages
        )
    except (TelegramError, ValueError) as exc:
        # The invite is stored with this update: the code must reach staff even without its picture.
        # (If this text fails too, the update fails and the invite is rolled back: no code is lost.)
        log.warning("invite QR picture failed, sending the code as text: %s", type(exc).__name__)
        await update.effective_chat.send_message(caption + texts.INVITE_NO_QR, reply_markup=languages)
    return END


@member("invite")
async def language_button(update: Update, context: AppContext, person: PersonView) -> None:
    """Stores the language of the invite's person; a used or expired code says so."""
    assert update.callback_query is not None
    button = InviteLanguage.parse(update.callback_query.data)
    code = catalogue.supported(button.code) or catalogue.SOURCE
    if not await enrollment.set_invite_language(context.session, button.invite_id, code):
        await reply(update, texts.INVITE_NOT_PENDING)
        return
    await reply(update, fmt(texts.INVITE_LANGUAGE_SET, language=catalogue.NAMES[code]))


async def stray_name(update: Update, context: AppContext) -> None:
    """Says the name step wants typed initials or a name."""
    await nudge(update, context, texts.INVITE_STRAY_NAME)


async def stray_cohort(update: Update, context: AppContext) -> None:
    """Says the cohort step wants a typed name or a button."""
    await nudge(update, context, texts.INVITE_STRAY_COHORT)


async def cancel(update: Update, context: AppContext) -> int:
    """Drops the half-made invite."""
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    await reply(update, texts.CANCELLED)
    return END


def handlers() -> Handlers:
    # Built per Application: a ConversationHandler keeps its states inside the instance.
    return [
        ConversationHandler(
            entry_points=[CommandHandler("invite", begin)],
            states={
                ROLE: [CallbackQueryHandler(pick_role, pattern=RoleButton.matches)],
                NAME: [MessageHandler(filters.TEXT & ~filters.COMMAND, take_name), MessageHandler(STRAY, stray_name)],
                THERAPIST: [
                    CallbackQueryHandler(pick_therapist, pattern=TherapistButton.matches),
                    CallbackQueryHandler(pick_therapist, pattern=NoTherapistButton.matches),
                ],
                COHORT: [
                    CallbackQueryHandler(cohort_button, pattern=CohortButton.matches),
                    CallbackQueryHandler(cohort_button, pattern=NoCohortButton.matches),
                    MessageHandler(filters.TEXT & ~filters.COMMAND, cohort_text),
                    MessageHandler(STRAY, stray_cohort),
                ],
            },
            fallbacks=[
                CommandHandler("cancel", cancel),
                MessageHandler(~filters.COMMAND & ~filters.UpdateType.EDITED, use_buttons),
            ],
            name="invite",
            persistent=True,
            allow_reentry=True,
        ),
        CallbackQueryHandler(language_button, pattern=InviteLanguage.matches),
    ]
