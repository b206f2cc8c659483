"""Builds the telegram.ext.Application: services, persistence, handlers, start-up."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.ext import Application, ApplicationBuilder, CallbackContext, ContextTypes, ExtBot
from telegram.request import BaseRequest, HTTPXRequest

from bot import crypto, outbox, roles
from bot.config import Settings
from bot.db import migrate
from bot.db.models import Role
from bot.db.session import Database
from bot.faq_store import FaqStore
from bot.pacing import Pacer, SharedRateLimiter
from bot.persistence import DatabasePersistence

log = logging.getLogger(__name__)


@dataclass
class Services:
    """Runtime dependencies handlers reach through `context.services`."""

    settings: Settings
    db: Database
    delivery: outbox.Delivery
    faq: FaqStore
    deliver: bool = True  # False in tests that drive delivery by hand
    delivery_task: asyncio.Task[None] | None = None


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
    deliver: bool = True,
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
        .post_stop(stop_delivery)
        .post_shutdown(shutdown)
    )
    delivery = make_delivery(settings, db, request)
    if rate_limit:
        # Handler replies share the outbox loop's Pacer: one overall budget for everything sent.
        builder = builder.rate_limiter(SharedRateLimiter(delivery.pacer))
    if request is not None:
        builder = builder.request(request).get_updates_request(get_updates_request or request)
    app = builder.build()
    app.bot_data["services"] = Services(
        settings=settings, db=db, delivery=delivery, deliver=deliver,
        faq=FaqStore(settings.faq_facts()),
    )

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


def make_delivery(settings: Settings, db: Database, request: BaseRequest | None) -> outbox.Delivery:
    """The outbox loop gets its own Bot without PTB's rate limiter: it paces itself and must see RetryAfter."""
    bot = Bot(settings.bot_token, base_url=settings.telegram_api_base_url, base_file_url=settings.file_base_url,
              request=request or HTTPXRequest(connection_pool_size=4, read_timeout=settings.outbox_send_timeout,
                                                 connect_timeout=5))
    policy = outbox.Policy(batch_size=settings.outbox_batch_size, max_attempts=settings.outbox_max_attempts,
                           lease=dt.timedelta(seconds=settings.outbox_lease_seconds),
                           poll_seconds=settings.outbox_poll_seconds)
    pacer = Pacer(rate=settings.outbox_global_rate, chat_interval=settings.outbox_chat_interval)
    return outbox.Delivery(db, bot, policy=policy, pacer=pacer)


async def startup(app: Application) -> None:  # type: ignore[type-arg]
    """Publish the guest command menu and start the delivery loop (post_init)."""
    services: Services = app.bot_data["services"]
    await services.faq.load(services.db)
    await app.bot.set_my_commands(
        [BotCommand(c, d) for c, d in roles.GUEST_MENU], scope=BotCommandScopeDefault()
    )
    if services.deliver:
        await services.delivery.bot.initialize()
        services.delivery_task = asyncio.create_task(services.delivery.run_forever(), name="outbox")
    log.info("IOP Companion started as @%s", app.bot.username)


async def stop_delivery(app: Application) -> None:  # type: ignore[type-arg]
    services: Services = app.bot_data["services"]
    if services.delivery_task is not None:
        services.delivery_task.cancel()
        await asyncio.gather(services.delivery_task, return_exceptions=True)
        services.delivery_task = None


async def shutdown(app: Application) -> None:  # type: ignore[type-arg]
    services: Services = app.bot_data["services"]
    await services.delivery.bot.shutdown()
    await services.db.dispose()


async def publish_menu(app_bot: ExtBot[None], chat_id: int, role: Role | None) -> None:
    """Give one chat the command menu of its role (or the guest menu)."""
    items = roles.menu(role) if role is not None else list(roles.GUEST_MENU)
    await app_bot.set_my_commands([BotCommand(c, d) for c, d in items], scope=BotCommandScopeChat(chat_id))
