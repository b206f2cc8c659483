"""The response-time report from real rows: by severity and by therapist, follow-ups on time."""

from __future__ import annotations

import datetime as dt

from bot.db.session import Database
from bot.domain.care import alerts, followups, report
from tests.db.test_alerts import T0, F, _people, _raise


async def test_report_counts_ack_times_escalations_and_follow_ups_on_time(db: Database) -> None:
    made = await _people(db)
    fast = await _raise(db, made["C-10"], F("crisis", "si_plan", "said yes"))
    slow = await _raise(db, made["C-10"], F("crisis", "si_plan", "said yes"), at=T0 + dt.timedelta(hours=1))
    await _raise(db, made["C-10"], F("high"), at=T0 + dt.timedelta(hours=2))  # never acknowledged
    async with db.session() as s, s.begin():
        await alerts.acknowledge(s, fast, made["T-1"], at=T0 + dt.timedelta(minutes=4))
        await alerts.acknowledge(s, slow, made["S-1"], at=T0 + dt.timedelta(hours=1, minutes=30))
    async with db.session() as s, s.begin():
        task_ids = sorted(f.id for f in await followups.open_for(s, made["S-1"], T0))
        await followups.close(s, task_ids[0], made["T-1"], reached=True, at=T0 + dt.timedelta(hours=20))
        await followups.close(s, task_ids[1], made["T-1"], reached=True, at=T0 + dt.timedelta(hours=90))
        built = await report.build(s, T0 - dt.timedelta(days=1), T0 + dt.timedelta(days=1), T0 + dt.timedelta(days=5))
    crisis, high = built.by_severity
    assert (crisis.alerts, crisis.acked, crisis.escalated, crisis.followups, crisis.on_time) == (2, 2, 1, 2, 1)
    assert crisis.median_minutes == 17.0 and crisis.p90_minutes is not None and 26 < crisis.p90_minutes < 30
    assert (high.alerts, high.acked, high.escalated, high.median_minutes) == (1, 0, 1, None)
    assert [r.label for r in built.by_therapist] == ["T-1"] and built.by_therapist[0].alerts == 3
    text = report.render_text(built, "2026-11-26", "2026-11-28")
    assert "median 17 min" in text and "follow-ups 1/2 on time" in text and "said yes" not in text


async def test_an_empty_window_says_so(db: Database) -> None:
    async with db.session() as s, s.begin():
        built = await report.build(s, T0, T0 + dt.timedelta(days=1), T0)
    assert report.render_text(built, "a", "b") == "No alerts were raised between a and b."
