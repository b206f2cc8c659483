"""What staff record in the reward ledger: /test CODE result, /prize CODE N [points] what, /correct N why.

Each reply names the entry's number, so a mistake can be corrected; nothing is ever edited or deleted.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot import texts
from bot.core.clock import now
from bot.db.models import Person
from bot.domain.people.directory import PersonView
from bot.domain.rewards import ledger
from bot.domain.rewards.rules import MISSED, NEGATIVE, POSITIVE, RewardRules
from bot.services.context import AppContext
from bot.texts import wording
from conversations.common import fmt, member, reply
from conversations.rewards.balance import change

NOTE_MAX = 200  # a prize's name or a correction's reason
POINT_WORDS = {"point", "points", "pt", "pts", "punto", "puntos"}
# The result as staff type it, in either language.
RESULTS = {
    **{w: NEGATIVE for w in ("negative", "neg", "negativo", "negativa")},
    **{w: POSITIVE for w in ("positive", "pos", "positivo", "positiva")},
    **{w: MISSED for w in ("missed", "missing", "no-show", "ausente", "faltó", "falto")},
}


def _on(context: AppContext) -> RewardRules | None:
    rules = RewardRules.from_settings(context.services.settings)
    return rules if rules.enabled else None


async def _client(update: Update, context: AppContext, code: str) -> Person | None:
    client = await ledger.client_by_code(context.session, code[:16])
    if client is None:
        await reply(update, fmt(texts.REWARD_CLIENT_NOT_FOUND, code=code[:16]))
    return client


def _words(args: list[str]) -> str:
    return " ".join(args).strip()[:NOTE_MAX]


@member("test")
async def test_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Records a test result; a negative one earns points and the week's draws, the others start the run again."""
    rules = _on(context)
    if rules is None:
        await reply(update, texts.REWARDS_OFF_STAFF)
        return
    args = context.args or []
    result = RESULTS.get(args[1].lower(), "") if len(args) == 2 else ""
    if not result:
        await reply(update, texts.TEST_USAGE)
        return
    client = await _client(update, context, args[0])
    if client is None:
        return
    try:
        entry = await ledger.record_test(context.session, rules, client, result, person.id, now())
    except ledger.Refused as refused:
        await reply(update, fmt(texts.TEST_SAME_DAY, code=client.code, id=refused.entry_id))
        return
    if result == NEGATIVE:
        have = await ledger.balance(context.session, client, rules)
        text = fmt(
            texts.TEST_RECORDED_NEGATIVE,
            code=client.code,
            id=entry.id,
            points=wording.count(entry.points, "point"),
            draws=wording.count(entry.draws, "draw"),
            weeks=wording.count(have.weeks, "week"),
            total=wording.count(have.draws, "draw"),
        )
        context.after_commit(context.services.delivery.wake.set)  # the client's push
    else:
        text = fmt(texts.TEST_RECORDED_RESET, code=client.code, id=entry.id, result=texts.TEST_RESULT[result])
    await reply(update, text)


@member("prize")
async def prize_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Records draws used at the prize bowl (or points spent) and what the client got."""
    rules = _on(context)
    if rules is None:
        await reply(update, texts.REWARDS_OFF_STAFF)
        return
    args = context.args or []
    if len(args) < 3 or not args[1].isdigit() or int(args[1]) < 1:
        await reply(update, texts.PRIZE_USAGE)
        return
    amount = min(int(args[1]), 100_000)
    spends_points = args[2].lower() in POINT_WORDS
    what = _words(args[3:] if spends_points else args[2:])
    if not what:
        await reply(update, texts.PRIZE_USAGE)
        return
    client = await _client(update, context, args[0])
    if client is None:
        return
    draws, points = (0, amount) if spends_points else (amount, 0)
    try:
        entry = await ledger.record_prize(
            context.session, client, draws=draws, points=points, what=what, by=person.id, at=now()
        )
    except ledger.Refused as refused:
        await reply(
            update,
            fmt(
                texts.PRIZE_SHORT,
                code=client.code,
                points=wording.count(refused.facts["points"], "point"),
                draws=wording.count(refused.facts["draws"], "draw"),
            ),
        )
        return
    have = await ledger.balance(context.session, client, rules)
    spent = wording.count(points, "point") if spends_points else wording.count(draws, "draw")
    await reply(
        update,
        fmt(
            texts.PRIZE_RECORDED,
            code=client.code,
            spent=spent,
            what=what,
            id=entry.id,
            points=wording.count(have.points, "point"),
            draws=wording.count(have.draws, "draw"),
        ),
    )


@member("correct")
async def correct_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Reverses one entry by a new one; the old entry stays, marked corrected."""
    if _on(context) is None:
        await reply(update, texts.REWARDS_OFF_STAFF)
        return
    args = context.args or []
    number = args[0].lstrip("#") if args else ""
    why = _words(args[1:])
    if not number.isdigit() or not why or len(number) > 12:
        await reply(update, texts.CORRECT_USAGE)
        return
    try:
        entry = await ledger.correct(context.session, int(number), why, person.id, now())
    except ledger.Refused as refused:
        template = {
            "unknown": texts.CORRECT_UNKNOWN,
            "already": texts.CORRECT_ALREADY,
            "is_correction": texts.CORRECT_IS_CORRECTION,
        }[refused.reason]
        await reply(update, fmt(template, id=int(number), by=refused.entry_id))
        return
    await reply(update, fmt(texts.CORRECT_DONE, id=int(number), new=entry.id, change=change(entry.points, entry.draws)))


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [
        CommandHandler("test", test_command),
        CommandHandler("prize", prize_command),
        CommandHandler("correct", correct_command),
    ]
