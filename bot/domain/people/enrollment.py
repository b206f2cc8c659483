"""Enrollment by one-time code: issuing invites, checking codes, binding a Telegram user.

Codes are random, shown once, stored only as a hash. A code is checked first (without
being used up) so a client can read the privacy notice before anything about them is
stored; `enroll` then uses it up atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import now
from bot.core.config import Settings
from bot.core.errors import EnrollmentError, Refusal
from bot.db.models import ClientProfile, ConsentRecord, Invite, Person, Role
from bot.db.session import affected
from bot.domain.people import lockouts
from bot.domain.people.directory import PersonView, view
from bot.domain.records import audit

# No 0/O, 1/I/L: codes are read aloud and typed from paper at intake.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10  # 31**10 ≈ 8e14 codes; with 5 tries an hour, guessing is hopeless.
PREFIX = {Role.CLIENT: "C", Role.THERAPIST: "T", Role.STAFF: "S", Role.ADMIN: "A"}
# Guessing from many accounts is throttled where it aims: codes that start alike. A flood of wrong
# codes overall only alerts staff, so it can never block every real client's enrolment.
PREFIX_LEN = 4
PREFIX_WINDOW = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class Policy:
    ttl: dt.timedelta = dt.timedelta(days=7)
    max_failures: int = 5
    lockout: dt.timedelta = dt.timedelta(hours=1)
    global_failures: int = 20  # wrong codes per minute from everyone before staff are alerted
    prefix_failures: int = 10  # wrong codes sharing their first PREFIX_LEN characters, per PREFIX_WINDOW


def policy_from(settings: Settings) -> Policy:
    return Policy(
        ttl=dt.timedelta(days=settings.invite_ttl_days),
        max_failures=settings.code_attempts_max,
        lockout=dt.timedelta(minutes=settings.code_lockout_minutes),
        global_failures=settings.code_failures_global_per_minute,
        prefix_failures=settings.code_failures_per_prefix,
    )


@dataclass(frozen=True)
class IssuedInvite:
    code: str
    role: Role
    person_code: str
    expires_at: dt.datetime
    id: int = 0


@dataclass(frozen=True)
class InviteView:
    id: int
    role: Role
    person_code: str
    expires_at: dt.datetime
    language: str | None = None  # chosen by staff at the invite; None: offered from the person's Telegram


def generate_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    """Forgive case, spaces and dashes a person adds when typing a code."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def hash_code(code: str) -> str:
    return hashlib.sha256(normalize_code(code).encode()).hexdigest()


def looks_like_code(text: str) -> bool:
    code = normalize_code(text)
    return len(code) == CODE_LENGTH and all(ch in ALPHABET for ch in code)


def deep_link(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username}?start={code}"


async def _free_person_code(session: AsyncSession, role: Role) -> str:
    taken_people = set((await session.execute(select(Person.code))).scalars())
    taken_invites = set((await session.execute(select(Invite.person_code).where(Invite.used_at.is_(None)))).scalars())
    while True:
        candidate = f"{PREFIX[role]}-{secrets.randbelow(9000) + 1000}"
        if candidate not in taken_people and candidate not in taken_invites:
            return candidate


async def create_invite(
    session: AsyncSession,
    role: Role,
    *,
    display_name: str = "",
    person_code: str | None = None,
    therapist_id: int | None = None,
    cohort: str = "",
    created_by: int | None = None,
    policy: Policy = Policy(),
    language: str | None = None,
) -> IssuedInvite:
    """Issue a one-time code. The plain code is returned once and never stored."""
    code = generate_code()
    s = session
    if person_code:
        taken = await s.scalar(select(Person.id).where(Person.code == person_code))
        pending = await s.scalar(
            select(Invite.id).where(
                Invite.person_code == person_code, Invite.used_at.is_(None), Invite.expires_at > now()
            )
        )
        if taken or pending:
            raise EnrollmentError(Refusal.CODE_TAKEN)
    pcode = person_code or await _free_person_code(s, role)
    expires = now() + policy.ttl
    invite = Invite(
        code_hash=hash_code(code),
        role=role,
        person_code=pcode,
        display_name=display_name,
        therapist_id=therapist_id,
        cohort=cohort,
        created_by=created_by,
        expires_at=expires,
        language=language,
    )
    s.add(invite)
    await s.flush()
    # The invite's id, not the code it gives: an erased client's code must be found nowhere (the log is append-only).
    audit.record(s, "invite.created", actor_person_id=created_by, role=role, invite=invite.id)
    return IssuedInvite(code, role, pcode, expires, invite.id)


