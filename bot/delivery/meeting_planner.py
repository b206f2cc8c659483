"""Plans meeting reminders into the outbox over a rolling horizon; run by the same planner job as check-ins.

For every occurrence starting within the horizon plus the longest lead time, each client in
its audience gets a reminder per lead time they want for that kind of meeting, due `lead`
before the start. Keys make planning idempotent; pending reminders whose occurrence moved or
vanished or whose client left the audience are withdrawn, and those whose lead the client
turned off are cancelled (and revived when it is turned on again).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.delivery import bulk
from bot.domain import meeting_reminders as mr
from bot.domain import schedule
from bot.domain.schedule import Audiences, Occurrence

MAX_LEAD = dt.timedelta(days=7)


@dataclass
class MeetingPlanReport:
    occurrences: int = 0  # in the window
    due: int = 0  # reminders wanted in the window
    planned: int = 0  # rows written by this run
    revived: int = 0  # rows cancelled by a settings change, wanted again
    already: int = 0
    withdrawn: int = 0  # pending rows cancelled: changed meeting, audience or settings
    expired: int = 0  # pending rows cancelled: the meeting has started


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


async def plan_meeting_reminders(
    session: AsyncSession,
    now: dt.datetime,
    grace: dt.timedelta,
    horizon: dt.timedelta,
    default_leads: tuple[int, ...],
) -> MeetingPlanReport:
    """Write every meeting reminder due in [now - grace, now + horizon] not planned yet; tidy pending ones."""
    report = MeetingPlanReport()
    cal = await schedule.load(session)
    audiences = Audiences(await schedule.reachable_clients(session))
    prefs = await mr.all_prefs(session)
    leads_in_use = set(default_leads) | {m for leads in prefs.values() for m in leads}
    longest = min(dt.timedelta(minutes=max(leads_in_use, default=0)), MAX_LEAD)
    occurrences = [o for o in cal.occurrences(now, now + horizon + longest) if not o.series.all_day]
    report.occurrences = len(occurrences)

    wanted: dict[str, bulk.NewMessage] = {}
    for occ in occurrences:
        for lead in sorted(leads_in_use):
            due = occ.start - dt.timedelta(minutes=lead)
            if not now - grace <= due <= now + horizon:
                continue
            _plan_occurrence(occ, lead, due, audiences, prefs, default_leads, wanted)
    report.due = len(wanted)
    pending = await mr.pending_rows_raw(session)
    await _tidy(session, now, grace, now + horizon + longest, pending, wanted, occurrences, audiences, prefs,
                default_leads, report)  # fmt: skip

    # Rows already pending are planned; a key that exists otherwise (sent, or cancelled for a reason that
    # stands) is skipped by the insert's ON CONFLICT: no need to look every key up.
    fresh = {k: m for k, m in wanted.items() if k not in pending}
    revivable = await mr.revivable_rows(session, list(fresh))
    report.revived = await mr.set_status(session, list(revivable.values()), revive=True, reason=None, now=now)
    report.planned = await bulk.enqueue_many(session, [m for k, m in fresh.items() if k not in revivable])
    report.already = len(wanted) - report.planned - report.revived
    return report


def _plan_occurrence(
    occ: Occurrence,
    lead: int,
    due: dt.datetime,
    audiences: Audiences,
    prefs: dict[tuple[int, str], tuple[int, ...]],
    default_leads: tuple[int, ...],
    wanted: dict[str, bulk.NewMessage],
) -> None:
    kind = occ.series.kind
    buttons = mr.rsvp_buttons(occ)
    text_by_zone: dict[str, str] = {}
    prefix = mr.reminder_key(occ.series.id, occ.original_start, occ.start, 0, 0).removesuffix("0:0")
    suffix = f":{lead}"
    for m in audiences.of(occ.series):
        # Without stored choices every lead in use is a default one: skip the lookup.
        if prefs and lead not in prefs.get((m.person_id, kind), default_leads):
            continue
        text = text_by_zone.get(m.timezone)
        if text is None:
            text = text_by_zone[m.timezone] = mr.reminder_text(occ, _zone(m.timezone), due)
        key = f"{prefix}{m.person_id}{suffix}"
        wanted[key] = bulk.NewMessage(
            chat_id=m.chat_id,
            kind=mr.KIND,
            text=text,
            person_id=m.person_id,
            due_at=due,
            dedupe_key=key,
            buttons=buttons,
        )


async def _tidy(
    session: AsyncSession,
    now: dt.datetime,
    grace: dt.timedelta,
    window_end: dt.datetime,
    pending: dict[str, int],
    wanted: dict[str, bulk.NewMessage],
    occurrences: list[Occurrence],
    audiences: Audiences,
    prefs: dict[tuple[int, str], tuple[int, ...]],
    default_leads: tuple[int, ...],
    report: MeetingPlanReport,
) -> None:
    """Cancel pending reminders that no longer match the calendar, the audience or the client's settings.

    A pending key that is wanted now is right as it is; only the others are read and sorted out.
    """
    standing = {(o.series.id, int(o.original_start.timestamp()), int(o.start.timestamp())): o for o in occurrences}
    late, changed, unwanted = [], [], []
    for key_text, row_id in pending.items():
        if key_text in wanted:
            continue
        key = mr.parse_key(key_text)
        if key is None:
            continue
        occ = standing.get((key.series_id, key.original, key.start))
        if key.start <= now.timestamp() or key.start - 60 * key.lead < (now - grace).timestamp():
            late.append(row_id)  # started, or overdue by more than the grace period (downtime)
        elif occ is None and key.start >= window_end.timestamp():
            unwanted.append(row_id)  # beyond every lead in use: a client shortened theirs
        elif occ is None or not audiences.includes(occ.series, key.person_id):
            changed.append(row_id)
        elif key.lead not in prefs.get((key.person_id, occ.series.kind), default_leads):
            unwanted.append(row_id)
        # else: due later than the horizon (planned with a longer one): it stays
    report.expired = await mr.set_status(session, late, revive=False, reason=mr.TOO_LATE, now=now)
    report.withdrawn = await mr.withdraw(session, changed)  # deleted: the key is free if the date comes back
    report.withdrawn += await mr.set_status(session, unwanted, revive=False, reason=mr.SETTINGS_CHANGED, now=now)
