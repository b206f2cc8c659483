"""Builds the telegram.ext.Application: services, persistence, handlers, start-up."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, CallbackContext, ContextTypes, ExtBot
from telegram.request import BaseRequest

from bot import crypto, roles
from bot.config import Settings
from bot.db import migrate
from bot.db.models import Role
from bot.db.session import Database
from bot.persistence import DatabasePersistence

log = logging.getLogger(__name__)


@dataclass
class Services:
    """Runtime dependencies handlers reach through `context.services`."""

    settings: Settings
    db: Database


class AppContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Callback context with typed access to the application's services."""

    @property
    def services(self) -> Services:
        return self.application.bot_data["services"]  # type: ignore[no-any-return]


def build_application(
    settings: Settings,
    db: Database,
    *,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    rate_limit: bool = True,
) -> Application:  # type: ignore[type-arg]
    """Wire the bot. `request` replaces the network (tests pass an offline BaseRequest)."""
    crypto.configure(settings.encryption_key)
    builder = (
        ApplicationBuilder()
        .token(settings.bot_token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.file_base_url)
        .context_types(ContextTypes(context=AppContext))
        .persistence(DatabasePersistence(db))
        .post_init(startup)
        .post_shutdown(shutdown)
    )
    if rate_limit:
        # Handler replies only; the outbox loop paces bot-initiated messages itself.
        builder = builder.rate_limiter(AIORateLimiter(max_retries=2))
    if request is not None:
        builder = builder.request(request).get_updates_request(get_updates_request or request)
    app = builder.build()
    app.bot_data["services"] = Services(settings=settings, db=db)

    from conversations import register  # late import: conversations import bot.app for AppContext

    register(app)
    return app


async def prepare_database(url: str) -> None:
    """Bring the schema to head. Runs before the Application starts: persistence reads tables at initialize."""
    db = Database(url)
    try:
        await migrate.upgrade(db.engine)
    finally:
        await db.dispose()


async def startup(app: Application) -> None:  # type: ignore[type-arg]
    """Publish the guest command menu (post_init)."""
    await app.bot.set_my_commands(
        [BotCommand(c, d) for c, d in roles.GUEST_MENU], scope=BotCommandScopeDefault()
    )
    log.info("IOP Companion started as @%s", app.bot.username)


async def shutdown(app: Application) -> None:  # type: ignore[type-arg]
    services: Services = app.bot_data["services"]
    await services.db.dispose()


async def publish_menu(app_bot: ExtBot[None], chat_id: int, role: Role | None) -> None:
    """Give one chat the command menu of its role (or the guest menu)."""
    items = roles.menu(role) if role is not None else list(roles.GUEST_MENU)
    await app_bot.set_my_commands([BotCommand(c, d) for c, d in items], scope=BotCommandScopeChat(chat_id))
