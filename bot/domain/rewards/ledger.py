"""The reward ledger: entries written (earned, tests, prizes, corrections) and a client's balance read.

Nothing here changes or deletes a row (the database refuses UPDATE): a wrong entry is reversed by a
correction that points at it, once. Every entry has an audit row. When rewards are off (the
default), nothing is earned and the staff commands say so before they get here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.core.clock import now
from bot.db.models import ClientProfile, OutboxKind, Person, Role
from bot.db.reward_models import RewardEntry
from bot.domain.records import audit
from bot.domain.records.outbox import enqueue
from bot.domain.rewards.rules import (
    CORRECTION,
    NEGATIVE,
    PRIZE,
    TEST_RESULTS,
    RewardRules,
    draws_for_negative,
    run_level,
    test_kind,
    week_of,
)
from bot.texts import catalogue, wording

TEST_KINDS = {test_kind(r): r for r in TEST_RESULTS}


class Refused(Exception):
    """The ledger would not take this entry: `reason` says why, `entry_id` names the entry in the way."""

    def __init__(self, reason: str, entry_id: int | None = None, **facts: int) -> None:
        super().__init__(reason)
        self.reason, self.entry_id, self.facts = reason, entry_id, facts


@dataclass(frozen=True)
class Balance:
    points: int
    draws: int  # draws earned and not yet used at the prize bowl
    weeks: int  # weeks in a row with a negative test (0 after a positive or missed one)
    next_draws: int  # what a negative test this week would earn


@dataclass(frozen=True)
class Line:
    entry: RewardEntry
    corrected: bool  # a later correction reversed it


def local_day(at: dt.datetime, timezone: str) -> dt.date:
    return at.astimezone(ZoneInfo(timezone)).date()


async def client_by_code(session: AsyncSession, code: str) -> Person | None:
    """An enrolled client by their code (C-1234), any case; None for anyone else."""
    found: Person | None = await session.scalar(
        select(Person).where(Person.code == code.strip().upper(), Person.role == Role.CLIENT)
    )
    return found


async def _lines(session: AsyncSession, person_id: int) -> list[Line]:
    rows = list(
        (
            await session.scalars(
                select(RewardEntry).where(RewardEntry.person_id == person_id).order_by(RewardEntry.at, RewardEntry.id)
            )
        ).all()
    )
    corrected = {r.corrects_id for r in rows if r.corrects_id is not None}
    return [Line(r, r.id in corrected) for r in rows]


def _tests(lines: list[Line], timezone: str) -> list[tuple[dt.date, str]]:
    """The client's uncorrected test results, oldest first, by their local day."""
    return [
        (local_day(line.entry.at, timezone), TEST_KINDS[line.entry.kind])
        for line in lines
        if line.entry.kind in TEST_KINDS and not line.corrected
    ]


def _add(session: AsyncSession, entry: RewardEntry, action: str) -> RewardEntry:
    session.add(entry)
    audit.record(
        session,
        action,
        actor_person_id=entry.by_person_id,
        client_person_id=entry.person_id,
        kind=entry.kind,
        points=entry.points,
        draws=entry.draws,
        source=entry.source,
        corrects=entry.corrects_id,
    )
    return entry


async def _tell(session: AsyncSession, person: Person, entry: RewardEntry) -> None:
    """A short, neutral push for what staff recorded; nothing for a check-in (its own reply says it)."""
    if not person.active or (entry.points <= 0 and entry.draws <= 0):
        return
    with catalogue.speaking(person.language):
        text = (texts.REWARD_PUSH_DRAWS if entry.draws else texts.REWARD_PUSH).format(
            points=wording.count(entry.points, "point"), draws=wording.count(entry.draws, "draw")
        )
    await enqueue(session, chat_id=person.telegram_id, person_id=person.id, kind=OutboxKind.REWARD, text=text)


async def earn(
    session: AsyncSession, rules: RewardRules, person_id: int, kind: str, key: str, at: dt.datetime
) -> RewardEntry | None:
    """Points for a check-in, attendance or questionnaire, once per `key`; None when nothing is due.

    Once reversed (attendance unmarked), the same key may earn again: the new entry's source is numbered.
    """
    points = rules.points_for(kind)
    if not rules.enabled or points <= 0:
        return None
    base = f"{kind}:{key}"
    earlier = [
        line
        for line in await _lines(session, person_id)
        if line.entry.source is not None and (line.entry.source == base or line.entry.source.startswith(base + "#"))
    ]
    if any(not line.corrected for line in earlier):
        return None
    source = f"{base}#{len(earlier)}" if earlier else base
    entry = RewardEntry(person_id=person_id, kind=kind, points=points, draws=0, source=source, at=at)
    _add(session, entry, "reward.earned")
    await session.flush()
    return entry


