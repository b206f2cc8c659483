"""Run the stand-in on its own: ``python -m standin --port 8081 [--no-flood] [--no-validation]``."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from standin.limits import Limits
from standin.server import StandIn


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m standin", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback)")
    parser.add_argument("--port", type=int, default=8081, help="port (0 picks a free one)")
    parser.add_argument("--token", help="the bot token that user-side actions go to by default")
    parser.add_argument("--username", default="iop_companion_bot", help="the bot's username")
    parser.add_argument("--first-name", default="IOP Companion", help="the bot's display name")
    parser.add_argument("--no-flood", action="store_true", help="never answer 429 Too Many Requests")
    parser.add_argument("--no-validation", action="store_true", help="skip Telegram's content rules")
    parser.add_argument("--lenient-chats", action="store_true", help="let bots write to chats nobody opened")
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    limits = Limits(flood=not args.no_flood, validation=not args.no_validation, strict_chats=not args.lenient_chats)
    standin = StandIn(token=args.token, limits=limits, bot_username=args.username, bot_first_name=args.first_name)
    await standin.start(args.host, args.port)
    print(f"Bot API stand-in on {standin.url}", flush=True)
    print(f"  base_url      {standin.base_url}", flush=True)
    print(f"  base_file_url {standin.base_file_url}", flush=True)
    print(f"  control       {standin.url}/_standin/", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await standin.stop()


def main(argv: list[str] | None = None) -> None:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(parse_args(argv)))


if __name__ == "__main__":
    main()
