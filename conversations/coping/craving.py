"""/craving, the menu's button, or craving talk: rate it, pick a tool, go through it, rate it again.

One conversation state, `craving:open`; the stage (before, pick, tool, after), the ratings and
the tool live in a draft in user_data, persisted with the update, so a restart resumes the step.
A draft idle longer than an hour is over: the next message is read as if no flow were open.
The crisis guard (group -1) has screened every message first; a message it answered gets an
offer of this flow beside the crisis reply rather than a rating question.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters

from bot import texts
from bot.core.clock import now
from bot.db.models import Role
from bot.domain.checkins.answers import InvalidAnswer, Step, parse
from bot.domain.coping import cravings, sequences, tools
from bot.domain.people.directory import PersonView
from bot.domain.safety import plan
from bot.services.context import AppContext
from conversations import fallback
from conversations.common import (
    END,
    answer_once,
    compose,
    current_person,
    edit_or_reply,
    fmt,
    member,
    refuse_inactive,
    reply,
)
from conversations.coping.steps import (
    AUTO,
    DRAFT,
    OPEN,
    CravingDone,
    CravingNext,
    CravingRate,
    CravingStart,
    CravingTool,
    Stage,
    check_back_buttons,
    choices,
    expired,
    is_craving_button,
    new_draft,
    paced_status,
    paced_steps,
    rating,
    run_of,
    stage,
    start_button,
    tool_step,
    touch,
)
from conversations.safety import crisis, exchange

Draft = dict[str, Any]


class CravingTalk(filters.MessageFilter):
    """A new text message in which the writer says they are craving (bot/domain/coping/cravings.py)."""

    def filter(self, message: Message) -> bool:
        return message.text is not None and cravings.is_craving_talk(message.text)


def _user_data(context: AppContext) -> dict[Any, Any]:
    assert context.user_data is not None
    return context.user_data


def _draft(context: AppContext) -> Draft | None:
    draft = _user_data(context).get(DRAFT)
    if not isinstance(draft, dict) or expired(draft):
        _user_data(context).pop(DRAFT, None)
        return None
    return draft


async def _plan_steps(context: AppContext, person_id: int) -> dict[str, str]:
    """The steps that show the client's own plan: their people (else the clinic), their reasons."""
    theirs = await plan.get(context.session, person_id)
    people, reasons = theirs.get(plan.Section.PEOPLE), theirs.get(plan.Section.REASONS)
    return {
        tools.PEOPLE_STEP: fmt(texts.COPING_PEOPLE, people=people)
        if people
        else compose(texts.COPING_NO_PEOPLE, context),
        tools.REASONS_STEP: fmt(texts.COPING_REASONS, reasons=reasons) if reasons else texts.COPING_NO_REASONS,
    }


async def _view(context: AppContext, draft: Draft) -> tuple[str, InlineKeyboardMarkup]:
    at = stage(draft)
    if at is Stage.PICK:
        return choices(draft, tools.offered())
    if at is Stage.TOOL:
        tool = tools.offered().get(str(draft.get("tool")))
        if tool is not None and tool.pace is not None and draft.get("queued"):
            return paced_status(draft, tool)
        if tool is not None:
            return tool_step(draft, tool, await _plan_steps(context, int(draft["person"])))
        draft["stage"] = Stage.AFTER.value  # a tool the clinic removed meanwhile: rate it now
        at = Stage.AFTER
    return rating(draft, Stage.AFTER if at is Stage.AFTER else Stage.BEFORE)


async def _show(
    update: Update, context: AppContext, draft: Draft, notes: list[str] | None = None, *, edit: bool = False
) -> str:
    """Show the current stage (after any notes); the conversation stays open."""
    touch(draft)
    text, markup = await _view(context, draft)
    text = "\n\n".join([*(notes or []), text])
    await (edit_or_reply if edit else reply)(update, text, markup)
    return OPEN


async def _live(update: Update, context: AppContext) -> Draft | None:
    """The draft, or None after saying this exercise is over (finished, cancelled, idle, erased), or
    after answering a person who paused (/stop ends the exercise) or whose access was closed since."""
    person = await current_person(update, context)
    if person is not None and await refuse_inactive(update, context, person):
        _user_data(context).pop(DRAFT, None)
        return None
    draft = _draft(context)
    if draft is None:
        await answer_once(update, texts.COPING_ENDED_TOAST)
        await reply(update, texts.COPING_ENDED)
    return draft


# --- starting ---------------------------------------------------------------------------------


@member("craving")
async def start(update: Update, context: AppContext, person: PersonView) -> str:
    """Starts the flow: asks how strong the craving is."""
    await answer_once(update)
    draft = new_draft()
    draft["person"] = person.id
    _user_data(context)[DRAFT] = draft
    return await _show(update, context, draft)


