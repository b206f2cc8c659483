"""/progress (streak, days since use, milestones, questionnaires' trend) and /history (7- and 30-day summary
and a chart)."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import CommandHandler

from bot import texts
from bot.domain.checkins import chart, diary
from bot.domain.people.directory import PersonView
from bot.domain.questionnaires import store as questionnaires
from bot.domain.questionnaires.views import client_trend
from bot.services.context import AppContext
from conversations.common import Handlers, member, reply

CHART_DAYS = 30


def lines(p: diary.Progress, *, after_checkin: bool = False) -> str:
    """Milestones first, then the streak and days since use; /progress adds what is not known yet."""
    out = [texts.CHECKIN_MILESTONE[m.kind].format(days=m.days) for m in p.new_milestones]
    if p.streak >= 2:
        out.append(texts.CHECKIN_STREAK.format(days=p.streak))
    elif p.streak == 1:
        out.append(texts.CHECKIN_STREAK_ONE)
    elif not after_checkin:
        out.append(texts.PROGRESS_NO_STREAK)
    if p.days_since_use is not None and p.days_since_use > 0:  # 0: use reported today; the reply covers it
        out.append(
            texts.CHECKIN_SOBER_ONE if p.days_since_use == 1 else texts.CHECKIN_SOBER.format(days=p.days_since_use)
        )
    elif p.days_since_use is None and not after_checkin:
        out.append(texts.PROGRESS_NO_SOBER)
    if not after_checkin:
        reached = sorted({(m.kind, m.days) for m in p.reached}, key=lambda km: (km[0] != "sober", km[1]))
        if reached:
            names = ", ".join(
                f"{days} days {'without use' if kind == 'sober' else 'of check-ins'}" for kind, days in reached
            )
            out.append(texts.PROGRESS_MILESTONES.format(list=names))
        else:
            out.append(texts.PROGRESS_NO_MILESTONES)
    return "\n".join(out)


@member("progress")
async def progress_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Shows the streak, days since last reported use and milestones (celebrating any new one)."""
    today = await diary.today_for(context.session, person.id)
    done = await diary.progress(context.session, person.id, today)
    trend = client_trend(await questionnaires.history(context.session, person.id))
    scores = ["", texts.Q_TREND_HEAD, *trend] if trend else []
    await reply(update, "\n".join([texts.PROGRESS.format(lines=lines(done)), *scores]))


def _average(value: float | None) -> str:
    return texts.NOT_AVAILABLE if value is None else f"{value:.1f}"


def _summary_text(s: diary.Summary) -> str:
    return texts.HISTORY.format(
        days=s.days,
        checked_in=s.checked_in,
        craving=_average(s.avg_craving),
        mood=_average(s.avg_mood),
        high=s.high_craving_days,
        used=s.use_days,
    )


@member("history")
async def history_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Summarises the last 7 and 30 days and sends a chart of craving and mood."""
    today = await diary.today_for(context.session, person.id)
    points = await diary.history(context.session, person.id, today, CHART_DAYS)
    month = diary.summarize(points)
    if month.checked_in == 0:
        await reply(update, texts.HISTORY_EMPTY)
        return
    week = diary.summarize(points[-7:])
    await reply(update, _summary_text(week) + "\n\n" + _summary_text(month))
    # Drawing takes a fair share of a second: off the event loop, so other chats are not held up.
    png = await asyncio.to_thread(chart.render, points, texts.CHART_TITLE_OWN.format(days=CHART_DAYS))
    assert update.effective_chat is not None
    await update.effective_chat.send_photo(png, caption=texts.HISTORY_CAPTION.format(days=CHART_DAYS))


def handlers() -> Handlers:
    """This module's handlers, built for one Application."""
    return [
        CommandHandler("progress", progress_command),
        CommandHandler("history", history_command),
    ]
