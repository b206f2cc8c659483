"""The therapist's views: /caseload (their clients at a glance) and /client CODE (two weeks, a chart, flags,
questionnaire scores)."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot import texts
from bot.db.models import Role
from bot.domain.caseload import overview
from bot.domain.checkins import chart
from bot.domain.coping import tools
from bot.domain.people import timezones
from bot.domain.people.directory import PersonView
from bot.domain.questionnaires import chart as score_chart
from bot.domain.questionnaires import store as questionnaires
from bot.domain.questionnaires.views import caseload_marks, score_lines
from bot.services.context import AppContext
from bot.texts import dates
from conversations.common import client_label, fmt, member, reply

LIST_LIMIT = 40  # lines in one message; the rest are counted


def _last(row: overview.CaseloadRow) -> str:
    if row.last_checkin is None:
        return texts.CASELOAD_NEVER
    return texts.CASELOAD_TODAY if row.missed_days == 0 else texts.CASELOAD_DAYS_AGO.format(days=row.missed_days)


@member("caseload")
async def caseload_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Lists the viewer's clients: last check-in, streak, open alerts (audited)."""
    rows = await overview.caseload(context.session, person.id)
    if not rows:
        await reply(update, texts.CASELOAD_EMPTY)
        return
    header = texts.CASELOAD_HEADER if person.role is Role.THERAPIST else texts.CASELOAD_HEADER_ALL
    lines = [header.format(count=len(rows))]
    marks = await caseload_marks(context.session, [r.person_id for r in rows[:LIST_LIMIT]])
    for r in rows[:LIST_LIMIT]:
        lines.append(
            fmt(
                texts.CASELOAD_LINE,
                code=client_label(r.code, r.initials),
                cohort=f" · {r.cohort}" if r.cohort else "",
                last=_last(r),
                streak=r.streak,
            )
            + (texts.CASELOAD_ALERTS.format(count=r.open_alerts) if r.open_alerts else "")
            + (texts.CASELOAD_NEEDS_THERAPIST if r.needs_therapist else "")
            + (f" · {marks[r.person_id]}" if r.person_id in marks else "")
        )
    if len(rows) > LIST_LIMIT:
        lines.append(texts.CASELOAD_MORE.format(more=len(rows) - LIST_LIMIT))
    await reply(update, "\n".join(lines))


@member("client")
async def client_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Shows one client's last two weeks, a chart and their flags, to someone allowed to see them."""
    if not context.args:
        await reply(update, texts.CLIENT_USAGE)
        return
    code = context.args[0][:16]
    detail = await overview.client_detail(context.session, person.id, code)
    if detail is None:
        await reply(update, fmt(texts.CLIENT_NOT_FOUND, code=code))
        return
    days = []
    for p in reversed(detail.points):
        day = dates.short_day(p.day)
        if p.craving is None:
            days.append(texts.CLIENT_DAY_NONE.format(day=day))
        else:
            days.append(texts.CLIENT_DAY_LINE.format(day=day, craving=p.craving, mood=p.mood, used=p.used))
    flags = [
        fmt(texts.CLIENT_FLAG_LINE, at=timezones.shown(at, person.timezone), severity=severity, explanation=explanation)
        for at, severity, explanation in detail.flags
    ] or [texts.CLIENT_NO_FLAGS]
    head = fmt(
        texts.CLIENT_DETAIL_HEAD,
        code=detail.code,
        cohort=f" · {detail.cohort}" if detail.cohort else "",
        therapist=detail.therapist_code or "none",
        days=len(detail.points),
    )
    offered = tools.offered()
    coped = [
        fmt(
            texts.CLIENT_CRAVING_LINE,
            tool=offered[c.tool].name if c.tool in offered else c.tool,
            times=c.times,
            before=f"{c.before:.1f}",
            after=f"{c.after:.1f}",
        )
        for c in detail.cravings
    ] or [texts.CLIENT_NO_CRAVINGS]
    lines = [head, *days, "", texts.CLIENT_FLAGS_HEAD, *flags, "", texts.CLIENT_CRAVINGS_HEAD, *coped]
    if detail.medication:  # only what the client agreed to share
        lines += ["", texts.CLIENT_MEDS_HEAD]
        lines += [
            texts.CLIENT_MEDS_LINE.format(time=f"{m.at_local:%H:%M}", taken=m.taken, days=m.days)
            for m in detail.medication
        ]
    history = await questionnaires.history(context.session, detail.person_id)
    lines += ["", *score_lines(history, lambda at: timezones.shown(at, person.timezone))]
    await reply(update, "\n".join(lines))
    if any(p.craving is not None for p in detail.points):
        png = await asyncio.to_thread(
            chart.render, detail.points, texts.CHART_TITLE_CLIENT.format(code=detail.code, days=len(detail.points))
        )
        assert update.effective_chat is not None
        await update.effective_chat.send_photo(
            png, caption=fmt(texts.CLIENT_CHART_CAPTION, code=detail.code, days=len(detail.points))
        )
    if any(history.values()):
        title = texts.Q_CHART_TITLE.format(code=detail.code)
        png = await asyncio.to_thread(score_chart.render, history, title, timezones.zone_of(person.timezone))
        assert update.effective_chat is not None
        await update.effective_chat.send_photo(png, caption=fmt(texts.Q_CHART_CAPTION, code=detail.code))


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [CommandHandler("caseload", caseload_command), CommandHandler("client", client_command)]
