"""`python -m bot db backup|restore|rotate-key`, and the key check before `run` starts.

Each prints what it did in a few lines and says in one line why it refused.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path
from typing import Any

from bot.core import crypto
from bot.core.clock import now
from bot.core.config import Settings
from bot.core.errors import BackupError, ConfigError
from bot.db import backup, restore, rotation
from bot.db.encryption import BATCH, describe_unreadable, probe_unreadable, unreadable_values
from bot.db.schema import open_database
from bot.db.session import Database
from bot.entry import first_run
from bot.services.maintenance_jobs import KEYS_INTERVAL_SECONDS
from bot.texts import wording

SETTLE_SECONDS = 2 * KEYS_INTERVAL_SECONDS


def add_parsers(dbsub: Any) -> None:
    """The backup, restore and rotate-key actions under `python -m bot db`."""
    b = dbsub.add_parser(
        "backup",
        help="write a compressed backup with its checksum",
        description="Write a consistent, compressed backup (mode 0600) and its .sha256 while the bot runs. "
        "It never holds the encryption key: keep .env and the backups apart.",
    )
    b.add_argument("--to", metavar="DIR", default=None, help="where to write it (default: BACKUP_DIR, else backups/)")
    r = dbsub.add_parser(
        "restore",
        help="restore a backup into an empty database",
        description="Verify FILE's checksum, restore it into the empty database DATABASE_URL names, "
        "print rows per table and check that the encrypted text reads with the current key.",
    )
    r.add_argument("file", type=Path)
    k = dbsub.add_parser(
        "rotate-key",
        help="move the encrypted text to a new key",
        description="Write a new ENCRYPTION_KEY into .env (the old one into ENCRYPTION_KEYS_OLD), re-encrypt "
        "every encrypted value in batches while the bot runs, then drop the old key. Run again after an "
        "interruption: it goes on where it stopped.",
    )
    k.add_argument("--batch", type=int, default=BATCH, help=f"values per transaction (default {BATCH})")
    k.add_argument(
        "--settle",
        type=float,
        default=SETTLE_SECONDS,
        metavar="SECONDS",
        help=f"wait this long for a running bot to read the new key before rewriting (default {SETTLE_SECONDS:g})",
    )


async def run(args: argparse.Namespace, settings: Settings, db: Database) -> int:
    try:
        if args.db_command == "backup":
            return await _backup(db, Path(args.to or settings.backup_dir or "backups"))
        if args.db_command == "restore":
            return await _restore(db, args.file)
        return await _rotate(db, settings, args.batch, args.settle)
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


async def _backup(db: Database, to_dir: Path) -> int:
    result = await backup.backup(db, to_dir, now())
    print(result.method)
    print(f"backup:   {result.path} ({result.size:,} bytes, mode 0600)")
    print(f"checksum: {result.checksum}")
    if result.pg_dump is not None:
        print(f"pg_dump:  {result.pg_dump}")
    print("The key is not in it: keep .env (ENCRYPTION_KEY) apart from the backups.")
    return 0


async def _restore(db: Database, archive: Path) -> int:
    report = await restore.restore(db, archive)
    width = max((len(name) for name in report.counts), default=0)
    for name, n in report.counts.items():
        print(f"{name:{width}} {n:8}")
    print(f"restored {wording.count(sum(report.counts.values()), 'row')} into {len(report.counts)} tables")
    if report.unreadable:
        print(
            f"error: the current key does not read {describe_unreadable(report.unreadable)}: "
            "set the ENCRYPTION_KEY (or ENCRYPTION_KEYS_OLD) this backup was written with",
            file=sys.stderr,
        )
        return 1
    print("encrypted text reads with the current key")
    return 0


async def _rotate(db: Database, settings: Settings, batch: int, settle: float) -> int:
    env = first_run.ENV_FILE
    if not settings.encryption_key:
        raise ConfigError("ENCRYPTION_KEY", "is empty: there is no key to rotate", "set it, or run the bot once")
    if "ENCRYPTION_KEY" in os.environ or "ENCRYPTION_KEYS_OLD" in os.environ:
        raise ConfigError("ENCRYPTION_KEY", "is set in the environment", "rotate-key writes .env: keep the keys there")
    if settings.old_keys:
        new, old = settings.encryption_key, list(settings.old_keys)
        print(f"Resuming the rotation begun earlier ({wording.count(len(old), 'old key')} still listed).")
    else:
        new, old = crypto.generate_key(), [settings.encryption_key]
        first_run.set_env_values(env, {"ENCRYPTION_KEYS_OLD": ",".join(old), "ENCRYPTION_KEY": new})
        print(f"New ENCRYPTION_KEY written into {env}; the old one is kept in ENCRYPTION_KEYS_OLD until this ends.")
        if settle > 0:
            print(f"Waiting {settle:g} s for a running bot to read it ...")
            await asyncio.sleep(settle)
    crypto.configure(new, old)
    for attempt in range(3):  # a bot that had not reread .env yet may have written a few values with the old key
        for col in await rotation.reencrypt(db, batch=batch):
            if col.rotated or attempt == 0:
                print(f"{col.column:28} {col.rotated:8} re-encrypted {col.current:8} had the new key")
        left = await rotation.not_current(db)
        if not left:
            break
    if left:
        print(f"error: still not under the new key: {describe_unreadable(left)}; run rotate-key again", file=sys.stderr)
        return 1
    first_run.set_env_values(env, {"ENCRYPTION_KEYS_OLD": ""})
    print("Rotation finished: every encrypted value is under the new key; ENCRYPTION_KEYS_OLD is cleared.")
    print("Keep a copy of .env (apart from the backups): backups made before today need the old key.")
    return 0


async def _unreadable(settings: Settings) -> dict[str, int]:
    crypto.configure(settings.encryption_key, settings.old_keys)
    db = open_database(settings.database_url, settings.database_schema)  # the clinic's own schema
    try:
        return await unreadable_values(db) if await probe_unreadable(db) else {}
    finally:
        await db.dispose()


def check_keys(settings: Settings) -> None:
    """Refuse to start, in one line naming table.column and counts, when the key does not read stored text."""
    found = asyncio.run(_unreadable(settings))
    if found and not settings.encryption_key:
        raise ConfigError(
            "ENCRYPTION_KEY",
            f"is empty but the database holds encrypted text in {describe_unreadable(found)}",
            "set the key it was written with (a new key would read none of it)",
        )
    if found:
        raise ConfigError(
            "ENCRYPTION_KEY",
            f"does not read the text stored in {describe_unreadable(found)}",
            "set the key it was written with; after a rotation list the earlier key in ENCRYPTION_KEYS_OLD",
        )
