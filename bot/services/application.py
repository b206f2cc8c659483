"""The Application subclass that wraps every update in one unit of work."""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.services.context import Services, set_current_services
from bot.services.persistence import DatabasePersistence
from bot.services.uow import unit_of_work


class BotApplication(Application[Any, Any, Any, Any, Any, Any]):
    """Each update: one session and transaction; its own conversation state staged into it, then one commit."""

    async def process_update(self, update: object) -> None:
        persistence = self.persistence
        assert isinstance(persistence, DatabasePersistence), "the bot runs on its database persistence"
        services = self.bot_data.get("services")
        if isinstance(services, Services):
            set_current_services(services)  # in this update's task only (a context variable)
        async with unit_of_work(persistence.db, persistence.write_staged):
            await super().process_update(update)
            await self.stage_own_state(persistence, update)

    async def stage_own_state(self, persistence: DatabasePersistence, update: object) -> None:
        """Stage what this update changed (its user's and chat's data, their conversation states) into its transaction.

        Only this update's own keys: with updates from other chats running at the same time, a
        second chat's half-done state must not ride along in this commit.
        """
        if not isinstance(update, Update):
            return
        chat, user = update.effective_chat, update.effective_user
        if chat is not None:
            await persistence.update_chat_data(chat.id, deepcopy(self.chat_data.get(chat.id) or {}))
        if user is not None:
            await persistence.update_user_data(user.id, deepcopy(self.user_data.get(user.id) or {}))
        if chat is None or user is None:
            return
        key = (chat.id, user.id)  # the conversations are per chat and per user (PTB's default key)
        for name, states in self._conversation_handler_conversations.items():
            state = states.get(key)
            if state is None or isinstance(state, str | int):
                await persistence.update_conversation(name, key, state)

    async def update_persistence(self) -> None:
        """Nothing to do: every update stages its own state (PTB's periodic run would write others' half-done state)."""
