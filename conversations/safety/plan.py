"""/safetyplan: the client's own plan for hard moments, shown and edited section by section.

States: VIEW (the plan with a button per section) → EDIT (waiting for one section's text) → VIEW.
"""

from __future__ import annotations

import html

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters

from bot import texts
from bot.domain.people.directory import PersonView
from bot.domain.safety import plan as safety_plan
from bot.domain.safety.buttons import SafetyPlanDone, SafetyPlanEdit
from bot.domain.safety.plan import Section
from bot.services.context import AppContext
from conversations.common import END, Handlers, edit_or_reply, keyboard, member, nudge, reply

VIEW, EDIT = "safetyplan:view", "safetyplan:edit"
EDITING = "safetyplan_section"  # user_data key: the section being written (survives a restart)


def render(plan: dict[Section, str], *, blanks: bool) -> str:
    """The plan as one message; `blanks` also lists the parts not filled in yet."""
    parts = [texts.SAFETY_PLAN_HEADER]
    for section in safety_plan.ORDER:
        body = plan.get(section)
        if body is None and not blanks:
            continue
        shown = html.escape(body) if body else texts.SAFETY_PLAN_NOT_YET
        parts.append(f"<b>{texts.SAFETY_SECTION_TITLE[section.value]}</b>\n{shown}")
    return "\n\n".join(parts)


def _view(plan: dict[Section, str]) -> tuple[str, InlineKeyboardMarkup]:
    rows = [[(texts.SAFETY_SECTION_BUTTON[s.value], SafetyPlanEdit(section=s).pack())] for s in safety_plan.ORDER]
    rows.append([(texts.SAFETY_PLAN_DONE_BUTTON, SafetyPlanDone().pack())])
    text = texts.SAFETY_PLAN_EMPTY if not plan else render(plan, blanks=True) + "\n\n" + texts.SAFETY_PLAN_EDIT_HINT
    return text, keyboard(rows)


@member("safetyplan")
async def open_plan(update: Update, context: AppContext, person: PersonView) -> str:
    """Shows the plan with a button for each part."""
    await reply(update, *_view(await safety_plan.get(context.session, person.id)))
    return VIEW


@member("safetyplan")
async def choose_section(update: Update, context: AppContext, person: PersonView) -> str:
    """Asks for one part of the plan."""
    assert update.callback_query is not None and context.user_data is not None
    section = SafetyPlanEdit.parse(update.callback_query.data).section
    context.user_data[EDITING] = section.value
    current = (await safety_plan.get(context.session, person.id)).get(section)
    ask = texts.SAFETY_SECTION_ASK[section.value]
    if current:
        ask += f"\n\n<i>Now:</i>\n{html.escape(current)}"
    await edit_or_reply(update, ask)
    return EDIT


@member("safetyplan")
async def write_section(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Saves the typed part and shows the plan again."""
    assert update.message is not None and update.message.text is not None and context.user_data is not None
    raw = context.user_data.pop(EDITING, None)
    if raw not in Section._value2member_map_:
        return await open_plan(update, context)  # state from an older release: start over
    text = "" if update.message.text.strip() in ("-", "—") else update.message.text
    await safety_plan.set_section(context.session, person.id, Section(raw), text)
    await reply(update, texts.SAFETY_PLAN_SAVED)
    await reply(update, *_view(await safety_plan.get(context.session, person.id)))
    return VIEW


async def not_text(update: Update, context: AppContext) -> str:
    """Stickers, photos and the like while a part is awaited."""
    await nudge(update, context, texts.SAFETY_PLAN_TEXT_ONLY)
    return EDIT


async def done(update: Update, context: AppContext) -> int:
    """Closes the plan; it stays saved."""
    if context.user_data is not None:
        context.user_data.pop(EDITING, None)
    query = update.callback_query
    if query is not None and SafetyPlanDone.matches(query.data):
        await edit_or_reply(update, texts.SAFETY_PLAN_CLOSED)  # Done under the plan: the plan becomes the note
    else:  # /cancel, or another conversation starting (its button's message is not the plan's)
        await reply(update, texts.SAFETY_PLAN_CLOSED)
    return END


def handlers() -> Handlers:
    # Built per Application: a ConversationHandler keeps its states inside the instance.
    return [
        ConversationHandler(
            entry_points=[CommandHandler("safetyplan", open_plan)],
            states={
                VIEW: [CallbackQueryHandler(choose_section, pattern=SafetyPlanEdit.matches)],
                EDIT: [
                    MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, write_section),
                    MessageHandler(filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.COMMAND, not_text),
                ],
            },
            fallbacks=[
                CommandHandler("cancel", done),
                CallbackQueryHandler(done, pattern=SafetyPlanDone.matches),
                CallbackQueryHandler(choose_section, pattern=SafetyPlanEdit.matches),
            ],
            name="safetyplan",
            persistent=True,
            allow_reentry=True,
        )
    ]
