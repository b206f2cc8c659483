"""SQLite under load: 500 clients check in at once, 60 of them writing a crisis message first.
Every check-in is stored and every crisis message raises its alert; nobody is told "sorry"."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy import func, select
from telegram import Update

from bot import texts
from bot.db.models import Alert, Checkin, Role
from bot.domain.people import enrollment
from bot.domain.safety.buttons import CrisisResume
from bot.services import application, crisis_record, uow
from tests.support.checkin import GOOD_DAY, check_in
from tests.support.harness import Harness

CLIENTS, CRISES, FIRST = 500, 60, 20_000


async def _enroll_all(harness: Harness) -> None:
    therapist = await harness.enroll(FIRST - 1, Role.THERAPIST)
    async with harness.db.session() as s, s.begin():
        for uid in range(FIRST, FIRST + CLIENTS):
            issued = await enrollment.create_invite(s, Role.CLIENT, therapist_id=therapist.id)
            invite = await enrollment.check_code(s, uid, issued.code)
            await enrollment.enroll(
                s,
                uid,
                invite.id,
                timezone="America/New_York",
                checkin_time=dt.time(19),
                consent_version=harness.settings.privacy_version,
            )


async def _client(harness: Harness, uid: int) -> None:
    if uid < FIRST + CRISES:
        await harness.send(uid, "i want to kill myself")
        await harness.press(uid, CrisisResume().pack())  # back to what they were doing
    await check_in(harness, uid, GOOD_DAY)


def _through_the_update_processor(harness: Harness) -> None:
    """Updates go through the Application's processor, as from Telegram: at most MAX_CONCURRENT_UPDATES at once."""
    app = harness.app

    async def process(uid: int, update: Update) -> list[str]:
        await app.update_processor.process_update(update, app.process_update(update))
        return []

    harness._process = process  # type: ignore[method-assign]


async def test_500_clients_check_in_at_once_and_60_crisis_messages_all_raise_alerts(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked: list[BaseException] = []

    def seen_locked(exc: BaseException | None) -> bool:
        if found := uow.is_locked(exc):
            locked.append(exc)  # type: ignore[arg-type]
        return found

    monkeypatch.setattr(application, "is_locked", seen_locked)
    await _enroll_all(harness)
    harness.req.clear()
    _through_the_update_processor(harness)
    await asyncio.gather(*(_client(harness, uid) for uid in range(FIRST, FIRST + CLIENTS)))
    await crisis_record.drain()  # a record slower than the reply finishes on its own
    async with harness.db.session() as s:
        assert await s.scalar(select(func.count()).select_from(Checkin)) == CLIENTS
        assert await s.scalar(select(func.count()).where(Alert.severity == "crisis")) == CRISES
    assert not any(sent.text == texts.ERROR for sent in harness.req.sent)
    # The writers took turns behind the process's lock: none found the file locked, none ran twice.
    assert harness.db.writes is not None and harness.db.writes.waits > 0
    assert locked == []
