"""/checkin: six quick answers (buttons or typing), a summary to check, then a reply that fits the day.

One conversation state, `checkin:open`; the answers and the step live in a draft in user_data,
persisted in the same transaction, so a restart resumes mid-way. Every handler reads the draft
and acts on its step, so state and draft cannot drift apart.
A draft idle longer than CHECKIN_IDLE_MINUTES ends on the next touch, after a restart too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters

from bot import texts
from bot.core.clock import now
from bot.domain.checkins import diary, risk_flags
from bot.domain.checkins.answers import (
    NOTE_MAX,
    Answers,
    Feedback,
    InvalidAnswer,
    Step,
    feedback_kind,
    from_draft,
    hard_day_topic,
    next_step,
    parse,
    to_plain,
)
from bot.domain.checkins.reminders import StartCheckin
from bot.domain.people.directory import PersonView
from bot.domain.rewards import ledger
from bot.domain.rewards.rules import CHECKIN, RewardRules
from bot.domain.safety.risk import RiskRules
from bot.domain.safety.screen import screen
from bot.services.care_team_jobs import policy_from
from bot.services.context import AppContext
from bot.services.crisis_record import Recorded
from bot.texts import wording
from conversations.checkins import progress
from conversations.checkins.steps import (
    DRAFT,
    OPEN,
    CheckinAnswer,
    CheckinChange,
    CheckinSave,
    answers_text,
    current,
    day_label,
    day_of,
    expired,
    is_checkin_button,
    new_draft,
    touch,
    view,
)
from conversations.common import (
    END,
    answer_once,
    clinic_values,
    compose,
    current_person,
    edit_or_reply,
    member,
    refuse_inactive,
    reply,
)
from conversations.safety import crisis, exchange

Draft = dict[str, Any]


def _user_data(context: AppContext) -> dict[Any, Any]:
    assert context.user_data is not None
    return context.user_data


def _idle(context: AppContext) -> dt.timedelta:
    return dt.timedelta(minutes=context.services.settings.checkin_idle_minutes)


def _draft(context: AppContext) -> tuple[Draft | None, bool]:
    """The check-in in progress and whether it sat idle too long (then it is dropped)."""
    data = _user_data(context)
    draft = data.get(DRAFT)
    if not isinstance(draft, dict):
        return None, False
    if expired(draft, _idle(context)):
        data.pop(DRAFT, None)
        return None, True
    return draft, False


async def _live(update: Update, context: AppContext) -> Draft | None:
    """The draft, or None after telling the client this check-in is over (finished, erased, idle, or their
    access was closed or paused since it began: deactivation acts at the next tap)."""
    person = await current_person(update, context)
    if person is not None and await refuse_inactive(update, context, person):
        _user_data(context).pop(DRAFT, None)
        return None
    draft, was_idle = _draft(context)
    if draft is None:
        await answer_once(update, None if was_idle else texts.CHECKIN_ENDED_TOAST)
        await reply(update, texts.CHECKIN_EXPIRED if was_idle else texts.CHECKIN_ENDED)
    return draft


async def _show(update: Update, draft: Draft, notes: list[str] | None = None, *, edit: bool = False) -> str:
    """Show the current question or the summary (after any notes); return its state."""
    touch(draft)
    text, markup = view(draft)
    text = "\n\n".join([*(notes or []), text])
    if edit:
        await edit_or_reply(update, text, markup)
    else:
        await reply(update, text, markup)
    return OPEN


def _why(exc: InvalidAnswer) -> str:
    step = exc.step.value
    low, high = {"craving": (0, 10), "mood": (1, 5), "sleep": (1, 3)}.get(step, (0, 0))
    return texts.CHECKIN_BAD[exc.reason.value].format(
        low=low, high=high, example=texts.CHECKIN_EXAMPLE[step], limit=f"{NOTE_MAX:,}"
    )


# --- starting ---------------------------------------------------------------------------------


@member("checkin")
async def start(update: Update, context: AppContext, person: PersonView) -> str:
    """Starts today's check-in, from /checkin or from the daily reminder's button."""
    today = diary.local_date(person.timezone)
    notes = []
    button = StartCheckin.try_parse(update.callback_query.data) if update.callback_query else None
    if button is not None and button.day != today.isoformat():
        try:
            then = day_label(dt.date.fromisoformat(button.day))
        except ValueError:
            then = "another day"
        notes.append(texts.CHECKIN_OLD_REMINDER.format(then=then, today=day_label(today)))
    if await diary.entry(context.session, person.id, today) is not None:
        notes.append(texts.CHECKIN_ALREADY_TODAY)
    draft = new_draft(today)
    _user_data(context)[DRAFT] = draft
    return await _show(update, draft, notes)


async def already_in(update: Update, context: AppContext) -> str | int:
    """/checkin (or a reminder's button) during a check-in: say so and ask the current step again."""
    draft, _ = _draft(context)
    if draft is None:  # it sat idle: start afresh, as asked
        return await start(update, context)
    await answer_once(update)
    return await _show(update, draft, [texts.CHECKIN_ALREADY_IN])


# --- answering --------------------------------------------------------------------------------


SAFETY_TOLD = "safety_told"  # draft: the safety step's Yes was acted on at once (what crisis_record said)


async def _safety_yes(update: Update, context: AppContext, draft: Draft, step: Step, value: Any) -> None:
    """A Yes at the safety step acts now, not at Save: the crisis reply, the plan and a crisis alert."""
    if step is not Step.SAFETY or value is not True or SAFETY_TOLD in draft or update.effective_chat is None:
        return
    recorded = await crisis.say_yes(update, context, update.effective_chat.id, where="checkin")
    draft[SAFETY_TOLD] = recorded.value


async def _store(update: Update, draft: Draft, step: Step, value: Any, *, edit: bool) -> str:
    draft["answers"][step.value] = to_plain(value)
    draft.pop("step", None)  # a changed answer goes back to the summary
    return await _show(update, draft, edit=edit)


async def answer_button(update: Update, context: AppContext) -> str | int:
    """Takes a tapped answer and asks the next question."""
    assert update.callback_query is not None
    data = CheckinAnswer.parse(update.callback_query.data)
    draft = await _live(update, context)
    if draft is None:
        return END
    if data.run != draft["run"]:
        return await _show(update, draft, [texts.CHECKIN_OLD_BUTTON])
    if data.step is not current(draft):
        return await _show(update, draft, [texts.CHECKIN_OTHER_STEP])
    try:
        value = parse(data.step, data.value)
    except InvalidAnswer:  # a forged or outdated button value
        return await _show(update, draft, [texts.CHECKIN_OTHER_STEP])
    await _safety_yes(update, context, draft, data.step, value)
    return await _store(update, draft, data.step, value, edit=True)


async def _to_exchange(update: Update, context: AppContext) -> bool:
    """Text that is no answer, during the crisis exchange: it goes to the care team (True when it went)."""
    assert update.message is not None and update.message.text is not None
    if context.crisis_answered or not exchange.active(context):
        return False
    await exchange.follow_up(update, context, update.message.text)
    return True


async def answer_text(update: Update, context: AppContext) -> str | int:
    """Takes a typed answer, or says why it can't and asks again."""
    assert update.message is not None and update.message.text is not None
    draft = await _live(update, context)
    if draft is None:
        return END
    step = current(draft)
    if step is None:  # text at the summary: point to Save and the change buttons
        if await _to_exchange(update, context):
            return OPEN
        note = texts.CHECKIN_AFTER_CRISIS if context.crisis_answered else texts.CHECKIN_SUMMARY_TEXT
        return await _show(update, draft, [note])
    try:
        value = parse(step, update.message.text)
    except InvalidAnswer as exc:
        if await _to_exchange(update, context):
            return OPEN
        # After a crisis reply, a gentle way back in rather than "I didn't catch that".
        return await _show(update, draft, [texts.CHECKIN_AFTER_CRISIS if context.crisis_answered else _why(exc)])
    await _safety_yes(update, context, draft, step, value)
    return await _store(update, draft, step, value, edit=False)


async def change(update: Update, context: AppContext) -> str | int:
    """Asks one answer again from the summary."""
    assert update.callback_query is not None
    data = CheckinChange.parse(update.callback_query.data)
    draft = await _live(update, context)
    if draft is None:
        return END
    if data.run != draft["run"]:
        return await _show(update, draft, [texts.CHECKIN_OLD_BUTTON])
    if next_step(draft["answers"]) is not None:  # the summary's buttons, pressed before it was reached
        return await _show(update, draft, [texts.CHECKIN_OTHER_STEP])
    draft["step"] = data.step.value
    return await _show(update, draft, edit=True)


async def misplaced(update: Update, context: AppContext) -> str | int:
    """A check-in button that does not fit this step: from an earlier check-in or an earlier message."""
    draft = await _live(update, context)
    if draft is None:
        return END
    assert update.callback_query is not None
    packed = update.callback_query.data
    button = CheckinAnswer.try_parse(packed) or CheckinSave.try_parse(packed) or CheckinChange.try_parse(packed)
    same_run = button is not None and getattr(button, "run", None) == draft["run"]
    await answer_once(update)
    return await _show(update, draft, [texts.CHECKIN_OTHER_STEP if same_run else texts.CHECKIN_OLD_BUTTON])


async def not_an_answer(update: Update, context: AppContext) -> str | int:
    """Stickers, photos, voice and other media during a check-in: ask again."""
    draft = await _live(update, context)
    if draft is None:
        return END
    return await _show(
        update, draft, [texts.CHECKIN_AFTER_CRISIS if context.crisis_answered else texts.CHECKIN_NOT_TEXT]
    )


async def cancel(update: Update, context: AppContext) -> int:
    """Stops the check-in; its answers are not saved, but a Yes to the safety question has been acted on."""
    draft = _user_data(context).pop(DRAFT, None)
    told = draft.get(SAFETY_TOLD) if isinstance(draft, dict) else None
    if told is None:
        await reply(update, texts.CHECKIN_CANCELLED)
    else:
        telling = told in (Recorded.TELLING.value, Recorded.TELLING_ONCALL.value)
        kept = texts.CHECKIN_CANCELLED_TEAM_TOLD if telling else texts.CHECKIN_CANCELLED_KEPT
        await reply(update, compose(kept, context))
    return END


async def ended(update: Update, context: AppContext) -> None:
    """A check-in button after that check-in ended (saved, cancelled, expired or erased)."""
    await answer_once(update, texts.CHECKIN_ENDED_TOAST)
    await reply(update, texts.CHECKIN_ENDED)


# --- saving -----------------------------------------------------------------------------------


@member("checkin")
async def save(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Saves the check-in, then replies to fit the day, with progress and any milestone."""
    assert update.callback_query is not None
    data = CheckinSave.parse(update.callback_query.data)
    draft = await _live(update, context)
    if draft is None:
        return END
    if data.run != draft["run"]:
        return await _show(update, draft, [texts.CHECKIN_OLD_BUTTON])
    if current(draft) is not None:
        return await _show(update, draft, [texts.CHECKIN_OTHER_STEP])
    try:
        answers = from_draft(draft["answers"])
    except InvalidAnswer as exc:  # a draft from an older release: ask that one again
        draft["step"] = exc.step.value
        return await _show(update, draft, [texts.CHECKIN_OTHER_STEP])
    session = context.session
    saved = await diary.save(session, person.id, day_of(draft), answers)
    settings = context.services.settings
    episode = dt.timedelta(minutes=settings.crisis_exchange_minutes)  # a Yes acted on at step 6 is the same episode
    if await risk_flags.flag_checkin(
        session, person.id, saved.local_date, RiskRules.from_settings(settings), policy_from(settings), episode
    ):
        context.after_commit(context.services.delivery.wake.set)  # an alert for the care team, and the client's receipt
    done = await diary.progress(session, person.id, diary.local_date(person.timezone))
    earned = await ledger.earn(
        session, RewardRules.from_settings(settings), person.id, CHECKIN, saved.local_date.isoformat(), now()
    )
    _user_data(context).pop(DRAFT, None)
    await edit_or_reply(
        update, texts.CHECKIN_SAVED_SUMMARY.format(day=day_label(saved.local_date), answers=answers_text(draft))
    )
    feedback = _feedback(context, answers, saved, done)
    if earned is not None:  # rewards are on: the point goes with the thanks
        feedback += "\n\n" + texts.REWARD_EARNED_LINE.format(points=wording.count(earned.points, "point"))
    await reply(update, feedback)
    return END


def _feedback(context: AppContext, answers: Answers, saved: diary.Saved, done: diary.Progress) -> str:
    parts = [texts.CHECKIN_UPDATED if saved.edited else texts.CHECKIN_SAVED]
    kind = feedback_kind(answers)
    if kind is Feedback.SAFETY:
        parts.append(compose(texts.CHECKIN_SAFETY, context))
    elif kind is Feedback.HARD:
        coping = texts.CHECKIN_COPING[hard_day_topic(answers) or "mood"]  # our own text: not escaped
        parts.append(wording.fill(texts.CHECKIN_HARD, {**clinic_values(context), "coping": coping}))
    else:
        parts.append(texts.CHECKIN_GOOD)
    if kind is not Feedback.SAFETY and answers.note and screen(answers.note).flagged:
        parts.append(compose(texts.CHECKIN_NOTE_LINES, context))  # the lines again, after the note's crisis reply
    parts.append(progress.lines(done, after_checkin=True))
    return "\n\n".join(p for p in parts if p)


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    # Built per Application: a ConversationHandler keeps its states inside the instance.
    text = filters.TEXT & ~filters.COMMAND & ~filters.UpdateType.EDITED
    states: dict[object, list[BaseHandler[Any, Any, Any]]] = {
        OPEN: [
            CallbackQueryHandler(answer_button, pattern=CheckinAnswer.matches),
            CallbackQueryHandler(save, pattern=CheckinSave.matches),
            CallbackQueryHandler(change, pattern=CheckinChange.matches),
            MessageHandler(text, answer_text),
        ]
    }
    conversation = ConversationHandler(
        entry_points=[CommandHandler("checkin", start), CallbackQueryHandler(start, pattern=StartCheckin.matches)],
        states=states,
        fallbacks=[
            CommandHandler("cancel", cancel),
            CommandHandler("checkin", already_in),
            CallbackQueryHandler(already_in, pattern=StartCheckin.matches),
            CallbackQueryHandler(misplaced, pattern=is_checkin_button),
            MessageHandler(~filters.COMMAND, not_an_answer),
        ],
        name="checkin",
        persistent=True,
    )
    # After the conversation: its buttons once it is over get "this check-in has ended".
    return [conversation, CallbackQueryHandler(ended, pattern=is_checkin_button)]
