"""Runs the application in polling or webhook mode."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import warnings
from http import HTTPStatus
from urllib.parse import urlparse

from telegram import Bot, Update
from telegram.error import InvalidToken, NetworkError
from telegram.ext import ExtBot
from telegram.ext._utils import webhookhandler
from telegram.request import HTTPXRequest
from telegram.warnings import PTBUserWarning
from tornado.web import HTTPError

from bot.core import crypto
from bot.core.config import Settings
from bot.core.errors import ConfigError
from bot.db.encryption import holds_encrypted_text
from bot.db.schema import open_database
from bot.entry.app import build_application, prepare_database
from bot.entry.db_cli import check_keys
from bot.entry.first_run import ensure_key, env_keys, placeholder_warnings
from bot.entry.leader import hold_sqlite_lock, run_led
from bot.services.context import AnyApplication

log = logging.getLogger("iop.run")

# Telegram's updates are a few kilobytes; PTB's webhook server (tornado) would buffer up to 100 MB
# of a request before checking the secret header.
MAX_WEBHOOK_BODY = 1024 * 1024


def limit_webhook_bodies(max_bytes: int = MAX_WEBHOOK_BODY) -> None:
    """Make tornado refuse larger bodies (400) from the headers, before reading them.

    PTB builds its HTTPServer itself; tornado's Configurable lets us set constructor defaults.
    """
    from tornado.httpserver import HTTPServer

    HTTPServer.configure(None, max_body_size=max_bytes)


class _StrictWebhookHandler(webhookhandler.TelegramHandler):
    """PTB's webhook handler, but a body that is no update is a 400 and is never logged.

    PTB answers malformed JSON with a 500 and logs an undecodable update with its data, which can
    hold a client's words. The secret is checked first, as before.
    """

    async def post(self) -> None:
        self._validate_post()
        try:
            data = json.loads(self.request.body)
            update = Update.de_json(data, self.bot) if isinstance(data, dict) else None
        except Exception:  # malformed JSON, or an object that is no update: nothing of it is kept
            update = None
        if update is None:
            raise HTTPError(HTTPStatus.BAD_REQUEST)
        self.set_status(HTTPStatus.OK)
        if isinstance(self.bot, ExtBot):
            self.bot.insert_callback_data(update)
        await self.update_queue.put(update)


def strict_webhook_bodies() -> None:
    """Serve the webhook with `_StrictWebhookHandler` (PTB's server looks the handler class up by name)."""
    vars(webhookhandler)["TelegramHandler"] = _StrictWebhookHandler


async def _telegram_reachable(settings: Settings) -> bool:
    """Ask Telegram who we are before starting; say in one line why not (PTB would print a traceback)."""
    request = HTTPXRequest(connect_timeout=10, read_timeout=10)
    try:
        async with Bot(settings.bot_token, base_url=settings.telegram_api_base_url, request=request):
            return True
    except InvalidToken:
        raise ConfigError("BOT_TOKEN", "was refused by Telegram", "check it with @BotFather") from None
    except NetworkError as exc:
        where = urlparse(settings.telegram_api_base_url).netloc  # never the token
        print(
            f"error: Telegram could not be reached at {where} ({exc.message}); "
            "check the network (or TELEGRAM_API_BASE_URL) and run again",
            file=sys.stderr,
        )
        return False


async def _holds_encrypted_text(settings: Settings) -> bool:
    if settings.encryption_key or settings.allow_plaintext:
        return False  # nothing to decide: the key is there, or none is wanted
    db = open_database(settings.database_url, settings.database_schema)
    try:
        return await holds_encrypted_text(db)
    finally:
        await db.dispose()


def run(settings: Settings, *, webhook: bool = False) -> int:
    settings.require_token()
    if webhook:
        settings.require_webhook()
    led = settings.database_url.startswith("postgresql")  # PostgreSQL: a leader's lease, standbys may wait
    if not led and (refusal := hold_sqlite_lock(settings.database_url)):
        print(refusal, file=sys.stderr)  # a second process on SQLite would split conversations
        return 2
    asyncio.run(prepare_database(settings.database_url, settings.database_schema))
    check_keys(settings)  # a wrong or missing key: one line naming the columns it does not read
    # Encryption is on unless ALLOW_PLAINTEXT says otherwise; a key is generated only for a database
    # that holds no encrypted text yet.
    settings = ensure_key(settings, holds_encrypted_text=asyncio.run(_holds_encrypted_text(settings)))
    for line in placeholder_warnings(settings):
        log.warning(line)
    if not asyncio.run(_telegram_reachable(settings)):
        return 1
    # The conversations track buttons per chat on purpose; PTB's per_message hint is noise here.
    warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)
    crypto.set_reloader(env_keys)  # a rotation begun while we run: its new key is read from .env
    if webhook:
        limit_webhook_bodies()
        strict_webhook_bodies()
    if led:  # waits as a standby until this process leads; only then is the Application built
        return run_led(settings, lambda app: _serve(app, settings, webhook=webhook, close_loop=False))
    app = build_application(settings, open_database(settings.database_url, settings.database_schema))
    _serve(app, settings, webhook=webhook)
    return 0


def _serve(app: AnyApplication, settings: Settings, *, webhook: bool, close_loop: bool = True) -> None:
    """Poll, or serve the webhook, until stopped."""
    if webhook:
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=urlparse(settings.webhook_url).path.strip("/"),
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret,  # PTB rejects requests without this header
            allowed_updates=Update.ALL_TYPES,
            close_loop=close_loop,
        )
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES, close_loop=close_loop)
