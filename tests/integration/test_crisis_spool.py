"""With the database down, the crisis reply still goes out and the flag waits in a local spool
(mode 0600, encrypted with the clinic key) that the next start records as an alert."""

from __future__ import annotations

import stat
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from bot.db.models import Alert, Role
from bot.domain.care import crisis_spool
from bot.entry.app import startup
from tests.conftest import make_settings
from tests.support.harness import Harness

CLIENT, THERAPIST = 161, 561
WORDS = "i want to kill myself tonight"


@pytest.fixture
async def spooling(tmp_path: Path) -> AsyncIterator[Harness]:
    h = Harness(make_settings(tmp_path, crisis_spool_dir=str(tmp_path / "spool")))
    await h.start()
    try:
        yield h
    finally:
        await h.stop()


async def test_a_crisis_while_the_database_is_down_is_answered_and_alerted_after_restart(
    spooling: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = spooling
    therapist = await h.enroll(THERAPIST, Role.THERAPIST)
    await h.enroll(CLIENT, therapist_id=therapist.id)
    gone = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'no' / 'such' / 'dir.sqlite3'}")
    with monkeypatch.context() as m:
        m.setattr(h.db, "session", async_sessionmaker(gone))  # every connection now fails
        replies = await h.send(CLIENT, WORDS)
    await gone.dispose()
    assert "988" in replies[0]  # the lines went out all the same
    spool = tmp_path / "spool" / crisis_spool.FILE_NAME
    assert stat.S_IMODE(spool.stat().st_mode) == 0o600
    assert WORDS not in spool.read_text() and "kill" not in spool.read_text()  # encrypted
    async with h.db.session() as s:
        assert (await s.execute(select(Alert))).first() is None
    await h.restart()
    await startup(h.app)  # the next start replays the spool
    async with h.db.session() as s:
        alerts = list((await s.execute(select(Alert))).scalars())
    assert [a.severity for a in alerts] == ["crisis"] and not spool.exists()
