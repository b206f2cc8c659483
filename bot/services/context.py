"""What every handler reaches: the application's services, typed, and the per-chat command menu."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import BotCommand, BotCommandScopeChat
from telegram.ext import Application, CallbackContext, ExtBot

from bot.core.config import Settings
from bot.db.models import Role
from bot.db.session import Database
from bot.delivery import outbox
from bot.domain.faq.store import FaqStore
from bot.domain.people import roles
from bot.domain.people.directory import PersonCache, PersonView
from bot.services import uow


@dataclass
class Services:
    """Runtime dependencies handlers reach through `context.services`."""

    settings: Settings
    db: Database
    delivery: outbox.Delivery
    faq: FaqStore
    people: PersonCache  # the guard's per-update lookup
    deliver: bool = True  # False in tests that drive delivery by hand
    delivery_task: asyncio.Task[None] | None = None
    last_missed_pass: dt.datetime | None = None  # the care-team job's hourly missed-check-in look


_services: ContextVar[Services | None] = ContextVar("services", default=None)


def set_current_services(services: Services) -> None:
    """Called by BotApplication for each update (in that update's task)."""
    _services.set(services)


def current_services() -> Services:
    """The services of the update being handled, for helpers that get only the Update."""
    services = _services.get()
    if services is None:
        raise uow.NoUnitOfWork("no update is being processed in this task")
    return services


# The Application as the composition root and jobs see it; handlers see AppContext instead.
AnyApplication = Application[Any, Any, Any, Any, Any, Any]


class AppContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Callback context with typed access to the application's services.

    PTB builds one per update and hands it to every handler group, so it also carries what
    one group tells the next about this update.
    """

    # Set by the crisis guard (group -1) after it replied: the update still reaches its
    # conversation (a check-in goes on), but catch-alls don't answer it a second time.
    crisis_answered: bool = False
    # ...and that reply was only the team member's note (the lines, nothing raised), on words not about
    # the writer: a step of theirs still takes them ("Self-harm skills group", a broadcast about 988).
    crisis_team_note: bool = False
    # Who wrote, looked up once per update (bot.services.writer): (known, person).
    writer: tuple[bool, PersonView | None] | None = None

    @property
    def services(self) -> Services:
        services = self.application.bot_data["services"]
        assert isinstance(services, Services), "build_application puts the Services here"
        return services

    @property
    def session(self) -> AsyncSession:
        """The update's session: pass it to the domain; the unit of work commits it once."""
        return uow.session()

    def after_commit(self, hook: Callable[[], object]) -> None:
        """Run `hook` once this update's changes are committed (e.g. wake the delivery loop)."""
        unit = uow.current()
        if unit is None:
            hook()
        else:
            unit.on_commit.append(hook)


def menu_features(settings: Settings) -> frozenset[str]:
    """The features this clinic turned on whose commands join the menus (bot.domain.people.roles)."""
    return frozenset({"rewards"} if settings.rewards_enabled else ())


async def publish_menu(
    app_bot: ExtBot[None], chat_id: int, role: Role | None, features: frozenset[str] = frozenset()
) -> None:
    """Give one chat the command menu of its role (or the guest menu)."""
    items = roles.menu(role, features) if role is not None else roles.guest_menu()
    await app_bot.set_my_commands([BotCommand(c, d) for c, d in items], scope=BotCommandScopeChat(chat_id))
