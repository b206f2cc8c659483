"""/caseload and /client: a therapist sees only their own clients; staff see all; every look is audited."""

from __future__ import annotations

from sqlalchemy import select

from bot import texts
from bot.db.models import AuditEntry, Role
from tests.support.checkin import check_in
from tests.support.harness import Harness

THERAPIST, OTHER, STAFF, MINE, THEIRS = 551, 552, 651, 151, 152


async def _setup(harness: Harness) -> tuple[str, str]:
    me = await harness.enroll(THERAPIST, Role.THERAPIST)
    other = await harness.enroll(OTHER, Role.THERAPIST)
    await harness.enroll(STAFF, Role.STAFF)
    mine = await harness.enroll(MINE, therapist_id=me.id, cohort="Evening")
    theirs = await harness.enroll(THEIRS, therapist_id=other.id)
    await check_in(harness, MINE, ("9", "🙂", "No", "Well", "Skip", "No"))
    return mine.code, theirs.code


async def test_caseload_lists_own_clients_with_last_checkin_and_open_alerts(harness: Harness) -> None:
    mine, theirs = await _setup(harness)
    listed = await harness.send(THERAPIST, "/caseload")
    assert len(listed) == 1 and mine in listed[0] and theirs not in listed[0]
    assert "Evening" in listed[0] and "today" in listed[0] and "1 open" in listed[0]
    everyone = await harness.send(STAFF, "/caseload")
    assert mine in everyone[0] and theirs in everyone[0]


async def test_client_view_shows_two_weeks_a_chart_and_flags_only_to_the_right_people(harness: Harness) -> None:
    mine, theirs = await _setup(harness)
    shown = await harness.send(THERAPIST, f"/client {mine.lower()}")
    assert mine in shown[0] and "craving 9" in shown[0] and "high" in shown[0]
    assert harness.req.sent[-1].method == "sendPhoto"
    assert await harness.send(THERAPIST, f"/client {theirs}") == [texts.CLIENT_NOT_FOUND.format(code=theirs)]
    assert await harness.send(THERAPIST, "/client") == [texts.CLIENT_USAGE]
    async with harness.db.session() as s:
        actions = list((await s.execute(select(AuditEntry.action))).scalars())
    assert "client.view" in actions and "client.view_denied" in actions


async def test_clients_may_not_look(harness: Harness) -> None:
    mine, _ = await _setup(harness)
    refused = await harness.send(MINE, f"/client {mine}")
    assert len(refused) == 1 and "/client" in refused[0] and "craving" not in refused[0]
