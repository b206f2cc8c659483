"""Deactivating and reactivating people through the real Application: confirm, effects, audit, last admin."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.core.clock import now
from bot.db.models import Alert, AuditEntry, OutboxMessage, OutboxStatus, Role
from bot.domain.care import alert_access, alerts
from bot.domain.people import offboarding
from bot.domain.people.offboarding import Outcome
from conversations.people.offboarding import OffboardButton
from conversations.people.start import AGREE
from tests.support.harness import Harness

ADMIN, STAFF, THERAPIST, CLIENT, ADMIN2 = 901, 902, 903, 904, 905


@dataclass(frozen=True)
class F:
    severity: str = "high"
    rule: str = "craving_high"
    explanation: str = "craving 9, 7-day mean 3"


async def _confirm(harness: Harness, uid: int) -> list[str]:
    """Press the confirm button of the last message `uid` got."""
    (_label, yes), _no = harness.last(uid).buttons
    assert OffboardButton.parse(yes).confirm
    return await harness.press(uid, yes)


async def test_deactivated_therapist_clients_need_a_new_one_and_alerts_escalate(harness: Harness) -> None:
    """Deactivating a therapist: confirm, queued messages cancelled, clients flagged, open alerts escalate at once."""
    await harness.enroll(STAFF, Role.STAFF, display_name="Ana")
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST, display_name="Dr. R")
    client = await harness.enroll(CLIENT, therapist_id=therapist.id)
    async with harness.db.session() as s, s.begin():
        alert_id = await alerts.raise_alert(s, client.id, [F()], source="checkin")
        s.add(OutboxMessage(chat_id=THERAPIST, person_id=therapist.id, kind="notice", payload="{}", due_at=now()))
    assert alert_id is not None
    asked = await harness.send(STAFF, f"/deactivate {therapist.code.lower()}")
    assert f"Deactivate {therapist.code} (therapist)?" in asked[0]
    assert "Their 1 client will show as needing a new therapist" in asked[0]
    async with harness.db.session() as s:
        assert (await harness.person(THERAPIST)).deactivated_at is None  # nothing before the confirm
    done = await _confirm(harness, STAFF)
    assert f"{therapist.code} is deactivated." in done[0]
    assert "Needing a new therapist: 1 client (see /people)." in done[0]
    async with harness.db.session() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.person_id == therapist.id))).scalars()
        assert {r.status for r in rows} == {OutboxStatus.CANCELLED}
        actions = [a.action for a in (await s.execute(select(AuditEntry))).scalars()]
        assert "person.deactivated" in actions
    # The escalation loop takes the alert from the deactivated therapist at once (no waiting for the timer).
    assert await alerts.escalate_due(harness.db) == 1
    async with harness.db.session() as s:
        alert = await s.get(Alert, alert_id)
        assert alert is not None and alert.level > alert_access.THERAPIST
    # The client shows as needing a new therapist.
    assert "needs a new therapist" in (await harness.send(STAFF, "/caseload"))[0]
    # The therapist gets a clear answer to anything, and cannot agree their way back.
    for text in ("/alerts", "hello", "/start"):
        assert "access to this bot has been closed" in (await harness.send(THERAPIST, text))[0]
    # Reactivation lets them back.
    assert "Reactivate" in (await harness.send(STAFF, f"/reactivate {therapist.code}"))[0]
    assert f"{therapist.code} is active again." in (await _confirm(harness, STAFF))[0]
    person = await harness.person(THERAPIST)
    assert person.active and person.deactivated_at is None
    assert "access to this bot has been closed" not in (await harness.send(THERAPIST, "/alerts"))[0]


async def test_deactivated_client_is_told_and_messages_cancelled(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    client = await harness.enroll(CLIENT)
    async with harness.db.session() as s, s.begin():
        s.add(OutboxMessage(chat_id=CLIENT, person_id=client.id, kind="reminder", payload="{}", due_at=now()))
    await harness.send(STAFF, f"/deactivate {client.code}")
    assert "Cancelled: 1 queued message." in (await _confirm(harness, STAFF))[0]
    assert "access to this bot has been closed" in (await harness.send(CLIENT, "/checkin"))[0]


async def test_the_last_admin_cannot_be_deactivated_and_staff_cannot_touch_admins(harness: Harness) -> None:
    admin = await harness.enroll(ADMIN, Role.ADMIN, display_name="Al")
    await harness.enroll(STAFF, Role.STAFF)
    assert (await harness.send(STAFF, f"/deactivate {admin.code}")) == [
        "Only admins can deactivate or reactivate an admin."
    ]
    assert "can't deactivate yourself" in (await harness.send(ADMIN, f"/deactivate {admin.code}"))[0]
    admin2 = await harness.enroll(ADMIN2, Role.ADMIN, display_name="Bo")
    # Through Telegram an admin can't remove the last one (self is refused); the rule itself holds in the
    # domain too, whoever asks: with the second admin paused, the first is the last active one.
    await harness.send(ADMIN2, "/stop")
    async with harness.db.session() as s, s.begin():
        change = await offboarding.deactivate(s, admin.id, admin2.id)
    assert change.outcome is Outcome.LAST_ADMIN
    assert (await harness.person(ADMIN)).deactivated_at is None
    # Two active admins: one may deactivate the other, after the confirm.
    await harness.send(ADMIN2, "/start")
    await harness.press(ADMIN2, AGREE)
    assert "Deactivate" in (await harness.send(ADMIN, f"/deactivate {admin2.code}"))[0]
    assert "is deactivated" in (await _confirm(harness, ADMIN))[0]


async def test_keep_button_changes_nothing(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    client = await harness.enroll(CLIENT)
    await harness.send(STAFF, f"/deactivate {client.code}")
    _yes, (_label, no) = harness.last(STAFF).buttons
    assert await harness.press(STAFF, no) == ["Nothing changed."]
    assert (await harness.person(CLIENT)).deactivated_at is None
    assert (await harness.send(STAFF, "/deactivate C-0000")) == ["Nobody has the code C-0000. /people lists everyone."]
