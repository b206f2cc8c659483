"""/measures [COHORT] (staff, admins): a cohort's questionnaires this week and its averages by week.

Groups only (bot.domain.questionnaires.cohorts): no figure for fewer than five clients.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot import texts
from bot.core.clock import now
from bot.domain.people.directory import PersonView
from bot.domain.questionnaires import cohorts
from bot.domain.questionnaires.definitions import get
from bot.domain.questionnaires.due import DuePlan
from bot.services.context import AppContext
from bot.texts import dates
from conversations.common import Handlers, fmt, member, reply


def _label(key: str, score: str) -> str:
    q = get(key)
    if q is None or score == "total":
        return key if q is None else q.title
    sub = next((s for s in q.subscales if s.key == score), None)
    return fmt(texts.Q_COHORT_SUBSCALE, title=q.title, label=score if sub is None else sub.label)


def _series(values: list[float | None]) -> str:
    return " → ".join("·" if v is None else f"{v:g}" for v in values)


def render(view: cohorts.CohortView, known: dict[str, int]) -> str:
    name = view.cohort or texts.Q_COHORT_EVERYONE  # fmt escapes it
    lines = [fmt(texts.Q_COHORT_HEAD, cohort=name, clients=view.clients)]
    if view.too_small:
        lines.append(fmt(texts.Q_COHORT_SMALL, min=cohorts.MIN_GROUP, cohort=name))
    else:
        if view.due:
            rate = f"{round(100 * view.done_clients / view.due_clients)}%"
            lines.append(
                fmt(
                    texts.Q_COHORT_WEEK,
                    done_clients=view.done_clients,
                    due_clients=view.due_clients,
                    rate=rate,
                    done=view.done,
                    due=view.due,
                )
            )
        else:
            lines.append(texts.Q_COHORT_NOTHING_DUE)
        lines += ["", fmt(texts.Q_COHORT_MEANS, first=dates.short_day(view.weeks[0]), min=cohorts.MIN_GROUP)]
        for (key, score), values in view.means.items():
            lines.append(fmt(texts.Q_COHORT_LINE, label=_label(key, score), series=_series(values)))
    if view.cohort is None:
        listed = ", ".join(f"{c} ({n})" for c, n in known.items())
        lines += ["", fmt(texts.Q_COHORT_LIST, cohorts=listed) if known else texts.Q_COHORT_NONE]
    return "\n".join(lines)


@member("measures")
async def measures_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Shows everyone's figures and the list of cohorts, or one cohort's (audited)."""
    name = " ".join(context.args or []).strip().lower() or None
    known = await cohorts.cohorts(context.session)
    if name is not None and name not in known:
        listed = ", ".join(f"{c} ({n})" for c, n in known.items())
        unknown = fmt(texts.Q_COHORT_UNKNOWN, name=name[:40])
        await reply(update, unknown + ("\n" + fmt(texts.Q_COHORT_LIST, cohorts=listed) if known else ""))
        return
    settings = context.services.settings
    view = await cohorts.build(
        context.session, now(), settings.zone, DuePlan.from_settings(settings), name, actor=person.id
    )
    await reply(update, render(view, known))


def handlers() -> Handlers:
    return [CommandHandler("measures", measures_command)]
