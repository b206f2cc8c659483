"""Deactivation acts mid-conversation: a deactivated client's open check-in ends at the next tap."""

from __future__ import annotations

from bot.db.models import Role
from tests.support.checkin import buttons, rows, tap
from tests.support.harness import Harness

STAFF, CLIENT = 8301, 8302


async def test_a_deactivated_clients_open_checkin_ends_at_the_next_tap(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    client = await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/checkin")
    await tap(harness, CLIENT, "3")  # craving answered; the mood question is open
    assert "🙂" in buttons(harness, CLIENT)
    await harness.send(STAFF, f"/deactivate {client.code}")
    (_label, yes), _no = harness.last(STAFF).buttons
    await harness.press(STAFF, yes)
    mood = buttons(harness, CLIENT)
    after = await harness.press(CLIENT, mood["🙂"], message_id=harness.last(CLIENT).message_id)
    assert len(after) == 1 and "access to this bot has been closed" in after[0], after
    again = await harness.send(CLIENT, "7")  # the check-in is over: no step takes this
    assert not any("3 of 6" in r or "didn't catch" in r for r in again), again
    assert await rows(harness) == []
