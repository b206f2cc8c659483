"""Running as one of several processes of a clinic: standby until leading, then the bot; and `status`.

PostgreSQL: `run_led` waits as a standby (heartbeating, never polling or serving) until this
process takes the clinic's lease, builds the Application only then (conversation state is read
fresh), renews the lease while the bot runs, and stops the bot the moment the lease is lost
(taken over after a freeze, or not renewed in time), going back to standby with a fresh
Application next time. A clean stop (SIGINT, SIGTERM) releases the lease so a standby leads at once.

SQLite: one process only. `hold_sqlite_lock` takes an exclusive lock on a file beside the
database; a second `run` gets one line saying why it cannot start.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import fcntl
import logging
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import IO

from telegram import Update
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.core.clock import now
from bot.core.config import Settings
from bot.db.lease import LeaseStore
from bot.db.schema import open_database
from bot.db.session import Database
from bot.entry.app import build_application
from bot.services.context import AnyApplication
from bot.services.leadership import Leadership

log = logging.getLogger("iop.leader")

FENCE_GROUP = -100  # before every other group (the guards are -2 and -1): nothing runs unless leading
_held: list[IO[str]] = []  # the SQLite lock file stays open (and locked) for the life of the process


def hold_sqlite_lock(database_url: str) -> str | None:
    """Lock the SQLite database for this process; the one-line reason when another process has it."""
    path = database_url.split("///", 1)[-1]
    if not path or path == ":memory:":
        return None
    lock_path = Path(f"{path}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = lock_path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.seek(0)
        other = handle.read().strip() or "another process"
        handle.close()
        return (
            f"error: {path} is in use by a running bot ({other}); SQLite serves one process only: "
            "stop that one first, or use PostgreSQL for a hot standby"
        )
    handle.seek(0)
    handle.truncate()
    handle.write(f"pid {os.getpid()}")
    handle.flush()
    _held.append(handle)
    return None


def make_leadership(settings: Settings, db: Database) -> Leadership:
    return Leadership(
        db,
        lease=dt.timedelta(seconds=settings.leader_lease_seconds),
        renew=dt.timedelta(seconds=settings.leader_renew_seconds),
    )


def run_led(settings: Settings, serve: Callable[[AnyApplication], None]) -> int:
    """Standby, then leader, until stopped; `serve(app)` polls or serves the webhook (close_loop=False)."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    stop = asyncio.Event()
    # Its own small pool: renewing must not queue behind the handlers' connections.
    lease_db = open_database(settings.database_url, settings.database_schema, pool_size=2, max_overflow=1)
    leadership = make_leadership(settings, lease_db)
    try:
        while True:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, stop.set)
            if not loop.run_until_complete(leadership.wait_to_lead(stop)):
                return 0
            lost = _lead(loop, settings, leadership, serve)
            if not lost:
                return 0
            log.warning("lost the lease: back to standby")
    finally:
        loop.run_until_complete(leadership.release())
        loop.run_until_complete(lease_db.dispose())
        loop.close()


def _lead(
    loop: asyncio.AbstractEventLoop,
    settings: Settings,
    leadership: Leadership,
    serve: Callable[[AnyApplication], None],
) -> bool:
    """Build the Application now that this process leads and run it; True when it stopped for a lost lease."""
    app = build_application(
        settings, open_database(settings.database_url, settings.database_schema), leadership=leadership
    )
    lost = False
    keeper: list[asyncio.Task[None]] = []

    async def only_while_leading(_update: object, _context: object) -> None:
        """Drop an update fetched before a freeze: it was never confirmed, so the new leader answers it."""
        if not leadership.holds():
            raise ApplicationHandlerStop

    app.add_handler(TypeHandler(Update, only_while_leading), group=FENCE_GROUP)

    def on_lost() -> None:
        nonlocal lost
        lost = True
        app.stop_running()

    original_init = app.post_init

    async def post_init(application: AnyApplication) -> None:
        keeper.append(asyncio.create_task(leadership.keep(on_lost), name="lease"))
        if original_init is not None:
            await original_init(application)

    app.post_init = post_init
    try:
        serve(app)
    finally:
        for task in keeper:
            task.cancel()
            with contextlib.suppress(BaseException):
                loop.run_until_complete(task)
    return lost


def _ago(at: dt.datetime | None, t: dt.datetime) -> str:
    if at is None:
        return "never"
    seconds = (t - at).total_seconds()
    return f"{seconds:.0f} s ago" if seconds >= 0 else f"in {-seconds:.0f} s"


async def status_lines(
    db: Database, at: dt.datetime | None = None, silent_after: dt.timedelta = dt.timedelta(seconds=8)
) -> list[str]:
    """Who leads (host and pid) since when, and every process's last heartbeat (silent ones marked)."""
    t = at or now()
    if not db.is_postgres:
        return ["leader: no lease on SQLite (it runs one process only; a hot standby needs PostgreSQL)"]
    async with db.session() as s, s.begin():
        lease, processes = await LeaseStore(dt.timedelta(seconds=1)).read(s)
    if lease.live(t) and lease.since is not None:
        lines = [
            f"leader: {lease.holder} since {lease.since:%Y-%m-%d %H:%M:%S} UTC "
            f"(renewed {_ago(lease.renewed_at, t)}, lease ends {_ago(lease.expires_at, t)}, token {lease.token})"
        ]
    elif lease.holder is None:
        lines = ["leader: none yet (no process has led)"]
    else:
        how = "stepped down" if lease.released else "stopped renewing"
        lines = [f"leader: none now ({lease.holder} {how}; its lease ended {_ago(lease.expires_at, t)})"]
    lines.append(f"processes: {len(processes)}")
    for p in processes:
        role = "silent" if p.role != "stopped" and t - p.last_seen > silent_after else p.role
        lines.append(
            f"  {p.holder:28} {role:8} last heartbeat {_ago(p.last_seen, t)} "
            f"({p.last_seen:%H:%M:%S} UTC), up since {p.started_at:%Y-%m-%d %H:%M:%S} UTC"
        )
    return lines
