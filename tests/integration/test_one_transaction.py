"""One update, one transaction: the handler's work and conversation state commit together.

The crisis guard learns who wrote in a short read of its own (bounded in time, so a hanging database never
holds the crisis lines); the person cache spares that read on every later message.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, select

from bot.db.models import ClientProfile, FaqGap
from conversations.settings import Choice, SettingsButton

CLIENT = 6601


@contextmanager
def counting_begins(harness) -> Iterator[list[int]]:  # type: ignore[no-untyped-def]
    begins = [0]

    def on_begin(_conn: Any) -> None:
        begins[0] += 1

    engine = harness.db.engine.sync_engine
    event.listen(engine, "begin", on_begin)
    try:
        yield begins
    finally:
        event.remove(engine, "begin", on_begin)


async def test_settings_and_faq_questions_take_at_most_one_transaction_each(harness):
    await harness.enroll(CLIENT)
    expected = {
        "/settings": 2,  # the guard's first lookup since enrolment (a read); the profile and conversation state
        "/cancel": 1,  # stores the ended state
        "how many hours a week is the program": 0,  # the guard's lookup is cached; nothing to write
        "what is the capital city of peru": 1,  # logs the gap
    }
    for text, transactions in expected.items():
        with counting_begins(harness) as begins:
            await harness.send(CLIENT, text)
        assert begins[0] == transactions, text
    async with harness.db.session() as s:
        assert len((await s.execute(select(FaqGap))).scalars().all()) == 1


async def test_a_change_and_the_conversation_state_commit_together(harness):
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    await harness.press(CLIENT, SettingsButton(Choice.OFF).pack())
    with counting_begins(harness) as begins:
        await harness.press(CLIENT, SettingsButton(Choice.ON).pack())
    assert begins[0] == 1
    async with harness.db.session() as s:
        assert (await s.execute(select(ClientProfile.reminders_on))).scalar_one() is True
