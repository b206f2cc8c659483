"""Hot-standby takeover: two bot processes of one clinic on PostgreSQL, the leader killed with SIGKILL.

Each round kills the process that leads, has a client send /help at once, and times how long
until the reply arrives (the standby had to see the lease run out, take it, build its
Application, and poll). The killed process is started again as the next standby. Prints each
round and min / median / max; asserts nothing.

Needs PostgreSQL (TEST_POSTGRES_URL, default postgresql+asyncpg://postgres@127.0.0.1:5432/test).
Run: .venv/bin/python bench/takeover_bench.py [--rounds 5] [--lease 8] [--renew 2]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from standin import Limits, StandIn
from tests.conftest import TOKEN, _drop_schema, _postgres_schema_db
from tests.e2e.conftest import wait_for
from tests.e2e.standby import ClinicProcess
from tests.e2e.test_e2e_safety import _enroll

CLIENT = 41001


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--lease", type=float, default=8.0, help="LEADER_LEASE_SECONDS")
    parser.add_argument("--renew", type=float, default=2.0, help="LEADER_RENEW_SECONDS")
    args = parser.parse_args()
    env = {"LEADER_LEASE_SECONDS": str(args.lease), "LEADER_RENEW_SECONDS": str(args.renew)}
    db, schema = await _postgres_schema_db()
    await db.dispose()
    standin = StandIn(token=TOKEN, limits=Limits(), hang_seconds=5.0)
    await standin.start()
    loop = asyncio.get_running_loop()
    times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        procs = [ClinicProcess(Path(tmp) / name, standin, schema, **env) for name in ("a", "b")]
        try:
            procs[0].start()
            await standin.wait_until_polling(timeout=60)
            await wait_for(procs[0].leads, timeout=30)
            procs[1].start()
            await wait_for(procs[1].waits, timeout=60)
            sam = await _enroll(standin, procs[0], CLIENT, "client", "SB")
            leader, standby = procs
            for n in range(1, args.rounds + 1):
                last = (await sam.last_message()).message_id
                leader.kill()
                killed = loop.time()
                await sam.send_command("help")
                await standin.wait_for_message(CLIENT, after=last, timeout=60)
                times.append(loop.time() - killed)
                print(f"round {n}: answered {times[-1]:.1f} s after kill -9 of the leader", flush=True)
                assert await standby.leads()
                leader.start()  # back as the next standby
                await wait_for(leader.waits, timeout=60)
                leader, standby = standby, leader
        finally:
            for p in procs:
                p.stop()
            await standin.stop()
            await _drop_schema(schema)
    print(
        f"lease {args.lease:g} s, renew {args.renew:g} s, {len(times)} rounds: "
        f"min {min(times):.1f} s, median {statistics.median(times):.1f} s, max {max(times):.1f} s"
    )


if __name__ == "__main__":
    asyncio.run(main())