async def from_text(update: Update, context: AppContext) -> str | int:
    """Craving talk outside any step: the flow for a client; a crisis reply already sent gets an offer beside it."""
    person = await current_person(update, context)
    if person is None or person.role is not Role.CLIENT:
        await fallback.text(update, context)  # guests and the team: as any other text
        return END
    assert update.message is not None and update.message.text is not None
    if exchange.active(context) and not crisis.answered(context):
        await exchange.follow_up(update, context, update.message.text)  # the care team reads along
    if crisis.answered(context) or exchange.active(context):
        await reply(update, texts.COPING_OFFER, start_button())
        return END
    return await start(update, context)


async def _drop(context: AppContext) -> None:
    """Forget the flow in progress and withdraw a paced tool's steps still waiting."""
    draft = _user_data(context).pop(DRAFT, None)
    if isinstance(draft, dict) and "person" in draft:
        await sequences.withdraw(context.session, int(draft["person"]))


async def again(update: Update, context: AppContext) -> str | int:
    """/craving or the start button while a flow is open: start afresh."""
    await _drop(context)
    return await start(update, context)


# --- rating -----------------------------------------------------------------------------------


async def _rated(update: Update, context: AppContext, draft: Draft, value: int, *, edit: bool) -> str | int:
    if stage(draft) is Stage.BEFORE:
        draft["before"] = value
        draft["stage"] = Stage.PICK.value
        return await _show(update, context, draft, edit=edit)
    return await _finish(update, context, draft, value)


async def rate_button(update: Update, context: AppContext) -> str | int:
    """Takes a tapped rating, before or after the tool."""
    assert update.callback_query is not None
    data = CravingRate.parse(update.callback_query.data)
    draft = await _live(update, context)
    if draft is None:
        return END
    await answer_once(update)
    if data.run != draft["run"]:
        return await _show(update, context, draft, [texts.COPING_OLD_BUTTON])
    if data.stage is not stage(draft) or not 0 <= data.value <= 10:
        return await _show(update, context, draft, [texts.COPING_OTHER_STEP])
    return await _rated(update, context, draft, data.value, edit=True)


async def typed(update: Update, context: AppContext) -> str | int:
    """Takes a typed rating; at other stages, or for words, says what to do and shows the step again."""
    assert update.message is not None and update.message.text is not None
    draft = _draft(context)
    if draft is None:  # idle too long: read the message as if no flow were open
        await fallback.text(update, context)
        return END
    if context.crisis_answered:
        return await _show(update, context, draft, [texts.COPING_AFTER_CRISIS])
    at = stage(draft)
    if at in (Stage.BEFORE, Stage.AFTER):
        try:
            value = parse(Step.CRAVING, update.message.text)
        except InvalidAnswer:
            if exchange.active(context):
                await exchange.follow_up(update, context, update.message.text)
                return OPEN
            return await _show(update, context, draft, [texts.COPING_BAD_NUMBER])
        return await _rated(update, context, draft, int(value), edit=False)
    if exchange.active(context):
        await exchange.follow_up(update, context, update.message.text)
        return OPEN
    if draft.get("queued"):  # a paced tool: its status says what to do
        return await _show(update, context, draft)
    return await _show(update, context, draft, [texts.COPING_PICK_TEXT if at is Stage.PICK else texts.COPING_STEP_TEXT])


# --- the tool ---------------------------------------------------------------------------------


async def choose(update: Update, context: AppContext) -> str | int:
    """Starts the tapped tool, or the one that helped this person most."""
    assert update.callback_query is not None
    data = CravingTool.parse(update.callback_query.data)
    draft = await _live(update, context)
    if draft is None:
        return END
    await answer_once(update)
    offered = tools.offered()
    if data.run != draft["run"]:
        return await _show(update, context, draft, [texts.COPING_OLD_BUTTON])
    if stage(draft) is not Stage.PICK or (data.tool != AUTO and data.tool not in offered):
        return await _show(update, context, draft, [texts.COPING_OTHER_STEP])
    notes = []
    if data.tool == AUTO:
        past = await cravings.history(context.session, int(draft["person"]))
        key = cravings.pick(past, list(offered))
        why = (
            texts.COPING_WHY_HELPED if any(p.tool == key and p.before > p.after for p in past) else texts.COPING_WHY_NEW
        )
        notes.append(texts.COPING_PICKED_FOR_YOU.format(name=offered[key].name, why=why))
        draft["picked_by"] = "bot"
    else:
        key = data.tool
        draft["picked_by"] = "client"
    draft.update(tool=key, step=0, stage=Stage.TOOL.value)
    tool = offered[key]
    chat = update.effective_chat
    if tool.pace is None or chat is None:
        return await _show(update, context, draft, notes, edit=not notes)
    # Paced: step 1 now, the rest as outbox rows at their times (a restart continues them).
    person_id = int(draft["person"])
    await sequences.withdraw(context.session, person_id)
    if await sequences.queue(
        context.session, person_id, chat.id, str(draft["run"]), paced_steps(draft, tool), now(), tool.pace
    ):
        context.after_commit(context.services.delivery.wake.set)
    notes.append(texts.COPING_PACED_INTRO.format(minutes=tool.minutes))
    state = await _show(update, context, draft, notes)
    draft["queued"] = True
    return state


