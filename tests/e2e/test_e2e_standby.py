"""Hot standby end to end: two bot processes of one clinic on PostgreSQL, the leader killed with SIGKILL.

The standby answers a client within LEADER_TAKEOVER_SECONDS (15), delivers every queued message
(duplicates at most one batch), keeps escalating an open alert, answers a crisis message sent
while nobody led, and tells the admin that leadership changed.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from standin import StandIn
from tests.conftest import _drop_schema, _postgres_schema_db
from tests.e2e.conftest import wait_for
from tests.e2e.standby import ClinicProcess
from tests.e2e.test_e2e_safety import _enroll, _people

pytestmark = pytest.mark.e2e

CLIENT, THERAPIST, STAFF, ADMIN, OTHER_CLIENT = 32001, 32002, 32003, 32004, 32005
BATCH = 20
ENV = {
    "ALERT_HIGH_ESCALATE_MINUTES": "0.4",  # due after the takeover, not before the kill
    "ALERT_CRISIS_ESCALATE_MINUTES": "30",
    "ESCALATION_POLL_SECONDS": "0.5",
    "OUTBOX_GLOBAL_RATE": "400",
    "OUTBOX_CHAT_INTERVAL": "0",
    "OUTBOX_BATCH_SIZE": str(BATCH),
}


@pytest.fixture
async def schema() -> AsyncIterator[str]:
    """A fresh PostgreSQL schema for one clinic (skips like every PostgreSQL test when there is none)."""
    db, name = await _postgres_schema_db()
    await db.dispose()
    try:
        yield name
    finally:
        await _drop_schema(name)


@pytest.fixture
async def clinic(standin: StandIn, tmp_path: Path, schema: str) -> AsyncIterator[list[ClinicProcess]]:
    procs = [ClinicProcess(tmp_path / name, standin, schema, **ENV) for name in ("a", "b")]
    try:
        yield procs
    finally:
        for p in procs:
            p.stop()


@pytest.mark.postgres
async def test_standby_takes_over_after_the_leader_is_killed(standin: StandIn, clinic: list[ClinicProcess]) -> None:
    """kill -9 of the leader: the standby leads within 15 s and nothing is lost or stalled."""
    await standin.set_limits(flood=False, strict_chats=False)
    leader, standby = clinic
    leader.start()
    await standin.wait_until_polling(timeout=30)
    await wait_for(leader.leads, timeout=15)
    standby.start()
    await wait_for(standby.waits, timeout=30)
    assert "waits as a standby" in standby.output()  # it never polls while it waits

    sam, _tess, ana = await _people(standin, leader)
    await _enroll(standin, leader, ADMIN, "admin", "Ada")
    # A second client writes during the takeover: a message of Sam's own would join Sam's open alert
    # (one alert per episode) and reach on-call at once, and this test follows that alert's timer.
    rae = await _enroll(standin, leader, OTHER_CLIENT, "client", "RM")
    last_ana = (await ana.last_message()).message_id
    await ana.send_command("oncall")
    offer = await standin.wait_for_message(STAFF, "Take on-call", after=last_ana, timeout=15)
    await ana.press(text="Take on-call", message_id=offer.message_id)
    taken = await standin.wait_for_message(STAFF, "You are on call now", after=offer.message_id, timeout=15)
    await sam.send_text("gonna use tonight")  # a high alert: the therapist now, on-call if nobody acknowledges
    await standin.wait_for_message(THERAPIST, "high", timeout=15)

    chats = list(range(34000, 34040))
    texts = [f"notice {i}" for i in range(400)]
    await leader.enqueue([(chats[i % len(chats)], text) for i, text in enumerate(texts)])

    async def some_delivered() -> bool:
        return sum([await standin.sent_count(c) for c in chats[:4]]) >= 8

    await wait_for(some_delivered, timeout=30, interval=0.01)
    leader.kill()
    loop = asyncio.get_running_loop()
    killed_at = loop.time()

    last_rae = (await rae.last_message()).message_id
    await rae.send_text("i want to kill myself")  # while nobody leads
    await standin.wait_for_message(OTHER_CLIENT, "988", after=last_rae, timeout=15)
    takeover = loop.time() - killed_at
    assert takeover < 15, f"the standby answered after {takeover:.1f} s"
    assert await standby.leads()

    escalated = await standin.wait_for_message(STAFF, "not been acknowledged", after=taken.message_id, timeout=40)
    assert "on call" in escalated.body
    await standin.wait_for_message(ADMIN, "now run by", timeout=15)

    async def all_delivered() -> bool:
        return (await standby.statuses()).get("delivered", 0) >= len(texts) and not await standby.pending_due()

    await wait_for(all_delivered, timeout=60)
    seen = [m.body for c in chats for m in await standin.messages(c)]
    assert set(seen) == set(texts)
    assert len(seen) - len(set(seen)) <= BATCH
    status = await standby.cli("status")
    assert f"leader: {standby.holder} since" in status
    print(f"takeover: the standby answered {takeover:.1f} s after kill -9 of the leader")


async def test_a_second_process_on_sqlite_refuses_to_start(standin: StandIn, bot_process) -> None:  # type: ignore[no-untyped-def]
    """SQLite stays single-process: a second `run` says why in one line and exits 2; the first goes on."""
    first = await bot_process()
    first.start()
    await standin.wait_until_polling(timeout=30)
    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", "run"],
        cwd=first.workdir,
        env=first.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "SQLite serves one process only" in lines[0], done.stderr
    assert first.proc is not None and first.proc.poll() is None


async def _has(chat: Any, words: str) -> bool:
    return any(words in (m.text or "") for m in await chat.messages())


async def _quiet_count(standin: StandIn, *, quiet: float, timeout: float) -> int:
    """Messages sent so far, read once none has come for `quiet` seconds (a child process has its own clock)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    count, since = (await standin.stats())["messages_total"], loop.time()
    while loop.time() - since < quiet and loop.time() < deadline:
        await asyncio.sleep(0.2)
        now_count = (await standin.stats())["messages_total"]
        if now_count != count:
            count, since = now_count, loop.time()
    return int(count)


