"""The planner job on PTB's JobQueue, through the real Application: plan, deliver, one reminder a day."""

from __future__ import annotations

import datetime as dt

import time_machine
from sqlalchemy import select

from bot.db.models import OutboxMessage
from bot.domain.checkins.reminders import StartCheckin
from bot.services import jobs

CLIENT = 7301
# The harness enrolls clients in the clinic's zone (New York) with the default 19:00 reminder.
EVENING = dt.datetime(2026, 11, 28, 0, 0, tzinfo=dt.UTC)  # 19:00 EST on 27 November


def planner_job(harness):  # type: ignore[no-untyped-def]
    [job] = harness.app.job_queue.get_jobs_by_name(jobs.PLANNER_JOB)
    return job


async def test_planner_job_is_registered_at_startup_with_the_interval_setting(harness):
    job = planner_job(harness)
    assert job.callback is jobs.plan_reminders
    assert job.job.trigger.interval == dt.timedelta(seconds=harness.settings.planner_interval_seconds)


async def test_job_run_plans_and_the_outbox_delivers_one_reminder(harness):
    """Two ticks of the clock plan one row; the delivery loop sends it with the check-in button."""
    await harness.enroll(CLIENT)
    with time_machine.travel(EVENING - dt.timedelta(minutes=1), tick=False) as clock:
        await planner_job(harness).run(harness.app)
        clock.shift(dt.timedelta(seconds=60))
        await planner_job(harness).run(harness.app)
        async with harness.db.session() as s:
            [row] = (await s.execute(select(OutboxMessage))).scalars()
        assert row.due_at == EVENING
        clock.shift(dt.timedelta(seconds=1))
        await harness.delivery.run_once()
    sent = harness.last(CLIENT)
    assert sent.text == "Time for your daily check-in 🌱 It takes less than a minute."
    assert sent.buttons == [("Check in now", StartCheckin(day="2026-11-27").pack())]
