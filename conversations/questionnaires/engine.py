"""/weekly: any questionnaire, item by item (buttons or typing), a summary to check, then submit.

The list offers the client's BAM form only (their schedule's: bam7 or bam30); a count item (the 30-day
BAM's days) is typed as a number, with a button or two for the commonest.

One conversation state, `questionnaire:open`; the questionnaire, its answers and the item being
asked live in a draft in user_data, persisted in the same transaction, so a restart resumes
mid-way. An answer that acts at once (PHQ-9 item 9 above "Not at all") does so when it is given,
exactly as the check-in's safety step: the crisis reply, the safety plan and a crisis alert.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters

from bot import texts
from bot.core.clock import now
from bot.domain.people.directory import PersonView
from bot.domain.questionnaires import flags, store
from bot.domain.questionnaires.definitions import Item, Questionnaire
from bot.domain.questionnaires.due import DuePlan, QuestionnairePick, cohort_of, withdraw
from bot.domain.questionnaires.scoring import Scores
from bot.domain.rewards import ledger
from bot.domain.rewards.rules import QUESTIONNAIRE, RewardRules
from bot.services.care_team_jobs import policy_from
from bot.services.context import AppContext
from bot.services.crisis_record import Recorded
from bot.texts import wording
from conversations.checkins.steps import DRAFT as CHECKIN_DRAFT
from conversations.checkins.steps import expired as checkin_expired
from conversations.common import END, answer_once, compose, edit_or_reply, member, reply
from conversations.questionnaires.steps import (
    DRAFT,
    OPEN,
    QuestionnaireAnswer,
    QuestionnaireChange,
    QuestionnaireSubmit,
    current,
    find,
    is_questionnaire_button,
    new_draft,
    pick_menu,
    questionnaire_of,
    read_typed,
    view,
)
from conversations.safety import crisis, exchange

Draft = dict[str, Any]
CRISIS_TOLD = "crisis_told"  # draft: an answer acted at once (what crisis_record said)


def _data(context: AppContext) -> dict[Any, Any]:
    assert context.user_data is not None
    return context.user_data


def _open(context: AppContext) -> tuple[Draft, Questionnaire] | None:
    draft = _data(context).get(DRAFT)
    q = questionnaire_of(draft) if isinstance(draft, dict) else None
    if q is None or not isinstance(draft, dict):
        _data(context).pop(DRAFT, None)
        return None
    return draft, q


async def _live(update: Update, context: AppContext) -> tuple[Draft, Questionnaire] | None:
    found = _open(context)
    if found is None:
        await answer_once(update, texts.Q_ENDED_TOAST)
        await reply(update, texts.Q_ENDED)
    return found


async def _show(
    update: Update, q: Questionnaire, draft: Draft, notes: list[str] | None = None, *, edit: bool = False
) -> str:
    text, markup = view(q, draft)
    text = "\n\n".join([*(notes or []), text])
    await (edit_or_reply if edit else reply)(update, text, markup)
    return OPEN


# --- starting ---------------------------------------------------------------------------------


def _in_checkin(context: AppContext) -> bool:
    """A daily check-in is open (and not idle past its limit): its steps would take the answers typed here."""
    draft = _data(context).get(CHECKIN_DRAFT)
    idle = dt.timedelta(minutes=context.services.settings.checkin_idle_minutes)
    return isinstance(draft, dict) and not checkin_expired(draft, idle)


async def _begin(update: Update, context: AppContext, q: Questionnaire) -> str | int:
    if _in_checkin(context):
        await answer_once(update)
        await reply(update, texts.Q_CHECKIN_FIRST)
        return END
    draft = new_draft(q)
    _data(context)[DRAFT] = draft
    await answer_once(update)
    return await _show(update, q, draft)


async def _schedule(context: AppContext, person: PersonView) -> tuple[DuePlan, str | None]:
    """The clinic's schedule and the client's cohort: which BAM form they answer."""
    return DuePlan.from_settings(context.services.settings), await cohort_of(context.session, person.id)


@member("weekly")
async def start(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Starts the questionnaire named (/weekly phq9), or offers the list (/weekly)."""
    plan, cohort = await _schedule(context, person)
    if not context.args:
        text, markup = pick_menu(plan.offered(cohort))
        await reply(update, text, markup)
        return END
    q = find(" ".join(context.args)[:32], plan.bam_form(cohort))
    if q is None:
        text, markup = pick_menu(plan.offered(cohort))
        await reply(update, texts.Q_UNKNOWN.format(name=html.escape(" ".join(context.args)[:32])), markup)
        return END
    return await _begin(update, context, q)