@pytest.mark.postgres
async def test_a_frozen_leader_that_wakes_sends_nothing(standin: StandIn, clinic: list[ClinicProcess]) -> None:
    """SIGSTOP the leader: the standby takes over; on SIGCONT the old leader sends nothing and waits as a standby."""
    leader, standby = clinic
    leader.start()
    await standin.wait_until_polling(timeout=30)
    await wait_for(leader.leads, timeout=15)
    standby.start()
    await wait_for(standby.waits, timeout=30)
    sam = await _enroll(standin, leader, CLIENT, "client", "SB")
    # The welcome is followed by the time-zone question: freeze only once it is out. (Frozen between
    # the two, the woken leader is fenced, hands the question to the outbox, and the new leader sends it.)
    await wait_for(lambda: _has(sam, "where you are?"), timeout=15)

    assert leader.proc is not None
    leader.proc.send_signal(signal.SIGSTOP)
    try:
        last = (await sam.last_message()).message_id
        await sam.send_command("help")
        # The lease (8 s) runs out, then the standby builds the Application: under load that can pass 40 s.
        await standin.wait_for_message(CLIENT, after=last, timeout=60)
        assert await standby.leads()
        # The new leader may still be sending (an outbox batch the frozen one had claimed is sent again
        # once its row lease runs out): count only once it has been quiet for 3 s.
        sent_before_waking = await _quiet_count(standin, quiet=3.0, timeout=30)
        shown_before = [m.text for m in await sam.messages()]
    finally:
        leader.proc.send_signal(signal.SIGCONT)
    await wait_for(leader.waits, timeout=30)  # it found its lease gone and stepped back
    assert "stops leading" in leader.output()
    after = [m.text for m in await sam.messages()]
    extra = [t for t in after if t not in shown_before]
    assert (await standin.stats())["messages_total"] == sent_before_waking, (extra, len(shown_before), len(after))

    last = (await sam.last_message()).message_id
    await sam.send_command("help")
    await standin.wait_for_message(CLIENT, after=last, timeout=15)
    replies_after = [m for m in await standin.messages(CLIENT) if m.message_id > last]
    assert len(replies_after) == 1, "answered once, by the new leader only"