async def next_step(update: Update, context: AppContext) -> str | int:
    """Shows the tool's next step (a second tap on the same Next shows where we are)."""
    assert update.callback_query is not None
    data = CravingNext.parse(update.callback_query.data)
    draft = await _live(update, context)
    if draft is None:
        return END
    await answer_once(update)
    if data.run != draft["run"]:
        return await _show(update, context, draft, [texts.COPING_OLD_BUTTON])
    if stage(draft) is not Stage.TOOL or data.step != int(draft.get("step", 0)) + 1:
        return await _show(update, context, draft, [texts.COPING_OTHER_STEP])
    draft["step"] = data.step
    return await _show(update, context, draft)


async def done(update: Update, context: AppContext) -> str | int:
    """Ends the tool (last step or early) and asks for the rating again."""
    assert update.callback_query is not None
    data = CravingDone.parse(update.callback_query.data)
    draft = await _live(update, context)
    if draft is None:
        return END
    await answer_once(update)
    if data.run != draft["run"]:
        return await _show(update, context, draft, [texts.COPING_OLD_BUTTON])
    if stage(draft) is not Stage.TOOL:
        return await _show(update, context, draft, [texts.COPING_OTHER_STEP])
    await sequences.withdraw(context.session, int(draft["person"]))  # a paced tool's steps still waiting
    draft["stage"] = Stage.AFTER.value
    return await _show(update, context, draft)


async def _finish(update: Update, context: AppContext, draft: Draft, after: int) -> int:
    """Stores both ratings and the tool and plans the check back; a craving still high also gets the care
    team's number and the lines."""
    before, tool = int(draft["before"]), str(draft.get("tool"))
    started = dt.datetime.fromisoformat(str(draft["started"]))
    person_id, picked_by = int(draft["person"]), str(draft.get("picked_by", "client"))
    use_id = await cravings.record(
        context.session, person_id, tool, before, after, picked_by=picked_by, started_at=started
    )
    _user_data(context).pop(DRAFT, None)
    chat = update.effective_chat
    if chat is not None and await cravings.check_back(
        context.session, person_id, chat.id, use_id, check_back_buttons(use_id), now()
    ):
        context.after_commit(context.services.delivery.wake.set)
    done_text = texts.COPING_RESULT_DOWN if after < before else texts.COPING_RESULT_SAME
    if cravings.still_high(after):
        await reply(update, done_text.format(before=before, after=after))
        await reply(update, compose(texts.COPING_STILL_HIGH, context))
    else:
        await reply(update, done_text.format(before=before, after=after) + "\n\n" + texts.COPING_CHECK_BACK_SOON)
    return END


# --- everything else --------------------------------------------------------------------------


async def misplaced(update: Update, context: AppContext) -> str | int:
    """A craving button from another run, or one that no longer fits."""
    draft = await _live(update, context)
    if draft is None:
        return END
    await answer_once(update)
    assert update.callback_query is not None
    same = run_of(update.callback_query.data) == draft["run"]
    return await _show(update, context, draft, [texts.COPING_OTHER_STEP if same else texts.COPING_OLD_BUTTON])


async def not_an_answer(update: Update, context: AppContext) -> str | int:
    """Stickers, photos and other media during the flow: say so and show the step again."""
    draft = await _live(update, context)
    if draft is None:
        return END
    note = texts.COPING_AFTER_CRISIS if context.crisis_answered else texts.COPING_NOT_TEXT
    return await _show(update, context, draft, [note])


async def cancel(update: Update, context: AppContext) -> int:
    """Stops the flow (and a paced tool's steps still waiting); nothing is saved."""
    await _drop(context)
    await reply(update, texts.COPING_CANCELLED)
    return END


async def ended(update: Update, context: AppContext) -> None:
    """A craving button after its flow ended (saved, cancelled, idle, erased, or a restart lost it)."""
    await answer_once(update, texts.COPING_ENDED_TOAST)
    await reply(update, texts.COPING_ENDED)


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    # Built per Application: a ConversationHandler keeps its states inside the instance.
    text = filters.TEXT & ~filters.COMMAND & ~filters.UpdateType.EDITED
    conversation = ConversationHandler(
        entry_points=[
            CommandHandler("craving", start),
            CallbackQueryHandler(start, pattern=CravingStart.matches),
            MessageHandler(text & CravingTalk(), from_text),
        ],
        states={
            OPEN: [
                CallbackQueryHandler(rate_button, pattern=CravingRate.matches),
                CallbackQueryHandler(choose, pattern=CravingTool.matches),
                CallbackQueryHandler(next_step, pattern=CravingNext.matches),
                CallbackQueryHandler(done, pattern=CravingDone.matches),
                MessageHandler(text, typed),
            ]
        },
        fallbacks=[
            CommandHandler("cancel", cancel),
            CommandHandler("craving", again),
            CallbackQueryHandler(again, pattern=CravingStart.matches),
            CallbackQueryHandler(misplaced, pattern=is_craving_button),
            MessageHandler(~filters.COMMAND & ~filters.UpdateType.EDITED, not_an_answer),
        ],
        name="craving",
        persistent=True,
    )
    return [conversation, CallbackQueryHandler(ended, pattern=is_craving_button)]
