"""Meeting reminder planner benchmark: 10,000 clients, 50 series, a 48-hour horizon; prints figures, asserts nothing.

The clinic: 20 cohorts of 500 clients; each cohort has a Mon/Wed/Fri evening group and a
Tue/Thu day group (40 series); 5 weekly on-site support meetings, each for one cohort (a
site's); 5 individual appointments. Clients are spread over the US zones; default leads 24 h and 1 h. Timed: a
first pass (writes every reminder due in the next 48 hours), a second pass a minute later
(finds them all planned: what every planner tick costs), and memory (tracemalloc's peak during
a first pass on an emptied outbox, and the process's peak RSS).

Run: .venv/bin/python bench/schedule_bench.py [--clients 10000] [--database postgresql+asyncpg://...]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import delete, insert

from bench.planner_bench import drop, fresh_db
from bot.core import crypto
from bot.db.meeting_models import MeetingSeries
from bot.db.models import ClientProfile, OutboxMessage, Person
from bot.db.session import Database
from bot.delivery import meeting_planner
from bot.domain.people.timezones import US_ZONES

NOW = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)  # Monday 9:00 in New York
GRACE, HORIZON, LEADS = dt.timedelta(hours=2), dt.timedelta(hours=48), (1440, 60)
COHORTS = 20


async def fill(db: Database, clients: int) -> None:
    people, profiles, series = [], [], []
    for i in range(1, clients + 1):
        people.append(dict(id=i, telegram_id=10_000_000 + i, role="client", code=f"C-{i}", display_name="",
                           timezone=US_ZONES[i % len(US_ZONES)][1], language="en", active=True, reachable=True,
                           consent_version="2026-11", created_at=NOW))  # fmt: skip
        profiles.append(dict(person_id=i, cohort=f"cohort-{i % COHORTS}", checkin_time=dt.time(19), reminders_on=True))
    base = dict(timezone="America/New_York", all_day=False, place="Room 2", link="", cohort="", client_id=None,
                therapist_id=None, active=True, created_at=NOW, updated_at=NOW)  # fmt: skip
    start = dt.datetime(2026, 1, 5, 18, 0)
    for c in range(COHORTS):
        series.append(dict(base, uid=f"eve-{c}", title=f"Evening group {c}", public_title="Group session", kind="group",
                           rrule="FREQ=WEEKLY;BYDAY=MO,WE,FR", starts_local=start, duration_minutes=180,
                           audience="cohort", cohort=f"cohort-{c}"))  # fmt: skip
        series.append(dict(base, uid=f"day-{c}", title=f"Day group {c}", public_title="Group session", kind="group",
                           rrule="FREQ=WEEKLY;BYDAY=TU,TH", starts_local=start.replace(hour=10), duration_minutes=180,
                           audience="cohort", cohort=f"cohort-{c}"))  # fmt: skip
    for k in range(5):  # on-site support meetings, one for each site of four cohorts
        series.append(dict(base, uid=f"sup-{k}", title=f"Support meeting {k}", public_title="Meeting", kind="support",
                           rrule=f"FREQ=WEEKLY;BYDAY={('MO', 'TU', 'WE', 'TH', 'FR')[k]}",
                           starts_local=start.replace(hour=19), duration_minutes=60, audience="cohort",
                           cohort=f"cohort-{4 * k}"))  # fmt: skip
        series.append(dict(base, uid=f"ind-{k}", title=f"Individual {k}", public_title="Appointment",
                           kind="individual", rrule="FREQ=WEEKLY;BYDAY=TU", starts_local=start.replace(hour=15),
                           duration_minutes=50, audience="client", client_id=k + 1))  # fmt: skip
    async with db.session() as s, s.begin():
        for table, rows in ((Person, people), (ClientProfile, profiles), (MeetingSeries, series)):
            for i in range(0, len(rows), 2000):
                await s.execute(insert(table), rows[i : i + 2000])


async def one_pass(db: Database, at: dt.datetime = NOW) -> tuple[float, meeting_planner.MeetingPlanReport]:
    start = time.perf_counter()
    async with db.session() as s, s.begin():
        report = await meeting_planner.plan_meeting_reminders(s, at, GRACE, HORIZON, LEADS)
    return time.perf_counter() - start, report


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--database", default=None, help="a postgresql+asyncpg:// URL (default: a SQLite file)")
    args = parser.parse_args()
    crypto.configure(crypto.generate_key())
    with tempfile.TemporaryDirectory() as tmp:
        db, schema = await fresh_db(args.database, Path(tmp), "schedule")
        try:
            await fill(db, args.clients)
            first, report = await one_pass(db)
            second, again = await one_pass(db, NOW + dt.timedelta(minutes=1))
            async with db.session() as s, s.begin():
                await s.execute(delete(OutboxMessage))
            tracemalloc.start()
            await one_pass(db)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        finally:
            await drop(db, args.database, schema)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"database: {'PostgreSQL' if args.database else 'SQLite'}; clients: {args.clients:,}; series: 50; horizon 48 h"
    )
    print(f"first pass: {first * 1000:.0f} ms; {report.occurrences} occurrences, {report.planned:,} reminders written")
    print(f"second pass: {second * 1000:.0f} ms; {again.already:,} already planned, {again.planned} written")
    print(f"tracemalloc peak during a first pass: {peak / 2**20:.1f} MiB; process peak RSS: {rss:.0f} MiB")


if __name__ == "__main__":
    asyncio.run(main())