@member("weekly")
async def picked(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Starts the questionnaire tapped in /weekly's list."""
    assert update.callback_query is not None
    plan, cohort = await _schedule(context, person)
    q = find(QuestionnairePick.parse(update.callback_query.data).key, plan.bam_form(cohort))
    if q is None:  # a questionnaire no longer shipped
        await answer_once(update)
        text, markup = pick_menu(plan.offered(cohort))
        await reply(update, text, markup)
        return END
    return await _begin(update, context, q)


async def already_in(update: Update, context: AppContext) -> str | int:
    """/weekly (or a pick) during a questionnaire: say so and ask the current item again."""
    found = _open(context)
    if found is None:
        return END
    draft, q = found
    await answer_once(update)
    return await _show(update, q, draft, [texts.Q_ALREADY_IN.format(title=html.escape(q.title))])


# --- answering --------------------------------------------------------------------------------


async def _act_now(update: Update, context: AppContext, draft: Draft, item: Item, value: int) -> None:
    """PHQ-9 item 9 above "Not at all": the crisis reply, the safety plan and a crisis alert, now."""
    if not item.is_crisis(value) or CRISIS_TOLD in draft or update.effective_chat is None:
        return
    recorded = await crisis.say_yes(update, context, update.effective_chat.id, where="questionnaire")
    draft[CRISIS_TOLD] = recorded.value


async def _store(
    update: Update, context: AppContext, q: Questionnaire, draft: Draft, item: Item, value: int, *, edit: bool
) -> str:
    await _act_now(update, context, draft, item, value)
    draft["answers"][item.id] = value
    draft.pop("step", None)  # a changed answer goes back to the summary
    return await _show(update, q, draft, edit=edit)


async def answer_button(update: Update, context: AppContext) -> str | int:
    """Takes a tapped answer and asks the next item."""
    assert update.callback_query is not None
    data = QuestionnaireAnswer.parse(update.callback_query.data)
    found = await _live(update, context)
    if found is None:
        return END
    draft, q = found
    await answer_once(update)
    item = current(q, draft)
    if data.run != draft["run"]:
        return await _show(update, q, draft, [texts.Q_OLD_BUTTON])
    if item is None or data.item != item.id or item.score_of(data.value) is None:
        return await _show(update, q, draft, [texts.Q_OTHER_STEP])
    return await _store(update, context, q, draft, item, data.value, edit=True)


async def answer_text(update: Update, context: AppContext) -> str | int:
    """Takes a typed answer (a number, the option's words, a count), or says what it can take."""
    assert update.message is not None and update.message.text is not None
    found = await _live(update, context)
    if found is None:
        return END
    draft, q = found
    item = current(q, draft)
    value = texts.Q_SUMMARY_TEXT if item is None else read_typed(item, update.message.text)
    if item is None or isinstance(value, str):
        if not context.crisis_answered and exchange.active(context):
            await exchange.follow_up(update, context, update.message.text)  # words for the care team
            return OPEN
        note = texts.Q_AFTER_CRISIS if context.crisis_answered else str(value)
        return await _show(update, q, draft, [note])
    return await _store(update, context, q, draft, item, value, edit=False)


async def change(update: Update, context: AppContext) -> str | int:
    """Asks one item again from the summary."""
    assert update.callback_query is not None
    data = QuestionnaireChange.parse(update.callback_query.data)
    found = await _live(update, context)
    if found is None:
        return END
    draft, q = found
    await answer_once(update)
    if data.run != draft["run"]:
        return await _show(update, q, draft, [texts.Q_OLD_BUTTON])
    if current(q, draft) is not None or q.item(data.item) is None:
        return await _show(update, q, draft, [texts.Q_OTHER_STEP])
    draft["step"] = data.item
    return await _show(update, q, draft, edit=True)


async def misplaced(update: Update, context: AppContext) -> str | int:
    """A questionnaire button that does not fit this step, or from an earlier questionnaire."""
    found = await _live(update, context)
    if found is None:
        return END
    draft, q = found
    await answer_once(update)
    return await _show(update, q, draft, [texts.Q_OLD_BUTTON])


async def not_an_answer(update: Update, context: AppContext) -> str | int:
    """Stickers, photos and other media during a questionnaire: ask again."""
    found = await _live(update, context)
    if found is None:
        return END
    draft, q = found
    return await _show(update, q, draft, [texts.Q_AFTER_CRISIS if context.crisis_answered else texts.Q_NOT_TEXT])


async def cancel(update: Update, context: AppContext) -> int:
    """Stops the questionnaire; nothing is saved, but an answer that acted at once has been acted on."""
    draft = _data(context).pop(DRAFT, None)
    told = draft.get(CRISIS_TOLD) if isinstance(draft, dict) else None
    if told is None:
        await reply(update, texts.Q_CANCELLED)
    else:
        telling = told in (Recorded.TELLING.value, Recorded.TELLING_ONCALL.value)
        await reply(update, compose(texts.Q_CANCELLED_TEAM_TOLD if telling else texts.Q_CANCELLED_KEPT, context))
    return END


async def ended(update: Update, context: AppContext) -> None:
    """A questionnaire button after it ended (submitted, cancelled or erased)."""
    await answer_once(update, texts.Q_ENDED_TOAST)
    await reply(update, texts.Q_ENDED)


# --- submitting -------------------------------------------------------------------------------


def result_text(q: Questionnaire, scores: Scores) -> str:
    """A short result in plain words: never the raw severity label."""
    if q.has_total:
        key = "low" if scores.band is None or scores.band.key == "minimal" else "some"
        if scores.band is not None and scores.band.key not in ("minimal", "mild"):
            key = "high"
    else:
        key = "some" if any(s.key == "use" and (s.value or 0) > 0 for s in scores.subscales) else "low"
    return texts.Q_RESULT.get((q.key, key), texts.Q_RESULT[("bam7", "low")])


@member("weekly")
async def submit(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Saves the answers and their scores, then replies in plain words."""
    assert update.callback_query is not None
    data = QuestionnaireSubmit.parse(update.callback_query.data)
    found = await _live(update, context)
    if found is None:
        return END
    draft, q = found
    await answer_once(update)
    if data.run != draft["run"]:
        return await _show(update, q, draft, [texts.Q_OLD_BUTTON])
    if current(q, draft) is not None:
        return await _show(update, q, draft, [texts.Q_OTHER_STEP])
    answers = {str(k): int(v) for k, v in draft["answers"].items()}
    saved = await store.save(context.session, person.id, q, answers, crisis_acted=CRISIS_TOLD in draft)
    await withdraw(context.session, person.id)  # its reminders still waiting; the planner re-plans any other due
    settings = context.services.settings
    rules = flags.MeasureRules.from_settings(settings)
    if await flags.flag_response(context.session, person.id, q, rules, policy_from(settings)):
        context.after_commit(context.services.delivery.wake.set)  # the care team's push
    _data(context).pop(DRAFT, None)
    parts = [texts.Q_SAVED.format(title=html.escape(q.title)), result_text(q, saved.scores)]
    if CRISIS_TOLD in draft:
        parts.append(compose(texts.Q_RESULT_SAFETY, context))
    week = ledger.local_day(now(), person.timezone).isocalendar()
    key = f"{q.key}:{week.year}-W{week.week:02d}"  # once a week for each questionnaire
    earned = await ledger.earn(
        context.session, RewardRules.from_settings(settings), person.id, QUESTIONNAIRE, key, now()
    )
    if earned is not None:
        parts.append(texts.REWARD_EARNED_LINE.format(points=wording.count(earned.points, "point")))
    await edit_or_reply(update, "\n\n".join(parts))
    return END


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    # Built per Application: a ConversationHandler keeps its states inside the instance.
    text = filters.TEXT & ~filters.COMMAND & ~filters.UpdateType.EDITED
    conversation = ConversationHandler(
        entry_points=[CommandHandler("weekly", start), CallbackQueryHandler(picked, pattern=QuestionnairePick.matches)],
        states={
            OPEN: [
                CallbackQueryHandler(answer_button, pattern=QuestionnaireAnswer.matches),
                CallbackQueryHandler(submit, pattern=QuestionnaireSubmit.matches),
                CallbackQueryHandler(change, pattern=QuestionnaireChange.matches),
                MessageHandler(text, answer_text),
            ]
        },
        fallbacks=[
            CommandHandler("cancel", cancel),
            CommandHandler("weekly", already_in),
            CallbackQueryHandler(already_in, pattern=QuestionnairePick.matches),
            CallbackQueryHandler(misplaced, pattern=is_questionnaire_button),
            MessageHandler(~filters.COMMAND, not_an_answer),
        ],
        name="questionnaire",
        persistent=True,
    )
    return [conversation, CallbackQueryHandler(ended, pattern=is_questionnaire_button)]
