"""The Application subclass that wraps every update in one unit of work."""

from __future__ import annotations

import logging
from copy import deepcopy
from typing import Any

from sqlalchemy.exc import OperationalError
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot import texts
from bot.services.context import Services, set_current_services
from bot.services.persistence import DatabasePersistence
from bot.services.uow import is_locked, unit_of_work
from bot.texts import catalogue

log = logging.getLogger(__name__)


class BotApplication(Application[Any, Any, Any, Any, Any, Any]):
    """Each update: one session and transaction; its own conversation state staged into it, then one commit."""

    async def process_update(self, update: object) -> None:
        persistence = self.persistence
        assert isinstance(persistence, DatabasePersistence), "the bot runs on its database persistence"
        services = self.bot_data.get("services")
        if isinstance(services, Services):
            set_current_services(services)  # in this update's task only (a context variable)
        catalogue.set_reader(None)  # the source language until the update says who wrote
        done: set[str] = set()  # what the first try did for good (the crisis record and reply)
        saved = self._own_state(update)
        for attempt in (1, 2):
            try:
                async with unit_of_work(
                    persistence.db, persistence.write_staged, may_retry=attempt == 1, done=done
                ) as unit:
                    await super().process_update(update)
                    await self.stage_own_state(persistence, update)
            except OperationalError as exc:
                if attempt == 1 and is_locked(exc):
                    self._restore_state(update, saved)
                    continue  # the commit found the file locked: once more, from the start
                await self._apologise(update)
                raise
            if not unit.retry:
                return
            self._restore_state(update, saved)  # the retry starts from the state the update found

    def _own_state(self, update: object) -> dict[str, Any]:
        """A copy of what this update may change in memory (its user's and chat's data, conversation states)."""
        if not isinstance(update, Update):
            return {}
        chat, user = update.effective_chat, update.effective_user
        key = (chat.id, user.id) if chat is not None and user is not None else None
        return {
            "user": deepcopy(self.user_data.get(user.id)) if user is not None else None,
            "chat": deepcopy(self.chat_data.get(chat.id)) if chat is not None else None,
            "conversations": {n: c.get(key) for n, c in self._conversation_handler_conversations.items()},
        }

    def _restore_state(self, update: object, saved: dict[str, Any]) -> None:
        if not isinstance(update, Update) or not saved:
            return
        chat, user = update.effective_chat, update.effective_user
        # In place: handlers of this update hold these very dicts through their context.
        if user is not None:
            self._user_data[user.id].clear()
            self._user_data[user.id].update(saved["user"] or {})
        if chat is not None:
            self._chat_data[chat.id].clear()
            self._chat_data[chat.id].update(saved["chat"] or {})
        if chat is None or user is None:
            return
        for name, state in saved["conversations"].items():
            states = self._conversation_handler_conversations[name]
            if state is None:
                states.pop((chat.id, user.id), None)
            else:
                states[(chat.id, user.id)] = state

    async def _apologise(self, update: object) -> None:
        """The update's changes could not be saved: say so rather than leave the person waiting."""
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            return
        try:
            await self.bot.send_message(chat.id, texts.ERROR)
        except TelegramError:
            log.warning("could not send the error notice to chat %s", chat.id)

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
