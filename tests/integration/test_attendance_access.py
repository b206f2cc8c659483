"""/attendance shows a therapist only their own clients' individual appointments; every roster view is audited."""

from __future__ import annotations

import datetime as dt

import time_machine
from sqlalchemy import select

from bot import texts
from bot.db.meeting_models import MeetingSeries
from bot.db.models import AuditEntry, Role
from conversations.meetings import attendance
from tests.support.harness import Harness

THERAPIST_A, THERAPIST_B, STAFF, CLIENT_B = 8201, 8202, 8203, 8204
START = dt.datetime(2027, 3, 2, 15, 0, tzinfo=dt.UTC)  # 10:00 in New York
TITLE = "Relapse review (court-ordered)"


async def _appointment(harness: Harness) -> int:
    await harness.enroll(THERAPIST_A, Role.THERAPIST)
    b = await harness.enroll(THERAPIST_B, Role.THERAPIST)
    await harness.enroll(STAFF, Role.STAFF)
    client = await harness.enroll(CLIENT_B, therapist_id=b.id)
    async with harness.db.session() as s, s.begin():
        meeting = MeetingSeries(
            uid="access-test",
            title=TITLE,
            public_title="Appointment",
            kind="individual",
            starts_local=dt.datetime(2027, 3, 2, 10),
            timezone="America/New_York",
            duration_minutes=50,
            audience="client",
            client_id=client.id,
            therapist_id=b.id,
        )
        s.add(meeting)
        await s.flush()
        return meeting.id


async def test_a_therapist_sees_only_their_own_clients_appointments(harness: Harness) -> None:
    with time_machine.travel(START + dt.timedelta(hours=2), tick=False):
        series_id = await _appointment(harness)
        pick = attendance.PickSession(series=series_id, at=int(START.timestamp())).pack()

        listed = await harness.send(THERAPIST_A, "/attendance")
        assert listed == [texts.ATTENDANCE_NONE]
        assert TITLE not in " ".join(listed + [label for label, _ in harness.last(THERAPIST_A).buttons])
        assert await harness.press(THERAPIST_A, pick) == [texts.ATTENDANCE_NOT_YOURS]
        toggle = attendance.Toggle(series=series_id, at=int(START.timestamp()), person=1).pack()
        assert await harness.press(THERAPIST_A, toggle) == [texts.ATTENDANCE_NOT_YOURS]

        await harness.send(THERAPIST_B, "/attendance")
        assert any(TITLE in label for label, _ in harness.last(THERAPIST_B).buttons)
        shown = await harness.press(THERAPIST_B, pick)
        assert TITLE in shown[0]
        assert TITLE in (await harness.press(STAFF, pick))[0]
    async with harness.db.session() as s:
        views = (await s.execute(select(AuditEntry).where(AuditEntry.action == "meeting.roster_view"))).scalars()
        viewers = [v.actor_person_id for v in views]
    b, staff = await harness.person(THERAPIST_B), await harness.person(STAFF)
    assert b is not None and staff is not None and sorted(viewers) == sorted([b.id, staff.id])
