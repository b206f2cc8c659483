"""Upkeep on PTB's JobQueue: the daily backup, and rereading the encryption keys during a rotation.

The job queue is only a clock. A backup's outcome is an audit row; a failed one is an outbox
notice to the admins, so it reaches them even if the bot restarts right after.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from bot.core import crypto
from bot.core.clock import now
from bot.db import backup
from bot.domain.records import backups
from bot.services.context import AnyApplication, AppContext, Services

log = logging.getLogger(__name__)

BACKUP_JOB = "daily-backup"
KEYS_JOB = "reread-keys"
KEYS_INTERVAL_SECONDS = 30.0  # `db rotate-key` waits longer than this before rewriting values


@dataclass(frozen=True)
class BackupOutcome:
    """What one daily run did: the file written (None when it failed) and old files removed."""

    written: Path | None
    removed: int
    error: str = ""


async def run_backup(services: Services, at: dt.datetime | None = None) -> BackupOutcome:
    """Back up into BACKUP_DIR, keep the newest BACKUP_KEEP, and record the outcome."""
    settings, at = services.settings, at or now()
    try:
        result = await backup.backup(services.db, Path(settings.backup_dir), at)
        removed = len(backup.prune(Path(settings.backup_dir), settings.backup_keep))
    except Exception as exc:  # any failure: recorded and told, never raised into the job queue
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0]
        log.error("daily backup failed: %s", reason)
        async with services.db.session() as s, s.begin():
            if await backups.record_failed(s, at, reason):
                services.delivery.wake.set()
        return BackupOutcome(None, 0, reason)
    async with services.db.session() as s, s.begin():
        backups.record_done(s, file=result.path.name, size=result.size, method=result.method, removed=removed)
    log.info("daily backup written: %s (%d bytes); %d old files removed", result.path.name, result.size, removed)
    return BackupOutcome(result.path, removed)


async def daily_backup(context: AppContext) -> None:
    """Write tonight's backup."""
    await run_backup(context.services)


async def reread_keys(_context: AppContext) -> None:
    """Adopt a new ENCRYPTION_KEY from .env (a rotation has begun), keeping the current keys readable."""
    if crypto.reload():
        log.warning("a new ENCRYPTION_KEY was read from .env: text is written with it from now on")


def schedule(app: AnyApplication) -> None:
    """Register the daily backup (when BACKUP_DIR is set) and the key reread."""
    services: Services = app.bot_data["services"]
    settings = services.settings
    assert app.job_queue is not None  # jobs.schedule checked it
    if settings.backup_dir:
        when = settings.backup_time.replace(tzinfo=settings.zone)
        app.job_queue.run_daily(daily_backup, time=when, name=BACKUP_JOB)
    app.job_queue.run_repeating(reread_keys, interval=KEYS_INTERVAL_SECONDS, first=KEYS_INTERVAL_SECONDS, name=KEYS_JOB)
