"""Repeating jobs on PTB's JobQueue. The job queue is only a clock: each run reads and writes the database."""

from __future__ import annotations

import datetime as dt
import logging

from bot.core.clock import now
from bot.delivery import meeting_planner, planner
from bot.domain.coping import meds
from bot.domain.questionnaires import due as questionnaires_due
from bot.domain.questionnaires.due import DuePlan
from bot.services.context import AnyApplication, AppContext, Services

log = logging.getLogger(__name__)

PLANNER_JOB = "plan-checkin-reminders"


async def run_planner(services: Services, at: dt.datetime | None = None) -> planner.PlanReport:
    """One planning pass in its own transaction; wakes the delivery loop when something is due."""
    settings = services.settings
    async with services.db.session() as s, s.begin():
        report = await planner.plan_checkin_reminders(
            s, at or now(), settings.reminder_grace, settings.reminder_horizon
        )
    # Meeting reminders: the same job, the same outbox, a transaction of their own.
    async with services.db.session() as s, s.begin():
        meetings = await meeting_planner.plan_meeting_reminders(
            s,
            at or now(),
            settings.reminder_grace,
            settings.meeting_horizon,
            settings.meeting_leads,
            settings.meeting_plan_max_occurrences,
        )
    # Medication reminders: the same window as the check-in's, a transaction of their own.
    async with services.db.session() as s, s.begin():
        med_rows = await meds.plan(s, at or now(), settings.reminder_grace, settings.reminder_horizon)
        await meds.flag_missed(s, at or now())  # medium flags: the digest carries them, nothing to wake
    # Questionnaires due: their messages and overdue flags, a transaction of their own.
    async with services.db.session() as s, s.begin():
        asked = await questionnaires_due.plan(
            s, at or now(), settings.reminder_grace, settings.reminder_horizon, DuePlan.from_settings(settings)
        )
    questionnaires_due.report_unknown(asked.unknown)
    if meetings.deferred:
        log.warning("meeting reminders: %d occurrences left for the next pass (cap per pass)", meetings.deferred)
    if meetings.planned or meetings.withdrawn or meetings.expired:
        log.info(
            "meeting reminders: %d planned, %d withdrawn, %d expired",
            meetings.planned,
            meetings.withdrawn,
            meetings.expired,
        )
    if report.planned or meetings.planned or meetings.revived or med_rows or asked.messages:
        services.delivery.wake.set()
    if report.planned or report.expired or report.withdrawn:
        log.info(
            "reminders: %d planned, %d expired, %d withdrawn (%d clients)",
            report.planned,
            report.expired,
            report.withdrawn,
            report.clients,
        )
    return report


async def plan_reminders(context: AppContext) -> None:
    """Plan the daily check-in reminders now due into the outbox."""
    await run_planner(context.services)


def schedule(app: AnyApplication) -> None:
    """Register the repeating jobs; they start with the Application."""
    services: Services = app.bot_data["services"]
    if app.job_queue is None:
        raise RuntimeError("PTB's job queue is missing: install python-telegram-bot[job-queue]")
    app.job_queue.run_repeating(
        plan_reminders, interval=services.settings.planner_interval_seconds, first=0, name=PLANNER_JOB
    )
    from bot.services import broadcast_jobs  # broadcasts' live progress (issue 12)

    broadcast_jobs.schedule(app)
    from bot.services import maintenance_jobs  # daily backup, keys reread during a rotation (issue 20)

    maintenance_jobs.schedule(app)
