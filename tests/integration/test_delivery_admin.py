"""Staff view of undeliverable messages, and block / unblock notices from Telegram."""

from __future__ import annotations

from sqlalchemy import select

from bot.db.models import OutboxMessage, Role
from bot.delivery import outbox
from tests.support import tg

CLIENT, STAFF = 6401, 7401


async def test_dead_rows_are_listed_for_staff_without_message_text(harness):
    client = await harness.enroll(CLIENT)
    await harness.enroll(STAFF, Role.STAFF, display_name="Ana")
    async with harness.db.session() as s, s.begin():
        await outbox.enqueue(s, chat_id=CLIENT, person_id=client.id, kind="reminder", text="Private words")
    harness.req.faults.add(400, description="Bad Request: message is too long")
    await harness.delivery.run_once()
    replies = await harness.send(STAFF, "/dead")
    assert f"reminder → {client.code}" in replies[0]
    assert "Message is too long" in replies[0]
    assert "Private words" not in replies[0]
    assert "dead 1" in replies[0]


async def test_dead_is_refused_for_clients(harness):
    await harness.enroll(CLIENT)
    assert "only for clinic staff" in (await harness.send(CLIENT, "/dead"))[0]


async def test_block_and_unblock_follow_telegram(harness):
    """Blocking marks the client unreachable and queues one neutral notice per staff member."""
    await harness.enroll(CLIENT)
    await harness.enroll(STAFF, Role.STAFF)
    await harness.push(CLIENT, tg.my_chat_member(harness.bot, CLIENT, "kicked"))
    person = await harness.person(CLIENT)
    assert person.reachable is False
    async with harness.db.session() as s:
        notices = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == STAFF))).scalars().all()
    assert len(notices) == 1 and person.code in outbox.json.loads(notices[0].payload)["text"]
    await harness.push(CLIENT, tg.my_chat_member(harness.bot, CLIENT, "member"))
    assert (await harness.person(CLIENT)).reachable is True
    # Staff notice goes out through the outbox.
    await harness.delivery.run_once()
    assert "can't be reached" in harness.req.texts(STAFF)[-1]
