"""The care team's clocks: a repeating JobQueue job that escalates due alerts and follow-ups, and plans digests.

The timers themselves are rows (alert.next_escalation_at and followup.next_at, claimed with a lease; digests
deduplicated per recipient and local day), so a restart or a second process loses
nothing and tells nobody twice; the job only looks.
"""

from __future__ import annotations

import datetime as dt
import logging

from bot.core.clock import now
from bot.core.config import Settings
from bot.domain.care import alerts, followups
from bot.domain.caseload import digest
from bot.domain.checkins import risk_flags
from bot.domain.safety.risk import RiskRules
from bot.services.context import AnyApplication, AppContext, Services

log = logging.getLogger(__name__)


def policy_from(settings: Settings) -> alerts.EscalationPolicy:
    return alerts.EscalationPolicy(
        crisis_after=dt.timedelta(minutes=settings.alert_crisis_escalate_minutes),
        high_after=dt.timedelta(minutes=settings.alert_high_escalate_minutes),
        crisis_reminder=dt.timedelta(minutes=settings.alert_reminder_minutes),
        high_reminder=dt.timedelta(minutes=settings.alert_high_reminder_minutes),
    )


def followup_policy_from(settings: Settings) -> followups.FollowUpPolicy:
    return followups.FollowUpPolicy(
        contact_within=dt.timedelta(hours=settings.followup_contact_hours),
        remind_after=dt.timedelta(hours=settings.followup_reminder_hours),
    )


async def followups_once(services: Services) -> int:
    """One pass of the follow-up timers (reminder, then on-call at the deadline)."""
    moved = await followups.run_due(services.db, followup_policy_from(services.settings))
    if moved:
        services.delivery.wake.set()
    return moved


async def escalate_once(services: Services) -> int:
    """One pass; wakes the delivery loop when someone new must be told."""
    moved = await alerts.escalate_due(services.db, policy_from(services.settings))
    if moved:
        log.info("escalated %d alert(s)", moved)
        services.delivery.wake.set()
    return moved


async def digest_once(services: Services) -> int:
    """Enqueue the digests whose local time has come."""
    async with services.db.session() as s, s.begin():
        sent = await digest.plan_digests(s, now(), services.settings.digest_local_time)
    if sent:
        services.delivery.wake.set()
    return sent


MISSED_EVERY = dt.timedelta(hours=1)  # the rule is about days; an hourly look is plenty and idempotent


async def missed_once(services: Services, at: dt.datetime | None = None) -> int:
    """Flag clients with no check-in for several days (once per run of missed days)."""
    at = at or now()
    async with services.db.session() as s, s.begin():
        raised = await risk_flags.flag_missed(
            s, at, RiskRules.from_settings(services.settings), policy_from(services.settings)
        )
    services.last_missed_pass = at  # in memory on purpose: a restart simply looks again
    return raised


async def _job(context: AppContext) -> None:
    services = context.services
    await escalate_once(services)
    await followups_once(services)
    await digest_once(services)
    last = services.last_missed_pass
    if last is None or now() - last >= MISSED_EVERY:
        await missed_once(services)


def schedule(app: AnyApplication) -> None:
    """Start the repeating job (from post_init)."""
    services: Services = app.bot_data["services"]
    assert app.job_queue is not None, "python-telegram-bot[job-queue] is a dependency"
    app.job_queue.run_repeating(_job, interval=services.settings.escalation_poll_seconds, first=1, name="care-team")
