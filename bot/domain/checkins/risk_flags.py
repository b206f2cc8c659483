"""From a saved check-in, or from days without one, to flags the care team sees.

The rules themselves are pure (bot/domain/safety/risk.py); this module reads the history they
need, skips rules already raised for the same check-in (a second check-in the same day
edits it) or for the same run of missed days, and raises one alert per event.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Checkin, FlagRecord, Person, Role
from bot.domain.care import alerts, episodes
from bot.domain.safety import risk
from bot.domain.safety.risk import CheckinFacts, RiskRules, RuleCode

HISTORY_DAYS = 14  # enough for a 7-day mean before the check-in and a week's trend


def _use(stored: str) -> risk.Use:
    """The stored answer as the rules' type; anything unexpected counts as not said."""
    if stored == "yes":
        return "yes"
    if stored == "no":
        return "no"
    return "undisclosed"


def _facts(row: Checkin) -> CheckinFacts:
    used = _use(row.used)
    return CheckinFacts(row.local_date, row.craving, row.mood, used, row.sleep, row.safety_yes, row.note_flagged)


async def flag_checkin(
    session: AsyncSession,
    person_id: int,
    day: dt.date,
    rules: RiskRules,
    policy: alerts.EscalationPolicy,
    episode: dt.timedelta | None = None,
) -> int | None:
    """Evaluate the day's check-in against the client's history; raise an alert for new flags.

    With `episode`, the flags join the client's alert flagged within that time (a Yes at the
    safety step is acted on before Save), so one episode stays one alert."""
    stmt = (
        select(Checkin)
        .where(Checkin.person_id == person_id, Checkin.local_date.between(day - dt.timedelta(days=HISTORY_DAYS), day))
        .order_by(Checkin.local_date)
    )
    rows = list((await session.execute(stmt)).scalars())
    today = next((r for r in rows if r.local_date == day), None)
    if today is None:
        return None
    history = [_facts(r) for r in rows if r.local_date < day]
    flags = risk.evaluate(_facts(today), history, day, rules)
    raised = set((await session.execute(select(FlagRecord.rule).where(FlagRecord.checkin_id == today.id))).scalars())
    new = [f for f in flags if f.rule.value not in raised]
    if episode is not None:
        return await episodes.raise_or_join(
            session, person_id, new, source="checkin", within=episode, policy=policy, checkin_id=today.id
        )
    return await alerts.raise_alert(session, person_id, new, source="checkin", checkin_id=today.id, policy=policy)


async def flag_missed(session: AsyncSession, at: dt.datetime, rules: RiskRules, policy: alerts.EscalationPolicy) -> int:
    """Daily: a medium flag for each client with no check-in for `missed_days`, once per run of missed days."""
    last = select(Checkin.person_id, func.max(Checkin.local_date).label("last")).group_by(Checkin.person_id).subquery()
    stmt = (
        select(Person, last.c.last)
        .join(last, last.c.person_id == Person.id)
        .where(Person.role == Role.CLIENT, Person.active.is_(True), Person.consent_version.is_not(None))
    )
    raised = 0
    for person, last_day in (await session.execute(stmt)).all():
        today = at.astimezone(ZoneInfo(person.timezone)).date()
        flag = risk.missed_checkins(last_day, today, rules)
        if flag is None:
            continue
        since = dt.datetime.combine(last_day, dt.time(), tzinfo=dt.UTC)
        already = await session.scalar(
            select(func.count())
            .select_from(FlagRecord)
            .where(
                FlagRecord.person_id == person.id,
                FlagRecord.rule == RuleCode.MISSED_CHECKINS.value,
                FlagRecord.created_at >= since,
            )
        )
        if already:
            continue  # this run of missed days was flagged already
        await alerts.raise_alert(session, person.id, [flag], source="planner", policy=policy, at=at)
        raised += 1
    return raised
