"""500 clients check in at once on SQLite, 60 of them writing a crisis message first: with the
process's write lock (bot/db/sqlite_writes.py) and without it (SQLite's busy wait alone).

Run from the project root:  .venv/bin/python bench/sqlite_writes_bench.py [--clients 500] [--crises 60] [--runs 2]
The scenario is tests/integration/test_sqlite_load.py's, through the Application's update
processor (64 updates at once). Prints, per run: wall time, each client's time to a stored
check-in (p50, p95), updates that found the file locked and ran again, writers that queued.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable without installing the package
warnings.filterwarnings("ignore", message=r"If 'per_message=False'")

from sqlalchemy import func, select  # noqa: E402

from bot.db import sqlite_writes  # noqa: E402
from bot.db.models import Alert, Checkin  # noqa: E402
from bot.services import application, crisis_record, uow  # noqa: E402
from tests.conftest import make_settings  # noqa: E402
from tests.integration import test_sqlite_load as load  # noqa: E402
from tests.support.harness import Harness  # noqa: E402

_install = sqlite_writes.install


async def run(lock: bool, clients: int, crises: int) -> dict[str, float]:
    sqlite_writes.install = _install if lock else (lambda _engine, _timeout: None)  # type: ignore[assignment,return-value]
    load.CLIENTS, load.CRISES = clients, crises
    locked = 0

    def seen_locked(exc: BaseException | None) -> bool:
        nonlocal locked
        locked += uow.is_locked(exc)
        return uow.is_locked(exc)

    application.is_locked = seen_locked  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as tmp:
        harness = Harness(make_settings(Path(tmp)))
        await harness.start()
        await load._enroll_all(harness)
        harness.req.clear()
        load._through_the_update_processor(harness)
        done: list[float] = []

        async def client(uid: int) -> None:
            await load._client(harness, uid)
            done.append(time.perf_counter() - t0)

        t0 = time.perf_counter()
        await asyncio.gather(*(client(uid) for uid in range(load.FIRST, load.FIRST + clients)))
        await crisis_record.drain()
        elapsed = time.perf_counter() - t0
        async with harness.db.session() as s:
            stored = await s.scalar(select(func.count()).select_from(Checkin))
            alerts = await s.scalar(select(func.count()).where(Alert.severity == "crisis"))
        waits = harness.db.writes.waits if harness.db.writes is not None else 0
        await harness.stop()
    return {
        "elapsed": elapsed,
        "p50": statistics.median(done),
        "p95": statistics.quantiles(done, n=20)[18],
        "stored": float(stored or 0),
        "alerts": float(alerts or 0),
        "locked": float(locked),
        "waits": float(waits),
    }


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--crises", type=int, default=60)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    print(f"{args.clients} clients check in at once, {args.crises} crisis messages first; SQLite, 64 updates at once")
    print(
        f"{'mode':<12} {'total':>7} {'p50':>7} {'p95':>7} {'stored':>7} {'alerts':>7} {'ran twice':>10} {'queued':>7}"
    )
    for _ in range(args.runs):
        for label, lock in (("lock", True), ("busy wait", False)):
            r = await run(lock, args.clients, args.crises)
            print(
                f"{label:<12} {r['elapsed']:>6.1f}s {r['p50']:>6.1f}s {r['p95']:>6.1f}s {r['stored']:>7.0f} "
                f"{r['alerts']:>7.0f} {r['locked']:>10.0f} {r['waits']:>7.0f}"
            )


if __name__ == "__main__":
    asyncio.run(main())
