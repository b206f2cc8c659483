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
from bot.db import schema as clinic_schema
from bot.db.session import Database
from bot.delivery import outbox
from bot.delivery.pacing import Pacer, SharedRateLimiter
from bot.domain.coping import tools
from bot.domain.faq.store import FaqStore
from bot.domain.people import roles
from bot.domain.people.directory import PersonCache
from bot.domain.safety import screen as crisis_screen
from bot.services import care_team_jobs, crisis_inbox, crisis_record, jobs
from bot.services.application import BotApplication
from bot.services.context import AnyApplication, AppContext, Services
from bot.services.leadership import FencedDelivery, Leadership
from bot.services.ordering import PerChatOrder
from bot.services.persistence import DatabasePersistence
from bot.texts import catalogue, overrides
from conversations import register
from conversations.safety import inbox

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
    leadership: Leadership | None = None,
) -> AnyApplication:
    """Wire the bot. `request` replaces the network (tests pass an offline BaseRequest).

    With `leadership` (a hot standby on PostgreSQL) every Bot API request and every outbox batch
    first checks that this process still holds the clinic's lease."""
    crypto.configure(settings.encryption_key, settings.old_keys)
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
        # Flagged updates are written down as they are queued, before Telegram is told they arrived.
        .update_queue(crisis_inbox.ScreeningQueue(settings.crisis_spool_dir, inbox.standby(settings)))
        .post_init(startup)
        .post_stop(stop_delivery)
        .post_shutdown(shutdown)
    )
    delivery = make_delivery(settings, db, request, leadership)
    if leadership is not None:
        request = leadership.wrap(request or HTTPXRequest(connection_pool_size=256))
        get_updates_request = leadership.wrap(get_updates_request or HTTPXRequest())
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
        faq=FaqStore(settings.faq_facts(), {lang: settings.faq_facts(lang) for lang in catalogue.languages()[1:]}),
        people=PersonCache(db),
    )

    # The crisis screen's rule files are checked against their own examples and the language
    # detector is loaded now (once per process, about 0.3 s), not on a person's first message.
    crisis_screen.verify()
    overrides.apply(settings.text_overrides_dir)  # a clinic's own wording, checked before anyone reads it
    register(app)
    return app


async def prepare_database(url: str, schema: str = "") -> None:
    """Bring the schema to head. Runs before the Application starts: persistence reads tables at initialize.

    With `schema` (DATABASE_SCHEMA, one per clinic on a shared PostgreSQL) the clinic's own schema is
    created if missing and migrated on its own."""
    if schema:
        await clinic_schema.prepare(url, schema)
        return
    db = Database(url)
    try:
        await migrate.upgrade(db.engine)
    finally:
        await db.dispose()


def make_delivery(
    settings: Settings, db: Database, request: BaseRequest | None, leadership: Leadership | None = None
) -> outbox.Delivery:
    """The outbox loop gets its own Bot without PTB's rate limiter: it paces itself and must see RetryAfter."""
    transport = request or HTTPXRequest(
        connection_pool_size=4, read_timeout=settings.outbox_send_timeout, connect_timeout=5
    )
    bot: ExtBot[None] = ExtBot(
        settings.bot_token,
        base_url=settings.telegram_api_base_url,
        base_file_url=settings.file_base_url,
        defaults=defaults(),
        request=leadership.wrap(transport) if leadership is not None else transport,
    )
    policy = outbox.Policy(
        batch_size=settings.outbox_batch_size,
        max_attempts=settings.outbox_max_attempts,
        lease=dt.timedelta(seconds=settings.outbox_lease_seconds),
        poll_seconds=settings.outbox_poll_seconds,
    )
    pacer = Pacer(rate=settings.outbox_global_rate, chat_interval=settings.outbox_chat_interval)
    if leadership is not None:
        return FencedDelivery(db, bot, policy=policy, pacer=pacer, leadership=leadership)
    return outbox.Delivery(db, bot, policy=policy, pacer=pacer)


async def startup(app: AnyApplication) -> None:
    """Publish the guest command menu, schedule the planners and start the delivery loop (post_init)."""
    services: Services = app.bot_data["services"]
    async with services.db.session() as s, s.begin():
        await services.faq.load(s)
    await crisis_record.replay_spool(services)  # flags kept locally while the database was down
    queue = app.update_queue
    # Flagged updates a crash left unanswered: recorded unless they were, and their replies queued.
    await crisis_inbox.replay(services, queue if isinstance(queue, crisis_inbox.ScreeningQueue) else None)
    for lang in catalogue.languages():  # Telegram shows each app language its own guest menu
        with catalogue.speaking(lang):
            items = [BotCommand(c, d) for c, d in roles.guest_menu()]
            tools.offered()  # the coping tools in this language: a broken file stops the start, not a craving
        code = None if lang == catalogue.SOURCE else lang
        await app.bot.set_my_commands(items, scope=BotCommandScopeDefault(), language_code=code)
    jobs.schedule(app)
    care_team_jobs.schedule(app)
    crisis_record.schedule(app)  # the spool again while running: an outage ends without a restart
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
