"""Editing a series in /meetings through the real Application: each change, bad input, stale buttons, roles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from sqlalchemy import select

from bot import texts
from bot.db.meeting_models import MeetingSeries
from bot.db.models import OutboxMessage, Role
from bot.domain.meetings import reminders as meeting_reminders
from bot.domain.meetings.edits import Field
from bot.services import jobs
from conversations.meetings import menu
from tests.support import tg
from tests.support.harness import Harness
from tests.support.meetings import add_series

STAFF, THERAPIST, CLIENT, OTHER_THERAPIST, OTHER_STAFF = 8201, 8202, 8203, 8204, 8205
TUESDAY = dt.datetime(2026, 3, 10, 16, 0, tzinfo=dt.UTC)  # noon in New York; the group met on Monday at 18:00


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(TUESDAY, tick=False) as traveller:
        yield traveller


async def setup(harness: Harness) -> int:
    await harness.enroll(STAFF, Role.STAFF)
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    await harness.enroll(CLIENT, therapist_id=therapist.id)
    return await add_series(harness.db)


async def series_row(harness: Harness, series_id: int) -> MeetingSeries:
    async with harness.db.session() as s:
        row = await s.get(MeetingSeries, series_id)
    assert row is not None
    return row


async def notices(harness: Harness) -> list[OutboxMessage]:
    async with harness.db.session() as s:
        stmt = select(OutboxMessage).where(OutboxMessage.kind == meeting_reminders.NOTICE_KIND)
        return list((await s.execute(stmt)).scalars())


async def test_a_new_time_applies_from_the_next_date_and_each_client_hears_once(harness: Harness, clock) -> None:
    series_id = await setup(harness)
    await jobs.run_planner(harness.app.bot_data["services"])
    await harness.press(STAFF, menu.Open(series=series_id).pack())
    assert (texts.MEETINGS_EDIT, menu.Edit(series=series_id).pack()) in harness.last(STAFF).buttons
    await harness.press(STAFF, menu.Edit(series=series_id).pack())
    time_button = menu.EditWhat(series=series_id, field=Field.TIME).pack()
    assert ("Time of day", time_button) in harness.last(STAFF).buttons
    [ask] = await harness.press(STAFF, time_button)
    assert "(now: 18:00)" in ask and "next date, Wed 11 Mar 18:00, on" in ask
    again = "Please send a time like <code>17:00</code> or <code>5pm</code> (America/New_York), or /cancel."
    assert await harness.send(STAFF, "5") == [f"That did not work: expected a time like 17:00 or 5pm\n{again}"]
    assert await harness.push(STAFF, tg.sticker(harness.bot, STAFF)) == [again]
    [done] = await harness.send(STAFF, "5pm")
    new_id = series_id + 1
    assert done == (
        f"Saved: the time of day of M-{series_id} is now 17:00.\n"
        f"Dates up to Mon 9 Mar 18:00 stay with M-{series_id}; from Wed 11 Mar 17:00 on they are M-{new_id}.\n"
        "1 client told, once each; 2 pending reminders withdrawn (new ones are planned automatically)."
    )
    assert harness.last(STAFF).buttons == [(texts.MEETINGS_BACK, menu.Open(series=new_id).pack())]
    await harness.delivery.run_once()
    assert harness.req.texts(CLIENT)[-1:] == [
        "Schedule change: Group session now takes place Mon, Wed, Fri at 17:00, starting tomorrow."
    ]
    [week] = await harness.send(CLIENT, "/schedule")
    assert "<b>Wed 11 Mar</b>\n• 17:00–20:00 Group session · Room 2" in week
    assert (await series_row(harness, series_id)).rrule.endswith(";UNTIL=20260309T180000")


async def test_wording_and_staff_title_say_who_was_told_and_cancel_leaves(harness: Harness, clock) -> None:
    series_id = await setup(harness)
    await harness.press(STAFF, menu.EditWhat(series=series_id, field=Field.PUBLIC).pack())
    assert await harness.send(STAFF, "x" * 121) == [
        "That did not work: it must be 1 to 120 characters\nPlease type the new public wording, or send /cancel."
    ]
    [done] = await harness.send(STAFF, "Evening meeting")
    assert done.startswith(f"Saved: the public wording of M-{series_id} is now Evening meeting.\n1 client told")
    await harness.press(STAFF, menu.EditWhat(series=series_id, field=Field.TITLE).pack())
    [done] = await harness.send(STAFF, "IOP evening group B")
    assert done.endswith("\nClients don't see this, so nobody was told.")
    await harness.press(STAFF, menu.EditWhat(series=series_id, field=Field.MINUTES).pack())
    assert await harness.send(STAFF, "180") == [f"M-{series_id} already has that length; nothing changed."]
    await harness.press(STAFF, menu.EditWhat(series=series_id, field=Field.TITLE).pack())
    assert await harness.send(STAFF, "/cancel") == [texts.CANCELLED]
    await harness.send(STAFF, "Not a title")  # no longer in the edit step
    row = await series_row(harness, series_id)
    assert (row.public_title, row.title) == ("Evening meeting", "IOP evening group B")
    assert [n.person_id for n in await notices(harness)] == [(await harness.person(CLIENT)).id]  # type: ignore[union-attr]


async def test_edit_buttons_of_a_cancelled_series_or_pressed_twice(harness: Harness, clock) -> None:
    series_id = await setup(harness)
    no_place = menu.EditPick(series=series_id, field=Field.PLACE, value=0).pack()
    [first] = await harness.press(STAFF, no_place)
    assert first.startswith(f"Saved: the place or link of M-{series_id} is now none.\n1 client told")
    assert await harness.press(STAFF, no_place) == [f"M-{series_id} already has that place or link; nothing changed."]
    await harness.press(STAFF, menu.EditWhat(series=series_id, field=Field.MINUTES).pack())
    await harness.enroll(OTHER_STAFF, Role.STAFF)  # meanwhile a colleague cancels the series
    await harness.press(OTHER_STAFF, menu.CancelSeries(series=series_id, sure=True).pack())
    assert await harness.send(STAFF, "90") == [texts.MEETINGS_GONE]
    for data in (
        menu.Edit(series=series_id),
        menu.EditWhat(series=series_id, field=Field.TIME),
        menu.EditPick(series=series_id, field=Field.PLACE, value=0),
    ):
        assert await harness.press(STAFF, data.pack()) == [texts.MEETINGS_GONE]
    assert (await series_row(harness, series_id)).duration_minutes == 180
    assert len(await notices(harness)) == 2  # one for the place, one for the cancellation


@pytest.mark.parametrize("who", [CLIENT, THERAPIST])
async def test_clients_and_therapists_get_the_staff_only_refusal(harness: Harness, clock, who: int) -> None:
    series_id = await setup(harness)
    for data in (
        menu.Edit(series=series_id),
        menu.EditWhat(series=series_id, field=Field.PUBLIC),
        menu.EditPick(series=series_id, field=Field.PLACE, value=0),
    ):
        [refused] = await harness.press(who, data.pack())
        assert "/meetings is only for clinic staff" in refused
    assert (await series_row(harness, series_id)).place == "Room 2"


async def test_an_individual_appointment_gets_its_therapist_by_button_or_code(harness: Harness, clock) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    own = await harness.enroll(THERAPIST, Role.THERAPIST)
    other = await harness.enroll(OTHER_THERAPIST, Role.THERAPIST)
    client = await harness.enroll(CLIENT, therapist_id=own.id)
    ids = []
    for choose in ("button", "code"):
        await harness.send(STAFF, "/meetings")
        await harness.press(STAFF, menu.Add().pack())
        assert await harness.push(STAFF, tg.sticker(harness.bot, STAFF)) == [texts.MEETINGS_TITLE_TYPE]
        await harness.send(STAFF, "Individual: weekly")
        await harness.press(STAFF, menu.Pick(field="kind", value="individual").pack())
        await harness.press(STAFF, menu.Pick(field="audience", value="client").pack())
        assert await harness.send(STAFF, client.code.lower()) == [texts.MEETINGS_THERAPIST_ASK]
        theirs = menu.Pick(field="therapist", value=str(own.id)).pack()
        assert harness.last(STAFF).buttons == [(f"Their therapist ({own.code})", theirs)]
        if choose == "button":
            await harness.press(STAFF, theirs)
        else:
            assert await harness.push(STAFF, tg.sticker(harness.bot, STAFF)) == [texts.MEETINGS_THERAPIST_TYPE]
            for wrong in ("T-0000", client.code):
                [refused] = await harness.send(STAFF, wrong)
                assert refused.startswith(f"No active therapist has the code {wrong}.")
            await harness.send(STAFF, f" {other.code.lower()} ")
        await harness.send(STAFF, "2026-03-12 10:00")
        await harness.press(STAFF, menu.Pick(field="repeat", value="weekly").pack())
        await harness.send(STAFF, "50")
        preview = await harness.press(STAFF, menu.Pick(field="place", value="skip").pack())
        therapist = own if choose == "button" else other
        assert f"client {client.code} with {therapist.code}" in preview[-1]
        await harness.press(STAFF, menu.Save(ok=True).pack())
        async with harness.db.session() as s:
            row = (await s.execute(select(MeetingSeries).order_by(MeetingSeries.id.desc()))).scalars().first()
        assert row is not None and (row.client_id, row.therapist_id) == (client.id, therapist.id)
        ids.append(row.id)
    [view] = await harness.press(STAFF, menu.Open(series=ids[1]).pack())
    assert f"client {client.code} with {other.code}" in view
    await harness.press(STAFF, menu.Edit(series=ids[1]).pack())
    assert ("Therapist", menu.EditWhat(series=ids[1], field=Field.THERAPIST).pack()) in harness.last(STAFF).buttons
    await harness.press(STAFF, menu.EditWhat(series=ids[1], field=Field.THERAPIST).pack())
    pick = menu.EditPick(series=ids[1], field=Field.THERAPIST, value=own.id).pack()
    assert harness.last(STAFF).buttons == [(f"Their therapist ({own.code})", pick)]
    assert await harness.press(STAFF, pick) == [
        f"Saved: the therapist of M-{ids[1]} is now {own.code}.\nClients don't see this, so nobody was told."
    ]
    assert (await series_row(harness, ids[1])).therapist_id == own.id
