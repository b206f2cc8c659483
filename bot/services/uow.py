"""One unit of work per update: one session, one transaction, committed once at the end.

`BotApplication.process_update` opens it; handlers reach the session through
`context.session` and pass it to the domain, which never commits. Conversation state is
staged here by the persistence and written in the same transaction, so everything an
update changes commits together or not at all. The error handler marks the unit failed,
which rolls all of it back.

Hooks registered with `on_commit` run once the commit succeeded, in order; a hook may be a
coroutine (a deferred reply: "Saved ✓" is sent only once it is true, bot.services.replies).
A rolled-back unit runs none of them.
"""

from __future__ import annotations

import inspect
import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.session import Database

log = logging.getLogger(__name__)

_current: ContextVar[UnitOfWork | None] = ContextVar("unit_of_work", default=None)


class NoUnitOfWork(RuntimeError):
    """A handler asked for the update's session outside of update processing."""


class UnitOfWork:
    def __init__(self, db: Database, *, may_retry: bool = False, done: set[str] | None = None) -> None:
        self.db = db
        self.may_retry = may_retry  # a locked database may run the update once more (BotApplication)
        self.retry = False  # set by the error handler: roll back and run the update again
        self.done = done if done is not None else set()  # what an earlier try already did for good
        self.session: AsyncSession = db.session()  # connects lazily, on the first statement
        self.failed = False
        self.staged_state: dict[tuple[str, str], Any] = {}  # (namespace, key) -> value or None
        self.on_commit: list[Callable[[], object]] = []  # run once the commit has succeeded
        self.committed = False
        self.deferring = False  # a confirmation was held back: later replies wait too, to keep their order

    def fail(self) -> None:
        """Roll everything back at the end (a handler raised)."""
        self.failed = True

    def stage_state(self, namespace: str, key: str, value: Any) -> None:
        self.staged_state[(namespace, key)] = value


def current() -> UnitOfWork | None:
    return _current.get()


def session() -> AsyncSession:
    """The session of the update being handled."""
    uow = _current.get()
    if uow is None:
        raise NoUnitOfWork("no update is being processed in this task")
    return uow.session


StateWriter = Any  # callable(session, staged) -> Awaitable[None]; set by the persistence


def is_locked(exc: BaseException | None) -> bool:
    """SQLite's "database is locked": another writer held the file longer than the busy timeout."""
    return isinstance(exc, OperationalError) and "database is locked" in str(exc)


@asynccontextmanager
async def unit_of_work(
    db: Database, write_state: StateWriter | None = None, *, may_retry: bool = False, done: set[str] | None = None
) -> AsyncIterator[UnitOfWork]:
    """Open the update's unit of work; commit it (with staged state) unless it failed."""
    uow = UnitOfWork(db, may_retry=may_retry, done=done)
    token = _current.set(uow)
    try:
        yield uow
        if uow.failed:
            await uow.session.rollback()
        else:
            if uow.staged_state and write_state is not None:
                await write_state(uow.session, uow.staged_state)
            await uow.session.commit()
            uow.committed = True
            for hook in uow.on_commit:
                await _run(hook)
    except BaseException:
        await uow.session.rollback()
        raise
    finally:
        _current.reset(token)
        await uow.session.close()


async def _run(hook: Callable[[], object]) -> None:
    """One after-commit hook; a failing one must not hide the others (the update is already saved)."""
    try:
        result = hook()
        if inspect.isawaitable(result):
            await result
    except Exception:
        log.exception("an after-commit step failed")


def dumps(value: Any) -> str:
    return json.dumps(value, default=str, sort_keys=True)
