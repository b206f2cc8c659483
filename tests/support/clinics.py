"""Clinics side by side on one PostgreSQL: a schema each, filled with clients whose reminder is due.

Used by tests/db/test_clinic_schemas.py and bench/clinics_bench.py.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select, text

from bot.db.models import ClientProfile, Person
from bot.db.session import Database
from bot.db.types import Base

ZONE = "America/New_York"


async def seed_clients(db: Database, clients: int, *, first_telegram_id: int, due_at: dt.datetime) -> None:
    """`clients` consenting clients whose daily check-in reminder falls at `due_at`, plus one admin."""
    local = due_at.astimezone(ZoneInfo(ZONE)).time().replace(second=0, microsecond=0)
    people = [
        dict(telegram_id=first_telegram_id + i, role="client", code=f"C-{1000 + i}", display_name="", timezone=ZONE,
             language="en", active=True, reachable=True, consent_version="2026-11", created_at=due_at)
        for i in range(clients)
    ]  # fmt: skip
    async with db.session() as s, s.begin():
        ids = (await s.execute(insert(Person).returning(Person.id), people)).scalars().all()
        await s.execute(
            insert(ClientProfile), [dict(person_id=i, cohort="", checkin_time=local, reminders_on=True) for i in ids]
        )
        s.add(
            Person(
                telegram_id=first_telegram_id + clients,
                role="admin",
                code="A-1",
                timezone=ZONE,
                consent_version="2026-11",
            )
        )


async def row_counts(db: Database) -> dict[str, int]:
    """Rows in every table of the models, as this clinic's connections see them (unqualified names)."""
    async with db.session() as s:
        return {
            t.name: (await s.execute(select(func.count()).select_from(t))).scalar_one()
            for t in Base.metadata.sorted_tables
        }


async def schemas_of_tables(db: Database) -> dict[str, str]:
    """The schema each unqualified table name resolves to on this clinic's connections."""
    found = {}
    async with db.session() as s:
        for t in [*Base.metadata.sorted_tables, "alembic_version"]:
            name = t if isinstance(t, str) else t.name
            found[name] = (
                await s.execute(
                    text(
                        "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        " WHERE c.oid = to_regclass(:t)"
                    ),
                    {"t": name},
                )
            ).scalar_one()
    return found
