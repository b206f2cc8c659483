"""The inbox queue never holds an update back: a reader that fails or a disk that refuses still
lets the update through to the handlers, and only flagged updates are written down."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.core import crypto
from bot.domain.care import crisis_spool
from bot.services.crisis_inbox import ScreeningQueue
from tests.conftest import TEST_KEY


@pytest.fixture(autouse=True)
def _key() -> None:
    crypto.configure(TEST_KEY)


class Item:
    def __init__(self, update_id: int) -> None:
        self.update_id = update_id


def _entry(update_id: int) -> crisis_spool.Spooled:
    return crisis_spool.Spooled(7, "message", "words", "2026-12-05T10:00:00+00:00", update_id, 7, "the lines")


async def test_a_failing_reader_still_lets_the_update_through(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    def broken(item: object) -> None:
        raise RuntimeError("boom")

    queue = ScreeningQueue(str(tmp_path), broken)  # type: ignore[arg-type]
    with caplog.at_level(logging.ERROR):
        await queue.put(Item(1))
    assert queue.get_nowait().update_id == 1  # type: ignore[attr-defined]
    assert "could not screen" in caplog.text


async def test_a_disk_that_refuses_still_lets_the_update_through(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    queue = ScreeningQueue(str(blocked), lambda item: (_entry(2), None))
    await queue.put(Item(2))
    assert queue.qsize() == 1


async def test_only_flagged_updates_are_kept_and_settle_strikes_off_one(tmp_path: Path) -> None:
    reads = {1: (_entry(1), None), 2: (None, None), 3: (_entry(3), None)}
    queue = ScreeningQueue(str(tmp_path), lambda item: reads[item.update_id])  # type: ignore[attr-defined]
    for update_id in (1, 2, 3):
        await queue.put(Item(update_id))
    kept = crisis_spool.read(tmp_path, crisis_spool.INBOX_NAME)
    assert [e.update_id for e in kept] == [1, 3]
    queue.settle(1)
    queue.settle(2)  # never kept: nothing to do
    assert [e.update_id for e in crisis_spool.read(tmp_path, crisis_spool.INBOX_NAME)] == [3]
    assert queue.qsize() == 3
