"""Broadcasts through the real Application: audience, preview, send, live progress, cancel, report, roles."""

from __future__ import annotations

import datetime as dt

import time_machine
from sqlalchemy import select, update

from bot.db.meeting_models import Broadcast
from bot.db.models import OutboxMessage, Person, Role
from bot.domain.meetings import changes
from bot.domain.meetings.buttons import BroadcastCancel, BroadcastRefresh
from bot.services import broadcast_jobs
from conversations.meetings import broadcast
from tests.support.harness import Harness
from tests.support.meetings import series

STAFF, THERAPIST, ADMIN = 8201, 8202, 8203
CLIENTS = [8210 + i for i in range(5)]


async def enroll_all(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    await harness.enroll(THERAPIST, Role.THERAPIST)
    for uid in CLIENTS:
        await harness.enroll(uid)


async def compose(harness: Harness, audience: str, text: str) -> list[str]:
    await harness.send(STAFF, "/broadcast")
    await harness.press(STAFF, broadcast.PickAudience(audience=audience).pack())
    return await harness.send(STAFF, text)


async def copies(harness: Harness) -> list[OutboxMessage]:
    async with harness.db.session() as s:
        return list((await s.execute(select(OutboxMessage).where(OutboxMessage.kind == "broadcast"))).scalars())


async def test_staff_broadcast_to_all_clients_with_preview_progress_and_report(harness: Harness) -> None:
    await enroll_all(harness)
    async with harness.db.session() as s, s.begin():  # one client blocked the bot earlier
        await s.execute(update(Person).where(Person.telegram_id == CLIENTS[0]).values(reachable=False))
    [preview] = await compose(harness, "clients", "Group is in Room 5 tonight.")
    assert preview.startswith("<b>Preview</b>") and "Group is in Room 5 tonight." in preview
    assert "all clients — 5 people, of whom 1 can't be reached" in preview
    await harness.press(STAFF, broadcast.Confirm(ok=True).pack())
    progress = harness.last(STAFF)
    assert "4 pending · 1 failed (of 5)" in progress.text
    assert [label for label, _ in progress.buttons] == ["Refresh", "Cancel sending"]
    assert len(await copies(harness)) == 4
    await harness.delivery.run_once()
    assert all(harness.req.texts(uid)[-1] == "Group is in Room 5 tonight." for uid in CLIENTS[1:])
    assert await broadcast_jobs.update_all(harness.app.bot_data["services"], harness.bot) == 1
    final = harness.last(STAFF)
    assert final.method == "editMessageText" and final.params["message_id"] == progress.message_id
    assert "4 sent · 0 pending · 1 failed" in final.text and "Finished" in final.text
    async with harness.db.session() as s:
        code = (await s.execute(select(Person.code).where(Person.telegram_id == CLIENTS[0]))).scalar_one()
    assert f"Could not be reached: {code}" in final.text
    assert await broadcast_jobs.update_all(harness.app.bot_data["services"], harness.bot) == 0  # unchanged: no edit
    [listing] = await harness.send(STAFF, "/broadcasts")
    assert "B-1" in listing and "done · 4 sent, 0 pending, 1 failed" in listing


async def test_cancel_while_in_progress_cancels_the_pending_copies(harness: Harness) -> None:
    await enroll_all(harness)
    await compose(harness, "everyone", "Clinic closes early today.")
    await harness.press(STAFF, broadcast.Confirm(ok=True).pack())
    async with harness.db.session() as s:
        bid = (await s.execute(select(Broadcast.id))).scalar_one()
    harness.delivery.policy = type(harness.delivery.policy)(batch_size=2)
    await harness.delivery.run_once()  # two copies out, the rest pending
    await harness.press(STAFF, BroadcastRefresh(broadcast=bid).pack())
    assert "2 sent · 4 pending" in harness.last(STAFF).text
    await harness.press(STAFF, BroadcastCancel(broadcast=bid).pack())
    shown = harness.last(STAFF).text
    assert "2 sent · 0 pending · 0 failed (of 6)" in shown and "Cancelled: 4 copies not sent." in shown
    await harness.delivery.run_once()
    assert sum(1 for r in await copies(harness) if r.status == "delivered") == 2
    async with harness.db.session() as s:
        assert (await s.get(Broadcast, bid)).status == "cancelled"  # type: ignore[union-attr]


async def test_this_weeks_schedule_is_rendered_for_each_recipient(harness: Harness) -> None:
    """Each client gets their own week, in their own time zone."""
    sunday = dt.datetime(2026, 3, 1, 17, tzinfo=dt.UTC)
    with time_machine.travel(sunday, tick=False):
        await enroll_all(harness)
        async with harness.db.session() as s, s.begin():
            await s.execute(
                update(Person).where(Person.telegram_id == CLIENTS[2]).values(timezone="America/Los_Angeles")
            )
            await changes.create_series(s, series(), None, sunday)
        await harness.send(STAFF, "/broadcast")
        await harness.press(STAFF, broadcast.PickAudience(audience="clients").pack())
        [preview] = await harness.press(STAFF, broadcast.UseSchedule().pack())
        assert "Group session" in preview
        await harness.press(STAFF, broadcast.Confirm(ok=True).pack())
    await harness.delivery.run_once()  # outside the frozen clock: the pacer's waits need time to pass
    new_york, los_angeles = harness.req.texts(CLIENTS[1])[-1], harness.req.texts(CLIENTS[2])[-1]
    assert "(times in Eastern (New York))" in new_york and "• 18:00–21:00 Group session · Room 2" in new_york
    assert "(times in Pacific (Los Angeles))" in los_angeles and "• 15:00–18:00 Group session" in los_angeles


async def test_therapists_and_clients_cannot_broadcast(harness: Harness) -> None:
    await enroll_all(harness)
    for uid in (THERAPIST, CLIENTS[1]):
        assert await harness.send(uid, "/broadcast") == [
            "Sorry, /broadcast is only for clinic staff. Send /help to see what you can use."
        ]
        assert "only for clinic staff" in (await harness.send(uid, "/broadcasts"))[0]
    refused = await harness.press(THERAPIST, BroadcastCancel(broadcast=1).pack())
    assert "only for clinic staff" in refused[0]
    assert await copies(harness) == []


async def test_admin_may_broadcast_to_therapists(harness: Harness) -> None:
    await enroll_all(harness)
    await harness.enroll(ADMIN, Role.ADMIN)
    await harness.send(ADMIN, "/broadcast")
    await harness.press(ADMIN, broadcast.PickAudience(audience="therapists").pack())
    [preview] = await harness.send(ADMIN, "Case review at 3.")
    assert "all therapists — 1 person. Send it?" in preview  # not "1 people"
