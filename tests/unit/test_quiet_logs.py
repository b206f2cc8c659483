"""The bot's logs at INFO carry what someone should read, not the scheduler's heartbeat."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator

import pytest

from bot.entry.logs import setup_logging


@pytest.fixture
def bot_logging() -> Iterator[None]:
    root = logging.getLogger()
    saved = (root.level, list(root.handlers), {n: logging.getLogger(n).level for n in ("apscheduler", "matplotlib")})
    setup_logging()
    yield
    root.setLevel(saved[0])
    root.handlers[:] = saved[1]
    for name, level in saved[2].items():
        logging.getLogger(name).setLevel(level)


def test_a_scheduled_job_running_logs_nothing_at_info(bot_logging: None, caplog: pytest.LogCaptureFixture) -> None:
    """APScheduler's executor logs two INFO lines per run of a job (35,000 a day for a 5 s loop)."""
    executor_log = logging.getLogger("apscheduler.executors.default")  # the logger APScheduler's executor uses
    with caplog.at_level(logging.INFO):
        executor_log.info('Running job "%s" (scheduled at %s)', "outbox", dt.datetime.now(dt.UTC))
        executor_log.info('Job "%s" executed successfully', "outbox")
        executor_log.warning('Run time of job "%s" was missed by %s', "outbox", "0:00:07")
    assert [r.levelname for r in caplog.records if r.name.startswith("apscheduler")] == ["WARNING"]


def test_warnings_from_the_scheduler_still_show(bot_logging: None) -> None:
    assert logging.getLogger("apscheduler.executors.default").isEnabledFor(logging.WARNING)
    assert not logging.getLogger("matplotlib.font_manager").isEnabledFor(logging.WARNING)
