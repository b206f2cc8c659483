"""The care team's clocks: a repeating JobQueue job that escalates due alerts and plans digests.

The timers themselves are rows (alert.next_escalation_at, claimed with a lease; digests
deduplicated per recipient and local day), so a restart or a second process loses
nothing and tells nobody twice; the job only looks.
"""

from __future__ import annotations

import datetime as dt
import logging

from telegram.ext import Application

from bot.core.clock import now
from bot.core.config import Settings
from bot.domain import alerts, digest
from bot.services.context import AppContext, Services

log = logging.getLogger(__name__)


def policy_from(settings: Settings) -> alerts.EscalationPolicy:
    return alerts.EscalationPolicy(
        crisis_after=dt.timedelta(minutes=settings.alert_crisis_escalate_minutes),
        high_after=dt.timedelta(minutes=settings.alert_high_escalate_minutes),
    )


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


async def _job(context: AppContext) -> None:
    await escalate_once(context.services)
    await digest_once(context.services)


def schedule(app: Application) -> None:  # type: ignore[type-arg]
    """Start the repeating job (from post_init)."""
    services: Services = app.bot_data["services"]
    assert app.job_queue is not None, "python-telegram-bot[job-queue] is a dependency"
    app.job_queue.run_repeating(_job, interval=services.settings.escalation_poll_seconds, first=1, name="care-team")
