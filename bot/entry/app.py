"""Builds the telegram.ext.Application: services, persistence, handlers, start-up."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any

from telegram import BotCommand, BotCommandScopeDefault, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import (
    ApplicationBuilder,
    ContextTypes,
    Defaults,
    ExtBot,
)
from telegram.request import BaseRequest, HTTPXRequest

from bot.core import crypto
from bot.core.config import Settings
from bot.db import migrate
from bot.db.session import Database
from bot.delivery import outbox
from bot.delivery.pacing import Pacer, SharedRateLimiter
from bot.domain.faq.store import FaqStore
from bot.domain.people import roles
from bot.domain.people.directory import PersonCache
from bot.services import care_team_jobs, crisis_record, jobs
from bot.services.application import BotApplication
from bot.services.context import AnyApplication, AppContext, Services
from bot.services.ordering import PerChatOrder
from bot.services.persistence import DatabasePersistence
from conversations import register

log = logging.getLogger(__name__)


def defaults() -> Defaults:
    """Every text is HTML (bot.texts) and shows no link previews; set once, not on every send."""
    return Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True))


def build_application(
    settings: Settings,
    db: Database,
    *,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    rate_limit: bool = True,
    deliver: bool = True,
) -> AnyApplication:
    """Wire the bot. `request` replaces the network (tests pass an offline BaseRequest)."""
    crypto.configure(settings.encryption_key)
    # Typed loosely: the rate limiter, when there is one, changes the builder's bot type.
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .application_class(BotApplication)
        .token(settings.bot_token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.file_base_url)
        .context_types(ContextTypes(context=AppContext))
        .defaults(defaults())
        # Different chats at once, each chat in order: one slow chat holds back nobody else.
        .concurrent_updates(PerChatOrder(settings.max_concurrent_updates))
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
        settings=settings,
        db=db,
        delivery=delivery,
        deliver=deliver,
        faq=FaqStore(settings.faq_facts()),
        people=PersonCache(db),
    )

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
    bot: ExtBot[None] = ExtBot(
        settings.bot_token,
        base_url=settings.telegram_api_base_url,
        base_file_url=settings.file_base_url,
        defaults=defaults(),
        request=request
        or HTTPXRequest(connection_pool_size=4, read_timeout=settings.outbox_send_timeout, connect_timeout=5),
    )
    policy = outbox.Policy(
        batch_size=settings.outbox_batch_size,
        max_attempts=settings.outbox_max_attempts,
        lease=dt.timedelta(seconds=settings.outbox_lease_seconds),
        poll_seconds=settings.outbox_poll_seconds,
    )
    pacer = Pacer(rate=settings.outbox_global_rate, chat_interval=settings.outbox_chat_interval)
    return outbox.Delivery(db, bot, policy=policy, pacer=pacer)


async def startup(app: AnyApplication) -> None:
    """Publish the guest command menu, schedule the planners and start the delivery loop (post_init)."""
    services: Services = app.bot_data["services"]
    async with services.db.session() as s, s.begin():
        await services.faq.load(s)
    await crisis_record.replay_spool(services)  # flags kept locally while the database was down
    await app.bot.set_my_commands([BotCommand(c, d) for c, d in roles.GUEST_MENU], scope=BotCommandScopeDefault())
    jobs.schedule(app)
    care_team_jobs.schedule(app)
    if services.deliver:
        await jobs.run_planner(services)  # before delivery starts: reminders stale after downtime are dropped, not sent
        await services.delivery.bot.initialize()
        services.delivery_task = asyncio.create_task(services.delivery.run_forever(), name="outbox")
    log.info("IOP Companion started as @%s", app.bot.username)


async def stop_delivery(app: AnyApplication) -> None:
    services: Services = app.bot_data["services"]
    if services.delivery_task is not None:
        services.delivery_task.cancel()
        await asyncio.gather(services.delivery_task, return_exceptions=True)
        services.delivery_task = None


async def shutdown(app: AnyApplication) -> None:
    services: Services = app.bot_data["services"]
    await crisis_record.drain()  # a slow crisis record finishes before the database closes
    await services.delivery.bot.shutdown()
    await services.db.dispose()
