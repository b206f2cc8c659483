"""Confirm after commit: "Check-in saved ✓" is shown only once the check-in is in the database."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from bot import texts
from bot.domain.checkins import diary
from bot.services.persistence import DatabasePersistence
from tests.support.checkin import GOOD_DAY, check_in, rows, tap
from tests.support.harness import Harness

CLIENT = 141


async def test_the_saved_summary_is_sent_after_the_check_in_is_committed(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    stored_when_shown: list[int] = []
    original = harness.req.do_request

    async def spy(url: str, method: str, request_data: Any = None, *args: Any, **kw: Any) -> tuple[int, bytes]:
        text = str(request_data.parameters.get("text", "")) if request_data is not None else ""
        if "Check-in saved" in text:
            stored_when_shown.append(len(await rows(harness)))  # read through another connection
        return await original(url, method, request_data, *args, **kw)

    harness.req.do_request = spy  # type: ignore[method-assign]
    await check_in(harness, CLIENT, GOOD_DAY)
    assert stored_when_shown == [1]


async def test_a_failed_commit_shows_no_saved(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    harness.expect_error = True  # the apology is the answer
    await harness.enroll(CLIENT)
    await check_in(harness, CLIENT, GOOD_DAY, save=False)
    before = len(harness.req.sent)

    async def broken(*_: object) -> None:
        raise OperationalError("COMMIT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(DatabasePersistence, "write_staged", broken)
    with pytest.raises(OperationalError):
        await tap(harness, CLIENT, "✅ Save")
    shown = [s.text for s in harness.req.sent[before:]]
    assert not any("saved" in t.lower() for t in shown) and shown[-1] == texts.ERROR
    assert await rows(harness) == []


async def test_a_locked_database_runs_the_update_again_once_before_apologising(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await harness.enroll(CLIENT)
    await check_in(harness, CLIENT, GOOD_DAY, save=False)
    real_save, calls = diary.save, []

    async def locked_once(*args: Any, **kw: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("INSERT", {}, Exception("database is locked"))
        return await real_save(*args, **kw)

    monkeypatch.setattr(diary, "save", locked_once)
    before = len(harness.req.sent)
    await tap(harness, CLIENT, "✅ Save")
    shown = [s.text for s in harness.req.sent[before:]]
    assert len(calls) == 2 and len(await rows(harness)) == 1
    assert sum("Check-in saved" in t for t in shown) == 1 and texts.ERROR not in shown


async def test_a_database_locked_twice_gets_the_apology(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    harness.expect_error = True
    await harness.enroll(CLIENT)
    await check_in(harness, CLIENT, GOOD_DAY, save=False)

    async def locked(*_: Any, **__: Any) -> Any:
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(diary, "save", locked)
    before = len(harness.req.sent)
    await tap(harness, CLIENT, "✅ Save")
    assert [s.text for s in harness.req.sent[before:]] == [texts.ERROR] and await rows(harness) == []
