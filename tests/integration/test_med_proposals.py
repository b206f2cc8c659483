"""/medsfor through the real Application: the care team suggests a daily reminder, the client decides
whether it is on and whether their therapist sees it; every wrong input is answered in words."""

from __future__ import annotations

import datetime as dt
import json

import time_machine
from sqlalchemy import select

from bot import texts
from bot.db.coping_models import MedReminder
from bot.db.models import AuditEntry, OutboxMessage, Person, Role
from bot.services.jobs import run_planner
from bot.texts import catalogue
from tests.support.checkin import buttons, tap
from tests.support.harness import Harness

THERAPIST, OTHER_THERAPIST, STAFF, CLIENT = 8301, 8302, 8303, 8311
T0 = dt.datetime(2027, 1, 11, 15, 0, tzinfo=dt.UTC)  # 10:00 in New York


async def _setup(harness: Harness, **client: object) -> Person:
    with time_machine.travel(T0, tick=False):
        therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
        await harness.enroll(OTHER_THERAPIST, Role.THERAPIST)
        await harness.enroll(STAFF, Role.STAFF)
        return await harness.enroll(CLIENT, therapist_id=therapist.id, person_code="C-8311", **client)


async def _suggest(harness: Harness, uid: int, text: str, at: dt.datetime = T0) -> list[str]:
    with time_machine.travel(at, tick=False):
        replies = await harness.send(uid, text)
        await harness.delivery.run_once()
    return replies


async def _reminders(harness: Harness) -> list[MedReminder]:
    async with harness.db.session() as s:
        return list((await s.execute(select(MedReminder))).scalars())


async def test_the_client_turns_it_on_shared_and_it_is_planned_neutral(harness: Harness) -> None:
    await _setup(harness)
    sent = await _suggest(harness, THERAPIST, "/medsfor c-8311 8pm")
    assert sent == [texts.MEDSFOR_SENT.format(code="C-8311", when="every day at 20:00")]
    offer = harness.last(CLIENT)
    assert offer.text == texts.MED_PROPOSAL.format(when="every day at 20:00")
    assert list(buttons(harness, CLIENT)) == [
        texts.MED_PROPOSAL_SHARE,
        texts.MED_PROPOSAL_PRIVATE,
        texts.MED_PROPOSAL_NO,
    ]
    again = buttons(harness, CLIENT)[texts.MED_PROPOSAL_PRIVATE]
    with time_machine.travel(T0, tick=False):
        await tap(harness, CLIENT, texts.MED_PROPOSAL_SHARE)
        edited = harness.req.methods("editMessageText")[-1]
        assert edited["text"] == texts.MED_PROPOSAL_ADDED_SHARED.format(when="every day at 20:00")
        [reminder] = await _reminders(harness)
        assert (reminder.at_local, reminder.label, reminder.shared) == (dt.time(20, 0), None, True)
        await harness.press(CLIENT, again)  # an old button, pressed again: nothing added
        assert harness.req.methods("editMessageText")[-1]["text"] == texts.MED_PROPOSAL_ALREADY.format(time="20:00")
        assert len(await _reminders(harness)) == 1
    with time_machine.travel(dt.datetime(2027, 1, 12, 0, 45, tzinfo=dt.UTC), tick=False):
        await run_planner(harness.app.bot_data["services"])
    async with harness.db.session() as s:
        row = (await s.execute(select(OutboxMessage).where(OutboxMessage.dedupe_key.like("med:%")))).scalar_one()
    assert json.loads(row.payload)["text"] == texts.MED_REMINDER  # nothing on the lock screen says what for
    with time_machine.travel(T0 + dt.timedelta(days=1), tick=False):
        [view] = await harness.send(THERAPIST, "/client C-8311")
    assert texts.CLIENT_MEDS_HEAD in view  # shared: the therapist sees whether it was taken


