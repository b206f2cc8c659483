"""Upkeep on PTB's JobQueue. The daily backup: set by BACKUP_TIME and BACKUP_KEEP, off while BACKUP_DIR is
empty, recorded in the audit log, a failure told to the admins through the outbox. The key reread: a
rotation's new key reaches the running bot."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import select

from bot.db import backup
from bot.db.models import AuditEntry, OutboxMessage, Role
from bot.services import maintenance_jobs
from tests.conftest import make_settings
from tests.support.harness import Harness, running

NIGHT = dt.datetime(2026, 12, 4, 8, 30, tzinfo=dt.UTC)  # 03:30 in New York


@pytest.fixture
async def nightly(tmp_path: Path) -> AsyncIterator[Harness]:
    async with running(make_settings(tmp_path, backup_dir=str(tmp_path / "backups"), backup_keep=2)) as h:
        yield h


async def _audit(h: Harness) -> list[tuple[str, dict[str, object]]]:
    async with h.db.session() as s:
        rows = (await s.scalars(select(AuditEntry).where(AuditEntry.action.like("backup.%")))).all()
        return [(r.action, json.loads(r.detail)) for r in rows]


async def test_without_a_backup_dir_there_is_no_backup_job(harness: Harness) -> None:
    assert harness.app.job_queue.get_jobs_by_name(maintenance_jobs.BACKUP_JOB) == ()


async def test_the_job_runs_daily_at_backup_time_in_the_clinic_zone(nightly: Harness) -> None:
    [job] = nightly.app.job_queue.get_jobs_by_name(maintenance_jobs.BACKUP_JOB)
    assert job.callback is maintenance_jobs.daily_backup
    assert "hour='3', minute='30'" in str(job.job.trigger)
    assert str(job.job.trigger.timezone) == "America/New_York"


async def test_each_night_writes_a_backup_keeps_the_newest_and_records_it(nightly: Harness) -> None:
    """Three nights with BACKUP_KEEP=2: two backups remain, each night has an audit row."""
    [job] = nightly.app.job_queue.get_jobs_by_name(maintenance_jobs.BACKUP_JOB)
    for night in range(3):
        with time_machine.travel(NIGHT + dt.timedelta(days=night), tick=False):
            await job.run(nightly.app)
    folder = Path(nightly.settings.backup_dir)
    assert [p.name for p in backup.backups(folder)] == [
        "iop-20261205-083000.sqlite3.gz",
        "iop-20261206-083000.sqlite3.gz",
    ]
    audit = await _audit(nightly)
    assert [a for a, _ in audit] == ["backup.done"] * 3
    assert audit[0][1]["file"] == "iop-20261204-083000.sqlite3.gz" and audit[2][1]["removed"] == 2


def _occupy(path: Path) -> None:
    path.write_text("not a folder")


async def test_a_failed_backup_is_recorded_and_each_admin_is_told_once_neutrally(nightly: Harness) -> None:
    """BACKUP_DIR is a file: the backup fails, the audit says why, each admin gets one notice with no path."""
    await nightly.enroll(501, Role.ADMIN)
    await nightly.enroll(502, Role.ADMIN)
    await nightly.enroll(503, Role.STAFF)
    _occupy(Path(nightly.settings.backup_dir))
    services = nightly.app.bot_data["services"]
    with time_machine.travel(NIGHT, tick=False):
        first = await maintenance_jobs.run_backup(services)
        await maintenance_jobs.run_backup(services)  # tried again the same day: no second notice
    assert first.written is None and "FileExistsError" in first.error
    assert [a for a, _ in await _audit(nightly)] == ["backup.failed", "backup.failed"]
    async with nightly.db.session() as s:
        rows = (await s.scalars(select(OutboxMessage).where(OutboxMessage.kind == "notice"))).all()
    assert sorted(r.chat_id for r in rows) == [501, 502]
    text = json.loads(rows[0].payload)["text"]
    assert text.startswith("Tonight's backup did not complete.") and "backups" not in text


async def test_during_a_rotation_the_running_bot_takes_up_the_new_key_from_env(harness: Harness) -> None:
    """The reread job finds .env's new key: text is written with it, and text under the old key still reads."""
    from bot.core import crypto
    from tests.conftest import TEST_KEY

    new = crypto.generate_key()
    before = crypto.encrypt("written before the rotation")
    [job] = harness.app.job_queue.get_jobs_by_name(maintenance_jobs.KEYS_JOB)
    crypto.set_reloader(lambda: [new, TEST_KEY])
    try:
        await job.run(harness.app)
        assert crypto.configured_keys() == (new, TEST_KEY)
        assert crypto.decrypt(before) == "written before the rotation"
        assert crypto.is_current(crypto.encrypt("written after"))
    finally:
        crypto.set_reloader(None)
        crypto.configure(TEST_KEY)