async def attended(
    session: AsyncSession, rules: RewardRules, person_id: int, key: str, came: bool, by: int, at: dt.datetime
) -> RewardEntry | None:
    """Attendance saved by staff: points when they came (told to the client); reversed if unmarked later."""
    if came:
        entry = await earn(session, rules, person_id, "attendance", key, at)
        person = await session.get(Person, person_id)
        if entry is not None and person is not None:
            await _tell(session, person, entry)
        return entry
    base = f"attendance:{key}"
    for line in await _lines(session, person_id):
        source = line.entry.source or ""
        if not line.corrected and (source == base or source.startswith(base + "#")):
            return await correct(session, line.entry.id, texts.REWARD_ATTENDANCE_UNMARKED, by, at)
    return None


async def record_test(
    session: AsyncSession, rules: RewardRules, client: Person, result: str, by: int, at: dt.datetime
) -> RewardEntry:
    """A test result staff recorded: a negative earns points and the run's draws; the others reset the run.

    One result per local day: a second one is refused with the first's number, to be corrected first.
    """
    lines = await _lines(session, client.id)
    day = local_day(at, client.timezone)
    for line in lines:
        if line.entry.kind in TEST_KINDS and not line.corrected and local_day(line.entry.at, client.timezone) == day:
            raise Refused("same_day", line.entry.id)
    negative = result == NEGATIVE
    draws = draws_for_negative(_tests(lines, client.timezone), day, rules.draws_max) if negative else 0
    entry = RewardEntry(
        person_id=client.id,
        kind=test_kind(result),
        points=rules.negative_test_points if negative else 0,
        draws=draws,
        by_person_id=by,
        at=at,
    )
    _add(session, entry, "reward.test")
    await session.flush()
    await _tell(session, client, entry)
    return entry


async def record_prize(
    session: AsyncSession, client: Person, *, draws: int, points: int, what: str, by: int, at: dt.datetime
) -> RewardEntry:
    """Draws used at the prize bowl, or points spent, and what the client got; never more than they have."""
    have = await balance(session, client, RewardRules(enabled=True))
    if draws > have.draws or points > have.points:
        raise Refused("short", draws=have.draws, points=have.points)
    entry = RewardEntry(
        person_id=client.id, kind=PRIZE, points=-points, draws=-draws, note=what, by_person_id=by, at=at
    )
    _add(session, entry, "reward.prize")
    await session.flush()
    return entry


async def correct(session: AsyncSession, entry_id: int, why: str, by: int | None, at: dt.datetime) -> RewardEntry:
    """A new entry that reverses `entry_id` (points and draws), once; a correction is not corrected."""
    entry = await session.get(RewardEntry, entry_id)
    if entry is None:
        raise Refused("unknown", entry_id)
    if entry.kind == CORRECTION:
        raise Refused("is_correction", entry_id)
    done = await session.scalar(select(RewardEntry.id).where(RewardEntry.corrects_id == entry_id))
    if done is not None:
        raise Refused("already", done)
    reverse = RewardEntry(
        person_id=entry.person_id,
        kind=CORRECTION,
        points=-entry.points,
        draws=-entry.draws,
        corrects_id=entry.id,
        by_person_id=by,
        note=why,
        at=at,
    )
    _add(session, reverse, "reward.corrected")
    await session.flush()
    return reverse


async def balance(session: AsyncSession, client: Person, rules: RewardRules, at: dt.datetime | None = None) -> Balance:
    """Points and draws to use, the run of weeks, and what a negative test this week would earn."""
    lines = await _lines(session, client.id)
    tests = _tests(lines, client.timezone)
    today = local_day(at or now(), client.timezone)
    weeks, last = run_level(tests)
    if last is not None and (week_of(today) - last).days > 7:  # a whole week with no test: the run is over
        weeks = 0
    return Balance(
        points=sum(line.entry.points for line in lines),
        draws=sum(line.entry.draws for line in lines),
        weeks=weeks,
        next_draws=draws_for_negative(tests, today, rules.draws_max),
    )


async def recent(session: AsyncSession, person_id: int, limit: int) -> list[Line]:
    """The client's last entries, newest first."""
    return list(reversed(await _lines(session, person_id)))[:limit]


async def may_see(session: AsyncSession, role: Role, viewer_id: int, client_id: int) -> bool:
    """Staff see every client's ledger; a therapist sees their own clients'."""
    if role in (Role.STAFF, Role.ADMIN):
        return True
    profile = await session.get(ClientProfile, client_id)
    return role is Role.THERAPIST and profile is not None and profile.therapist_id == viewer_id
