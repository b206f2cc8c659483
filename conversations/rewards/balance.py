"""/rewards: a client sees their points, draws and what earned them; the care team adds a client's code."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot import texts
from bot.db.models import Person, Role
from bot.domain.people.directory import PersonView
from bot.domain.rewards import ledger
from bot.domain.rewards.rules import RewardRules
from bot.services.context import AppContext
from bot.texts import dates, wording
from conversations.common import fmt, member, reply

RECENT = 10  # entries shown to the client
RECENT_FOR_TEAM = 25  # and to the team, with their numbers for /correct


def change(points: int, draws: int) -> str:
    """ "+5 points, +2 draws", "−1 draw", or "nothing"."""
    parts = [
        ("+" if n > 0 else "−") + wording.count(abs(n), noun) for n, noun in ((points, "point"), (draws, "draw")) if n
    ]
    return ", ".join(parts) or texts.REWARDS_NOTHING


def lines(found: list[ledger.Line], timezone: str, numbered: bool) -> list[str]:
    out = []
    for line in found:
        e = line.entry
        what = texts.REWARD_KIND.get(e.kind, e.kind)
        if numbered and e.corrects_id is not None:
            what += f" #{e.corrects_id}"
        if numbered and e.note:
            what += f" ({e.note})"
        text = fmt(
            texts.REWARDS_LINE,
            day=dates.short_day(ledger.local_day(e.at, timezone)),
            what=what,
            change=change(e.points, e.draws),
        )
        if numbered:
            text = f"#{e.id} " + text
        if line.corrected:
            text = f"<s>{text}</s> {texts.REWARDS_CORRECTED}"
        out.append(text)
    return out


async def summary(context: AppContext, client: Person, rules: RewardRules, *, numbered: bool) -> str:
    have = await ledger.balance(context.session, client, rules)
    parts = [
        texts.REWARDS_BALANCE.format(points=have.points, draws=have.draws),
        (texts.REWARDS_RUN if have.weeks else texts.REWARDS_RUN_NONE).format(
            weeks=have.weeks, next=wording.count(have.next_draws, "draw")
        ),
    ]
    found = await ledger.recent(context.session, client.id, RECENT_FOR_TEAM if numbered else RECENT)
    if found:
        parts.append("\n".join([texts.REWARDS_LATELY, *lines(found, client.timezone, numbered)]))
    else:
        parts.append(texts.REWARDS_NOTHING_YET)
    return "\n\n".join(parts)


@member("rewards")
async def rewards_command(update: Update, context: AppContext, person: PersonView) -> None:
    """A client's own rewards; with a code, a client's ledger for the team (therapists: their own clients)."""
    rules = RewardRules.from_settings(context.services.settings)
    if not rules.enabled:
        await reply(update, texts.REWARDS_OFF if person.role is Role.CLIENT else texts.REWARDS_OFF_STAFF)
        return
    if person.role is Role.CLIENT:
        me = await context.session.get(Person, person.id)
        assert me is not None
        body = await summary(context, me, rules, numbered=False)
        await reply(update, "\n\n".join([texts.REWARDS_HEAD, body, texts.REWARDS_HOW]))
        return
    if not context.args:
        await reply(update, texts.REWARDS_USAGE)
        return
    code = context.args[0][:16]
    client = await ledger.client_by_code(context.session, code)
    if client is None:
        await reply(update, fmt(texts.REWARD_CLIENT_NOT_FOUND, code=code))
        return
    if not await ledger.may_see(context.session, person.role, person.id, client.id):
        await reply(update, fmt(texts.REWARDS_NOT_YOURS, code=client.code))
        return
    body = await summary(context, client, rules, numbered=True)
    await reply(update, "\n\n".join([fmt(texts.REWARDS_HEAD_OF, code=client.code), body]))


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [CommandHandler("rewards", rewards_command)]
