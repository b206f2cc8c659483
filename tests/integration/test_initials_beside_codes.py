"""The team sees a client's initials beside the code in lists and views (never in a push)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import time_machine
from sqlalchemy import select

from bot.db.meeting_models import MeetingSeries
from bot.db.models import OutboxMessage, Role
from bot.domain.care import alerts
from bot.domain.care.buttons import AlertView
from conversations.meetings import attendance
from tests.support.harness import Harness

THERAPIST, CLIENT = 8501, 8502
INITIALS = "JMR"
START = dt.datetime(2027, 3, 2, 15, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class F:
    severity: str = "high"
    rule: str = "craving_high"
    explanation: str = "craving 9, 7-day mean 3"


async def test_initials_beside_the_code_in_caseload_alerts_and_attendance(harness: Harness) -> None:
    with time_machine.travel(START + dt.timedelta(hours=2), tick=False):
        therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
        client = await harness.enroll(CLIENT, display_name=INITIALS, therapist_id=therapist.id)
        labelled = f"{client.code} ({INITIALS})"
        async with harness.db.session() as s, s.begin():
            alert_id = await alerts.raise_alert(s, client.id, [F()], source="checkin")
            meeting = MeetingSeries(
                uid="initials-test",
                title="Individual session",
                public_title="Appointment",
                kind="individual",
                starts_local=dt.datetime(2027, 3, 2, 10),
                timezone="America/New_York",
                duration_minutes=50,
                audience="client",
                client_id=client.id,
                therapist_id=therapist.id,
            )
            s.add(meeting)
            await s.flush()
            series_id = meeting.id
        assert alert_id is not None

        assert labelled in (await harness.send(THERAPIST, "/caseload"))[0]
        assert labelled in (await harness.send(THERAPIST, "/alerts"))[0]
        assert labelled in (await harness.press(THERAPIST, AlertView(alert_id=alert_id).pack()))[0]
        await harness.press(THERAPIST, attendance.PickSession(series=series_id, at=int(START.timestamp())).pack())
        assert any(labelled in label for label, _ in harness.last(THERAPIST).buttons)

    async with harness.db.session() as s:
        pushes = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == THERAPIST))).scalars().all()
    assert pushes and all(INITIALS not in json.loads(p.payload)["text"] for p in pushes)  # lock screens: code only