async def check_code(session: AsyncSession, telegram_id: int, code: str, policy: Policy = Policy()) -> InviteView:
    """Validate a code without using it up; count failures and lock out guessers.

    A refusal raises EnrollmentError after adding its audit rows to the session: the
    caller's transaction must still commit, or failures would not count towards lockout.
    """
    t = now()
    s = session
    if await s.scalar(select(Person.id).where(Person.telegram_id == telegram_id)):
        raise EnrollmentError(Refusal.ENROLLED)
    locked_at = await audit.latest(s, telegram_id, "enroll.lockout")
    unlocked_at = await audit.latest(s, telegram_id, lockouts.UNLOCKED)
    if locked_at and unlocked_at and unlocked_at >= locked_at:
        locked_at = unlocked_at  # staff lifted it: failures count from the unlock
    elif locked_at and t - locked_at < policy.lockout:
        audit.record(s, "enroll.refused_locked", actor_telegram_id=telegram_id)
        raise EnrollmentError(Refusal.LOCKED)
    if await audit.count_action_since(s, "enroll.failed", t - lockouts.GLOBAL_WINDOW) > policy.global_failures:
        await lockouts.tell_staff_once(s, t)
    prefix = normalize_code(code)[:PREFIX_LEN]
    if await audit.count_detail_since(s, "enroll.failed", t - PREFIX_WINDOW, prefix=prefix) >= policy.prefix_failures:
        audit.record(s, "enroll.throttled", actor_telegram_id=telegram_id, prefix=prefix)
        raise EnrollmentError(Refusal.BUSY)
    invite = (await s.execute(select(Invite).where(Invite.code_hash == hash_code(code)))).scalar_one_or_none()
    if invite is not None and invite.used_at is None and invite.expires_at > t:
        audit.record(s, "enroll.code_ok", actor_telegram_id=telegram_id, invite_id=invite.id)
        return InviteView(invite.id, invite.role, invite.person_code, invite.expires_at, invite.language)
    reason = Refusal.INVALID if invite is None else (Refusal.USED if invite.used_at else Refusal.EXPIRED)
    known = {} if invite is None else {"invite_id": invite.id}  # a used or expired code: /unlock names its client
    audit.record(s, "enroll.failed", actor_telegram_id=telegram_id, reason=reason, prefix=prefix, **known)
    window_start = max(t - policy.lockout, locked_at or t - policy.lockout)
    # Count includes the row just added (autoflush).
    if await audit.count_since(s, telegram_id, "enroll.failed", window_start) >= policy.max_failures:
        audit.record(s, "enroll.lockout", actor_telegram_id=telegram_id)
    raise EnrollmentError(reason)


async def enroll(
    session: AsyncSession,
    telegram_id: int,
    invite_id: int,
    *,
    timezone: str,
    checkin_time: dt.time,
    consent_version: str | None,
    language: str = "en",
) -> PersonView:
    """Use the invite up and create the person (with consent for clients), all or nothing."""
    t = now()
    s = session
    if await s.scalar(select(Person.id).where(Person.telegram_id == telegram_id)):
        raise EnrollmentError(Refusal.ENROLLED)
    invite = await s.get(Invite, invite_id)
    if invite is None:
        raise EnrollmentError(Refusal.INVALID)
    if invite.expires_at <= t:
        raise EnrollmentError(Refusal.EXPIRED)
    # Conditional update: of two racing presses, only one uses the code.
    taken = await s.execute(update(Invite).where(Invite.id == invite_id, Invite.used_at.is_(None)).values(used_at=t))
    if affected(taken) != 1:
        raise EnrollmentError(Refusal.USED)
    role = invite.role
    person = Person(
        telegram_id=telegram_id,
        role=role,
        code=invite.person_code,
        display_name=invite.display_name,
        timezone=timezone,
        language=language,
        consent_version=consent_version,
        consent_at=t if consent_version else None,
    )
    s.add(person)
    await s.flush()
    invite.used_by = person.id
    if role is Role.CLIENT:
        s.add(
            ClientProfile(
                person_id=person.id,
                therapist_id=invite.therapist_id,
                cohort=invite.cohort,
                checkin_time=checkin_time,
                program_start=t.date(),
            )
        )
    if consent_version:
        s.add(ConsentRecord(person_id=person.id, version=consent_version, language=language, decision="agreed", at=t))
    audit.record(
        s,
        "enroll.ok",
        actor_telegram_id=telegram_id,
        actor_person_id=person.id,
        client_person_id=person.id if role is Role.CLIENT else None,
        role=role,
    )
    return view(person)


async def set_invite_language(session: AsyncSession, invite_id: int, language: str) -> bool:
    """Choose the language of a pending invite's person; False once the code is used or gone."""
    invite = await session.get(Invite, invite_id)
    if invite is None or invite.used_at is not None or invite.expires_at <= now():
        return False
    invite.language = language
    return True


async def invite_view(session: AsyncSession, invite_id: int) -> InviteView | None:
    inv = await session.get(Invite, invite_id)
    return InviteView(inv.id, inv.role, inv.person_code, inv.expires_at, inv.language) if inv else None
