"""Crash: kill -9 at random points during crisis handling; do the alerts still reach a human?

Runs the real bot process (`python -m bot run`) against the local Bot API stand-in over HTTP
(Telegram's limits on), enrolls a client, a therapist and staff, and assigns the client. Then:

1. Calibration: a few crisis messages without a kill; the time from the message to the
   therapist's first alert push is measured.
   The time to the crisis reply is measured too: the record, and the phases before it, fit in it.
2. Each round: the client sends a crisis message, the process gets SIGKILL after a delay drawn
   uniformly (seeded, the seed is printed) in [0, longest time to the reply] in odd rounds, and
   in [0, longest time to the first push] in even ones, so that the few milliseconds before the
   record get as many kills as the second before the push. What had happened at the kill is
   read: was the update still unconfirmed at the stand-in (getUpdates not yet called with a
   higher offset), was the alert committed, had the crisis reply and the push arrived. The bot is
   started again and the bench waits (bounded) for an alert push to the therapist and for the
   crisis reply. The therapist then acknowledges, so the next round starts a new episode.

The stand-in forgets an update only when getUpdates is called with a higher offset, as Telegram
does; python-telegram-bot asks again right after a batch arrives, so an update is confirmed a few
milliseconds after it was fetched, long before the crisis handling is done.

Delivery settings are the e2e ones (outbox poll 0.2 s, lease 2 s, send timeout 1.5 s): with the
production lease (30 s), a push claimed by the killed process waits up to 30 s longer.
Prints each round and a summary; asserts nothing.

Run: .venv/bin/python bench/crash_bench.py [--rounds 20] [--seed N]
     [--database postgresql+asyncpg://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from bench.alerts_bench import _create
from bot.db.models import Alert
from bot.entry.app import prepare_database
from standin import Limits, StandIn
from tests.conftest import TOKEN
from tests.e2e.conftest import BotProcess, wait_for
from tests.e2e.test_e2e_safety import _enroll

CLIENT, THERAPIST, STAFF = 51001, 51002, 51003
ENV = {"ALERT_CRISIS_ESCALATE_MINUTES": "30"}  # the first push only: no escalation inside a round
PHASES = ("unconfirmed", "before record", "recorded, no reply", "replied, no push", "pushed")


async def _alerts(proc: BotProcess) -> int:
    db = proc.database()
    try:
        async with db.session() as s, s.begin():
            return int((await s.execute(select(func.count()).select_from(Alert))).scalar_one())
    finally:
        await db.dispose()


async def _pushes(st: StandIn) -> list[int]:
    return [m.message_id for m in await st.messages(THERAPIST) if "CRISIS" in m.body]


async def _replies(st: StandIn, after: int) -> int:
    return sum("988" in m.body for m in await st.messages(CLIENT) if m.message_id > after)


async def _acknowledge(st: StandIn, push_id: int) -> None:
    await st.user(THERAPIST).press(text="Acknowledge", message_id=push_id)
    await st.wait_for_message(THERAPIST, "Acknowledged.", after=push_id, timeout=30)


async def _calibrate(st: StandIn, n: int) -> tuple[list[float], list[float]]:
    """Times from the message to the crisis reply and to the first push, without a kill."""
    sam, replies, pushes = st.user(CLIENT), [], []
    for i in range(n):
        before = len(await _pushes(st))
        last = (await sam.last_message()).message_id  # type: ignore[union-attr]
        start = time.perf_counter()
        await sam.send_text(f"i want to kill myself (calibration {i})")
        await wait_for(lambda last=last: _replies_any(st, last), timeout=30, interval=0.001)
        replies.append(time.perf_counter() - start)
        await wait_for(lambda b=before: _more(st, b), timeout=30, interval=0.002)
        pushes.append(time.perf_counter() - start)
        await _acknowledge(st, (await _pushes(st))[-1])
        await asyncio.sleep(1.1)
    return replies, pushes


async def _more(st: StandIn, before: int) -> bool:
    return len(await _pushes(st)) > before


async def _round(st: StandIn, proc: BotProcess, n: int, delay: float, wait: float) -> dict[str, object]:
    sam = st.user(CLIENT)
    last_client = (await sam.last_message()).message_id  # type: ignore[union-attr]
    pushes_before, alerts_before = len(await _pushes(st)), await _alerts(proc)
    await sam.send_text(f"i want to kill myself (round {n})")
    await asyncio.sleep(delay)
    proc.kill()
    # A request already on the wire when the process died (a getUpdates confirming the update, a
    # sendMessage) is still served: let the stand-in finish those before looking.
    await asyncio.sleep(0.2)
    unconfirmed = len(st.bot().updates) > 0  # still pending: the next process is handed it again
    replied_at_kill = await _replies(st, last_client) > 0
    pushed_at_kill = len(await _pushes(st)) > pushes_before
    recorded = await _alerts(proc) > alerts_before
    if pushed_at_kill:
        phase = "pushed"
    elif replied_at_kill:
        phase = "replied, no push"
    elif recorded:
        phase = "recorded, no reply"
    elif unconfirmed:
        phase = "unconfirmed"
    else:
        phase = "before record"
    proc.start()
    restarted = time.perf_counter()
    restart_to_push = None
    try:
        await wait_for(lambda: _more(st, pushes_before), timeout=wait, interval=0.01)
        restart_to_push = 0.0 if pushed_at_kill else time.perf_counter() - restarted
    except TimeoutError:
        pass
    with contextlib.suppress(TimeoutError):  # the crisis reply, if it is coming (it may be lost with the update)
        await wait_for(lambda: _replies_any(st, last_client), timeout=5 if restart_to_push is None else 15)
    await asyncio.sleep(1.0)  # anything else in flight (a second push, a second reply) lands now
    pushes = (await _pushes(st))[pushes_before:]
    replies = await _replies(st, last_client)
    if pushes:
        await _acknowledge(st, pushes[-1])
    await asyncio.sleep(1.1)  # one message a second per chat
    return {
        "round": n,
        "delay_ms": delay * 1000,
        "phase": phase,
        "recorded_at_kill": recorded,
        "pushes": len(pushes),
        "replies": replies,
        "replied_before_kill": replied_at_kill,
        "restart_to_push": restart_to_push,
        "alerts_after": await _alerts(proc) - alerts_before,
    }


async def _replies_any(st: StandIn, after: int) -> bool:
    return await _replies(st, after) > 0


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--calibrate", type=int, default=3, help="crisis messages without a kill, to set the range")
    parser.add_argument("--wait", type=float, default=30.0, help="longest wait for the push after a restart (s)")
    parser.add_argument("--database", default=None, help="a PostgreSQL URL (default: a SQLite file)")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1_000_000)
    rng = random.Random(seed)
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)  # a killed bot's dropped connections
    st = StandIn(token=TOKEN, limits=Limits(), hang_seconds=5.0)
    await st.start()
    with tempfile.TemporaryDirectory(prefix="crash-bench-") as tmp:
        extra = dict(ENV)
        own = await _create(args.database) if args.database else None
        if own:
            extra["DATABASE_URL"] = own
        proc = BotProcess(Path(tmp), st, **extra)
        if own:
            proc.db_url = own
        await prepare_database(proc.db_url)
        rows: list[dict[str, object]] = []
        try:
            proc.start()
            await st.wait_until_polling(timeout=60)
            await _enroll(st, proc, CLIENT, "client", "SB")
            await _enroll(st, proc, THERAPIST, "therapist", "Tess")
            ana = await _enroll(st, proc, STAFF, "staff", "Ana")
            words = (await proc.cli("people")).split()
            client = next(w for w in words if w.startswith("C-"))
            therapist = next(w for w in words if w.startswith("T-"))
            await ana.send_command("assign", f"{client} {therapist}")
            await st.wait_for_message(STAFF, "now has therapist", timeout=30)
            to_reply, to_push = await _calibrate(st, args.calibrate)
            early, top = max(to_reply), max(to_push)
            db_name = "PostgreSQL" if own else "SQLite"
            print(f"{db_name}; seed {seed}; without a kill, message to crisis reply (ms): {_ms(to_reply)}")
            print(f"message to first push (ms): {_ms(to_push)}")
            print(
                f"kill delays: odd rounds uniform in [0, {early * 1000:.0f}] ms (to the reply), "
                f"even rounds uniform in [0, {top * 1000:.0f}] ms (to the push)",
                flush=True,
            )
            for n in range(1, args.rounds + 1):
                row = await _round(st, proc, n, rng.uniform(0, early if n % 2 else top), args.wait)
                rows.append(row)
                rtp = row["restart_to_push"]
                print(
                    f"round {n:2}: kill at {row['delay_ms']:6.0f} ms  {row['phase']:<19} "
                    f"pushes {row['pushes']}  replies {row['replies']}  alerts {row['alerts_after']}  "
                    f"restart->push {'-' if rtp is None else f'{rtp:.1f} s'}",
                    flush=True,
                )
        finally:
            proc.stop()
            await st.stop()
            if own and args.database:
                from bench.alerts_bench import _drop

                await _drop(args.database, proc.database(), own)
    _summary(rows)


def _ms(xs: list[float]) -> list[int]:
    return [round(x * 1000) for x in xs]


def _summary(rows: list[dict[str, object]]) -> None:
    n = len(rows)
    reached = sum(1 for r in rows if int(r["pushes"]) > 0)  # type: ignore[call-overload]
    replied = sum(1 for r in rows if int(r["replies"]) > 0)  # type: ignore[call-overload]
    dup_push = sum(1 for r in rows if int(r["pushes"]) > 1)  # type: ignore[call-overload]
    dup_reply = sum(1 for r in rows if int(r["replies"]) > 1)  # type: ignore[call-overload]
    phases = Counter(str(r["phase"]) for r in rows)
    print(f"alerts that reached a human: {reached} of {n}; crisis replies delivered: {replied} of {n}")
    print(f"rounds with a push twice: {dup_push}; with the crisis reply twice: {dup_reply}")
    print("kill points: " + ", ".join(f"{p} {phases[p]}" for p in PHASES if phases[p]))
    for p in PHASES:
        got = [r for r in rows if r["phase"] == p]
        if got:
            lost = sum(1 for r in got if int(r["pushes"]) == 0)  # type: ignore[call-overload]
            noreply = sum(1 for r in got if int(r["replies"]) == 0)  # type: ignore[call-overload]
            print(f"  {p:<19} {len(got):2} rounds: alert lost {lost}, reply lost {noreply}")
    late = [float(r["restart_to_push"]) for r in rows if r["restart_to_push"]]  # type: ignore[arg-type]
    if late:
        print(
            f"restart to push (rounds whose push came after the restart, {len(late)}): "
            f"min {min(late):.1f} s, median {statistics.median(late):.1f} s, max {max(late):.1f} s"
        )


if __name__ == "__main__":
    asyncio.run(main())
