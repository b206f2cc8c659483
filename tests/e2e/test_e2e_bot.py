"""The real bot process (`python -m bot run`) against the local Bot API stand-in over HTTP."""

from __future__ import annotations

import aiohttp
import pytest

from conversations.people.start import AGREE
from tests.e2e.conftest import free_port, wait_for

pytestmark = pytest.mark.e2e

CLIENT, STAFF = 31001, 31002


async def _enroll_client(standin, proc) -> None:
    code = await proc.invite("client", "JD")
    sam = await standin.add_user(CLIENT, "Sam")
    await sam.send_command("start", code)
    notice = await standin.wait_for_message(CLIENT, lambda m: ("I agree", AGREE) in m.buttons, timeout=15)
    await sam.press(AGREE, message_id=notice.message_id)
    await standin.wait_for_message(CLIENT, "you're all set", after=notice.message_id, timeout=15)


async def test_polling_enrollment_consent_and_help_per_role(standin, bot_process):
    proc = await bot_process()
    proc.start()
    await standin.wait_until_polling(timeout=30)
    # A stranger gets the guest message.
    stranger = await standin.add_user(39999, "Nobody")
    await stranger.send_text("hi")
    assert "ask your care team" in (await standin.wait_for_message(39999, timeout=15)).body

    await _enroll_client(standin, proc)
    menu = [c["command"] for c in await standin.commands_menu(CLIENT)]
    assert "settings" in menu and "invite" not in menu

    staff_code = await proc.invite("staff", "Ana")
    ana = await standin.add_user(STAFF, "Ana")
    await ana.send_command("start", staff_code)
    notice = await standin.wait_for_message(STAFF, lambda m: ("I agree", AGREE) in m.buttons, timeout=15)
    assert "Audit log" in (await standin.wait_for_message(STAFF, "Confidentiality", timeout=15)).body
    await ana.press(AGREE, message_id=notice.message_id)
    await standin.wait_for_message(STAFF, "enrolled as", after=notice.message_id, timeout=15)
    last = (await ana.last_message()).message_id
    await ana.send_command("help")
    staff_help = await standin.wait_for_message(STAFF, "/invite", after=last, timeout=15)
    assert "/settings" not in staff_help.body

    sam = standin.user(CLIENT)
    last = (await sam.last_message()).message_id
    await sam.send_command("help")
    client_help = await standin.wait_for_message(CLIENT, "/settings", after=last, timeout=15)
    assert "/invite" not in client_help.body


async def test_webhook_mode_checks_the_secret(standin, bot_process):
    port = free_port()
    proc = await bot_process(
        WEBHOOK_URL=f"http://127.0.0.1:{port}/tg-hook", WEBHOOK_SECRET="s3cret-Token", WEBHOOK_PORT=str(port)
    )
    proc.start("--webhook")

    async def webhook_set():
        return any(b["webhook"] for b in await standin.bots())

    await wait_for(webhook_set, timeout=30)
    await _enroll_client(standin, proc)  # updates arrive by webhook with the secret header
    # A request without the secret is refused by the bot.
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"http://127.0.0.1:{port}/tg-hook", json={"update_id": 1}) as resp,
    ):
        assert resp.status == 403


async def test_burst_is_delivered_under_the_flood_limits(standin, bot_process):
    """90 messages to 30 chats (3 each): all arrive, the stand-in never answers 429."""
    await standin.set_limits(strict_chats=False)  # these users never pressed Start
    proc = await bot_process()
    chats = list(range(32000, 32030))
    for chat in chats:
        await standin.register_user(chat, f"U{chat}")
    await proc.enqueue([(chat, f"notice {i} for {chat}") for i in range(3) for chat in chats])
    proc.start()
    for chat in chats:
        await standin.wait_for_messages(chat, 3, timeout=60)
    stats = await standin.stats()
    assert stats["flood_429"] == 0
    assert stats["messages_total"] == 90

    async def recorded() -> bool:  # the last batch is recorded just after its messages arrive
        return (await proc.statuses()) == {"delivered": 90}

    await wait_for(recorded, timeout=15)
    assert (await proc.statuses()) == {"delivered": 90}


