"""Drives the real Application with real Update objects and an offline Bot API."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from sqlalchemy import select

from bot.core.config import Settings
from bot.db.models import Person, Role
from bot.db.session import Database
from bot.domain.people import enrollment
from bot.entry.app import build_application, prepare_database, startup
from conversations.people.start import AGREE
from tests.support import tg
from tests.support.offline import OfflineRequest, Sent


class Harness:
    def __init__(self, settings: Settings, *, rate_limit: bool = False) -> None:
        self.settings = settings
        self.rate_limit = rate_limit
        self.db = Database(settings.database_url)
        self.req = OfflineRequest()
        self.app = build_application(settings, self.db, request=self.req, rate_limit=rate_limit, deliver=False)
        self.expect_error = False  # a test that provokes the error handler sets this
        self.history: list[str] = []  # every text sent, across restarts

    async def start(self) -> None:
        await prepare_database(self.settings.database_url)
        await self.app.initialize()
        await startup(self.app)
        self.req.clear()

    async def stop(self) -> None:
        await self.app.shutdown()
        await self.db.dispose()

    def crashed(self) -> bool:
        """True if the error handler apologised to anyone: a handler raised."""
        from bot import texts

        return any(s.text == texts.ERROR for s in self.req.sent) or texts.ERROR in self.history

    async def restart(self) -> None:
        """Throw the Application away and build a new one on the same database, as after a crash."""
        self.history += [s.text for s in self.req.sent]
        await self.app.shutdown()  # no flush: state must already be in the database
        self.req = OfflineRequest()
        self.app = build_application(
            self.settings, self.db, request=self.req, rate_limit=self.rate_limit, deliver=False
        )
        await self.app.initialize()
        self.req.clear()

    @property
    def bot(self):  # type: ignore[no-untyped-def]
        return self.app.bot

    @property
    def delivery(self):  # type: ignore[no-untyped-def]
        return self.app.bot_data["services"].delivery

    async def send(self, uid: int, body: str) -> list[str]:
        """Send text as user `uid`; return the texts the bot sent back for this update."""
        return await self._process(uid, tg.text(self.bot, uid, body))

    async def press(self, uid: int, data: str, message_id: int = 1) -> list[str]:
        return await self._process(uid, tg.press(self.bot, uid, data, message_id))

    async def push(self, uid: int, update) -> list[str]:  # type: ignore[no-untyped-def]
        return await self._process(uid, update)

    async def _process(self, uid: int, update) -> list[str]:  # type: ignore[no-untyped-def]
        before = len(self.req.sent)
        await self.app.process_update(update)
        return [s.text for s in self.req.sent[before:] if s.chat_id == uid]

    def last(self, uid: int) -> Sent:
        return self.req.last(uid)

    def answered_callbacks(self) -> list[dict]:  # type: ignore[type-arg]
        return self.req.methods("answerCallbackQuery")

    async def invite(self, role: Role = Role.CLIENT, **kw) -> enrollment.IssuedInvite:  # type: ignore[no-untyped-def]
        async with self.db.session() as s, s.begin():
            return await enrollment.create_invite(s, role, **kw)

    async def enroll(self, uid: int, role: Role = Role.CLIENT, **kw) -> Person:  # type: ignore[no-untyped-def]
        """Enroll `uid` through the real /start flow and its notice (clients' privacy, or the team's)."""
        issued = await self.invite(role, **kw)
        await self.send(uid, f"/start {issued.code}")
        await self.press(uid, AGREE)
        person = await self.person(uid)
        assert person is not None, self.req.texts(uid)
        return person

    async def person(self, uid: int) -> Person | None:
        async with self.db.session() as s:
            return (await s.execute(select(Person).where(Person.telegram_id == uid))).scalar_one_or_none()


@contextlib.asynccontextmanager
async def running(settings: Settings, *, rate_limit: bool = False) -> AsyncIterator[Harness]:
    """A started Harness, stopped afterwards. No handler may crash silently behind a passing assertion:
    unless the test set `expect_error`, an apology to anyone fails it."""
    h = Harness(settings, rate_limit=rate_limit)
    await h.start()
    try:
        yield h
        assert h.expect_error or not h.crashed(), "a handler raised; the user saw the error apology"
    finally:
        await h.stop()
