"""End-to-end fixtures: the local Bot API stand-in in the test, the real bot as a child process."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.core import crypto
from bot.db.models import OutboxMessage, OutboxStatus
from bot.db.session import Database
from bot.delivery import outbox
from bot.entry.app import prepare_database
from standin import StandIn
from tests.conftest import TEST_KEY, TOKEN

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.e2e


def child_env(**extra: str) -> dict[str, str]:
    """A bare environment for a child `python -m bot`: PATH, and PYTHONPATH pointing at this checkout (so its code
    runs, not an installed copy), nothing else: no token, no .env values leaking in from the developer's shell."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT)}
    return {**env, **extra}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BotProcess:
    """`python -m bot ...` in a child process with an environment pointing at the stand-in."""

    def __init__(self, workdir: Path, standin: StandIn, **env: str) -> None:
        self.workdir = workdir
        self.db_url = f"sqlite+aiosqlite:///{workdir / 'bot.sqlite3'}"
        self.env = child_env(
            **{
                "BOT_TOKEN": TOKEN,
                "TELEGRAM_API_BASE_URL": standin.base_url,
                "TELEGRAM_FILE_BASE_URL": standin.base_file_url,
                "DATABASE_URL": self.db_url,
                "ENCRYPTION_KEY": TEST_KEY,
                "CLINIC_NAME": "Riverside Recovery",
                "OUTBOX_POLL_SECONDS": "0.2",
                "OUTBOX_SEND_TIMEOUT": "1.5",
                "OUTBOX_LEASE_SECONDS": "2",
                **env,  # a test's own settings win
            }
        )
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = workdir / "bot.log"

    async def cli(self, *args: str) -> str:
        """Run a one-off CLI command (invite, people, ...) against the same database.

        In a thread: the stand-in shares this event loop and must keep answering the bot meanwhile.
        """
        done = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "bot", *args],
            cwd=self.workdir,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    async def invite(self, role: str, name: str = "") -> str:
        out = await self.cli("invite", "--role", role, "--name", name or role.title())
        return next(line.split()[1] for line in out.splitlines() if line.startswith("code:"))

    def start(self, *args: str) -> None:
        with self.log.open("ab") as log:  # the child keeps its own copy of the descriptor
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot", "run", *args],
                cwd=self.workdir,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def database(self) -> Database:
        crypto.configure(TEST_KEY)
        return Database(self.db_url)

    async def enqueue(self, rows: list[tuple[int, str]], kind: str = "notice") -> None:
        """Queue (chat_id, text) rows the way a planner would."""
        db = self.database()
        try:
            async with db.session() as s, s.begin():
                for chat_id, text in rows:
                    await outbox.enqueue(s, chat_id=chat_id, kind=kind, text=text)
        finally:
            await db.dispose()

    async def statuses(self) -> dict[str, int]:
        db = self.database()
        try:
            async with db.session() as s, s.begin():
                return await outbox.counts(s)
        finally:
            await db.dispose()

    async def pending_due(self) -> int:
        """Outbox rows due by now and still waiting. A reminder planned for later is pending too, and
        whether one is depends on the hour the test runs (today's check-in reminder, Monday's questionnaires)."""
        db = self.database()
        try:
            async with db.session() as s, s.begin():
                waiting = OutboxMessage.status == OutboxStatus.PENDING
                # now as a value, not the database's now(): the column type stores it the same on SQLite
                due = select(func.count()).where(waiting, OutboxMessage.due_at <= dt.datetime.now(dt.UTC))
                return int((await s.execute(due)).scalar_one())
        finally:
            await db.dispose()


@pytest.fixture
async def bot_process(standin: StandIn, tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator:
    """A factory: make(**env) returns a BotProcess whose database is migrated; stopped afterwards."""
    made: list[BotProcess] = []

    async def make(**env: str) -> BotProcess:
        proc = BotProcess(tmp_path, standin, **env)
        await prepare_database(proc.db_url)
        made.append(proc)
        return proc

    yield make
    for proc in made:
        proc.stop()
        if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
            print(proc.output()[-5000:])


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):  # type: ignore[no-untyped-def]
    # Lets fixtures see whether the test failed, to print the bot's log only then.
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


async def wait_for(predicate, timeout: float = 20.0, interval: float = 0.05):  # type: ignore[no-untyped-def]
    """Poll an async predicate while a child process works (it cannot share our clock)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = await predicate()
        if value:
            return value
        if loop.time() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(interval)
