"""A clinic's worth of rows for backup and key-rotation tests: people, check-ins with notes, alerts, outbox rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import MetaData, select

from bot.db.lease_models import PROCESS_TABLES
from bot.db.models import ClientProfile, Person
from bot.db.session import Database
from bot.domain.care import alerts
from bot.domain.checkins import diary
from bot.domain.checkins.answers import Answers, Use

DAY0 = dt.date(2026, 10, 1)
T0 = dt.datetime(2026, 10, 1, 23, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Flag:
    severity: str
    rule: str = "craving_high"
    explanation: str = "craving 9, 7-day mean 3"


async def people(db: Database, clients: int) -> list[int]:
    """A therapist, an admin and `clients` clients of that therapist; the clients' person ids."""
    async with db.session() as s, s.begin():
        therapist = Person(telegram_id=1, role="therapist", code="T-1", timezone="America/New_York")
        admin = Person(telegram_id=2, role="admin", code="A-1", timezone="America/New_York")
        s.add_all([therapist, admin])
        await s.flush()
        ids = []
        for n in range(clients):
            client = Person(telegram_id=1000 + n, role="client", code=f"C-{1000 + n}", timezone="America/New_York")
            s.add(client)
            await s.flush()
            s.add(ClientProfile(person_id=client.id, therapist_id=therapist.id, checkin_time=dt.time(19)))
            ids.append(client.id)
    return ids


async def day_of_work(db: Database, client: int, day: int) -> None:
    """One client's check-in for day `day` with a note, and on every third day an alert: one transaction."""
    answers = Answers(craving=day % 11, mood=1 + day % 5, used=Use.NO, sleep=2, note=f"day {day}: ok", safety_yes=False)
    async with db.session() as s, s.begin():
        await diary.save(s, client, DAY0 + dt.timedelta(days=day), answers)
        if day % 3 == 0:
            at = T0 + dt.timedelta(days=day)
            await alerts.raise_alert(s, client, [Flag("high")], source="checkin", at=at)


async def table_rows(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows as stored (encrypted text as written), in primary-key order; the processes' lease aside."""
    async with db.engine.connect() as conn:
        meta = MetaData()
        await conn.run_sync(lambda c: meta.reflect(c))
        found = {}
        for table in meta.sorted_tables:
            if table.name in PROCESS_TABLES:
                continue  # the running processes' lease and heartbeats: not the clinic's data
            order = list(table.primary_key.columns) or list(table.columns)
            found[table.name] = [tuple(r) for r in (await conn.execute(select(table).order_by(*order))).all()]
        return found
