"""/export gives the client all their data; /delete erases it, and no table keeps any of their content."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import time_machine
from sqlalchemy import func, select

from bot import texts
from bot.db.models import AuditEntry, ClientProfile, Person, Role
from bot.db.types import Base
from bot.delivery import outbox
from tests.support.checkin import check_in, rows, tap

CLIENT, THERAPIST = 7501, 7502
INITIALS, CODE = "QXJ", "C-9917"
NOTE = "MARKER pineapple 4417 went to my meeting"
DRAFT_NOTE = "MARKER draft mango 5521"
PLAN = "MARKER plan call my sister"
T0 = dt.datetime(2027, 1, 11, 17, 0, tzinfo=dt.UTC)


async def _client_with_everything(harness):
    """A client with a therapist, a saved check-in with a note, a safety plan, a question sent to the
    care team, a pending message and a half-finished check-in whose note is in conversation state."""
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST, display_name="Dr. R")
    person = await harness.enroll(CLIENT, display_name=INITIALS, person_code=CODE, therapist_id=therapist.id)
    await check_in(harness, CLIENT, ("9", "🙁", "Yes", "Poorly", NOTE, "No"))
    await harness.delivery.run_once()  # the alert's push is delivered, so the client's receipt is queued
    async with harness.db.session() as s, s.begin():
        (await s.get(ClientProfile, person.id)).safety_plan = PLAN
        await outbox.enqueue(s, chat_id=CLIENT, person_id=person.id, kind="reminder", text="Your daily check-in")
    await harness.send(CLIENT, "what is the capital city of peru")
    await tap(harness, CLIENT, "Ask my care team")  # the question goes to the therapist, a push names the code
    await harness.send(CLIENT, "/checkin")
    for answer in ("4", "okay", "no", "ok", DRAFT_NOTE):
        await harness.send(CLIENT, answer)
    return person


async def test_export_sends_all_their_data_as_files(harness):
    person = await _client_with_everything(harness)
    replies = await harness.send(CLIENT, "/export")
    assert replies[0].startswith("Here is everything I keep about you")
    files = {name: content for method, name, content in harness.req.uploads if method == "sendDocument"}
    [checkin] = list(csv.DictReader(io.StringIO(files["checkins.csv"].decode())))
    assert (checkin["craving"], checkin["used"], checkin["note"]) == ("9", "yes", NOTE)
    data = json.loads(files["my-data.json"])
    assert data["person"]["code"] == CODE and data["person"]["display_name"] == INITIALS
    assert data["profile"]["safety_plan"] == PLAN
    assert [c["decision"] for c in data["consents"]] == ["agreed"]
    # The craving of 9 also raised an alert, whose neutral receipt to the client is pending too.
    assert sorted(m["text"] for m in data["pending_messages"]) == sorted(
        ["Your daily check-in", texts.CLIENT_RECEIPT_TOLD]
    )
    async with harness.db.session() as s:
        assert await s.scalar(select(func.count()).where(AuditEntry.action == "data.exported")) == 1
    assert person.id


async def _everything_in_the_database(harness) -> list[tuple[str, str, str]]:
    """(table, column, value as text) for every value of every table, decrypted where encrypted."""
    found = []
    async with harness.db.session() as s:
        for table in Base.metadata.tables.values():
            for row in (await s.execute(select(table))).mappings():
                found += [(table.name, col, str(value)) for col, value in row.items() if value is not None]
    return found


async def test_delete_erases_their_content_from_every_table(harness):
    person = await _client_with_everything(harness)
    async with harness.db.session() as s:
        audit_before = await s.scalar(select(func.count()).select_from(AuditEntry))
    replies = await harness.send(CLIENT, "/delete")
    assert replies[0].startswith("<b>Erase your data?</b>")
    replies = await tap(harness, CLIENT, "Yes, erase everything")
    assert replies[0].startswith("Done. I've erased:\n• 1 check-ins (1 with a note)")
    assert "your profile, including your safety plan" in replies[0]
    # The reminder and the receipt of the alert the craving of 9 raised.
    assert "• 2 messages that were waiting to be sent to you" in replies[0]

    everything = await _everything_in_the_database(harness)
    for marker in ("MARKER", "pineapple", "mango", INITIALS):
        assert [hit for hit in everything if marker in hit[2]] == [], marker
    # The old code stays only inside append-only audit details, which the database will not let us edit.
    assert {(t, c) for t, c, v in everything if CODE in v} <= {("audit", "detail")}
    # The Telegram id survives only as the audit log's "who".
    assert {(t, c) for t, c, v in everything if v == str(CLIENT)} == {("audit", "actor_telegram_id")}
    async with harness.db.session() as s:
        assert await s.scalar(select(func.count()).select_from(AuditEntry)) == audit_before + 1
        erased = (await s.execute(select(AuditEntry).where(AuditEntry.action == "data.erased"))).scalar_one()
        row = await s.get(Person, person.id)
    assert erased.client_person_id == person.id and "MARKER" not in erased.detail
    assert (row.code, row.display_name, row.active, row.consent_version) == (f"X-{person.id}", "", False, None)
    assert await rows(harness) == []

    # Afterwards they are a stranger to the bot; a restart brings nothing back.
    await harness.restart()
    assert "only work for its clients and team" in (await harness.send(CLIENT, "/checkin"))[0]
    assert "only work for its clients and team" in (await harness.send(CLIENT, "hello"))[0]


async def test_delete_no_keeps_everything(harness):
    await harness.enroll(CLIENT)
    await check_in(harness, CLIENT)
    await harness.send(CLIENT, "/delete")
    assert await tap(harness, CLIENT, "No, keep my data") == ["Okay, nothing was erased."]
    assert len(await rows(harness)) == 1


async def test_an_old_delete_confirmation_does_nothing(harness):
    with time_machine.travel(T0, tick=False) as clock:
        await harness.enroll(CLIENT)
        await check_in(harness, CLIENT)
        await harness.send(CLIENT, "/delete")
        clock.shift(dt.timedelta(minutes=11))
        replies = await tap(harness, CLIENT, "Yes, erase everything")
    assert replies[0].startswith("That confirmation is too old, so I did nothing.")
    assert len(await rows(harness)) == 1
    assert (await harness.person(CLIENT)) is not None


async def test_only_clients_export_or_delete(harness):
    await harness.enroll(THERAPIST, Role.THERAPIST, display_name="Dr. R")
    assert (await harness.send(THERAPIST, "/delete"))[0].startswith("Sorry, /delete is only for clients.")
    assert (await harness.send(THERAPIST, "/export"))[0].startswith("Sorry, /export is only for clients.")
