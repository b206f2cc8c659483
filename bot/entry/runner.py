"""Runs the application in polling or webhook mode."""

from __future__ import annotations

import asyncio
from urllib.parse import urlparse

from telegram import Update

from bot.core.config import Settings
from bot.db.session import Database
from bot.entry.app import build_application, prepare_database
from bot.entry.first_run import ensure_key

# Telegram's updates are a few kilobytes; PTB's webhook server (tornado) would buffer up to 100 MB
# of a request before checking the secret header.
MAX_WEBHOOK_BODY = 1024 * 1024


def limit_webhook_bodies(max_bytes: int = MAX_WEBHOOK_BODY) -> None:
    """Make tornado refuse larger bodies (400) from the headers, before reading them.

    PTB builds its HTTPServer itself; tornado's Configurable lets us set constructor defaults.
    """
    from tornado.httpserver import HTTPServer

    HTTPServer.configure(None, max_body_size=max_bytes)


def run(settings: Settings, *, webhook: bool = False) -> int:
    settings.require_token()
    if webhook:
        settings.require_webhook()
    settings = ensure_key(settings)  # encryption is on unless ALLOW_PLAINTEXT says otherwise
    asyncio.run(prepare_database(settings.database_url))
    app = build_application(settings, Database(settings.database_url))
    if webhook:
        limit_webhook_bodies()
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=urlparse(settings.webhook_url).path.strip("/"),
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret,  # PTB rejects requests without this header
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0
