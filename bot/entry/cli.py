"""`python -m bot ...`: run the bot, migrate, and admin tools that work before anyone is on Telegram."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.core.errors import ConfigError

if TYPE_CHECKING:  # imported late at run time: `python -m bot keygen` should not load the database layer
    from bot.core.config import Settings
    from bot.db.session import Database


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bot", description="IOP Companion: the clinic's Telegram bot.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser(
        "run", help="run the bot (long polling by default)", description="Run the bot. Migrates the database first."
    )
    run.add_argument(
        "--webhook", action="store_true", help="receive updates by webhook (needs WEBHOOK_URL and WEBHOOK_SECRET)"
    )

    db = sub.add_parser("db", help="database tools", description="Database tools.")
    dbsub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    dbsub.add_parser("upgrade", help="apply all migrations", description="Apply all migrations.")
    dbsub.add_parser("current", help="print the applied revision", description="Print the applied revision.")
    dbsub.add_parser(
        "encrypt",
        help="encrypt text stored before a key was set",
        description="Encrypt every stored free-text value not yet encrypted with ENCRYPTION_KEY; safe to repeat.",
    )

    inv = sub.add_parser(
        "invite",
        help="create a one-time enrollment code",
        description="Create a one-time enrollment code and print it with its deep link.",
    )
    inv.add_argument("--role", choices=["admin", "staff", "therapist", "client"], default="admin")
    inv.add_argument("--name", default="", help="name (team) or initials (client) shown to colleagues")
    inv.add_argument("--bot-username", default="", help="bot username for the link (default: ask the Bot API)")

    sub.add_parser("people", help="list enrolled people", description="List enrolled people.")

    from bot.entry import schedule_cli

    schedule_cli.add_parser(sub)

    faq = sub.add_parser("faq", help="FAQ tools", description="Try and check the FAQ content.")
    faqsub = faq.add_subparsers(dest="faq_command", required=True, metavar="ACTION")
    ask = faqsub.add_parser(
        "ask",
        help="print the answer the bot would give",
        description="Print the answer the bot would give, its entry id and score.",
    )
    ask.add_argument("question")
    check = faqsub.add_parser(
        "check",
        help="validate a FAQ content file",
        description="Validate a FAQ file: ids, answers, lengths, related links, placeholders.",
    )
    check.add_argument("path", nargs="?", default=None, help="file to check (default: the shipped faq.yaml)")

    outbox = sub.add_parser("outbox", help="outbox tools", description="Inspect the outbox.")
    outsub = outbox.add_subparsers(dest="outbox_command", required=True, metavar="ACTION")
    outsub.add_parser("dead", help="list undeliverable messages", description="List undeliverable messages.")
    outsub.add_parser("stats", help="count messages by status", description="Count outbox messages by status.")

    sandbox = sub.add_parser(
        "sandbox",
        help="try the bot locally without Telegram",
        description="Start a local Bot API stand-in, the bot against it, and a terminal "
        "chat in which you can be a client, a therapist or staff.",
    )
    sandbox.add_argument("--port", type=int, default=0, help="stand-in port (default: any free port)")
    sandbox.add_argument("--fresh", action="store_true", help="start from an empty sandbox database")
    sub.add_parser(
        "triage",
        help="screen messages for crisis language",
        description="Read messages, one per line, and print "
        'one JSON object per line: {"level", "category", "pattern"} as the crisis screen decides.',
    )
    sub.add_parser(
        "keygen", help="print a new ENCRYPTION_KEY", description="Print a new Fernet key for ENCRYPTION_KEY."
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from bot.entry.logs import setup_logging

    setup_logging()
    try:
        return _dispatch(args)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    from bot.core.config import load_settings

    if args.command == "triage":
        from bot.entry import triage_cli

        return triage_cli.main()
    if args.command == "keygen":
        from bot.core.crypto import generate_key

        print(generate_key())
        return 0
    if args.command == "run":
        from bot.entry.first_run import ensure_env_file

        if ensure_env_file():
            print("Created .env from .env.example: put BOT_TOKEN and the clinic's details there.")
    settings = load_settings()
    if args.command == "faq":
        from bot.entry import faq_cli

        if args.faq_command == "ask":
            out, code = faq_cli.ask_command(args.question, settings.faq_facts())
        else:
            out, code = faq_cli.check_command(args.path, settings.faq_facts())
        print(out)
        return code
    if args.command == "sandbox":
        try:
            from bot.entry.sandbox import run_sandbox
        except ModuleNotFoundError as exc:  # the stand-in is an extra: the bot runs without it
            if exc.name != "aiohttp":
                raise
            print("error: the sandbox needs the stand-in's extra: pip install -e '.[standin]'", file=sys.stderr)
            return 2
        return run_sandbox(settings, port=args.port, fresh=args.fresh)
    if args.command == "run":
        from bot.entry.runner import run

        return run(settings, webhook=args.webhook)
    return asyncio.run(_admin(args, settings))


async def _admin(args: argparse.Namespace, settings: Settings) -> int:
    from bot.core import crypto
    from bot.db import migrate
    from bot.db.models import Role
    from bot.db.session import Database
    from bot.domain import enrollment, people

    crypto.configure(settings.encryption_key)
    db = Database(settings.database_url)
    try:
        await migrate.upgrade(db.engine)
        if args.command == "db":
            if args.db_command == "current":
                print(await migrate.current(db.engine))
            elif args.db_command == "encrypt":
                return await _encrypt(db)
            else:
                print(f"database at revision {await migrate.current(db.engine)}")
            return 0
        if args.command == "outbox":
            from bot.delivery import outbox

            async with db.session() as s, s.begin():
                if args.outbox_command == "stats":
                    from bot.db.models import OutboxStatus

                    counts = await outbox.counts(s)
                    for status in OutboxStatus:  # every status, zero included: an empty outbox says so
                        print(f"{status:10} {counts.get(status, 0)}")
                    return 0
                rows = await outbox.dead_rows(s, limit=100)
            for r in rows:
                print(f"#{r.id:<6} {r.kind:10} {r.recipient:10} {r.attempts} tries  {r.error}")
            print(f"{len(rows)} undeliverable")
            return 0
        if args.command == "schedule":
            from bot.entry import schedule_cli

            return await schedule_cli.run(args, settings, db)
        if args.command == "people":
            async with db.session() as s, s.begin():
                everyone = await people.list_people(s)
            for p in everyone:
                state = "active" if p.active else "paused"
                print(f"{p.code:8} {p.role:9} {state:7} {p.display_name}")
            print(f"{len(everyone)} people")
            return 0
        if args.command == "invite":
            async with db.session() as s, s.begin():
                issued = await enrollment.create_invite(
                    s, Role(args.role), display_name=args.name, policy=enrollment.policy_from(settings)
                )
            username = args.bot_username or settings.bot_username or await _bot_username(settings)
            print(f"code:    {issued.code}")
            print(f"link:    {enrollment.deep_link(username, issued.code)}")
            print(f"role:    {issued.role} ({issued.person_code})")
            print(f"expires: {issued.expires_at:%Y-%m-%d %H:%M} UTC; works once")
            return 0
    finally:
        await db.dispose()
    return 1


async def _encrypt(db: Database) -> int:
    from bot.db.encryption import encrypt_plaintext

    reports = await encrypt_plaintext(db)
    for r in reports:
        line = f"{r.column:28} {r.encrypted_now:6} encrypted now {r.already:6} already encrypted"
        print(line + (f" {r.unreadable:6} written with another key" if r.unreadable else ""))
    unreadable = sum(r.unreadable for r in reports)
    print(
        f"{sum(r.encrypted_now for r in reports)} values encrypted now, "
        f"{sum(r.already for r in reports)} were already encrypted"
        + (f", {unreadable} were written with another key and left as they are" if unreadable else "")
    )
    return 1 if unreadable else 0


async def _bot_username(settings: Settings) -> str:
    """Ask the Bot API who we are; without a token the link keeps a placeholder."""
    if not settings.bot_token:
        return "YOUR_BOT"
    from telegram import Bot

    try:
        async with Bot(settings.bot_token, base_url=settings.telegram_api_base_url) as bot:
            return bot.username
    except Exception:  # offline or wrong token: the code is still valid, only the link lacks a name
        return "YOUR_BOT"
