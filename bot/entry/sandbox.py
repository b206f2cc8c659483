"""`python -m bot sandbox`: try the whole bot in a terminal, without a token or a network.

One asyncio loop runs three things: the local Bot API stand-in, the real bot long-polling it
(SQLite under data/), and a terminal chat (bot/entry/sandbox_chat.py) in which you act as a demo
client, therapist, staff member, admin or a stranger. Everything you type goes through the same
path as a real Telegram message.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import warnings
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.warnings import PTBUserWarning

from bot import texts
from bot.core import crypto
from bot.core.clock import now
from bot.core.config import Settings
from bot.db.models import Role
from bot.db.session import Database
from bot.domain.meetings import changes, schedule
from bot.domain.people import directory, enrollment
from bot.domain.people.directory import PersonView
from bot.entry.app import (
    build_application,
    prepare_database,
    shutdown,
    startup,
    stop_delivery,
)
from bot.entry.sandbox_chat import USERS, SandboxChat
from bot.services.context import AnyApplication, Services
from standin import Limits, StandIn

TOKEN = "100200:SANDBOX"  # any "digits:text" works: the stand-in accepts every token
DATA = Path("data")
DB_FILE = DATA / "sandbox.sqlite3"
KEY_FILE = DATA / "sandbox.key"
ENROLL_TIMEOUT = 15.0  # seconds for the bot to answer each step of a demo person's enrollment


def run_sandbox(settings: Settings, *, port: int = 0, fresh: bool = False) -> int:
    # The terminal is the chat: keep the bot's INFO logs and PTB's per_message warning out of it.
    logging.getLogger().setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", category=PTBUserWarning)
    key = _prepare_files(fresh)
    asyncio.run(_main(settings.model_copy(update={"encryption_key": key}), port))
    return 0


def _prepare_files(fresh: bool) -> str:
    """Creates data/ and the sandbox key (kept across --fresh: it is not secret, only stable)."""
    DATA.mkdir(exist_ok=True)
    if fresh:
        for path in DATA.glob(DB_FILE.name + "*"):  # the database and any -wal/-journal beside it
            path.unlink()
    if not KEY_FILE.exists():
        KEY_FILE.write_text(crypto.generate_key() + "\n")
        KEY_FILE.chmod(0o600)
    return KEY_FILE.read_text().strip()


async def _main(settings: Settings, port: int) -> None:
    async with _running(settings, port) as (st, app):
        services: Services = app.bot_data["services"]
        summary = await enroll_demo_people(st, services.db)
        await seed_demo_calendar(services.db, settings.clinic_timezone)
        chat = SandboxChat(st, services.db)
        await chat.mark_all_read()  # the enrollment chatter is not news
        print(
            f"IOP Companion sandbox: a local stand-in for Telegram on port {st.port}, the real bot, "
            f"database {DB_FILE} (--fresh starts over)."
        )
        print(summary)
        print("Type :help for sandbox commands, /help for the bot's.\n")
        await chat.run()


@contextlib.asynccontextmanager
async def _running(settings: Settings, port: int) -> AsyncIterator[tuple[StandIn, AnyApplication]]:
    """The stand-in and the bot, started in order and stopped in reverse (also after a failed start)."""
    async with contextlib.AsyncExitStack() as stack:
        # Lenient chats: the stand-in forgets its chats on restart while the database remembers people,
        # so the outbox must be able to write to someone who has not written in this session yet.
        # No flood limits: a 429 makes the bot retry a second later, so its reply would trail in after
        # the prompt. (How the bot copes with 429s is covered by the e2e tests and the outbox bench.)
        st = StandIn(token=TOKEN, limits=Limits(strict_chats=False, flood=False))
        await st.start(port=port)
        stack.push_async_callback(st.stop)
        url = f"sqlite+aiosqlite:///{DB_FILE}"
        sandbox_settings = settings.model_copy(
            update={
                "bot_token": TOKEN,
                "telegram_api_base_url": st.base_url,
                "telegram_file_base_url": st.base_file_url,
                "database_url": url,
                "outbox_poll_seconds": 0.3,
            }
        )
        await prepare_database(url)
        app = build_application(sandbox_settings, Database(url))
        # run_polling() would call these hooks itself; we drive the lifecycle by hand to share the loop.
        await app.initialize()
        stack.push_async_callback(shutdown, app)
        stack.push_async_callback(app.shutdown)
        await startup(app)
        stack.push_async_callback(stop_delivery, app)
        await app.start()
        stack.push_async_callback(app.stop)
        assert app.updater is not None  # ApplicationBuilder always makes one unless told not to
        await app.updater.start_polling(allowed_updates=Update.ALL_TYPES)
        stack.push_async_callback(app.updater.stop)
        yield st, app


async def enroll_demo_people(st: StandIn, db: Database) -> str:
    """Enrolls whoever of the demo people is missing, through /start <code> like a real person."""
    for user_id, first_name in USERS.values():
        await st.add_user(user_id, first_name)
    admin = await _enroll(st, db, Role.ADMIN, "admin", display_name="Alex")
    staff = await _enroll(st, db, Role.STAFF, "staff", display_name="Casey")
    therapist = await _enroll(st, db, Role.THERAPIST, "therapist", display_name="Dr. Rivera")
    client = await _enroll(
        st, db, Role.CLIENT, "client", display_name="JD", therapist_id=therapist.id, cohort="Evening"
    )
    return (
        f"You can be: client {client.code} (of {therapist.display_name}, cohort Evening), "
        f"therapist {therapist.label}, staff {staff.label}, admin {admin.label}, or a guest. You are the client."
    )


async def seed_demo_calendar(db: Database, zone: str) -> None:
    """An empty calendar gets the demo cohort's evening group, the client's weekly appointment and a
    support meeting, starting today, so /schedule, /meetings and the reminders have something to show."""
    async with db.session() as s, s.begin():
        if (await schedule.load(s)).series:
            return
        client = await directory.by_telegram_id(s, USERS["client"][0])
        therapist = await directory.by_telegram_id(s, USERS["therapist"][0])
        staff = await directory.by_telegram_id(s, USERS["staff"][0])
        if client is None or therapist is None or staff is None:
            return
        today = now().astimezone(ZoneInfo(zone)).date()
        day = next(today + dt.timedelta(days=n) for n in range(1, 4) if (today + dt.timedelta(days=n)).weekday() < 5)
        weekday = ("MO", "TU", "WE", "TH", "FR")[day.weekday()]  # the appointment: the next working day
        demo = [
            ("IOP evening group", "group", "FREQ=WEEKLY;BYDAY=MO,WE,FR", dt.time(18), 180, "Room 2", "cohort", None),
            (f"Individual: {client.code}", "individual", f"FREQ=WEEKLY;BYDAY={weekday}",
             dt.time(15), 50, "Office 4", "client", client.id),
            ("NA meeting (on site)", "support", "FREQ=WEEKLY;BYDAY=TH", dt.time(19), 60, "Hall", "all", None),
        ]  # fmt: skip
        for title, kind, rule, at, minutes, place, audience, client_id in demo:
            series = schedule.Series(
                id=0,
                uid="",
                title=title,
                public_title="",
                kind=kind,
                rrule=rule,
                starts_local=dt.datetime.combine(day if kind == "individual" else today, at),
                timezone=zone,
                duration=dt.timedelta(minutes=minutes),
                place=place,
                audience=audience,
                cohort="Evening" if audience == "cohort" else "",
                client_id=client_id,
                therapist_id=therapist.id if kind == "individual" else None,
            )
            await changes.create_series(s, series, staff.id, now())


async def _enroll(st: StandIn, db: Database, role: Role, who: str, **invite: Any) -> PersonView:
    user_id = USERS[who][0]
    person = await person_of(db, user_id)
    if person is not None:
        return person
    async with db.session() as s, s.begin():
        issued = await enrollment.create_invite(s, role, **invite)
    sent = await st.send_text(user_id, f"/start {issued.code}")
    # Everyone reads their notice (clients' privacy, the team's duties) and agrees first.
    agree = texts.CONSENT_AGREE_BUTTON
    ask = await st.wait_for_message(
        user_id,
        lambda m: agree in (label for label, _ in m.buttons),
        after=sent["message_id"],
        timeout=ENROLL_TIMEOUT,
    )
    await st.press(user_id, text=agree, message_id=ask.message_id)
    await st.wait_for_message(user_id, "Welcome", after=sent["message_id"], timeout=ENROLL_TIMEOUT)
    # The welcome is sent just before the update's unit of work commits: wait for the row.
    for _ in range(100):
        person = await person_of(db, user_id)
        if person is not None:
            return person
        await asyncio.sleep(0.05)
    raise AssertionError(f"the demo {who} did not get enrolled")


async def person_of(db: Database, user_id: int) -> PersonView | None:
    async with db.session() as s, s.begin():
        return await directory.by_telegram_id(s, user_id)
