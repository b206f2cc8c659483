"""Confirm after commit: "Check-in saved ✓" is shown only once the check-in is in the database."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

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
    await harness.enroll(CLIENT)
    await check_in(harness, CLIENT, GOOD_DAY, save=False)
    before = len(harness.req.sent)

    async def broken(*_: object) -> None:
        raise OperationalError("COMMIT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(DatabasePersistence, "write_staged", broken)
    with pytest.raises(OperationalError):
        await tap(harness, CLIENT, "✅ Save")
    assert not any("saved" in s.text.lower() for s in harness.req.sent[before:])
    assert await rows(harness) == []
