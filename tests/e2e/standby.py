"""Helpers for hot-standby tests and the takeover bench: bot processes of one clinic on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

from bot.core import crypto
from bot.db.lease import LeaseStore, LeaseView, ProcessView
from bot.db.schema import open_database
from bot.db.session import Database
from standin import StandIn
from tests.conftest import PG_URL, TEST_KEY
from tests.e2e.conftest import BotProcess


class ClinicProcess(BotProcess):
    """`python -m bot run` for the clinic in PostgreSQL schema `schema`, with its own log."""

    def __init__(self, workdir: Path, standin: StandIn, schema: str, **env: str) -> None:
        workdir.mkdir(parents=True, exist_ok=True)
        super().__init__(workdir, standin, DATABASE_URL=PG_URL, DATABASE_SCHEMA=schema, **env)
        self.db_url, self.schema = PG_URL, schema

    def database(self) -> Database:
        crypto.configure(TEST_KEY)
        return open_database(PG_URL, self.schema)

    @property
    def holder(self) -> str:
        assert self.proc is not None
        return f"{socket.gethostname()}:{self.proc.pid}"

    async def lease(self) -> tuple[LeaseView, list[ProcessView]]:
        db = self.database()
        try:
            async with db.session() as s, s.begin():
                return await LeaseStore(dt.timedelta(seconds=1)).read(s)
        finally:
            await db.dispose()

    async def leads(self) -> bool:
        lease, _ = await self.lease()
        return lease.holder == self.holder and lease.live(dt.datetime.now(dt.UTC))

    async def waits(self) -> bool:
        """This process is up and heartbeating as a standby."""
        _, processes = await self.lease()
        return any(p.holder == self.holder and p.role == "standby" for p in processes)