async def test_injected_faults_end_as_designed(standin, bot_process):
    """429 waits, 500 and a hang retry, 403 marks the person unreachable and dead-letters."""
    await standin.set_limits(strict_chats=False)
    proc = await bot_process(OUTBOX_MAX_ATTEMPTS="4")
    await _start_and_enroll_with_staff(standin, proc)
    await standin.register_user(33001, "A")
    await standin.register_user(33002, "B")
    await standin.register_user(33003, "C")
    await standin.add_fault(429, count=1, method="sendMessage", chat_id=33001, retry_after=1)
    await standin.add_fault(500, count=2, method="sendMessage", chat_id=33002)
    await standin.add_fault("hang", count=1, method="sendMessage", chat_id=33003, delay=3)
    await standin.add_fault(
        403, count=5, method="sendMessage", chat_id=CLIENT, description="Forbidden: bot was blocked by the user"
    )
    await proc.enqueue(
        [(33001, "after a wait"), (33002, "after errors"), (33003, "after a hang"), (CLIENT, "to a blocked client")]
    )
    for chat, text in ((33001, "after a wait"), (33002, "after errors"), (33003, "after a hang")):
        await standin.wait_for_message(chat, text, timeout=60)

    async def settled():
        counts = await proc.statuses()
        settled = counts.get("dead") == 1 and not await proc.pending_due() and "sending" not in counts
        return counts if settled else None

    counts = await wait_for(settled, timeout=60)
    assert counts["delivered"] >= 4  # three above + the staff notice
    notice = await standin.wait_for_message(STAFF, "can't be reached", timeout=30)
    assert "C-" in notice.body
    out = await proc.cli("outbox", "dead")
    assert "bot was blocked" in out


async def _start_and_enroll_with_staff(standin, proc) -> None:
    proc.start()
    await standin.wait_until_polling(timeout=30)
    staff_code = await proc.invite("staff", "Ana")
    ana = await standin.add_user(STAFF, "Ana")
    await ana.send_command("start", staff_code)
    notice = await standin.wait_for_message(STAFF, lambda m: ("I agree", AGREE) in m.buttons, timeout=15)
    await ana.press(AGREE, message_id=notice.message_id)
    await standin.wait_for_message(STAFF, "enrolled as", after=notice.message_id, timeout=15)
    await _enroll_client(standin, proc)


async def test_sigkill_mid_delivery_loses_nothing(standin, bot_process):
    """Killed with SIGKILL during 500 messages and restarted: all arrive, duplicates ≤ one batch."""
    await standin.set_limits(flood=False, strict_chats=False)
    batch = 20
    proc = await bot_process(
        OUTBOX_GLOBAL_RATE="400", OUTBOX_CHAT_INTERVAL="0", OUTBOX_BATCH_SIZE=str(batch), OUTBOX_LEASE_SECONDS="1"
    )
    chats = list(range(34000, 34050))
    for chat in chats:
        await standin.register_user(chat, f"U{chat}")
    texts = [f"message {i}" for i in range(500)]
    await proc.enqueue([(chats[i % len(chats)], text) for i, text in enumerate(texts)])
    proc.start()

    async def some_delivered():
        return (await standin.stats())["messages_total"] >= 150

    await wait_for(some_delivered, timeout=60, interval=0.01)
    proc.kill()
    killed_at = (await standin.stats())["messages_total"]
    assert killed_at < 500, "the kill came too late to test anything"
    proc.start()

    async def all_arrived():
        return (await standin.stats())["messages_total"] >= 500 and (await proc.statuses()).get("delivered") == 500

    await wait_for(all_arrived, timeout=90)
    seen: list[str] = []
    for chat in chats:
        seen += [m.body for m in await standin.messages(chat)]
    assert set(seen) == set(texts)
    duplicates = len(seen) - len(set(seen))
    assert duplicates <= batch
