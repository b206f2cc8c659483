"""The Application subclass that wraps every update in one unit of work."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application

from bot.services.context import Services, set_current_services
from bot.services.persistence import DatabasePersistence
from bot.services.uow import unit_of_work


class BotApplication(Application[Any, Any, Any, Any, Any, Any]):
    """Each update: one session and transaction; conversation state staged into it, then one commit."""

    async def process_update(self, update: object) -> None:
        persistence = self.persistence
        assert isinstance(persistence, DatabasePersistence), "the bot runs on its database persistence"
        services = self.bot_data.get("services")
        if isinstance(services, Services):
            set_current_services(services)
        async with unit_of_work(persistence.db, persistence.write_staged):
            await super().process_update(update)
            # Stage what this update changed (user/chat data, conversation states) into the
            # same transaction, instead of a separate write after the fact.
            await self.update_persistence()
