"""Alerts reach a human: pushed, acknowledged, escalated on durable timers, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import func, select

from bot.db.models import Alert, AuditEntry, ClientProfile, OutboxMessage, Person
from bot.db.session import Database
from bot.domain.care import alert_access, alert_delivery, alert_views, alerts, oncall
from bot.domain.care.alerts import AckOutcome, EscalationPolicy
from bot.domain.care.buttons import AlertAck, AlertReply, AlertView

T0 = dt.datetime(2026, 11, 27, 15, 0, tzinfo=dt.UTC)
POLICY = EscalationPolicy()


@dataclass(frozen=True)
class F:
    severity: str
    rule: str = "craving_high"
    explanation: str = "craving 9, 7-day mean 3"


async def _people(db: Database, *, therapist_ok: bool = True, with_oncall: bool = True) -> dict[str, int]:
    async with db.session() as s, s.begin():
        made = {}
        for uid, role, code in [
            (1, "therapist", "T-1"),
            (2, "staff", "S-1"),
            (3, "admin", "A-1"),
            (4, "admin", "A-2"),
            (10, "client", "C-10"),
        ]:
            p = Person(telegram_id=uid, role=role, code=code, timezone="America/New_York")
            s.add(p)
            await s.flush()
            made[code] = p.id
        s.add(ClientProfile(person_id=made["C-10"], therapist_id=made["T-1"], checkin_time=dt.time(19)))
        if not therapist_ok:
            (await s.get(Person, made["T-1"])).reachable = False
        if with_oncall:
            await oncall.take_oncall(s, made["S-1"], at=T0 - dt.timedelta(hours=1))
    return made


async def _raise(db: Database, client: int, *flags: F, at: dt.datetime = T0) -> int:
    async with db.session() as s, s.begin():
        alert_id = await alerts.raise_alert(s, client, flags, source="checkin", at=at)
    assert alert_id is not None
    return alert_id


async def _messages(db: Database) -> list[tuple[int, str, str]]:
    """(chat id, kind, text) of every outbox row, oldest first."""
    async with db.session() as s:
        rows = (await s.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars()
        return [(r.chat_id, r.kind, json.loads(r.payload)["text"]) for r in rows]


async def _delivered(db: Database, alert_id: int, person_id: int, at: dt.datetime = T0) -> None:
    """What the outbox does when Telegram takes a push."""
    async with db.session() as s, s.begin():
        await alert_delivery.push_delivered(s, alert_id, person_id, at)


async def _alert(db: Database, alert_id: int) -> Alert:
    async with db.session() as s:
        alert = await s.get(Alert, alert_id)
        assert alert is not None
        return alert


async def test_high_alert_goes_to_the_therapist_with_code_and_buttons_only(db: Database) -> None:
    ids = await _people(db)
    alert_id = await _raise(db, ids["C-10"], F("high"))
    msgs = await _messages(db)
    assert [(chat, kind) for chat, kind, _ in msgs] == [(1, "alert")]  # the receipt waits for a delivered push
    push = msgs[0][2]
    assert "C-10" in push and "high" in push
    assert "craving" not in push and "9" not in push.replace(str(alert_id), "")  # no score on a lock screen
    async with db.session() as s:
        row = (await s.execute(select(OutboxMessage).where(OutboxMessage.kind == "alert"))).scalar_one()
    buttons = [d for r in json.loads(row.payload)["buttons"] for _, d in r]
    assert buttons == [
        AlertView(alert_id=alert_id).pack(),
        AlertAck(alert_id=alert_id).pack(),
        AlertReply(alert_id=alert_id).pack(),
    ]
    alert = await _alert(db, alert_id)
    assert alert.level == alert_access.THERAPIST and alert.next_escalation_at == T0 + POLICY.high_after
    await _delivered(db, alert_id, ids["T-1"])
    assert [(chat, text) for chat, kind, text in await _messages(db) if kind == "receipt"] == [
        (10, alerts.texts.CLIENT_RECEIPT_TOLD)
    ]
    await _delivered(db, alert_id, ids["T-1"])  # a push repeated after a crash: still one receipt
    assert len([k for _, k, _ in await _messages(db) if k == "receipt"]) == 1


async def test_unacknowledged_high_alert_escalates_to_oncall_then_admins_then_reminds(db: Database) -> None:
    ids = await _people(db)
    alert_id = await _raise(db, ids["C-10"], F("high"))
    assert await alerts.escalate_due(db, at=T0 + POLICY.high_after - dt.timedelta(seconds=1)) == 0
    assert await alerts.escalate_due(db, at=T0 + POLICY.high_after) == 1
    assert [c for c, k, _ in await _messages(db) if k == "alert"] == [1, 2]
    end = T0 + 2 * POLICY.high_after
    assert await alerts.escalate_due(db, at=end) == 1
    assert [c for c, k, _ in await _messages(db) if k == "alert"] == [1, 2, 3, 4]
    alert = await _alert(db, alert_id)
    # End of the chain, but not one push has been delivered (an outage): it keeps looking.
    assert alert.level == alert_access.ADMINS and alert.next_escalation_at == end + POLICY.retry
    await _delivered(db, alert_id, ids["A-1"], at=end + dt.timedelta(minutes=1))
    assert await alerts.escalate_due(db, at=end + POLICY.retry) == 1  # a human has it: reminded till acked
    assert (await _alert(db, alert_id)).next_escalation_at == end + POLICY.retry + POLICY.high_reminder
    reminders = [c for c, k, t in await _messages(db) if k == "alert" and t.startswith("Reminder")]
    assert sorted(reminders) == [1, 2, 3, 4]  # the holders and the admins
    assert await alerts.escalate_due(db, at=end + POLICY.retry + POLICY.high_reminder - dt.timedelta(seconds=1)) == 0
    assert [c for c, k, t in await _messages(db) if k == "alert" and "Reminder" not in t] == [1, 2, 3, 4]
    async with db.session() as s:
        steps = (await s.execute(select(func.count()).where(AuditEntry.action == "alert.escalated"))).scalar_one()
    assert steps == 2  # on-call, then the admins; after that, reminders (audited as such)


async def test_crisis_alert_goes_to_oncall_at_once_and_admins_after_15_minutes(db: Database) -> None:
    ids = await _people(db)
    await _raise(db, ids["C-10"], F("crisis", "safety_yes", "said yes to the safety question"))
    assert [c for c, k, _ in await _messages(db) if k == "alert"] == [1, 2]
    assert await alerts.escalate_due(db, at=T0 + dt.timedelta(minutes=14)) == 0
    assert await alerts.escalate_due(db, at=T0 + dt.timedelta(minutes=15)) == 1
    assert [c for c, k, _ in await _messages(db) if k == "alert"] == [1, 2, 3, 4]


async def test_acknowledging_stops_escalation_and_tells_everyone_and_the_client(db: Database) -> None:
    ids = await _people(db)
    alert_id = await _raise(db, ids["C-10"], F("crisis", "safety_yes", "yes"))
    await _delivered(db, alert_id, ids["S-1"])
    async with db.session() as s, s.begin():
        result = await alerts.acknowledge(s, alert_id, ids["S-1"], at=T0 + dt.timedelta(minutes=3))
    assert result.outcome is AckOutcome.ACKNOWLEDGED and result.acked_by_code == "S-1"
    assert await alerts.escalate_due(db, at=T0 + dt.timedelta(hours=5)) == 0
    msgs = await _messages(db)
    acked = [(c, t) for c, k, t in msgs if k == "alert-ack"]
    assert acked == [(1, acked[0][1])] and "S-1" in acked[0][1]  # the therapist hears who took it
    assert [t for c, k, t in msgs if c == 10] == [alerts.texts.CLIENT_RECEIPT_TOLD, alerts.texts.CLIENT_RECEIPT_ACKED]
    async with db.session() as s, s.begin():
        again = await alerts.acknowledge(s, alert_id, ids["T-1"])
    assert again.outcome is AckOutcome.ALREADY and again.acked_by_code == "S-1"


async def test_unreachable_therapist_means_oncall_is_told_at_once(db: Database) -> None:
    ids = await _people(db, therapist_ok=False)
    await _raise(db, ids["C-10"], F("high"))
    assert [c for c, k, _ in await _messages(db) if k == "alert"] == [2]


async def test_therapist_who_blocks_the_bot_after_the_push_escalates_on_the_next_pass(db: Database) -> None:
    ids = await _people(db)
    await _raise(db, ids["C-10"], F("high"))
    async with db.session() as s, s.begin():
        (await s.get(Person, ids["T-1"])).reachable = False  # the outbox saw Forbidden
    assert await alerts.escalate_due(db, at=T0 + dt.timedelta(minutes=1)) == 1
    assert [c for c, k, _ in await _messages(db) if k == "alert"] == [1, 2]


async def test_nobody_on_call_goes_straight_to_admins(db: Database) -> None:
    ids = await _people(db, therapist_ok=False, with_oncall=False)
    alert_id = await _raise(db, ids["C-10"], F("high"))
    assert [c for c, k, _ in await _messages(db) if k == "alert"] == [3, 4]
    assert (await _alert(db, alert_id)).level == alert_access.ADMINS


async def test_with_nobody_reachable_the_alert_keeps_trying_until_a_human_is_told(db: Database) -> None:
    ids = await _people(db, therapist_ok=False, with_oncall=False)
    async with db.session() as s, s.begin():
        for code in ("S-1", "A-1", "A-2"):
            (await s.get(Person, ids[code])).reachable = False
    alert_id = await _raise(db, ids["C-10"], F("crisis", "safety_yes", "yes"))
    assert [c for c, k, _ in await _messages(db) if k == "alert"] == []
    assert (await _alert(db, alert_id)).next_escalation_at == T0 + POLICY.retry
    async with db.session() as s, s.begin():
        (await s.get(Person, ids["A-2"])).reachable = True  # an admin unblocks the bot
    assert await alerts.escalate_due(db, at=T0 + POLICY.retry) == 1
    assert [c for c, k, _ in await _messages(db) if k == "alert"] == [4]
    assert (await _alert(db, alert_id)).next_escalation_at == T0 + 2 * POLICY.retry  # until delivered
    await _delivered(db, alert_id, ids["A-2"])
    assert await alerts.escalate_due(db, at=T0 + 2 * POLICY.retry) == 1
    # Delivered at last: reminded of at the crisis interval until someone acknowledges.
    assert (await _alert(db, alert_id)).next_escalation_at == T0 + 2 * POLICY.retry + POLICY.crisis_reminder


async def test_medium_flags_wake_nobody(db: Database) -> None:
    ids = await _people(db)
    alert_id = await _raise(db, ids["C-10"], F("medium", "mood_low_3_days", "mood at the lowest 3 days"))
    assert await _messages(db) == []
    assert (await _alert(db, alert_id)).next_escalation_at is None


async def test_a_crash_after_claiming_loses_nothing_and_tells_nobody_twice(db: Database) -> None:
    ids = await _people(db)
    await _raise(db, ids["C-10"], F("high"))
    due = T0 + POLICY.high_after
    assert len(await alerts.claim_due(db, due, POLICY)) == 1  # claimed, then the process died
    assert await alerts.escalate_due(db, at=due) == 0  # leased: nobody else takes it meanwhile
    assert await alerts.escalate_due(db, at=due + POLICY.lease + dt.timedelta(seconds=1)) == 1
    assert await alerts.escalate_due(db, at=due + POLICY.lease + dt.timedelta(seconds=2)) == 0
    assert [c for c, k, _ in await _messages(db) if k == "alert"] == [1, 2]


async def test_only_the_care_team_may_view_or_acknowledge_and_views_are_audited(db: Database) -> None:
    ids = await _people(db)
    async with db.session() as s, s.begin():
        other = Person(telegram_id=99, role="therapist", code="T-99", timezone="UTC")
        s.add(other)
        await s.flush()
        other_id = other.id
    alert_id = await _raise(db, ids["C-10"], F("high"))
    async with db.session() as s, s.begin():
        assert await alert_views.view(s, alert_id, other_id) is None
        assert (await alerts.acknowledge(s, alert_id, other_id)).outcome is AckOutcome.NOT_ALLOWED
        detail = await alert_views.view(s, alert_id, ids["T-1"])
    assert detail is not None and detail.reasons == ["craving 9, 7-day mean 3"] and detail.client_code == "C-10"
    async with db.session() as s:
        actions = list((await s.execute(select(AuditEntry.action).order_by(AuditEntry.id))).scalars())
    assert "alert.view_denied" in actions and "alert.ack_denied" in actions and actions[-1] == "alert.view"
    async with db.session() as s, s.begin():
        assert [a.id for a in await alert_views.open_alerts(s, ids["T-1"])] == [alert_id]
        assert await alert_views.open_alerts(s, other_id) == []
        assert [a.id for a in await alert_views.open_alerts(s, ids["A-1"])] == [alert_id]


async def test_medium_alerts_go_into_one_digest_at_the_therapists_local_time(db: Database) -> None:
    from bot.domain.caseload import digest

    ids = await _people(db)  # the therapist's zone is America/New_York; T0 is 10:00 there
    for _ in range(3):
        await _raise(db, ids["C-10"], F("medium", "mood_low_3_days", "mood at the lowest 3 days"))
    async with db.session() as s, s.begin():
        assert await digest.plan_digests(s, T0, dt.time(11, 0)) == 0  # not yet 11:00 in New York
    async with db.session() as s, s.begin():
        assert await digest.plan_digests(s, T0 + dt.timedelta(hours=1), dt.time(11, 0)) == 1
    async with db.session() as s, s.begin():  # planning again the same day sends nothing more
        assert await digest.plan_digests(s, T0 + dt.timedelta(hours=2), dt.time(11, 0)) == 0
    msgs = await _messages(db)
    assert msgs == [(1, "digest", "Your daily review list has 3 items.")]


async def test_with_nobody_on_call_the_admins_are_told_so_plainly(db: Database) -> None:
    """Never "not acknowledged in 0 min": at once it says nobody is on call; later, how long it waited too."""
    ids = await _people(db, with_oncall=False)
    crisis = await _raise(db, ids["C-10"], F("crisis", "safety_yes", "yes"))
    high = await _raise(db, ids["C-10"], F("high"))
    await alerts.escalate_due(db, at=T0 + POLICY.high_after)
    to_admin = [t for c, k, t in await _messages(db) if c == 3 and k == "alert"]
    assert len(to_admin) == 2
    assert f"A-{crisis}" in to_admin[0] and "Nobody is on call" in to_admin[0] and "0 min" not in to_admin[0]
    assert f"A-{high}" in to_admin[1] and "in 4 h, and nobody is on call" in to_admin[1]
