"""Several clinics on one PostgreSQL, a schema each: nothing of one is visible to another.

Every table of the models (and Alembic's version table) resolves, on a clinic's connections, to
that clinic's schema; rows written by one clinic, through the domain, the planner, the lease
or the command line, never show in the other's tables or commands.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
import sys
from collections.abc import AsyncIterator

import pytest

from bot.core import crypto
from bot.db import migrate
from bot.db import schema as clinic_schema
from bot.delivery import planner
from bot.services.leadership import Leadership
from tests.conftest import PG_URL, TEST_KEY, TOKEN, _drop_schema, _postgres_schema_db
from tests.e2e.conftest import ROOT, child_env
from tests.support.clinics import row_counts, schemas_of_tables, seed_clients

pytestmark = pytest.mark.postgres

DUE = dt.datetime(2026, 12, 4, 23, 0, tzinfo=dt.UTC)


@pytest.fixture
async def clinics() -> AsyncIterator[tuple[str, str]]:
    """Two clinics' schemas, created and migrated the way `python -m bot run` does it."""
    names = []
    try:
        for _ in range(2):
            db, name = await _postgres_schema_db()
            await db.dispose()
            names.append(name)
            await clinic_schema.prepare(PG_URL, name)
        yield names[0], names[1]
    finally:
        for name in names:
            await _drop_schema(name)


async def test_every_table_of_a_clinic_is_its_own(clinics: tuple[str, str]) -> None:
    """Each clinic's connections resolve every table to its own schema; its rows stay there."""
    crypto.configure(TEST_KEY)
    a_name, b_name = clinics
    a, b = clinic_schema.open_database(PG_URL, a_name), clinic_schema.open_database(PG_URL, b_name)
    try:
        assert set((await schemas_of_tables(a)).values()) == {a_name}
        assert set((await schemas_of_tables(b)).values()) == {b_name}
        assert await migrate.current(a.engine) == await migrate.current(b.engine) is not None  # migrated each
        empty = await row_counts(b)

        await seed_clients(a, 30, first_telegram_id=5_000_000, due_at=DUE)
        async with a.session() as s, s.begin():
            report = await planner.plan_checkin_reminders(s, DUE, dt.timedelta(hours=2), dt.timedelta(minutes=30))
        assert report.planned == 30
        lead_a = Leadership(a, lease=dt.timedelta(seconds=8), renew=dt.timedelta(seconds=2), host="a", pid=1)
        assert await lead_a.try_lead() is not None
        filled = await row_counts(a)
        assert {"person", "client_profile", "outbox", "bot_process"} <= {t for t, n in filled.items() if n > empty[t]}
        assert await row_counts(b) == empty  # every table of the other clinic is as it was

        # Each clinic has its own leader: B's lease is free although A leads.
        lead_b = Leadership(b, lease=dt.timedelta(seconds=8), renew=dt.timedelta(seconds=2), host="b", pid=1)
        assert await lead_b.try_lead() is not None
        await seed_clients(b, 5, first_telegram_id=6_000_000, due_at=DUE)
        after = await row_counts(a)
        assert after == filled
        assert (await row_counts(b))["person"] == 6
    finally:
        await a.dispose()
        await b.dispose()


def _cli(schema: str, *args: str) -> str:
    env = child_env(
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL="http://127.0.0.1:9/bot",
        DATABASE_URL=PG_URL,
        DATABASE_SCHEMA=schema,
        ENCRYPTION_KEY=TEST_KEY,
    )
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


async def test_the_command_line_of_one_clinic_sees_nothing_of_another(clinics: tuple[str, str]) -> None:
    """invite, people, outbox stats, status and db current answer for the clinic named in DATABASE_SCHEMA."""
    a_name, b_name = clinics

    def run(schema: str, *args: str) -> asyncio.Future[str]:
        return asyncio.get_running_loop().run_in_executor(None, _cli, schema, *args)

    await run(a_name, "invite", "--role", "admin", "--name", "Ada", "--bot-username", "x_bot")
    await run(a_name, "invite", "--role", "client", "--name", "JD", "--bot-username", "x_bot")
    a_people, b_people = await asyncio.gather(run(a_name, "people"), run(b_name, "people"))
    assert a_people.strip().endswith("0 people") and b_people.strip().endswith("0 people")  # invites, nobody yet
    crypto.configure(TEST_KEY)
    a = clinic_schema.open_database(PG_URL, a_name)
    try:
        await seed_clients(a, 3, first_telegram_id=7_000_000, due_at=DUE)
    finally:
        await a.dispose()
    a_people, b_people = await asyncio.gather(run(a_name, "people"), run(b_name, "people"))
    assert "4 people" in a_people and "C-1000" in a_people
    assert b_people.strip() == "0 people"
    b_status, b_revision = await asyncio.gather(run(b_name, "status"), run(b_name, "db", "current"))
    assert b_status.startswith("leader: none yet") and b_revision.strip()
    b_stats = await run(b_name, "outbox", "stats")
    assert all(line.split()[-1] == "0" for line in b_stats.splitlines())
