"""Questionnaires on a schedule: due on a weekday at the client's local time, reminded the next day, overdue after.

Each client's questionnaires fall due every few weeks (QUESTIONNAIRE_EVERY, changed per cohort by
QUESTIONNAIRE_COHORTS), counted from the first QUESTIONNAIRE_DAY on or after they enrolled. The BAM
runs as one form per client, the one their schedule names (bam7, the weekly form, unless bam30). The
planner writes one outbox message per client and due day (neutral on a lock screen, a button per
questionnaire due) at QUESTIONNAIRE_TIME in their zone, DST-safe, and one more the next day for those
still unanswered. One answered in the two days before its due day counts for it. Once
QUESTIONNAIRE_OVERDUE_DAYS have passed unanswered, a medium flag goes to the therapist's digest,
once per due day. Submitting withdraws the reminders still waiting; the next pass plans the rest.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.care_settings import BAM_FORMS, WEEKDAYS, parse_cohorts, parse_every
from bot.db.models import ClientProfile, FlagRecord, OutboxKind, OutboxMessage, OutboxStatus, Person, Role
from bot.db.questionnaire_models import QuestionnaireResponse
from bot.db.session import affected
from bot.domain.care import alerts
from bot.domain.checkins.reminders import existing_keys, reminder_instant
from bot.domain.questionnaires.definitions import Questionnaire, all_questionnaires, get
from bot.domain.questionnaires.flags import MeasureFlag
from bot.domain.records import bulk
from bot.texts import catalogue

log = logging.getLogger(__name__)

OVERDUE = "questionnaire_overdue"
EARLY = dt.timedelta(days=2)  # answered this long before the due day counts for it


@callback("qn.p")
class QuestionnairePick(CallbackData):
    """Start this questionnaire (from /weekly's list, or the message saying it is due)."""

    key: str


@dataclass(frozen=True)
class DuePlan:
    """When questionnaires fall due; the QUESTIONNAIRE_* settings."""

    weekday: int = 0  # Monday
    at_local: dt.time = dt.time(18, 0)
    every: Mapping[str, int] = field(default_factory=dict)  # questionnaire -> weeks (0: only when asked)
    cohorts: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    overdue_days: int = 3

    @classmethod
    def from_settings(cls, settings: Any) -> DuePlan:
        return cls(
            weekday=WEEKDAYS.index(settings.questionnaire_day),
            at_local=settings.questionnaire_time,
            every=parse_every(settings.questionnaire_every),
            cohorts=parse_cohorts(settings.questionnaire_cohorts),
            overdue_days=settings.questionnaire_overdue_days,
        )

    def for_cohort(self, cohort: str | None) -> dict[str, int]:
        """Weeks between due days for each questionnaire a client of this cohort gets.

        A cohort that names a BAM form gets that one instead of the clinic's: one BAM form per client."""
        own = self.cohorts.get((cohort or "").strip().lower(), {})
        chose_bam = any(k in own for k in BAM_FORMS)
        return {**{k: w for k, w in self.every.items() if not (chose_bam and k in BAM_FORMS)}, **own}

    def bam_form(self, cohort: str | None) -> str:
        """The BAM form this cohort's clients answer: the one its schedule names, else the weekly one."""
        named = self.for_cohort(cohort)
        return next((k for k in BAM_FORMS if k in named), BAM_FORMS[0])

    def offered(self, cohort: str | None) -> list[Questionnaire]:
        """What /weekly offers a client of this cohort: every questionnaire, and of the BAM only their form."""
        bam = self.bam_form(cohort)
        return [q for q in all_questionnaires().values() if q.key == bam or q.key not in BAM_FORMS]


def latest_due(anchor: dt.date, weekday: int, weeks: int, today: dt.date) -> dt.date | None:
    """The last due day on or before `today`: the first `weekday` on or after `anchor`, then every `weeks`."""
    if weeks <= 0:
        return None
    first = anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)
    if today < first:
        return None
    return first + dt.timedelta(weeks=(today - first).days // (7 * weeks) * weeks)


def due_key(person_id: int, day: dt.date, stage: str) -> str:
    return f"qdue:{person_id}:{day.isoformat()}:{stage}"


@dataclass
class Planned:
    messages: int = 0
    flagged: int = 0
    unknown: set[str] = field(default_factory=set)  # names in the settings that are no questionnaire


async def cohort_of(session: AsyncSession, person_id: int) -> str | None:
    """The client's cohort (None for no profile: team members, who get the clinic's schedule)."""
    cohort: str | None = await session.scalar(select(ClientProfile.cohort).where(ClientProfile.person_id == person_id))
    return cohort


async def last_answers(session: AsyncSession) -> dict[tuple[int, str], dt.datetime]:
    """When each client last submitted each questionnaire."""
    rows = await session.execute(
        select(
            QuestionnaireResponse.person_id,
            QuestionnaireResponse.questionnaire,
            func.max(QuestionnaireResponse.submitted_at),
        ).group_by(QuestionnaireResponse.person_id, QuestionnaireResponse.questionnaire)
    )
    return {(pid, key): at for pid, key, at in rows.tuples()}


async def _last_flags(session: AsyncSession) -> dict[int, dt.datetime]:
    rows = await session.execute(
        select(FlagRecord.person_id, func.max(FlagRecord.created_at))
        .where(FlagRecord.rule == OVERDUE)
        .group_by(FlagRecord.person_id)
    )
    return {pid: at for pid, at in rows.tuples()}


@dataclass(frozen=True)
class ClientDue:
    """One client's latest due day of each questionnaire on their schedule, and whether it is answered."""

    person_id: int
    chat_id: int
    language: str
    reachable: bool
    zone: ZoneInfo
    due: dict[str, tuple[dt.date, bool]]  # questionnaire -> (due day, answered for it)


async def clients_due(
    session: AsyncSession, now: dt.datetime, rules: DuePlan, cohort: str | None = None
) -> tuple[list[ClientDue], set[str]]:
    """Every active, consented client (of `cohort`, if given) with what is due; and the unknown names.

    Plain columns, not ORM objects: the planner runs this every minute over every client."""
    answered = await last_answers(session)
    query = (
        select(
            Person.id,
            Person.telegram_id,
            Person.language,
            Person.reachable,
            Person.timezone,
            Person.created_at,
            ClientProfile.cohort,
        )
        .outerjoin(ClientProfile, ClientProfile.person_id == Person.id)
        .where(Person.role == Role.CLIENT, Person.active.is_(True), Person.consent_version.is_not(None))
    )
    if cohort is not None:
        query = query.where(func.lower(ClientProfile.cohort) == cohort.strip().lower())
    found, unknown = [], set()
    zones: dict[str, ZoneInfo | None] = {}
    for pid, chat, language, reachable, timezone, created, their_cohort in (await session.execute(query)).tuples():
        if timezone not in zones:
            try:
                zones[timezone] = ZoneInfo(timezone)
            except (ZoneInfoNotFoundError, ValueError):
                zones[timezone] = None  # settings only store known zones; a removed one must not stop the planner
        zone = zones[timezone]
        if zone is None:
            continue
        today = now.astimezone(zone).date()
        anchor = created.astimezone(zone).date()
        due: dict[str, tuple[dt.date, bool]] = {}
        for key, weeks in rules.for_cohort(their_cohort).items():
            if get(key) is None:
                unknown.add(key)
                continue
            day = latest_due(anchor, rules.weekday, weeks, today)
            if day is not None:
                last = answered.get((pid, key))
                due[key] = (day, last is not None and last >= reminder_instant(day - EARLY, dt.time(0, 0), zone))
        found.append(ClientDue(pid, chat, language or catalogue.SOURCE, bool(reachable), zone, due))
    return found, unknown


@dataclass(frozen=True)
class _Message:
    client: ClientDue
    day: dt.date
    stage: str
    at: dt.datetime
    keys: tuple[str, ...]

    @property
    def dedupe_key(self) -> str:
        return due_key(self.client.person_id, self.day, self.stage)


async def plan(
    session: AsyncSession, now: dt.datetime, grace: dt.timedelta, horizon: dt.timedelta, rules: DuePlan
) -> Planned:
    """Queue the due and next-day messages in the window, and flag what is overdue; idempotent."""
    done = Planned()
    if not any(rules.every.values()) and not any(w for c in rules.cohorts.values() for w in c.values()):
        return done
    clients, done.unknown = await clients_due(session, now, rules)
    flagged = await _last_flags(session)
    wanted: list[_Message] = []
    for client in clients:
        open_: dict[dt.date, list[str]] = {}
        for key, (day, answered) in client.due.items():
            if not answered:
                open_.setdefault(day, []).append(key)
        for day, keys in open_.items():
            if client.reachable:  # blocked the bot: nothing to send, but the care team still hears it is overdue
                for stage, on in (("due", day), ("again", day + dt.timedelta(days=1))):
                    at = reminder_instant(on, rules.at_local, client.zone)
                    if now - grace <= at <= now + horizon:
                        wanted.append(_Message(client, day, stage, at, tuple(keys)))
            overdue = reminder_instant(day + dt.timedelta(days=rules.overdue_days), rules.at_local, client.zone)
            last_flag = flagged.get(client.person_id)
            since = reminder_instant(day, dt.time(0, 0), client.zone)
            if now >= overdue and (last_flag is None or last_flag < since):
                await _flag(session, client.person_id, day, keys, now, rules)
                done.flagged += 1
    taken = await existing_keys(session, [m.dedupe_key for m in wanted])
    # Batched: a due evening is thousands of rows at once.
    done.messages = await bulk.enqueue_many(session, [_row(m) for m in wanted if m.dedupe_key not in taken])
    return done


def _row(m: _Message) -> bulk.NewMessage:
    with catalogue.speaking(m.client.language):  # the client's language, whoever runs the planner
        text = texts.Q_DUE if m.stage == "due" else texts.Q_DUE_AGAIN
        found = [q for q in all_questionnaires().values() if q.key in m.keys]  # in /weekly's order, BAM first
        buttons = [[(q.title, QuestionnairePick(q.key).pack())] for q in found]
    chat, person = m.client.chat_id, m.client.person_id
    return bulk.NewMessage(chat, OutboxKind.REMINDER, text, person, m.at, m.dedupe_key, buttons)


async def _flag(
    session: AsyncSession, person_id: int, day: dt.date, keys: list[str], now: dt.datetime, rules: DuePlan
) -> None:
    """A medium flag for the digest (once per client and due day: `plan` checks): which questionnaires, since when."""
    names = ", ".join(q.title for q in (get(k) for k in keys) if q is not None)
    why = f"{names} not answered {rules.overdue_days} days after it was due ({day:%a %d %b})"
    await alerts.raise_alert(session, person_id, [MeasureFlag("medium", OVERDUE, why)], source="planner", at=now)


async def withdraw(session: AsyncSession, person_id: int) -> int:
    """Drop the client's due messages still waiting (they just answered); the next pass plans what is left."""
    return affected(
        await session.execute(
            delete(OutboxMessage).where(
                OutboxMessage.person_id == person_id,
                OutboxMessage.status == OutboxStatus.PENDING,
                OutboxMessage.dedupe_key.like(f"qdue:{person_id}:%"),
            )
        )
    )


_told: set[str] = set()


def report_unknown(names: set[str]) -> None:
    """Log a name in the settings that is no questionnaire, once per process (the planner runs every minute)."""
    if names - _told:
        _told.update(names)
        log.error("QUESTIONNAIRE_EVERY / QUESTIONNAIRE_COHORTS name no questionnaire: %s", ", ".join(sorted(names)))
