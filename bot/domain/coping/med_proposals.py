"""A daily reminder the care team suggests to a client (/medsfor CODE TIME); the client turns it on, or not.

The client decides everything a reminder shows and shares. The suggestion reaches them as one outbox
message (neutral on a lock screen) with three buttons: on and seen by their therapist, on and kept to
themselves, or no thanks; the reminder is theirs once they tap, as if they had added it in /meds. The
team never sets a label: a drug name on a lock screen is the client's choice alone. The buttons carry
the time, not a row: a restart keeps them working, and a second tap finds the reminder already there.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.clock import now
from bot.db.models import ClientProfile, OutboxKind, Person, Role
from bot.domain.coping import meds
from bot.domain.coping.med_days import EVERY_DAY, when
from bot.domain.records import audit
from bot.domain.records.outbox import enqueue
from bot.texts import catalogue


class Choice(enum.StrEnum):
    SHARE = "share"  # on, and the therapist sees whether it was taken
    PRIVATE = "private"  # on, kept to the client
    NO = "no"


@callback("med.prop")
class MedProposal(CallbackData):
    time: str  # HHMM
    days: str  # Mon..Sun as 1/0 (bot.domain.coping.med_days)
    choice: Choice


class Outcome(enum.StrEnum):
    ADDED = "added"
    ALREADY = "already"  # a daily reminder at that time exists (a second tap, or their own)
    FULL = "full"  # MAX_REMINDERS already
    DECLINED = "declined"


def _hhmm(at: dt.time) -> str:
    return f"{at:%H%M}"


def time_of(hhmm: str) -> dt.time | None:
    """The time in a button, or None for one that was never ours."""
    try:
        return dt.datetime.strptime(hhmm, "%H%M").time()
    except ValueError:
        return None


async def client_for(session: AsyncSession, code: str, role: Role, viewer_id: int) -> tuple[Person | None, bool]:
    """The client with this code, and whether the viewer may suggest to them (staff: anyone; a therapist:
    their own clients)."""
    client = await session.scalar(select(Person).where(Person.code == code.strip().upper(), Person.role == Role.CLIENT))
    if client is None:
        return None, False
    if role in (Role.STAFF, Role.ADMIN):
        return client, True
    profile = await session.get(ClientProfile, client.id)
    return client, role is Role.THERAPIST and profile is not None and profile.therapist_id == viewer_id


def days_of(days: str) -> str | None:
    """The weekdays in a button, or None for ones that were never ours."""
    return days if len(days) == 7 and set(days) <= {"0", "1"} and "1" in days else None


async def propose(
    session: AsyncSession, client: Person, by_person_id: int, at_local: dt.time, weekdays: str = EVERY_DAY
) -> bool:
    """Queue the suggestion (once per client, time, days and day); audited. False when already sent today."""
    hhmm = _hhmm(at_local)
    with catalogue.speaking(client.language):  # theirs, whoever suggests it
        text = texts.MED_PROPOSAL.format(when=when(at_local, weekdays))
        buttons = [
            [(texts.MED_PROPOSAL_SHARE, MedProposal(hhmm, weekdays, Choice.SHARE).pack())],
            [(texts.MED_PROPOSAL_PRIVATE, MedProposal(hhmm, weekdays, Choice.PRIVATE).pack())],
            [(texts.MED_PROPOSAL_NO, MedProposal(hhmm, weekdays, Choice.NO).pack())],
        ]
    written = await enqueue(
        session,
        chat_id=client.telegram_id,
        person_id=client.id,
        kind=OutboxKind.REMINDER,
        text=text,
        dedupe_key=f"medprop:{client.id}:{hhmm}:{weekdays}:{now():%Y%m%d}",
        buttons=buttons,
    )
    if written:
        audit.record(session, "meds.proposed", actor_person_id=by_person_id, client_person_id=client.id, time=hhmm)
    return written


async def answer(
    session: AsyncSession, person_id: int, at_local: dt.time, choice: Choice, weekdays: str = EVERY_DAY
) -> Outcome:
    """The client's tap: the reminder, neutral, shared only if they chose so; audited."""
    if choice is Choice.NO:
        audit.record(session, "meds.proposal_declined", actor_person_id=person_id, client_person_id=person_id)
        return Outcome.DECLINED
    if any(r.on_date is None and r.at_local == at_local for r in await meds.listed(session, person_id)):
        return Outcome.ALREADY
    added = await meds.add(session, person_id, at_local, None, shared=choice is Choice.SHARE, weekdays=weekdays)
    return Outcome.FULL if added is None else Outcome.ADDED
