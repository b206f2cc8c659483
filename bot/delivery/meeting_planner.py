"""Plans meeting reminders into the outbox over a rolling horizon; run by the same planner job as check-ins.

For every occurrence starting within the horizon plus the longest lead time, each client in
its audience gets a reminder per lead time they want for that kind of meeting, due `lead`
before the start. An all-day event (a family day, an outing) has no start time to count back
from: its reminders come in the client's own time zone, 18:00 the evening before for a lead of
12 hours or more (two evenings before for 48 h) and 08:00 on the day for a shorter one
(meeting_reminders.due_at), and it counts as ahead until its day is over. Keys make planning
idempotent; pending reminders whose occurrence moved or vanished or whose client left the
audience are withdrawn, and those whose lead the client turned off are cancelled (and revived
when it is turned on again).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.meetings import reminders as mr
from bot.domain.meetings import schedule
from bot.domain.meetings.schedule import Audiences, Occurrence
from bot.domain.records import bulk
from bot.texts import catalogue

MAX_LEAD = dt.timedelta(days=7)
ALL_DAY_REACH = dt.timedelta(days=1)


@dataclass
class MeetingPlanReport:
    occurrences: int = 0  # in the window
    due: int = 0  # reminders wanted in the window
    planned: int = 0  # rows written by this run
    revived: int = 0  # rows cancelled by a settings change, wanted again
    already: int = 0
    withdrawn: int = 0  # pending rows cancelled: changed meeting, audience or settings
    expired: int = 0  # pending rows cancelled: the meeting has started
    deferred: int = 0  # occurrences past this pass's cap, planned by a later pass


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


async def plan_meeting_reminders(
    session: AsyncSession,
    now: dt.datetime,
    grace: dt.timedelta,
    horizon: dt.timedelta,
    default_leads: tuple[int, ...],
    max_occurrences: int = 5000,
) -> MeetingPlanReport:
    """Write every meeting reminder due in [now - grace, now + horizon] not planned yet; tidy pending ones."""
    report = MeetingPlanReport()
    cal = await schedule.load(session)
    audiences = Audiences(await schedule.reachable_clients(session))
    prefs = await mr.all_prefs(session)
    leads_in_use = set(default_leads) | {m for leads in prefs.values() for m in leads}
    longest = min(dt.timedelta(minutes=max(leads_in_use, default=0)), MAX_LEAD)
    # An all-day event's evening-before reminder can be due earlier than `lead` before its midnight (a client
    # east of the series' zone, a lead rounded up to one more evening): look a day further for those.
    occurrences = [
        o
        for o in cal.upcoming(now, now + horizon + longest + ALL_DAY_REACH)
        if o.series.all_day or o.start < now + horizon + longest
    ]
    # A cap per pass, earliest first: however a calendar was written, one pass stays short and the
    # rest waits for the next (the soonest reminders are the ones that cannot wait).
    # Tidying still sees every occurrence, so the reminders of those deferred are not taken for stale.
    report.deferred = max(0, len(occurrences) - max_occurrences)
    planned_now = sorted(occurrences, key=lambda o: o.start)[:max_occurrences]
    report.occurrences = len(planned_now)

    wanted: dict[str, bulk.NewMessage] = {}
    window = (now - grace, now + horizon)
    for occ in planned_now:
        for lead in sorted(leads_in_use):
            # Timed: one due time for everyone, so most leads are skipped here. All-day: per client zone, below.
            if not occ.series.all_day and not window[0] <= occ.start - dt.timedelta(minutes=lead) <= window[1]:
                continue
            _plan_occurrence(occ, lead, window, audiences, prefs, default_leads, wanted)
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
    window: tuple[dt.datetime, dt.datetime],
    audiences: Audiences,
    prefs: dict[tuple[int, str], tuple[int, ...]],
    default_leads: tuple[int, ...],
    wanted: dict[str, bulk.NewMessage],
) -> None:
    kind = occ.series.kind
    # Each client's reminder is made in their language when it is planned. A row already planned keeps its
    # words until it is sent or withdrawn (the insert skips a key that exists, a revived row keeps its own):
    # a change of language re-renders at the next pass once `planner.withdraw_for_language` has run.
    buttons: dict[str, list[list[tuple[str, str]]]] = {}  # language -> RSVP buttons, one list shared by its rows
    # (zone, language) -> (due, text), None when not due in window
    by_zone: dict[tuple[str, str], tuple[dt.datetime, str] | None] = {}
    prefix = mr.reminder_key(occ.series.id, occ.original_start, occ.start, 0, 0).removesuffix("0:0")
    suffix = f":{lead}"
    for m in audiences.of(occ.series):
        # Without stored choices every lead in use is a default one: skip the lookup.
        if prefs and lead not in prefs.get((m.person_id, kind), default_leads):
            continue
        reader = (m.timezone, m.language)
        planned = by_zone.get(reader)
        if planned is None:
            if reader in by_zone:
                continue  # not due in the window in this zone
            with catalogue.speaking(m.language):
                planned = by_zone[reader] = _due_and_text(occ, lead, _zone(m.timezone), window)
            if planned is None:
                continue
        due, text = planned
        if m.language not in buttons:
            with catalogue.speaking(m.language):
                buttons[m.language] = mr.rsvp_buttons(occ)
        key = f"{prefix}{m.person_id}{suffix}"
        wanted[key] = bulk.NewMessage(
            chat_id=m.chat_id,
            kind=mr.KIND,
            text=text,
            person_id=m.person_id,
            due_at=due,
            dedupe_key=key,
            buttons=buttons[m.language],
        )


def _due_and_text(
    occ: Occurrence, lead: int, zone: ZoneInfo, window: tuple[dt.datetime, dt.datetime]
) -> tuple[dt.datetime, str] | None:
    due = mr.due_at(occ, lead, zone)
    return (due, mr.reminder_text(occ, zone, due)) if window[0] <= due <= window[1] else None


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
        if _late(key, occ, now, grace, audiences):
            late.append(row_id)
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


def _late(key: mr.ReminderKey, occ: Occurrence | None, now: dt.datetime, grace: dt.timedelta, aud: Audiences) -> bool:
    """Started, or overdue by more than the grace period (downtime).

    An all-day event's reminders are due after its midnight start: only overdue counts, in the client's zone.
    """
    if occ is not None and occ.series.all_day:
        member = aud.member(key.person_id)
        return member is not None and mr.due_at(occ, key.lead, _zone(member.timezone)) < now - grace
    return key.start <= now.timestamp() or key.start - 60 * key.lead < (now - grace).timestamp()
