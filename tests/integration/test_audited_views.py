"""/invites, /broadcasts and /unlock show team members data about people: each look is audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.db.models import AuditEntry, Role
from tests.support.harness import Harness

STAFF = 8401


@pytest.mark.parametrize(
    ("command", "action"),
    [("/invites", "invites.view"), ("/broadcasts", "broadcasts.view"), ("/unlock", "lockouts.view")],
)
async def test_each_look_is_audited(harness: Harness, command: str, action: str) -> None:
    staff = await harness.enroll(STAFF, Role.STAFF)
    await harness.invite(Role.CLIENT)  # something pending to look at
    assert await harness.send(STAFF, command)
    async with harness.db.session() as s:
        rows = (await s.execute(select(AuditEntry).where(AuditEntry.action == action))).scalars().all()
    assert [r.actor_person_id for r in rows] == [staff.id]
