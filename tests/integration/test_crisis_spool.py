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
from bot.services import crisis_record
from tests.conftest import make_settings
from tests.support.harness import Harness, running

CLIENT, THERAPIST = 161, 561
WORDS = "i want to kill myself tonight"


@pytest.fixture
async def spooling(tmp_path: Path) -> AsyncIterator[Harness]:
    async with running(make_settings(tmp_path, crisis_spool_dir=str(tmp_path / "spool"))) as h:
        h.expect_error = True  # the database goes down under these tests: the apology is part of what they show
        yield h


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


async def _crisis_in_an_outage(h: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    therapist = await h.enroll(THERAPIST, Role.THERAPIST)
    await h.enroll(CLIENT, therapist_id=therapist.id)
    gone = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'no' / 'such' / 'dir.sqlite3'}")
    with monkeypatch.context() as m:
        m.setattr(h.db, "session", async_sessionmaker(gone))
        replies = await h.send(CLIENT, WORDS)
    await gone.dispose()
    assert "988" in replies[0]
    return tmp_path / "spool" / crisis_spool.FILE_NAME


async def test_once_the_database_is_back_the_running_bot_raises_the_alert_without_a_restart(
    spooling: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, a spooled flag waited for the next start: an outage of minutes in a bot that ran on
    for days left the care team untold. Now the escalation clock replays the spool."""
    h = spooling
    spool = await _crisis_in_an_outage(h, tmp_path, monkeypatch)
    assert spool.exists()
    assert h.app.job_queue is not None
    [job] = h.app.job_queue.get_jobs_by_name("crisis-spool")  # scheduled at start
    await job.run(h.app)  # one tick of the clock, the database reachable again
    async with h.db.session() as s:
        alerts = list((await s.execute(select(Alert))).scalars())
    assert [a.severity for a in alerts] == ["crisis"] and not spool.exists()
    await job.run(h.app)  # the next tick finds nothing and raises nothing twice
    async with h.db.session() as s:
        assert len((await s.execute(select(Alert))).scalars().all()) == 1


async def test_a_flag_kept_while_a_replay_runs_is_not_lost(
    spooling: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The replay rewrites the file; an entry appended during its awaits must survive the rewrite."""
    h = spooling
    spool = await _crisis_in_an_outage(h, tmp_path, monkeypatch)
    [first] = crisis_spool.read(spool.parent)
    later = crisis_spool.Spooled(telegram_id=CLIENT, kind="message", text="still want to die", at=first.at)
    real = crisis_record.record_spooled

    async def record_while_another_is_kept(services, entry):  # type: ignore[no-untyped-def]
        crisis_spool.keep(spool.parent, later)  # another outage-time flag arrives mid-replay
        return await real(services, entry)

    monkeypatch.setattr(crisis_record, "record_spooled", record_while_another_is_kept)
    assert await crisis_record.replay_spool(h.app.bot_data["services"]) == 1
    assert crisis_spool.read(spool.parent) == [later]  # kept for the next pass, not overwritten
