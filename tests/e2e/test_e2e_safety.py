"""The safety chain end to end: the real bot process, the stand-in over HTTP, kills and restarts.

A crisis message gets its reply at once and an alert that reaches a human; an alert nobody
acknowledges escalates on its durable timer even when the bot was killed in between.
"""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from tests.e2e.conftest import wait_for

pytestmark = pytest.mark.e2e

CLIENT, THERAPIST, STAFF = 32001, 32002, 32003
FAST = {
    "ALERT_CRISIS_ESCALATE_MINUTES": "0.05",
    "ALERT_HIGH_ESCALATE_MINUTES": "0.05",
    "ESCALATION_POLL_SECONDS": "0.3",
}


async def _enroll(standin, proc, uid: int, role: str, name: str):  # type: ignore[no-untyped-def]
    code = await proc.invite(role, name)
    user = await standin.add_user(uid, name)
    await user.send_command("start", code)
    # Everyone agrees to their notice first: clients' privacy, or the team's duties.
    notice = await standin.wait_for_message(uid, "I agree", timeout=15)
    await user.press(text="I agree", message_id=notice.message_id)
    welcome = "you're all set" if role == "client" else "enrolled as"
    await standin.wait_for_message(uid, welcome, after=notice.message_id, timeout=15)
    return user


async def _people(standin, proc):  # type: ignore[no-untyped-def]
    sam = await _enroll(standin, proc, CLIENT, "client", "SB")
    tess = await _enroll(standin, proc, THERAPIST, "therapist", "Tess")
    ana = await _enroll(standin, proc, STAFF, "staff", "Ana")
    out = await proc.cli("people")
    client_code = next(w for line in out.splitlines() for w in line.split() if w.startswith("C-"))
    therapist_code = next(w for line in out.splitlines() for w in line.split() if w.startswith("T-"))
    last = (await ana.last_message()).message_id
    await ana.send_command("assign", f"{client_code} {therapist_code}")
    await standin.wait_for_message(STAFF, "now has therapist", after=last, timeout=15)
    return sam, tess, ana


async def test_crisis_reply_alert_kill_restart_acknowledge_and_receipts(standin, bot_process):
    proc = await bot_process(**{**FAST, "ALERT_CRISIS_ESCALATE_MINUTES": "30"})
    proc.start()
    await standin.wait_until_polling(timeout=30)
    sam, tess, _ = await _people(standin, proc)

    last_sam = (await sam.last_message()).message_id
    await sam.send_text("i want to kill myself")
    reply = await standin.wait_for_message(CLIENT, "988", after=last_sam, timeout=15)
    push = await standin.wait_for_message(THERAPIST, "CRISIS", timeout=15)
    assert "kill" not in push.body and [label for label, _ in push.buttons] == ["View", "Acknowledge", "Reply"]
    await standin.wait_for_message(CLIENT, "care team has been told", after=reply.message_id, timeout=15)

    proc.kill()  # the alert is raised and delivered; nobody has acknowledged it yet
    proc.start()
    await standin.wait_until_polling(timeout=30)
    last_tess = (await tess.last_message()).message_id
    await tess.press(text="View", message_id=push.message_id)
    detail = await standin.wait_for_message(THERAPIST, "i want to kill myself", after=last_tess, timeout=15)
    await tess.press(text="Acknowledge", message_id=detail.message_id)
    await standin.wait_for_message(THERAPIST, "Acknowledged", after=detail.message_id, timeout=15)
    await standin.wait_for_message(CLIENT, "has seen your message", after=reply.message_id, timeout=15)

    # Buttons that are done say so: the push itself (sent before the restart) lost its Acknowledge.
    async def labels() -> list[str]:
        pushed = next(m for m in await standin.messages(THERAPIST) if m.message_id == push.message_id)
        return [label for label, _ in pushed.buttons]

    for _ in range(300):  # the edit follows the acknowledgement's commit; give it up to 15 s
        if await labels() == ["View", "Reply"]:
            break
        await asyncio.sleep(0.05)
    assert await labels() == ["View", "Reply"]


async def test_unacknowledged_alert_escalates_to_oncall_across_a_restart(standin, bot_process):
    proc = await bot_process(**FAST)
    proc.start()
    await standin.wait_until_polling(timeout=30)
    sam, tess, ana = await _people(standin, proc)
    last_ana = (await ana.last_message()).message_id
    await ana.send_command("oncall")
    offer = await standin.wait_for_message(STAFF, "Take on-call", after=last_ana, timeout=15)
    await ana.press(text="Take on-call", message_id=offer.message_id)
    taken = await standin.wait_for_message(STAFF, "You are on call now", after=offer.message_id, timeout=15)

    await sam.send_text("gonna use tonight")  # a high flag: the therapist first
    await standin.wait_for_message(THERAPIST, "high", timeout=15)

    async def all_recorded() -> bool:  # delivery is at-least-once: kill only once the send is on record
        counts = await proc.statuses()
        return not await proc.pending_due() and not counts.get("sending")

    await wait_for(all_recorded)
    proc.kill()  # before the timer runs out
    proc.start()
    escalated = await standin.wait_for_message(STAFF, "not been acknowledged", after=taken.message_id, timeout=30)
    assert "on call" in escalated.body and "use" not in escalated.body.replace("because", "")

    async def therapist_told_once() -> bool:
        pushes = [m for m in await tess.messages() if "high" in m.body and "A-" in m.body]
        return len(pushes) == 1

    assert await wait_for(therapist_told_once)


async def test_a_kill_before_the_record_loses_nothing_the_inbox_replays_it(standin, bot_process):
    """Fault injected: the database takes no write, so the guard's record waits; the update is already
    confirmed to the stand-in when the process is killed. Before the inbox this message was gone."""
    proc = await bot_process(ALERT_CRISIS_ESCALATE_MINUTES="30")
    proc.start()
    await standin.wait_until_polling(timeout=30)
    sam, _, _ = await _people(standin, proc)
    last_sam = (await sam.last_message()).message_id
    inbox = proc.workdir / "data" / "crisis-inbox"
    holder = sqlite3.connect(proc.workdir / "bot.sqlite3", timeout=30, check_same_thread=False)
    # Every write of the bot now waits (its busy timeout is 30 s). In a thread: the stand-in shares this loop.
    await asyncio.to_thread(holder.execute, "BEGIN EXCLUSIVE")
    try:
        await sam.send_text("i have the pills in my hand and i am going to take all of them")

        async def kept_and_confirmed() -> bool:
            return inbox.exists() and not standin.bot().updates  # Telegram will not hand it out again

        await wait_for(kept_and_confirmed, timeout=15)
        proc.kill()  # well inside the 3 s the reply waits for the record: nothing was said or written
        replied = [m for m in await sam.messages() if m.message_id > last_sam]
    finally:
        holder.rollback()
        holder.close()
    assert replied == []
    proc.start()
    reply = await standin.wait_for_message(CLIENT, "988", after=last_sam, timeout=30)
    push = await standin.wait_for_message(THERAPIST, "CRISIS", timeout=30)
    assert "pills" not in push.body and "pills" not in reply.body
    assert not inbox.exists() or inbox.read_text().strip() == ""
