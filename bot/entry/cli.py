"""`python -m bot ...`: run the bot, migrate, and admin tools that work before anyone is on Telegram."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.core.errors import ConfigError
from bot.entry.cli_args import BadArgument
from bot.texts import catalogue, wording

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
    from bot.entry import db_cli

    db_cli.add_parsers(dbsub)

    inv = sub.add_parser(
        "invite",
        help="create a one-time enrollment code",
        description="Create a one-time enrollment code and print it with its deep link.",
    )
    inv.add_argument("--role", choices=["admin", "staff", "therapist", "client"], help="who the code is for (required)")
    inv.add_argument(
        "--name", default="", help="name (team), or initials or clinic code like C-1042 (client), shown to colleagues"
    )
    inv.add_argument("--therapist", default="", metavar="CODE", help="client only: the therapist's code (T-...)")
    inv.add_argument("--cohort", default="", metavar="NAME", help="client only: cohort or track")
    inv.add_argument("--language", choices=catalogue.languages(), help="the language they read (default: their app's)")

    assign = sub.add_parser(
        "assign",
        help="give a client a therapist",
        description="Make THERAPIST_CODE the client's therapist; open alerts and questions move along.",
    )
    assign.add_argument("client_code")
    assign.add_argument("therapist_code")
    inv.add_argument("--bot-username", default="", help="bot username for the link (default: ask the Bot API)")

    sub.add_parser(
        "people",
        help="list enrolled people",
        description="List enrolled people: code, role, status, name or initials, and each client's therapist.",
    )

    from bot.entry import schedule_cli

    schedule_cli.add_parser(sub)
    from bot.entry import fhir_cli, report_cli

    report_cli.add_parser(sub)
    fhir_cli.add_parser(sub)

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
        "chat in which you can be any role: a client, a therapist, staff, an admin, or a guest "
        "(a stranger trying a code from /invite); switch with ':as ROLE'.",
    )
    sandbox.add_argument("--port", type=int, default=0, help="stand-in port (default: any free port)")
    sandbox.add_argument("--fresh", action="store_true", help="start from an empty sandbox database")
    triage = sub.add_parser(
        "triage",
        help="screen messages for crisis language",
        description="Read messages, one per line, and print "
        'one JSON object per line: {"level", "category", "pattern"} as the crisis screen decides.',
    )
    triage.add_argument(
        "--eval",
        metavar="FILE",
        help="measure the screen on a labelled JSON-lines file: recall by situation, false alarms, misses",
    )
    triage.add_argument(
        "--review", action="store_true", help="list the examples the care team marked with /screen or 'false alarm'"
    )
    triage.add_argument(
        "--train",
        action="store_true",
        help="train the learned layer on the labelled corpus and write crisis_model.json.gz (needs scikit-learn)",
    )
    sub.add_parser(
        "status",
        help="who runs the bot: the leader and every process's heartbeat",
        description="Show which process leads (host and pid) and since when, and each process's last heartbeat.",
    )
    sub.add_parser(
        "keygen", help="print a new ENCRYPTION_KEY", description="Print a new Fernet key for ENCRYPTION_KEY."
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    from bot.entry.logs import setup_logging

    try:
        args = _parser().parse_args(argv)  # a bad date or number: BadArgument, before anything is opened
        setup_logging()
        return _dispatch(args)
    except (ConfigError, BadArgument) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from bot.entry import unreachable

        if not unreachable.is_unreachable(exc):
            raise
        print(unreachable.one_line(exc, _configured_url()), file=sys.stderr)
        return 1


def _configured_url() -> str | None:
    """DATABASE_URL as the settings read it (from .env too), or None when they cannot be read."""
    try:
        from bot.core.config import load_settings

        return load_settings().database_url
    except Exception:  # the settings themselves are broken: the environment's value is shown instead
        return None


def _dispatch(args: argparse.Namespace) -> int:
    from bot.core.config import load_settings

    if args.command == "triage":
        from bot.entry import triage_cli

        if args.eval:
            return triage_cli.evaluate_file(args.eval)
        if args.review:
            return triage_cli.review(load_settings())
        if args.train:
            return triage_cli.train()
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
    from bot.db.schema import ensure_schema, open_database

    crypto.configure(settings.encryption_key, settings.old_keys)
    await ensure_schema(settings.database_url, settings.database_schema)
    db = open_database(settings.database_url, settings.database_schema)
    try:
        await migrate.upgrade(db.engine)
        if args.command == "db":
            if args.db_command == "current":
                print(await migrate.current(db.engine))
            elif args.db_command == "encrypt":
                return await _encrypt(db)
            elif args.db_command in ("backup", "restore", "rotate-key"):
                from bot.entry import db_cli

                return await db_cli.run(args, settings, db)
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
        if args.command == "report":
            from bot.entry import report_cli

            return await report_cli.run(args, settings, db)
        if args.command == "fhir":
            from bot.entry import fhir_cli

            return await fhir_cli.run(args, settings, db)
        if args.command == "status":
            from bot.entry.leader import status_lines

            silent = dt.timedelta(seconds=settings.leader_lease_seconds)
            print("\n".join(await status_lines(db, silent_after=silent)))
            return 0
        if args.command == "people":
            from bot.domain.people import listing

            async with db.session() as s, s.begin():
                everyone = await listing.rows(s, listing.Filter())
            for p in everyone:
                therapist = f"therapist {p.therapist_code or 'none'}" if p.role is Role.CLIENT else ""
                line = f"{p.code:8} {p.role:9} {p.status:11} {p.name:12} {therapist} {p.cohort}"
                print(line.rstrip())
            print(f"{len(everyone)} people")
            return 0
        if args.command == "assign":
            return await _assign(db, args.client_code, args.therapist_code)
        if args.command == "invite":
            return await _invite(db, args, settings)
    finally:
        await db.dispose()
    return 1


async def _assign(db: Database, client_code: str, therapist_code: str) -> int:
    from bot.domain.care import assignment

    async with db.session() as s, s.begin():
        done = await assignment.assign(s, client_code, therapist_code)
    if done.outcome is assignment.Outcome.NO_CLIENT:
        print(f"error: no client has the code {client_code}", file=sys.stderr)
        return 1
    if done.outcome is assignment.Outcome.NO_THERAPIST:
        print(f"error: no active therapist has the code {therapist_code}", file=sys.stderr)
        return 1
    if done.outcome is assignment.Outcome.UNCHANGED:
        print(f"{done.client_code} already has therapist {done.therapist_code}")
        return 0
    moved = f"; {wording.count(done.alerts_moved, 'open alert')} moved" if done.alerts_moved else ""
    print(f"{done.client_code} now has therapist {done.therapist_code} (was {done.previous_code or 'none'}){moved}")
    return 0


async def _invite(db: Database, args: argparse.Namespace, settings: Settings) -> int:
    from bot.core.errors import EnrollmentError
    from bot.db.models import Role
    from bot.domain.care import assignment
    from bot.domain.people import enrollment, invites

    if not args.role:  # never a silent admin code
        print("error: say who the code is for: --role client|therapist|staff|admin", file=sys.stderr)
        return 2
    role = Role(args.role)
    name, person_code = args.name, None
    if role is Role.CLIENT:
        label = invites.client_label(args.name) if args.name else invites.ClientLabel()
        if label is None:
            print(
                "error: --name for a client is initials (1 to 4 letters) or a clinic code like C-1042", file=sys.stderr
            )
            return 2
        name, person_code = label.initials, label.person_code
    elif args.therapist or args.cohort:
        print("error: --therapist and --cohort are for --role client", file=sys.stderr)
        return 2
    async with db.session() as s, s.begin():
        therapist_id = None
        if args.therapist:
            therapist = await assignment.find_therapist(s, args.therapist)
            if therapist is None:
                print(f"error: no active therapist has the code {args.therapist}", file=sys.stderr)
                return 2
            therapist_id = therapist.id
        try:
            issued = await enrollment.create_invite(
                s,
                role,
                display_name=name,
                person_code=person_code,
                therapist_id=therapist_id,
                cohort=args.cohort.strip()[:32],
                policy=enrollment.policy_from(settings),
                language=args.language,
            )
        except EnrollmentError:
            print(f"error: {person_code} is already in use or has a pending code", file=sys.stderr)
            return 2
    username = args.bot_username or settings.bot_username or await _bot_username(settings)
    print(f"code:    {issued.code}")
    if username:
        print(f"link:    {enrollment.deep_link(username, issued.code)}")
    else:
        print("link:    set BOT_USERNAME in .env (or pass --bot-username) to get a link; the code works without it")
    print(f"role:    {issued.role} ({issued.person_code})")
    if args.language:
        print(f"reads:   {catalogue.NAMES[args.language]}")
    expires = issued.expires_at.replace(tzinfo=issued.expires_at.tzinfo or dt.UTC).astimezone(settings.zone)
    print(f"expires: {expires:%Y-%m-%d %H:%M %Z} ({settings.clinic_timezone}); works once")  # the clinic's time
    return 0


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
    """Ask the Bot API who we are; "" when it cannot be asked (no token, offline)."""
    if not settings.bot_token:
        return ""
    from telegram import Bot

    try:
        async with Bot(settings.bot_token, base_url=settings.telegram_api_base_url) as bot:
            return bot.username
    except Exception:  # offline or wrong token: the code is still valid, only the link lacks a name
        return ""
