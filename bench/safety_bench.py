"""Safety latency: from a client's crisis message to their reply, and to the therapist's alert.

Runs the real bot process (`python -m bot run`, SQLite, encryption on) against the local Bot API
stand-in over HTTP with Telegram's limits on, enrolls a client, a therapist and staff, then sends
crisis messages one at a time and measures, per message, the time until the client's reply and
until the therapist's push arrive. Prints figures, asserts nothing.

With the exchange grouping on (one alert per client episode, bot.domain.care.episodes), a flag
within CRISIS_EXCHANGE_MINUTES of an open alert joins it instead of raising a new one. So each
measured message starts a fresh episode: the therapist acknowledges the alert before the next
message (an acknowledged alert takes no new flags). Then a burst of messages from the same client
shows what grouping does: one alert, at most one "wrote again" per holder, and the replies' times.

Run: .venv/bin/python bench/safety_bench.py --messages 20 --burst 10
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import texts  # noqa: E402
from bot.core import crypto  # noqa: E402
from bot.entry.app import prepare_database  # noqa: E402
from standin import StandIn  # noqa: E402

TOKEN = "123456:BENCH-TOKEN"
CLIENT, THERAPIST, STAFF = 1, 2, 3


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "bot", *args], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


async def _enroll(st: StandIn, env: dict[str, str], uid: int, role: str, name: str) -> None:
    out = await asyncio.to_thread(_cli, env, "invite", "--role", role, "--name", name)
    code = next(line.split()[1] for line in out.splitlines() if line.startswith("code:"))
    user = await st.add_user(uid, name)
    await user.send_command("start", code)
    notice = await st.wait_for_message(uid, "I agree", timeout=30)  # every role agrees to its notice
    await user.press(text="I agree", message_id=notice.message_id)
    welcome = "you're all set" if role == "client" else "enrolled as"
    await st.wait_for_message(uid, welcome, after=notice.message_id, timeout=30)


def _line(name: str, xs: list[float]) -> str:
    xs = sorted(xs)
    p95 = xs[max(0, int(len(xs) * 0.95) - 1)]
    return f"{name:<34} median {statistics.median(xs):7.1f} ms   p95 {p95:7.1f} ms   max {xs[-1]:7.1f} ms"


async def _acknowledge(st: StandIn) -> None:
    """The therapist taps Acknowledge on the newest alert push: the next flag starts a new episode."""
    push = next(m for m in reversed(await st.messages(THERAPIST)) if "CRISIS" in m.body)
    await st.user(THERAPIST).press(text="Acknowledge", message_id=push.message_id)
    await st.wait_for_message(THERAPIST, "Acknowledged.", after=push.message_id, timeout=30)


async def _burst(st: StandIn, count: int) -> None:
    """`count` crisis messages in one episode: replies' times, and what the therapist's phone got."""
    sam, reply_ms = st.user(CLIENT), []
    before = len(await st.messages(THERAPIST))
    client_before = len(await st.messages(CLIENT))
    for i in range(count):
        last_client = (await sam.last_message()).message_id  # type: ignore[union-attr]
        start = time.perf_counter()
        await sam.send_text(f"i cant go on, i want to kill myself {i}")
        await st.wait_for_message(CLIENT, "988", after=last_client, timeout=30)
        reply_ms.append((time.perf_counter() - start) * 1000)
        await asyncio.sleep(1.1)
    await asyncio.sleep(3)  # let the delivery loop finish
    got = (await st.messages(THERAPIST))[before:]
    alerts = sum("CRISIS" in m.body for m in got)
    again = sum("wrote again" in m.body for m in got)
    receipts = sum(m.body == texts.CLIENT_RECEIPT_TOLD for m in (await st.messages(CLIENT))[client_before:])
    print(f"burst of {count} crisis messages from one client (one episode):")
    print(_line("  client's crisis reply", reply_ms))
    print(f"  therapist's phone: {alerts} alert push(es), {again} 'wrote again' push(es); client receipts: {receipts}")


async def main(messages: int, burst: int = 10) -> None:
    work = Path(tempfile.mkdtemp(prefix="safety-bench-"))
    st = StandIn(token=TOKEN)
    await st.start()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": st.base_url,
        "TELEGRAM_FILE_BASE_URL": st.base_file_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{work / 'bench.sqlite3'}",
        "ENCRYPTION_KEY": crypto.generate_key(),
        "OUTBOX_POLL_SECONDS": "1.0",  # the default: a wake-up after commit, or the poll, whichever first
    }
    await prepare_database(env["DATABASE_URL"])
    log = (work / "bot.log").open("wb")
    proc = await asyncio.to_thread(
        subprocess.Popen, [sys.executable, "-m", "bot", "run"], cwd=work, env=env, stdout=log, stderr=log
    )
    try:
        await st.wait_until_polling(timeout=60)
        await _enroll(st, env, CLIENT, "client", "SB")
        await _enroll(st, env, THERAPIST, "therapist", "Tess")
        await _enroll(st, env, STAFF, "staff", "Ana")
        people = await asyncio.to_thread(_cli, env, "people")
        words = people.split()
        client_code = next(w for w in words if w.startswith("C-"))
        therapist_code = next(w for w in words if w.startswith("T-"))
        ana = st.user(STAFF)
        await ana.send_command("assign", f"{client_code} {therapist_code}")
        await st.wait_for_message(STAFF, "now has therapist", timeout=30)

        sam, reply_ms, alert_ms = st.user(CLIENT), [], []
        for i in range(messages):
            last_client = (await sam.last_message()).message_id  # type: ignore[union-attr]
            pushes = len([m for m in await st.messages(THERAPIST) if "CRISIS" in m.body])
            start = time.perf_counter()
            await sam.send_text(f"i want to kill myself {i}")
            await st.wait_for_message(CLIENT, "988", after=last_client, timeout=30)
            reply_ms.append((time.perf_counter() - start) * 1000)

            async def pushed(n: int = pushes) -> bool:
                return len([m for m in await st.messages(THERAPIST) if "CRISIS" in m.body]) > n

            while not await pushed():  # noqa: ASYNC110 - the push happens in another process: poll it
                await asyncio.sleep(0.005)
            alert_ms.append((time.perf_counter() - start) * 1000)
            await _acknowledge(st)  # a new episode for the next message (grouping is on)
            await asyncio.sleep(1.1)  # Telegram's one message a second per chat, for the next round

        print(f"{messages} crisis messages, each a new episode, real bot process against the stand-in (limits on)")
        print(_line("client's crisis reply", reply_ms))
        print(_line("therapist's alert push", alert_ms))
        if burst:
            await _burst(st, burst)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        await st.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--burst", type=int, default=10, help="messages in one episode after the timed ones (0: none)")
    args = parser.parse_args()
    asyncio.run(main(args.messages, args.burst))
