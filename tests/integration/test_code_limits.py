"""Wrong enrollment codes: the global limit, staff told once, /unlock; and menus made right after a crash."""

from __future__ import annotations

import datetime as dt
import json

import time_machine
from sqlalchemy import select

from bot.db.models import OutboxKind, OutboxMessage, Role
from conversations.people.start import AGREE
from conversations.people.unlock import UnlockButton
from tests.support.harness import Harness

STAFF, CLIENT = 1201, 1202
WRONG = "ABCDEFGHJK"


async def test_a_flood_of_wrong_codes_alerts_staff_once_but_never_blocks_real_codes(harness: Harness) -> None:
    """21 wrong codes in a minute from 21 accounts (no per-user lockout): staff hear once, a real code still works.

    Pausing every check for the minute let five accounts block every real client's enrolment.
    """
    await harness.enroll(STAFF, Role.STAFF)
    good = await harness.invite(Role.CLIENT)
    start = dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC)
    wrong = [f"{a}{b}{c}ZZZZZZZ" for a, b, c in zip("ABCDEFGHJK" * 3, "MNPQRSTUVW" * 3, "2345678923" * 3, strict=True)]
    with time_machine.travel(start, tick=False):
        for uid, code in zip(range(30_000, 30_021), wrong[:21], strict=True):
            assert "doesn't match" in (await harness.send(uid, f"/start {code}"))[0]
        assert "Before we start" in (await harness.send(CLIENT, f"/start {good.code}"))[0]
        await harness.send(CLIENT + 1, f"/start {WRONG}")
        async with harness.db.session() as s:
            notices = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == STAFF))).scalars().all()
        assert [n.kind for n in notices] == [OutboxKind.NOTICE]  # told once
        assert "Many wrong enrollment codes" in json.loads(notices[0].payload)["text"]


async def test_guessing_one_code_from_many_accounts_pauses_codes_that_start_that_way(harness: Harness) -> None:
    """Ten wrong codes sharing their first four characters pause that start for ten minutes; other codes work."""
    await harness.enroll(STAFF, Role.STAFF)
    good = await harness.invite(Role.CLIENT)
    aimed = [f"{good.code[:4]}{n:06d}".replace("0", "Z").replace("1", "Y") for n in range(10)]
    start = dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        for uid, code in zip(range(40_000, 40_010), aimed, strict=True):
            assert "doesn't match" in (await harness.send(uid, f"/start {code}"))[0]
        busy = await harness.send(CLIENT, f"/start {good.code}")  # this code starts the same way: it waits
        assert busy == [
            "Many codes like this one were tried just now, so I've paused checking them for a few minutes. "
            "Please try again in 10 minutes, or ask the clinic for help."
        ]
        other = await harness.invite(Role.CLIENT)
        if other.code[:4] != good.code[:4]:
            assert "Before we start" in (await harness.send(CLIENT + 2, f"/start {other.code}"))[0]
        clock.shift(dt.timedelta(minutes=10, seconds=1))
        assert "Before we start" in (await harness.send(CLIENT, f"/start {good.code}"))[0]


async def test_staff_lift_a_lockout(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    good = await harness.invite(Role.CLIENT)
    assert await harness.send(STAFF, "/unlock") == ["Nobody is locked out of code entry right now."]
    for _ in range(5):
        await harness.send(CLIENT, f"/start {WRONG}")
    assert "paused code entry for an hour" in (await harness.send(CLIENT, f"/start {good.code}"))[0]
    listing = (await harness.send(STAFF, "/unlock"))[0]
    assert f"Telegram user {CLIENT}" in listing
    ((_label, data),) = harness.last(STAFF).buttons
    assert data == UnlockButton(CLIENT).pack()
    assert "can enter a code again now" in (await harness.press(STAFF, data))[0]
    assert (await harness.press(STAFF, data)) == ["That lockout has ended or was lifted already."]
    assert "Before we start" in (await harness.send(CLIENT, f"/start {good.code}"))[0]


async def test_a_member_whose_menu_was_never_published_gets_it_on_their_next_message(harness: Harness) -> None:
    """A crash between enrolling and the welcome leaves the guest menu: the next command publishes the right one."""
    await harness.enroll(CLIENT)
    harness.app.chat_data[CLIENT].clear()  # as if the welcome (and its menu) never went out
    harness.req.clear()
    await harness.send(CLIENT, "/help")
    scoped = [p for p in harness.req.methods("setMyCommands") if "chat_id" in str(p.get("scope"))]
    assert len(scoped) == 1 and "checkin" in str(scoped[0]["commands"])
    harness.req.clear()
    await harness.send(CLIENT, "/help")  # known now: not published again
    assert harness.req.methods("setMyCommands") == []
    await harness.send(CLIENT, "what time is group")  # free text too
    assert harness.req.methods("setMyCommands") == []


async def test_unlock_shows_initials_beside_the_code_a_locked_out_user_tried(harness: Harness) -> None:
    """A used or expired code names its client: /unlock shows their code with initials, as /caseload does."""
    await harness.enroll(STAFF, Role.STAFF)
    used = await harness.invite(Role.CLIENT, display_name="J.D.")
    await harness.send(CLIENT, f"/start {used.code}")
    await harness.press(CLIENT, AGREE)
    client = await harness.person(CLIENT)
    assert client is not None
    new_phone = CLIENT + 50  # the same client on a new account, trying their old code
    for _ in range(5):
        await harness.send(new_phone, f"/start {used.code}")
    stranger = CLIENT + 51
    for _ in range(5):
        await harness.send(stranger, f"/start {WRONG}")
    listing = (await harness.send(STAFF, "/unlock"))[0]
    line = next(x for x in listing.splitlines() if f"Telegram user {new_phone}" in x)
    assert f"{client.code} (J.D.)" in line
    assert "tried the code for" not in next(x for x in listing.splitlines() if f"Telegram user {stranger}" in x)


async def test_unlock_shows_one_time_zone_and_names_whom_each_button_unlocks(harness: Harness) -> None:
    """The list said 10:00 EST and its buttons 15:00 (UTC), each naming only a Telegram number."""
    await harness.enroll(STAFF, Role.STAFF)  # reads America/New_York
    used = await harness.invite(Role.CLIENT, display_name="J.D.")
    await harness.send(CLIENT, f"/start {used.code}")
    await harness.press(CLIENT, AGREE)
    client = await harness.person(CLIENT)
    assert client is not None
    new_phone, stranger = CLIENT + 50, CLIENT + 51
    with time_machine.travel(dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC), tick=False):
        for _ in range(5):
            await harness.send(new_phone, f"/start {used.code}")
        for _ in range(5):
            await harness.send(stranger, f"/start {WRONG}")
        listing = (await harness.send(STAFF, "/unlock"))[0]
        buttons = [label for label, _data in harness.last(STAFF).buttons]
        assert "15:00" not in listing and not any("15:00" in b for b in buttons)
        assert f"Telegram user {new_phone} · locked at 02 Mar 10:00 EST" in listing
        assert sorted(buttons) == sorted([f"Unlock {client.code} (J.D.) · 10:00 EST", f"Unlock {stranger} (10:00 EST)"])
        [(_label, data)] = [b for b in harness.last(STAFF).buttons if client.code in b[0]]
        assert await harness.press(STAFF, data) == [
            f"Unlocked: Telegram user {new_phone}, who tried the code for {client.code} (J.D.), "
            "can enter a code again now."
        ]
