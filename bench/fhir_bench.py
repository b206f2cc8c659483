"""FHIR export benchmark: every client's Bundle to NDJSON, validated by shapes, in full, and not at all.

A SQLite file is migrated and seeded with --clients clients (1,000) and a year of data each: a
check-in every day, a BAM every week, a PHQ-9 and a GAD-7 every two weeks (answers encrypted by the
model's column type, as the app stores them; scores from the real scoring). Then the all-clients
export (bot.entry.fhir_cli.export_all) runs, each time in a fresh process so its peak RSS is its
own: validated by the entries' shapes (what the CLI does: bot/domain/questionnaires/fhir_check.py),
and not validated (the cost of building and writing alone, for the bench only). Full validation
(`--full-validation`: `Bundle.model_validate` of each whole Bundle) takes about 4 minutes for 1,000
clients, so it runs on a second file seeded with the first --full-clients (100) of the same clients,
and its time is also given scaled to --clients. The shapes and unvalidated exports run --runs times
(2) and the fastest is shown: the machine is shared. The files written are compared: the same bytes
whether validated or not, and each of the full run's lines one of the shapes run's. Prints seconds
(and the process's CPU seconds, less swayed by other work), peak RSS, Bundles, resources and bytes
written, and the machine's load; asserts nothing.

Run: .venv/bin/python bench/fhir_bench.py [--clients 1000] [--days 365] [--full-clients 100] [--runs 2]
[--keep DIR]  (about 4 minutes)
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert

from bot.core import crypto
from bot.db import migrate
from bot.db.models import Checkin, Person
from bot.db.questionnaire_models import QuestionnaireResponse
from bot.db.session import Database
from bot.domain.questionnaires.definitions import Questionnaire, get
from bot.domain.questionnaires.scoring import score

LAST_DAY = dt.date(2026, 11, 30)
CHUNK = 50  # clients seeded per transaction: the seeding's own memory stays small
KEY_ENV = "FHIR_BENCH_KEY"


def _response(rng: random.Random, person_id: int, q: Questionnaire, at: dt.datetime) -> dict[str, object]:
    answers = {i.id: rng.choice(i.options).value for i in q.items}
    if q.key == "phq9":
        answers["9"] = 0  # a bench client in crisis every fortnight would be a strange clinic
    scores = score(q, answers)
    return dict(person_id=person_id, questionnaire=q.key, version=q.version,
                answers=json.dumps(answers, sort_keys=True), total=scores.total,
                band=None if scores.band is None else scores.band.key,
                subscales=json.dumps(scores.plain()) if scores.subscales else None, crisis_acted=False,
                submitted_at=at)  # fmt: skip


def _rows(rng: random.Random, person_id: int, days: int) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    bam, phq, gad = get("bam7"), get("phq9"), get("gad7")
    assert bam and phq and gad
    checkins, responses = [], []
    first = LAST_DAY - dt.timedelta(days=days - 1)
    for n in range(days):
        day = first + dt.timedelta(days=n)
        at = dt.datetime.combine(day, dt.time(23, rng.randrange(60)), dt.UTC)  # 18:xx or 19:xx in New York
        checkins.append(dict(person_id=person_id, local_date=day, craving=rng.randint(0, 10), mood=rng.randint(1, 5),
                             used="no", sleep=rng.randint(1, 3), safety_yes=False, note=None, note_flagged=False,
                             created_at=at))  # fmt: skip
        if n % 7 == 0:
            responses.append(_response(rng, person_id, bam, at))
        if n % 14 == 0:
            responses += [_response(rng, person_id, phq, at), _response(rng, person_id, gad, at)]
    return checkins, responses


async def seed(db: Database, clients: int, days: int) -> None:
    rng = random.Random(22)
    created = dt.datetime.combine(LAST_DAY - dt.timedelta(days=days), dt.time(12), dt.UTC)
    for low in range(1, clients + 1, CHUNK):
        people, checkins, responses = [], [], []
        for person_id in range(low, min(low + CHUNK, clients + 1)):
            people.append(dict(id=person_id, telegram_id=20_000_000 + person_id, role="client", code=f"C-{person_id}",
                               display_name="", timezone="America/New_York", language="en", active=True,
                               reachable=True, consent_version="2026-11", created_at=created))  # fmt: skip
            more_checkins, more_responses = _rows(rng, person_id, days)
            checkins += more_checkins
            responses += more_responses
        async with db.session() as s, s.begin():
            # Core executemany through the mapped tables: EncryptedText encrypts the answers as the app does.
            for model, rows in ((Person, people), (Checkin, checkins), (QuestionnaireResponse, responses)):
                await s.execute(insert(model), rows)


VALIDATION = ("shapes", "full", "none")


async def export(path: Path, out: Path, validation: str) -> dict[str, float]:
    """One timed all-clients export (run in a child process): `validation` one of VALIDATION."""
    from bot.domain.questionnaires import fhir  # imported here so the parent's RSS is not the child's concern
    from bot.entry import fhir_cli

    checking = [0.0]  # CPU seconds in fhir.check: validation alone, whatever else the machine does
    check = fhir.check

    def timed(built: dict[str, object], code: str, *, full: bool = False) -> None:
        cpu = time.thread_time()
        try:
            check(built, code, full=full)
        finally:
            checking[0] += time.thread_time() - cpu

    fhir.check = timed
    crypto.configure(os.environ[KEY_ENV])
    db = Database(f"sqlite+aiosqlite:///{path}")
    try:
        after_imports = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        start, cpu = time.perf_counter(), time.process_time()
        written = await fhir_cli.export_all(db, out, validate=validation != "none", full=validation == "full")
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    finally:
        await db.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return dict(seconds=seconds, cpu=cpu, check=checking[0], peak_mb=peak, imports_mb=after_imports,
                clients=written.clients, resources=written.resources, bytes=written.bytes)  # fmt: skip


def _child(*argv: str) -> dict[str, float]:
    """Run this script in a fresh process: Linux hands a parent's peak RSS on through exec, so the
    parent stays small (it neither seeds nor exports) and each child's ru_maxrss is its own."""
    done = subprocess.run([sys.executable, __file__, *argv], check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


async def _seed_child(path: Path, clients: int, days: int) -> dict[str, float]:
    crypto.configure(os.environ[KEY_ENV])
    db = Database(f"sqlite+aiosqlite:///{path}")
    await migrate.upgrade(db.engine)
    start = time.perf_counter()
    await seed(db, clients, days)
    await db.dispose()
    return dict(seconds=time.perf_counter() - start)


def _seeded(path: Path, clients: int, days: int) -> None:
    path.unlink(missing_ok=True)
    seeded = _child("--seed", str(path), "--clients", str(clients), "--days", str(days))
    print(f"seeded {clients:,} clients x {days} days in {seeded['seconds']:.1f} s; ", end="")
    print(f"database {path.stat().st_size / 2**20:.0f} MiB; load {os.getloadavg()[0]:.1f}")


def _exported(path: Path, out: Path, validation: str, label: str, runs: int, scale: float = 1) -> None:
    """The best of `runs` exports (the machine is shared: the others are slowed by someone else's work)."""
    r = min((_child("--export", str(path), "--out", str(out), "--validation", validation) for _ in range(runs)),
            key=lambda r: r["seconds"])  # fmt: skip
    scaled = f" (x{scale:g}: {r['seconds'] * scale:.0f} s)" if scale != 1 else ""
    print(
        f"{label}: {r['seconds']:6.1f} s{scaled} (CPU {r['cpu']:.1f} s, validating "
        f"{r['check'] / r['clients'] * 1000:.1f} ms a client), peak RSS {r['peak_mb']:4.0f} MB "
        f"({r['imports_mb']:.0f} MB after imports), {int(r['clients']):,} Bundles, "
        f"{int(r['resources']):,} resources, {int(r['bytes']):,} bytes ({r['bytes'] / 2**20:.0f} MiB); "
        f"load {os.getloadavg()[0]:.1f}"
    )


def _lines(path: Path) -> set[bytes]:
    with path.open("rb") as f:
        return {hashlib.sha256(line).digest() for line in f}


def _same(a: Path, b: Path) -> bool:
    with a.open("rb") as fa, b.open("rb") as fb:
        while True:
            chunk = fa.read(1 << 20)
            if chunk != fb.read(1 << 20):
                return False
            if not chunk:
                return True


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--full-clients", type=int, default=100, help="clients validated in full (0: none)")
    parser.add_argument("--runs", type=int, default=2, help="exports of each kind, the fastest shown")
    parser.add_argument("--keep", type=Path, default=None, help="seed into this folder and keep it")
    parser.add_argument("--seed", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--export", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--validation", choices=VALIDATION, default="shapes", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed is not None:
        print(json.dumps(await _seed_child(args.seed, args.clients, args.days)))
        return 0
    if args.export is not None:
        print(json.dumps(await export(args.export, args.out, args.validation)))
        return 0
    os.environ[KEY_ENV] = crypto.generate_key()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "fhir_bench.sqlite3"
        _seeded(path, args.clients, args.days)
        outs = {v: folder / f"export-{v}.ndjson" for v in VALIDATION}
        _exported(path, outs["shapes"], "shapes", "validated by shapes (the CLI)", args.runs)
        _exported(path, outs["none"], "none", "not validated (bench only)   ", args.runs)
        print(f"the same bytes validated or not: {_same(outs['shapes'], outs['none'])}")
        outs["none"].unlink()
        if args.full_clients:
            few = folder / "fhir_bench_few.sqlite3"
            _seeded(few, args.full_clients, args.days)  # the same first clients: the same seed, in order
            label = "validated in full (--full-validation)"
            _exported(few, outs["full"], "full", label, 1, scale=args.clients / args.full_clients)
            print(
                f"each line of the full run one of the shapes run's: {_lines(outs['full']) <= _lines(outs['shapes'])}"
            )
    print("targets: under 20 s and under 300 MB for 1,000 clients x a year")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
