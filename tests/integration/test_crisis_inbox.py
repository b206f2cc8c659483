"""The inbox: a flagged update is written down as it is queued, before Telegram is told it arrived,
so a crash before the guard has recorded and answered it loses neither the alert nor the reply."""

from __future__ import annotations

import stat
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.db.models import Alert, OutboxKind, OutboxMessage, Role
from bot.domain.care import crisis_spool
from bot.domain.safety.buttons import CrisisAnswer
from bot.entry.app import startup
from bot.services.crisis_inbox import ScreeningQueue
from tests.conftest import make_settings
from tests.support import tg
from tests.support.harness import Harness

CLIENT, THERAPIST = 171, 571
WORDS = "i have a bottle of pills in front of me and i want to die"


@pytest.fixture
async def h(tmp_path: Path) -> AsyncIterator[Harness]:
    harness = Harness(make_settings(tmp_path, crisis_spool_dir=str(tmp_path / "spool")))
    await harness.start()
    try:
        yield harness
    finally:
        await harness.stop()


def _inbox(h: Harness) -> ScreeningQueue:
    queue = h.app.update_queue
    assert isinstance(queue, ScreeningQueue)
    return queue


def _file(tmp_path: Path) -> Path:
    return tmp_path / "spool" / crisis_spool.INBOX_NAME


async def _alerts(h: Harness) -> list[Alert]:
    async with h.db.session() as s:
        return list((await s.execute(select(Alert))).scalars())


async def _crisis_replies(h: Harness) -> list[OutboxMessage]:
    async with h.db.session() as s:
        rows = await s.execute(select(OutboxMessage).where(OutboxMessage.kind == OutboxKind.CRISIS_REPLY))
        return list(rows.scalars())


async def _enrolled(h: Harness) -> None:
    therapist = await h.enroll(THERAPIST, Role.THERAPIST)
    await h.enroll(CLIENT, therapist_id=therapist.id)


async def test_a_flagged_update_is_kept_encrypted_before_it_is_queued(h: Harness, tmp_path: Path) -> None:
    await _enrolled(h)
    update = tg.text(h.bot, CLIENT, WORDS)
    await _inbox(h).put(update)
    inbox = _file(tmp_path)
    assert stat.S_IMODE(inbox.stat().st_mode) == 0o600
    assert "pills" not in inbox.read_text() and "die" not in inbox.read_text()  # encrypted
    kept = crisis_spool.read(str(tmp_path / "spool"), crisis_spool.INBOX_NAME)
    assert [(e.update_id, e.chat_id, e.text) for e in kept] == [(update.update_id, CLIENT, WORDS)]
    assert kept[0].reply and "988" in kept[0].reply  # the reply it needs is written down with it
    assert _inbox(h).get_nowait() is update


async def test_ordinary_messages_are_not_kept(h: Harness, tmp_path: Path) -> None:
    await _enrolled(h)
    await _inbox(h).put(tg.text(h.bot, CLIENT, "what time is group on tuesday?"))
    await _inbox(h).put(tg.sticker(h.bot, CLIENT))
    assert not _file(tmp_path).exists()
    assert _inbox(h).qsize() == 2  # both still go on to the handlers


async def test_the_guard_strikes_off_what_it_answered(h: Harness, tmp_path: Path) -> None:
    await _enrolled(h)
    update = tg.text(h.bot, CLIENT, WORDS)
    await _inbox(h).put(update)
    replies = await h.push(CLIENT, update)
    assert "988" in replies[0]
    assert crisis_spool.read(str(tmp_path / "spool"), crisis_spool.INBOX_NAME) == []
    assert [a.severity for a in await _alerts(h)] == ["crisis"]
    await h.restart()
    await startup(h.app)  # nothing left to replay
    assert len(await _alerts(h)) == 1 and await _crisis_replies(h) == []


async def test_a_crash_before_the_guard_ran_is_recorded_and_answered_at_the_next_start(
    h: Harness, tmp_path: Path
) -> None:
    await _enrolled(h)
    update = tg.text(h.bot, CLIENT, WORDS)
    await _inbox(h).put(update)  # confirmed to Telegram; then the process dies before any handler ran
    await h.restart()
    await startup(h.app)
    alerts = await _alerts(h)
    assert [a.severity for a in alerts] == ["crisis"]
    rows = await _crisis_replies(h)
    assert [r.chat_id for r in rows] == [CLIENT] and "988" in rows[0].payload
    assert crisis_spool.read(str(tmp_path / "spool"), crisis_spool.INBOX_NAME) == []
    # Telegram may hand the same update out again (the offset was not confirmed): nothing twice.
    assert await h.push(CLIENT, update) == []
    assert len(await _alerts(h)) == 1 and len(await _crisis_replies(h)) == 1


async def test_a_crash_after_the_record_only_owes_the_reply(
    h: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _enrolled(h)
    update = tg.text(h.bot, CLIENT, WORDS)
    await _inbox(h).put(update)
    # The guard records and answers, then the process dies before it strikes the entry off.
    monkeypatch.setattr(ScreeningQueue, "settle", lambda self, update_id: None)
    await h.push(CLIENT, update)
    monkeypatch.undo()
    assert len(await _alerts(h)) == 1
    await h.restart()
    await startup(h.app)
    assert len(await _alerts(h)) == 1  # not a second alert
    assert len(await _crisis_replies(h)) == 1  # the reply again: at least once, never lost
    assert crisis_spool.read(str(tmp_path / "spool"), crisis_spool.INBOX_NAME) == []


async def test_a_tapped_yes_survives_a_crash_before_its_handler(h: Harness, tmp_path: Path) -> None:
    await _enrolled(h)
    replies = await h.send(CLIENT, "everything feels pointless lately, what's the point of anything")
    assert replies and len(await _alerts(h)) <= 1
    before = {a.id: a.severity for a in await _alerts(h)}
    tap = tg.press(h.bot, CLIENT, CrisisAnswer(yes=True).pack())
    await _inbox(h).put(tap)
    assert len(crisis_spool.read(str(tmp_path / "spool"), crisis_spool.INBOX_NAME)) == 1
    await h.restart()
    await startup(h.app)
    alerts = await _alerts(h)
    assert "crisis" in [a.severity for a in alerts] and "crisis" not in before.values()
    rows = await _crisis_replies(h)
    assert [r.chat_id for r in rows] == [CLIENT]


async def test_a_tapped_yes_is_struck_off_once_its_handler_acted(h: Harness, tmp_path: Path) -> None:
    await _enrolled(h)
    await h.send(CLIENT, "everything feels pointless lately, what's the point of anything")
    tap = tg.press(h.bot, CLIENT, CrisisAnswer(yes=True).pack())
    await _inbox(h).put(tap)
    await h.push(CLIENT, tap)
    assert "crisis" in [a.severity for a in await _alerts(h)]
    assert crisis_spool.read(str(tmp_path / "spool"), crisis_spool.INBOX_NAME) == []
