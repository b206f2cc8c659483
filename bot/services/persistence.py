"""PTB persistence in the bot's own database, so a conversation survives a restart.

Values are JSON (handlers keep only plain data in user_data) and encrypted at rest like
other free text, since a half-finished conversation can hold what a client typed.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import ConversationDict

from bot.db.models import StateRecord
from bot.db.session import Database
from bot.services import uow

USER, CHAT, CONV = "user_data", "chat_data", "conv:"


class DatabasePersistence(BasePersistence[dict[str, Any], dict[str, Any], dict[str, Any]]):
    """Stores user_data, chat_data and ConversationHandler states; bot_data holds runtime services."""

    def __init__(self, db: Database, update_interval: float = 5) -> None:
        super().__init__(
            store_data=PersistenceInput(bot_data=False, chat_data=True, user_data=True, callback_data=False),
            update_interval=update_interval,
        )
        self.db = db
        self._written: dict[tuple[str, str], str | None] = {}  # what the database holds, as JSON

    async def _load(self, namespace: str) -> dict[str, Any]:
        async with self.db.session() as s:
            rows = (await s.execute(select(StateRecord).where(StateRecord.namespace == namespace))).scalars()
            loaded = {r.key: json.loads(r.value) for r in rows}
        for key, value in loaded.items():
            self._written[(namespace, key)] = uow.dumps(value)
        return loaded

    async def _save(self, namespace: str, key: str, value: Any) -> None:
        """Stage a changed value into the update's unit of work; unchanged values cost nothing."""
        text = None if value is None else uow.dumps(value)
        if self._written.get((namespace, key)) == text:
            return
        unit = uow.current()
        if unit is not None:
            unit.stage_state(namespace, key, value)
            return
        async with self.db.session() as s, s.begin():  # outside an update (shutdown, PTB's timer)
            await self.write_staged(s, {(namespace, key): value})

    async def write_staged(self, s: AsyncSession, staged: dict[tuple[str, str], Any]) -> None:
        """Write staged state rows in the caller's transaction."""
        for (namespace, key), value in staged.items():
            text = None if value is None else uow.dumps(value)
            if text is None:
                await s.execute(delete(StateRecord).where(StateRecord.namespace == namespace, StateRecord.key == key))
            else:
                row = await s.get(StateRecord, (namespace, key))
                if row is None:
                    s.add(StateRecord(namespace=namespace, key=key, value=text))
                else:
                    row.value = text
            self._written[(namespace, key)] = text

    async def get_user_data(self) -> dict[int, dict[str, Any]]:
        return {int(k): v for k, v in (await self._load(USER)).items()}

    async def get_chat_data(self) -> dict[int, dict[str, Any]]:
        return {int(k): v for k, v in (await self._load(CHAT)).items()}

    async def get_bot_data(self) -> dict[str, Any]:
        return {}

    async def get_callback_data(self) -> None:
        return None

    async def get_conversations(self, name: str) -> ConversationDict:
        return {tuple(json.loads(k)): v for k, v in (await self._load(CONV + name)).items()}

    async def update_conversation(self, name: str, key: tuple[int | str, ...], new_state: object | None) -> None:
        await self._save(CONV + name, json.dumps(list(key)), new_state)

    async def update_user_data(self, user_id: int, data: dict[str, Any]) -> None:
        await self._save(USER, str(user_id), data or None)

    async def update_chat_data(self, chat_id: int, data: dict[str, Any]) -> None:
        await self._save(CHAT, str(chat_id), data or None)

    async def update_bot_data(self, data: dict[str, Any]) -> None:
        return None

    async def update_callback_data(self, data: Any) -> None:
        return None

    async def drop_user_data(self, user_id: int) -> None:
        await self._save(USER, str(user_id), None)

    async def drop_chat_data(self, chat_id: int) -> None:
        await self._save(CHAT, str(chat_id), None)

    async def refresh_user_data(self, user_id: int, user_data: dict[str, Any]) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[str, Any]) -> None:
        return None

    async def refresh_bot_data(self, bot_data: dict[str, Any]) -> None:
        return None

    async def flush(self) -> None:
        return None
