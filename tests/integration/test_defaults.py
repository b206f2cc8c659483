"""Parse mode and link previews are set once (Application Defaults), for replies and for the outbox alike."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.db.models import OutboxKind, OutboxMessage
from bot.delivery import outbox

CLIENT = 6801


def link_previews_off(params: dict) -> bool:  # type: ignore[type-arg]
    options = params.get("link_preview_options")
    options = json.loads(options) if isinstance(options, str) else options
    return bool(options and options.get("is_disabled"))


async def test_replies_are_html_without_link_previews(harness):
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/help")
    sent = harness.last(CLIENT)
    assert sent.params.get("parse_mode") == "HTML"
    assert link_previews_off(sent.params)


async def test_outbox_messages_are_html_too(harness):
    person = await harness.enroll(CLIENT)
    async with harness.db.session() as s, s.begin():
        await outbox.enqueue(s, chat_id=CLIENT, person_id=person.id, kind=OutboxKind.REMINDER, text="<b>Hi</b>")
    await harness.delivery.run_once()
    sent = harness.last(CLIENT)
    assert sent.text == "<b>Hi</b>" and sent.params.get("parse_mode") == "HTML"
    assert link_previews_off(sent.params)


async def test_a_row_written_with_its_own_parse_mode_keeps_it(harness):
    person = await harness.enroll(CLIENT)
    async with harness.db.session() as s, s.begin():
        await outbox.enqueue(s, chat_id=CLIENT, person_id=person.id, kind=OutboxKind.NOTICE, text="plain <3")
    async with harness.db.session() as s, s.begin():  # as a row from before the Defaults would look
        row = (await s.execute(select(OutboxMessage))).scalar_one()
        row.payload = json.dumps({"text": "plain <3", "buttons": [], "parse_mode": None})
    await harness.delivery.run_once()
    sent = harness.last(CLIENT)
    assert sent.text == "plain <3" and "parse_mode" not in sent.params
