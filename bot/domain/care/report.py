"""The response-time report: the clinic's proof that alerts reach a human, and how fast.

For the alerts raised in a window, by severity and by therapist: how many, how many were
acknowledged, the time to acknowledge (median and 90th percentile), how many escalated
(nobody acknowledged within the severity's escalation window, so the next tier was told),
and how many follow-up tasks after a crisis were done by their deadline. Numbers only: no
client is named, so the report may be printed and shared.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.db.care_models import FollowUp
from bot.db.models import Alert, Person
from bot.domain.care.alerts import SEVERITY_RANK, EscalationPolicy
from bot.domain.records import audit

DEFAULT_DAYS = 30


@dataclass(frozen=True)
class Row:
    label: str
    alerts: int
    acked: int
    median_minutes: float | None
    p90_minutes: float | None
    escalated: int
    followups: int
    on_time: int


@dataclass(frozen=True)
class Report:
    start: dt.datetime
    end: dt.datetime
    by_severity: list[Row]
    by_therapist: list[Row]

    @property
    def total(self) -> int:
        return sum(r.alerts for r in self.by_severity)


@dataclass(frozen=True)
class _Item:
    severity: str
    therapist: str
    ack_minutes: float | None
    escalated: bool
    followup: bool
    on_time: bool


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0..100), linear between the closest ranks; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def escalated(alert: Alert, at: dt.datetime, policy: EscalationPolicy) -> bool:
    """Not acknowledged within its window: the escalation loop told the next tier. Medium never escalates."""
    if alert.severity == "medium":
        return False
    deadline = alert.created_at + policy.window(alert.severity)
    return (alert.acked_at or at) > deadline


def summarise(label: str, items: Iterable[_Item]) -> Row:
    rows = list(items)
    minutes = [i.ack_minutes for i in rows if i.ack_minutes is not None]
    return Row(
        label=label,
        alerts=len(rows),
        acked=len(minutes),
        median_minutes=statistics.median(minutes) if minutes else None,
        p90_minutes=percentile(minutes, 90),
        escalated=sum(i.escalated for i in rows),
        followups=sum(i.followup for i in rows),
        on_time=sum(i.on_time for i in rows),
    )


async def build(
    session: AsyncSession,
    start: dt.datetime,
    end: dt.datetime,
    at: dt.datetime,
    policy: EscalationPolicy | None = None,
    actor_person_id: int | None = None,
) -> Report:
    """The report for alerts raised in [start, end); audited (who asked, which window)."""
    policy = policy or EscalationPolicy()
    stmt = (
        select(Alert, Person.code, FollowUp)
        .outerjoin(Person, Person.id == Alert.therapist_id)
        .outerjoin(FollowUp, FollowUp.alert_id == Alert.id)
        .where(Alert.created_at >= start, Alert.created_at < end)
        .order_by(Alert.id)
    )
    items: list[_Item] = []
    for alert, therapist_code, task in (await session.execute(stmt)).all():
        ack = None if alert.acked_at is None else (alert.acked_at - alert.created_at).total_seconds() / 60
        on_time = (  # an erased client's task was closed, not done
            task is not None and task.status == "done" and task.closed_at is not None and task.closed_at <= task.due_at
        )
        items.append(
            _Item(
                alert.severity,
                therapist_code or texts.REPORT_NO_THERAPIST,
                ack,
                escalated(alert, at, policy),
                task is not None,
                on_time,
            )
        )
    severities = sorted({i.severity for i in items}, key=lambda s: -SEVERITY_RANK.get(s, 0))
    therapists = sorted({i.therapist for i in items})
    audit.record(
        session, "report.alerts", actor_person_id=actor_person_id, start=start.isoformat(), end=end.isoformat()
    )
    return Report(
        start=start,
        end=end,
        by_severity=[
            summarise(texts.SEVERITY_LABEL.get(s, s), (i for i in items if i.severity == s)) for s in severities
        ],
        by_therapist=[summarise(t, (i for i in items if i.therapist == t)) for t in therapists],
    )


def duration(minutes: float | None) -> str:
    """Minutes as a person reads them: "7 min", "3.5 h"; a dash for none."""
    if minutes is None:
        return texts.REPORT_NO_VALUE
    if minutes < 120:
        return f"{minutes:.0f} min"
    return f"{minutes / 60:.1f} h"


def _line(row: Row) -> str:
    return texts.REPORT_LINE.format(
        label=row.label,
        alerts=row.alerts,
        acked=row.acked,
        median=duration(row.median_minutes),
        p90=duration(row.p90_minutes),
        escalated=row.escalated,
        on_time=row.on_time,
        followups=row.followups,
    )


def render_text(report: Report, start_label: str, end_label: str) -> str:
    """The report as HTML lines (Telegram); the CLI strips the tags."""
    if report.total == 0:
        return texts.REPORT_NONE.format(start=start_label, end=end_label)
    lines = [texts.REPORT_TITLE.format(start=start_label, end=end_label), "", texts.REPORT_SEVERITY_HEADER]
    lines += [_line(r) for r in report.by_severity]
    lines += ["", texts.REPORT_THERAPIST_HEADER]
    lines += [_line(r) for r in report.by_therapist]
    return "\n".join(lines)


def window(
    start: dt.date | None, end: dt.date | None, zone: ZoneInfo, today: dt.date
) -> tuple[dt.datetime, dt.datetime]:
    """[from 00:00, the day after `to` 00:00) in the clinic's zone; the last 30 days by default."""
    last = end or today
    first = start or last - dt.timedelta(days=DEFAULT_DAYS - 1)
    begin = dt.datetime.combine(first, dt.time(0), zone)
    finish = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), zone)
    return begin.astimezone(dt.UTC), finish.astimezone(dt.UTC)


def labels(start: dt.datetime, end: dt.datetime, zone: ZoneInfo) -> tuple[str, str]:
    """The window's first and last day as the clinic reads them."""
    return f"{start.astimezone(zone):%Y-%m-%d}", f"{(end - dt.timedelta(days=1)).astimezone(zone):%Y-%m-%d}"
