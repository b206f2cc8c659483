"""Every text written to someone is in THEIR language, not the language of whoever's update (or job) wrote it:
alerts to the team, receipts to clients, reminders planned by a job, broadcasts to many."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import time_machine
from sqlalchemy import select, update

from bot import texts
from bot.db.models import Alert, OutboxMessage, Person, Role
from bot.delivery import planner
from bot.domain.care.buttons import AlertAck, AlertReply, AlertView
from bot.domain.checkins.reminders import StartCheckin
from bot.domain.meetings import changes
from bot.domain.meetings import reminders as meeting_reminders
from bot.domain.meetings.buttons import MeetingRsvp
from bot.services import broadcast_jobs, jobs
from bot.texts import catalogue
from conversations.meetings import broadcast
from tests.support.harness import Harness
from tests.support.meetings import series

CLIENT, OTHER_CLIENT, THERAPIST, ADMIN, STAFF = 9101, 9102, 9501, 9601, 9701
EVENING = dt.datetime(2026, 11, 28, 0, 0, tzinfo=dt.UTC)  # 19:00 EST on 27 November: the default check-in time


def es(name: str) -> Any:
    """A text as a Spanish reader gets it."""
    return catalogue.localised(name, texts.ENGLISH[name], "es")


def en(name: str) -> Any:
    """A text as an English reader gets it (`texts.NAME` follows the last update's reader, in tests too)."""
    return catalogue.localised(name, texts.ENGLISH[name], "en")


async def speaks(harness: Harness, uid: int, language: str) -> None:
    async with harness.db.session() as s, s.begin():
        await s.execute(update(Person).where(Person.telegram_id == uid).values(language=language))


def planner_job(harness: Harness) -> Any:
    assert harness.app.job_queue is not None
    [job] = harness.app.job_queue.get_jobs_by_name(jobs.PLANNER_JOB)
    return job


async def rows_to(harness: Harness, uid: int, kind: str) -> list[dict[str, Any]]:
    async with harness.db.session() as s:
        stmt = select(OutboxMessage).where(OutboxMessage.chat_id == uid, OutboxMessage.kind == kind)
        return [json.loads(r.payload) for r in (await s.execute(stmt.order_by(OutboxMessage.id))).scalars()]


async def _alert(harness: Harness) -> Alert:
    async with harness.db.session() as s:
        [alert] = (await s.execute(select(Alert))).scalars()
        return alert


def _alert_buttons(alert_id: int, view: str, ack: str, reply: str) -> list[list[list[str]]]:
    return [
        [
            [view, AlertView(alert_id=alert_id).pack()],
            [ack, AlertAck(alert_id=alert_id).pack()],
            [reply, AlertReply(alert_id=alert_id).pack()],
        ]
    ]


# --- alerts: the client writes in one language, each of the team reads theirs ----------------------------


async def test_a_spanish_clients_crisis_alerts_an_english_therapist_in_english(harness: Harness) -> None:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    await harness.enroll(ADMIN, Role.ADMIN)
    client = await harness.enroll(CLIENT, therapist_id=therapist.id)
    await speaks(harness, CLIENT, "es")
    await speaks(harness, ADMIN, "es")  # told at once too (nobody is on call): in Spanish, in the same update

    replies = await harness.send(CLIENT, "quiero matarme")

    assert es("CRISIS_TELLING_TEAM") in replies[0]  # the client's own reply: Spanish
    assert en("CRISIS_TELLING_TEAM") not in replies[0]
    alert = await _alert(harness)
    [to_therapist] = await rows_to(harness, THERAPIST, "alert")
    assert to_therapist["text"] == en("ALERT_PUSH").format(
        severity=en("SEVERITY_LABEL")["crisis"], alert_id=alert.id, code=client.code
    )
    assert to_therapist["buttons"] == _alert_buttons(alert.id, "View", "Acknowledge", "Reply")
    [to_admin] = await rows_to(harness, ADMIN, "alert")
    assert to_admin["text"] == es("ALERT_NOBODY_ONCALL_PUSH").format(  # nobody on call: the admin at once
        severity=es("SEVERITY_LABEL")["crisis"], alert_id=alert.id, code=client.code
    )
    assert to_admin["buttons"] == _alert_buttons(
        alert.id, es("ALERT_BUTTON_VIEW"), es("ALERT_BUTTON_ACK"), es("ALERT_BUTTON_REPLY")
    )

    await harness.delivery.run_once()  # the pushes arrive; the client's receipt is written by the delivery loop
    await harness.delivery.run_once()
    assert harness.last(THERAPIST).text == to_therapist["text"]
    assert harness.req.texts(CLIENT)[-1] == es("CLIENT_RECEIPT_TOLD")


async def test_a_spanish_therapist_gets_an_english_clients_alert_in_spanish(harness: Harness) -> None:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    client = await harness.enroll(CLIENT, therapist_id=therapist.id)
    await harness.enroll(ADMIN, Role.ADMIN)
    await speaks(harness, THERAPIST, "es")

    replies = await harness.send(CLIENT, "i want to kill myself")

    assert en("CRISIS_TELLING_TEAM") in replies[0]  # the client reads English
    alert = await _alert(harness)
    [push] = await rows_to(harness, THERAPIST, "alert")
    assert push["text"] == es("ALERT_PUSH").format(
        severity=es("SEVERITY_LABEL")["crisis"], alert_id=alert.id, code=client.code
    )
    [to_admin] = await rows_to(harness, ADMIN, "alert")
    assert "A-" in to_admin["text"] and to_admin["buttons"][0][0][0] == "View"  # the admin reads English

    # The Spanish therapist acknowledges: the English client's receipt and the admin's notice stay English.
    await harness.delivery.run_once()
    await harness.delivery.run_once()
    await harness.press(THERAPIST, AlertAck(alert_id=alert.id).pack())
    receipts = [r["text"] for r in await rows_to(harness, CLIENT, "receipt")]
    assert receipts == [en("CLIENT_RECEIPT_TOLD"), en("CLIENT_RECEIPT_ACKED")]
    [acked] = await rows_to(harness, ADMIN, "alert-ack")
    english = en("ALERT_ACKED_NOTICE").split(" at {at}")[0]
    assert acked["text"].startswith(english.format(alert_id=alert.id, code=client.code, who=therapist.code))


# --- reminders planned by a job: nobody's update, each client's language ----------------------------------


async def test_the_check_in_reminder_job_writes_to_each_client_in_their_language(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    await harness.enroll(OTHER_CLIENT)
    await speaks(harness, CLIENT, "es")
    job = planner_job(harness)
    with time_machine.travel(EVENING - dt.timedelta(minutes=1), tick=False):
        await job.run(harness.app)
    with time_machine.travel(EVENING + dt.timedelta(seconds=1)):  # a ticking clock: the pacer's waits pass
        await harness.delivery.run_once()
    button = StartCheckin(day="2026-11-27").pack()
    spanish, english = harness.last(CLIENT), harness.last(OTHER_CLIENT)
    assert spanish.text == es("CHECKIN_REMINDER") and spanish.buttons == [(es("CHECKIN_REMINDER_BUTTON"), button)]
    assert english.text == en("CHECKIN_REMINDER") and english.buttons == [(en("CHECKIN_REMINDER_BUTTON"), button)]


async def test_a_change_of_language_rewrites_the_reminders_already_planned(harness: Harness) -> None:
    client = await harness.enroll(CLIENT)
    job = planner_job(harness)
    with time_machine.travel(EVENING - dt.timedelta(minutes=10), tick=False):
        await job.run(harness.app)
        assert [r["text"] for r in await rows_to(harness, CLIENT, "checkin_reminder")] == [en("CHECKIN_REMINDER")]
        await speaks(harness, CLIENT, "es")
        async with harness.db.session() as s, s.begin():
            assert await planner.withdraw_for_language(s, client.id) == 1
        await job.run(harness.app)
        assert [r["text"] for r in await rows_to(harness, CLIENT, "checkin_reminder")] == [es("CHECKIN_REMINDER")]
    with time_machine.travel(EVENING + dt.timedelta(seconds=1)):
        await harness.delivery.run_once()
    assert harness.last(CLIENT).text == es("CHECKIN_REMINDER")


async def test_the_meeting_reminder_job_writes_to_each_client_in_their_language(harness: Harness) -> None:
    sunday = dt.datetime(2026, 3, 1, 17, tzinfo=dt.UTC)  # the group meets Monday 18:00 New York
    with time_machine.travel(sunday, tick=False):
        await harness.enroll(CLIENT)
        await harness.enroll(OTHER_CLIENT)
        await speaks(harness, CLIENT, "es")
        async with harness.db.session() as s, s.begin():
            series_id = await changes.create_series(s, series(), None, sunday)
        job = planner_job(harness)
        await job.run(harness.app)
    spanish = await rows_to(harness, CLIENT, meeting_reminders.KIND)
    english = await rows_to(harness, OTHER_CLIENT, meeting_reminders.KIND)
    assert spanish and len(spanish) == len(english)
    at = int(dt.datetime(2026, 3, 2, 23, tzinfo=dt.UTC).timestamp())
    yes, no = (
        MeetingRsvp(series=series_id, at=at, yes=True).pack(),
        MeetingRsvp(series=series_id, at=at, yes=False).pack(),
    )

    def reminders(say: Callable[[str], Any]) -> set[str]:
        where = say("MEETING_REMINDER_WHERE").format(place="Room 2")
        return {
            say("MEETING_REMINDER").format(
                title="Group session", when=say("MEETING_WHEN_AT").format(day=say(day), clock="18:00")
            )
            + where
            for day in ("MEETING_DAY_TOMORROW", "MEETING_DAY_TODAY")
        }

    assert {row["text"] for row in spanish} == reminders(es)  # the day before and the hour before
    assert (
        {row["text"] for row in english}
        == reminders(en)
        == {
            "Reminder: Group session tomorrow at 18:00.\nWhere: Room 2",
            "Reminder: Group session today at 18:00.\nWhere: Room 2",
        }
    )
    assert all(row["buttons"] == [[[es("MEETING_RSVP_YES"), yes], [es("MEETING_RSVP_NO"), no]]] for row in spanish)
    assert all(row["buttons"] == [[["I'll be there", yes], ["Can't make it", no]]] for row in english)


# --- broadcasts: the staff's words as written, the frame in each reader's language ------------------------


async def _broadcast(harness: Harness, *, schedule: bool, text: str = "") -> list[str]:
    await harness.send(STAFF, "/broadcast")
    await harness.press(STAFF, broadcast.PickAudience(audience="clients").pack())
    if schedule:
        [preview] = await harness.press(STAFF, broadcast.UseSchedule().pack())
    else:
        [preview] = await harness.send(STAFF, text)
    await harness.press(STAFF, broadcast.Confirm(ok=True).pack())
    return [preview]


async def test_a_typed_broadcast_reaches_every_client_as_written(harness: Harness) -> None:
    """Written once (in English): the words as written, after a note in Spanish for the Spanish reader
    (versions per language: tests/integration/test_broadcast_languages.py)."""
    await harness.enroll(STAFF, Role.STAFF)
    await harness.enroll(CLIENT)
    await harness.enroll(OTHER_CLIENT)
    await speaks(harness, CLIENT, "es")
    await _broadcast(harness, schedule=False, text="Group is in Room 5 tonight / Grupo en la sala 5 hoy.")
    await harness.delivery.run_once()
    assert harness.req.texts(OTHER_CLIENT)[-1] == "Group is in Room 5 tonight / Grupo en la sala 5 hoy."
    assert harness.req.texts(CLIENT)[-1] == (
        "Este aviso solo está en inglés:\n\nGroup is in Room 5 tonight / Grupo en la sala 5 hoy."
    )


async def test_this_weeks_schedule_goes_to_each_client_in_their_language(harness: Harness) -> None:
    sunday = dt.datetime(2026, 3, 1, 17, tzinfo=dt.UTC)
    with time_machine.travel(sunday, tick=False):
        await harness.enroll(STAFF, Role.STAFF)
        await harness.enroll(CLIENT)
        await harness.enroll(OTHER_CLIENT)
        await speaks(harness, CLIENT, "es")
        await speaks(harness, STAFF, "es")  # the staff member's own screens: Spanish; no client's copy follows it
        async with harness.db.session() as s, s.begin():
            await changes.create_series(s, series(), None, sunday)
        await _broadcast(harness, schedule=True)
    await harness.delivery.run_once()  # outside the frozen clock: the pacer's waits need time to pass
    spanish, english = harness.req.texts(CLIENT)[-1], harness.req.texts(OTHER_CLIENT)[-1]
    assert spanish.startswith(es("SCHEDULE_HEADER").split("{")[0]) and "Group session" in spanish
    assert english.startswith("<b>Your next 7 days</b>") and "• 18:00–21:00 Group session · Room 2" in english
    # The progress message, edited by a job with no reader of its own, stays in the sender's language.
    assert await broadcast_jobs.update_all(harness.app.bot_data["services"], harness.bot) == 1
    final = harness.last(STAFF)
    assert final.method == "editMessageText" and final.text.startswith(es("BROADCAST_PROGRESS").split(" B-")[0])