async def test_kept_to_the_client_or_declined(harness: Harness) -> None:
    await _setup(harness)
    await _suggest(harness, THERAPIST, "/medsfor C-8311 8:00")
    with time_machine.travel(T0, tick=False):
        await tap(harness, CLIENT, texts.MED_PROPOSAL_PRIVATE)
    [reminder] = await _reminders(harness)
    assert reminder.shared is False
    with time_machine.travel(T0 + dt.timedelta(days=1), tick=False):
        [view] = await harness.send(THERAPIST, "/client C-8311")
    assert texts.CLIENT_MEDS_HEAD not in view  # not shared: nothing about it
    later = T0 + dt.timedelta(hours=1)
    await _suggest(harness, STAFF, "/medsfor C-8311 9pm", later)  # staff may suggest to any client
    with time_machine.travel(later, tick=False):
        await tap(harness, CLIENT, texts.MED_PROPOSAL_NO)
    assert harness.req.methods("editMessageText")[-1]["text"] == texts.MED_PROPOSAL_DECLINED
    assert len(await _reminders(harness)) == 1
    async with harness.db.session() as s:
        actions = list((await s.execute(select(AuditEntry.action))).scalars())
    assert actions.count("meds.proposed") == 2 and "meds.proposal_declined" in actions


async def test_every_wrong_input_gets_words_and_sends_nothing(harness: Harness) -> None:
    await _setup(harness)
    assert await _suggest(harness, THERAPIST, "/medsfor") == [texts.MEDSFOR_USAGE]
    assert await _suggest(harness, THERAPIST, "/medsfor C-8311") == [texts.MEDSFOR_USAGE]
    assert await _suggest(harness, THERAPIST, "/medsfor C-8311 soonish") == [texts.MED_BAD_TIME]
    assert await _suggest(harness, THERAPIST, "/medsfor C-0000 8am") == [texts.MEDSFOR_NOT_FOUND.format(code="C-0000")]
    assert await _suggest(harness, OTHER_THERAPIST, "/medsfor C-8311 8am") == [
        texts.MEDSFOR_NOT_YOURS.format(code="C-8311")
    ]
    assert await _suggest(harness, CLIENT, "/medsfor C-8311 8am") == [
        texts.WRONG_ROLE.format(command="medsfor", who="admins and staffs and therapists")
    ]
    await _suggest(harness, THERAPIST, "/medsfor C-8311 8am")
    assert await _suggest(harness, THERAPIST, "/medsfor C-8311 8:00") == [texts.MEDSFOR_AGAIN.format(code="C-8311")]
    with time_machine.travel(T0, tick=False):
        await harness.send(CLIENT, "/stop")
    assert await _suggest(harness, THERAPIST, "/medsfor C-8311 9am") == [texts.MEDSFOR_PAUSED.format(code="C-8311")]
    async with harness.db.session() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.dedupe_key.like("medprop:%")))).all()
    assert len(rows) == 1


async def test_a_spanish_client_gets_it_in_spanish(harness: Harness) -> None:
    await _setup(harness, language="es")
    await _suggest(harness, THERAPIST, "/medsfor C-8311 8am")
    with catalogue.speaking("es"):
        assert harness.last(CLIENT).text == texts.MED_PROPOSAL.format(when="todos los días a las 08:00")
    with catalogue.speaking("en"):
        assert harness.last(CLIENT).text != texts.MED_PROPOSAL.format(when="every day at 08:00")


async def test_a_suggestion_on_some_days_only(harness: Harness) -> None:
    await _setup(harness)
    sent = await _suggest(harness, THERAPIST, "/medsfor C-8311 9am mon wed fri")
    assert sent == [texts.MEDSFOR_SENT.format(code="C-8311", when="at 09:00 on Mon, Wed, Fri")]
    assert harness.last(CLIENT).text == texts.MED_PROPOSAL.format(when="at 09:00 on Mon, Wed, Fri")
    with time_machine.travel(T0, tick=False):
        await tap(harness, CLIENT, texts.MED_PROPOSAL_PRIVATE)
    [reminder] = await _reminders(harness)
    assert (reminder.at_local, reminder.weekdays, reminder.shared) == (dt.time(9, 0), "1010100", False)
    assert await _suggest(harness, THERAPIST, "/medsfor C-8311 9am mon banana") == [texts.MED_BAD_TIME]
