"""Run a domain function in a transaction of its own, as one update's unit of work would."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.session import Database
from bot.domain.people import enrollment

T = TypeVar("T")


async def in_tx(db: Database, fn: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
    """`fn(session, *args, **kwargs)` in one transaction, committed unless it raises."""
    async with db.session() as s, s.begin():
        return await fn(s, *args, **kwargs)


async def check_code(db: Database, telegram_id: int, code: str, *args: Any) -> enrollment.InviteView:
    """Like a handler: a refused code still commits its audit rows (they count towards lockout)."""
    session: AsyncSession
    async with db.session() as session:
        try:
            return await enrollment.check_code(session, telegram_id, code, *args)
        finally:
            await session.commit()
