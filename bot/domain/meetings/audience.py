"""Who a series is for, changed from /meetings: all clients, a cohort (one with no clients yet too), or one client.

Typed as staff say it: "all", a cohort's name, or a client's code. Clients who join the series
are told it is on their schedule now; clients who leave it are told it no longer is; each once.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.core.errors import ValidationFailed
from bot.db.meeting_models import MeetingSeries
from bot.db.models import Role
from bot.domain.meetings import changes, schedule
from bot.domain.meetings.schedule import Audiences, Series
from bot.domain.people import directory
from bot.texts import catalogue

EVERYONE = frozenset({"all", "all clients", "everyone", "everybody"})
COHORT_NAME = re.compile(r"^[\w .\-]{1,32}$")  # as a cohort is typed when inviting a client
CLIENT_CODE = re.compile(r"^C-\d{1,12}$", re.IGNORECASE)


async def set_audience(session: AsyncSession, row: MeetingSeries, typed: str) -> bool:
    """Write the audience staff typed; False when the series already was for them. ValidationFailed otherwise."""
    said = " ".join(typed.split())
    old = (row.audience, row.cohort, row.client_id)
    if said.lower() in EVERYONE:
        new: tuple[str, str, int | None] = ("all", "", None)
    elif CLIENT_CODE.match(said):
        code = said.upper()
        found = next((p for p in await directory.list_people(session, Role.CLIENT) if p.code == code), None)
        if found is None:
            raise ValidationFailed(f"there is no client with code {code}")
        new = ("client", "", found.id)
    elif COHORT_NAME.match(said):
        known = {c.casefold(): c for c in await changes.known_cohorts(session)}
        new = ("cohort", known.get(said.casefold(), said), None)
    else:
        raise ValidationFailed("type all, a cohort's name, or a client's code like C-1042")
    if row.kind == "individual" and new[0] != "client":
        raise ValidationFailed("an individual appointment is for one client: type their code")
    if new == old:
        return False
    row.audience, row.cohort, row.client_id = new
    return True


async def tell(session: AsyncSession, old: Series, new: Series, now: dt.datetime) -> int:
    """One notice to each client who joined the series and each who left it."""
    reachable = await schedule.reachable_clients(session)
    # One Audiences per side: it remembers a series' members by the series' id, which both sides share.
    before = {m.person_id: m for m in Audiences(reachable).of(old)}
    after = {m.person_id: m for m in Audiences(reachable).of(new)}
    title = html.escape(new.public_title)
    key = f"mtgwho:{old.id}:{int(now.timestamp())}"
    sent = 0
    for pid, m in after.items():
        if pid not in before:
            with catalogue.speaking(m.language):
                text = texts.MEETING_JOINED_NOTICE.format(title=title)
            sent += await changes.notice(session, m, text, f"{key}:in:{pid}")
    for pid, m in before.items():
        if pid not in after:
            with catalogue.speaking(m.language):
                text = texts.MEETING_LEFT_NOTICE.format(title=title)
            sent += await changes.notice(session, m, text, f"{key}:out:{pid}")
    return sent
