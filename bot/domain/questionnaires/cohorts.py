"""A cohort's questionnaires for staff (/measures): completion this week and average scores by week.

Only groups: nothing is shown for a cohort of fewer than MIN_GROUP clients, and a week's average only
when at least MIN_GROUP different clients answered that week (one answer each: their last). No code,
name or single score appears, so no client can be picked out.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.care_settings import BAM_FORMS
from bot.db.models import ClientProfile, Person, Role
from bot.db.questionnaire_models import QuestionnaireResponse
from bot.domain.checkins.reminders import reminder_instant
from bot.domain.questionnaires.definitions import get
from bot.domain.questionnaires.due import DuePlan, clients_due
from bot.domain.records import audit

MIN_GROUP = 5  # fewer than this many clients: no figure at all
WEEKS = 8  # weeks of averages shown
# (questionnaire, score): its total, or one of its subscales. Each BAM form is its own series: a 30-day
# score and a 7-day one cover different periods, so they are never averaged together.
SERIES = (
    ("phq9", "total"),
    ("gad7", "total"),
    *((bam, sub) for bam in BAM_FORMS for sub in ("use", "risk", "protective")),
)


@dataclass
class CohortView:
    cohort: str | None  # None: every client
    clients: int = 0
    due_clients: int = 0  # clients with something due in the last 7 days
    done_clients: int = 0  # ... who answered all of it
    due: int = 0  # questionnaires due in the last 7 days
    done: int = 0  # ... answered
    weeks: list[dt.date] = field(default_factory=list)  # Mondays, oldest first
    means: dict[tuple[str, str], list[float | None]] = field(default_factory=dict)  # None: too few answered

    @property
    def too_small(self) -> bool:
        return self.clients < MIN_GROUP


async def cohorts(session: AsyncSession) -> dict[str, int]:
    """Each named cohort with its number of active clients, largest first."""
    rows = await session.execute(
        select(func.lower(ClientProfile.cohort), func.count())
        .join(Person, Person.id == ClientProfile.person_id)
        .where(Person.role == Role.CLIENT, Person.active.is_(True), ClientProfile.cohort != "")
        .group_by(func.lower(ClientProfile.cohort))
    )
    return dict(sorted(rows.tuples(), key=lambda r: (-r[1], r[0])))


async def build(
    session: AsyncSession, now: dt.datetime, zone: ZoneInfo, rules: DuePlan, cohort: str | None, *, actor: int
) -> CohortView:
    """The view of one cohort (or of everyone), audited: who looked, at which cohort."""
    view = CohortView(cohort)
    clients, _ = await clients_due(session, now, rules, cohort)
    view.clients = len(clients)
    audit.record(session, "questionnaires.cohort_viewed", actor_person_id=actor, cohort=cohort or "*")
    if view.too_small:
        return view
    for client in clients:
        week = [
            answered for day, answered in client.due.values() if (now.astimezone(client.zone).date() - day).days < 7
        ]
        if week:
            view.due_clients += 1
            view.done_clients += all(week)
            view.due += len(week)
            view.done += sum(week)
    await _means(session, view, now, zone, [c.person_id for c in clients], _named(rules, cohort))
    return view


def _named(rules: DuePlan, cohort: str | None) -> set[str]:
    """The questionnaires the schedule names for this cohort (for everyone: for any cohort)."""
    if cohort is not None:
        return set(rules.for_cohort(cohort))
    return set(rules.for_cohort(None)).union(*(rules.for_cohort(c) for c in rules.cohorts))


async def _means(
    session: AsyncSession, view: CohortView, now: dt.datetime, zone: ZoneInfo, ids: list[int], named: set[str]
) -> None:
    """Average of each series by week (clinic time), from each client's last answer that week.

    A questionnaire the schedule does not name, and nobody answered in these weeks, is left out (the
    BAM form the clinic does not use)."""
    today = now.astimezone(zone).date()
    this_monday = today - dt.timedelta(days=today.weekday())
    view.weeks = [this_monday - dt.timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]
    since = reminder_instant(view.weeks[0], dt.time(0, 0), zone)
    rows = await session.execute(
        select(
            QuestionnaireResponse.person_id,
            QuestionnaireResponse.questionnaire,
            QuestionnaireResponse.submitted_at,
            QuestionnaireResponse.total,
            QuestionnaireResponse.subscales,
        )
        .where(QuestionnaireResponse.person_id.in_(ids), QuestionnaireResponse.submitted_at >= since)
        .order_by(QuestionnaireResponse.submitted_at, QuestionnaireResponse.id)
    )
    last: dict[tuple[str, str, dt.date], dict[int, int]] = {}  # (questionnaire, score, week) -> client -> value
    for person_id, key, at, total, subscales in rows.tuples():
        local = at.astimezone(zone).date()
        week = local - dt.timedelta(days=local.weekday())
        values = {"total": total, **json.loads(subscales or "{}")}
        for q, score in SERIES:
            value = values.get(score) if q == key else None
            if value is not None:
                last.setdefault((q, score, week), {})[person_id] = int(value)  # later rows overwrite: their last
    answered = {q for q, _, _ in last}
    for q, score in SERIES:
        if get(q) is None or (q not in named and q not in answered):
            continue
        series: list[float | None] = []
        for week in view.weeks:
            found = list(last.get((q, score, week), {}).values())
            series.append(round(sum(found) / len(found), 1) if len(found) >= MIN_GROUP else None)
        view.means[(q, score)] = series
