"""`python -m bot sandbox`: try the whole bot in a terminal, without a token or a network.

One asyncio loop runs three things: the local Bot API stand-in, the real bot long-polling it
(SQLite under data/), and a terminal chat in which you act as a demo client, therapist, admin
or a stranger. Everything you type goes through the same path as a real Telegram message.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import sys
import threading
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import Application
from telegram.warnings import PTBUserWarning

from bot.core import crypto
from bot.core.config import Settings
from bot.db.models import Role
from bot.db.session import Database
from bot.domain import enrollment, people
from bot.domain.people import PersonView
from bot.entry.app import (
    build_application,
    prepare_database,
    shutdown,
    startup,
    stop_delivery,
)
from bot.services.context import Services
from conversations.start import AGREE
from standin import ChatMessage, Limits, StandIn, StandInError

TOKEN = "100200:SANDBOX"  # any "digits:text" works: the stand-in accepts every token
DATA = Path("data")
DB_FILE = DATA / "sandbox.sqlite3"
KEY_FILE = DATA / "sandbox.key"

# The people you can be: (Telegram user id, first name). Guest has no invite: try enrolling with it.
USERS = {"client": (1003, "Jordan"), "therapist": (1002, "Rivera"), "admin": (1001, "Alex"), "guest": (1999, "Sam")}

REPLY_TIMEOUT = 3.0  # how long to wait for the bot's first reply to an action
SETTLE = 0.6  # after a reply, how long the chat must stay quiet before the prompt comes back

T = TypeVar("T")
Snapshot = tuple[tuple[int, int], ...]  # (message_id, edits) of the bot's messages in one chat

HELP = """\
Type anything to send it as the current person (/help, /faq, /settings, or a question).
  :as client|therapist|admin|guest   switch person (guest is a stranger: try a code from /invite)
  #N  or  :press N                   press button N of the latest message with buttons
  :sticker                           send a sticker
  :file PATH                         send a file as a document (e.g. a FAQ YAML for /faqupload)
  :block / :unblock                  block or unblock the bot
  :help   :quit  (or Ctrl+D)"""


def run_sandbox(settings: Settings, *, port: int = 0, fresh: bool = False) -> int:
    # The terminal is the chat: keep the bot's INFO logs and PTB's per_message warning out of it.
    logging.getLogger().setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", category=PTBUserWarning)
    key = _prepare_files(fresh)
    asyncio.run(_main(settings.model_copy(update={"encryption_key": key}), port))
    return 0


def _prepare_files(fresh: bool) -> str:
    """Creates data/ and the sandbox key (kept across --fresh: it is not secret, only stable)."""
    DATA.mkdir(exist_ok=True)
    if fresh:
        for path in DATA.glob(DB_FILE.name + "*"):  # the database and any -wal/-journal beside it
            path.unlink()
    if not KEY_FILE.exists():
        KEY_FILE.write_text(crypto.generate_key() + "\n")
        KEY_FILE.chmod(0o600)
    return KEY_FILE.read_text().strip()


async def _main(settings: Settings, port: int) -> None:
    async with _running(settings, port) as (st, app):
        services: Services = app.bot_data["services"]
        sandbox = Sandbox(st, services.db)
        summary = await sandbox.enroll_demo_people()
        print(
            f"IOP Companion sandbox: a local stand-in for Telegram on port {st.port}, the real bot, "
            f"database {DB_FILE} (--fresh starts over)."
        )
        print(summary)
        print("Type :help for sandbox commands, /help for the bot's.\n")
        await sandbox.chat()


@contextlib.asynccontextmanager
async def _running(settings: Settings, port: int) -> AsyncIterator[tuple[StandIn, Application]]:  # type: ignore[type-arg]
    """The stand-in and the bot, started in order and stopped in reverse (also after a failed start)."""
    async with contextlib.AsyncExitStack() as stack:
        # Lenient chats: the stand-in forgets its chats on restart while the database remembers people,
        # so the outbox must be able to write to someone who has not written in this session yet.
        # No flood limits: a 429 makes the bot retry a second later, so its reply would trail in after
        # the prompt. (How the bot copes with 429s is covered by the e2e tests and the outbox bench.)
        st = StandIn(token=TOKEN, limits=Limits(strict_chats=False, flood=False))
        await st.start(port=port)
        stack.push_async_callback(st.stop)
        url = f"sqlite+aiosqlite:///{DB_FILE}"
        sandbox_settings = settings.model_copy(
            update={
                "bot_token": TOKEN,
                "telegram_api_base_url": st.base_url,
                "telegram_file_base_url": st.base_file_url,
                "database_url": url,
                "outbox_poll_seconds": 0.3,
            }
        )
        await prepare_database(url)
        app = build_application(sandbox_settings, Database(url))
        # run_polling() would call these hooks itself; we drive the lifecycle by hand to share the loop.
        await app.initialize()
        stack.push_async_callback(shutdown, app)
        stack.push_async_callback(app.shutdown)
        await startup(app)
        stack.push_async_callback(stop_delivery, app)
        await app.start()
        stack.push_async_callback(app.stop)
        await app.updater.start_polling(allowed_updates=Update.ALL_TYPES)  # type: ignore[union-attr]
        stack.push_async_callback(app.updater.stop)  # type: ignore[union-attr]
        yield st, app


class Sandbox:
    """The demo people and the terminal chat: you act as one person at a time."""

    def __init__(self, st: StandIn, db: Database) -> None:
        self.st = st
        self.db = db
        self.who = "client"
        self.seen: dict[int, dict[int, int]] = {}  # chat id -> {message_id: edits} already printed
        # Held while an action runs and its replies print, so late messages never interleave with them.
        self.lock = asyncio.Lock()

    @property
    def user_id(self) -> int:
        return USERS[self.who][0]

    # --- demo people ----------------------------------------------------------------------

    async def enroll_demo_people(self) -> str:
        """Enrolls whoever of the demo people is missing, through /start <code> like a real person."""
        for user_id, first_name in USERS.values():
            await self.st.add_user(user_id, first_name)
        admin = await self._enroll(Role.ADMIN, "admin", display_name="Alex")
        therapist = await self._enroll(Role.THERAPIST, "therapist", display_name="Dr. Rivera")
        client = await self._enroll(
            Role.CLIENT, "client", display_name="JD", therapist_id=therapist.id, cohort="Evening"
        )
        for user_id, _ in USERS.values():  # the enrollment chatter is not news: start every chat "read"
            self.seen[user_id] = {m.message_id: m.edits for m in await self.st.messages(user_id)}
        return (
            f"You can be: client {client.code} (of {therapist.display_name}, cohort Evening), "
            f"therapist {therapist.label}, admin {admin.label}, or a guest. You are the client."
        )

    async def _enroll(self, role: Role, who: str, **invite: Any) -> PersonView:
        user_id = USERS[who][0]
        person = await self._person(user_id)
        if person is not None:
            return person
        async with self.db.session() as s, s.begin():
            issued = await enrollment.create_invite(s, role, **invite)
        sent = await self.st.send_text(user_id, f"/start {issued.code}")
        if role is Role.CLIENT:  # clients read the privacy notice and agree first
            ask = await self.st.wait_for_message(
                user_id, lambda m: ("I agree", AGREE) in m.buttons, after=sent["message_id"], timeout=15
            )
            await self.st.press(user_id, AGREE, message_id=ask.message_id)
        await self.st.wait_for_message(user_id, "Welcome", after=sent["message_id"], timeout=15)
        # The welcome is sent just before the update's unit of work commits: wait for the row.
        for _ in range(100):
            person = await self._person(user_id)
            if person is not None:
                return person
            await asyncio.sleep(0.05)
        raise AssertionError(f"the demo {who} did not get enrolled")

    async def _person(self, user_id: int) -> PersonView | None:
        async with self.db.session() as s, s.begin():
            return await people.by_telegram_id(s, user_id)

    # --- the terminal chat -----------------------------------------------------------------

    async def chat(self) -> None:
        lines = _stdin_lines()
        watcher = asyncio.create_task(self._watch(), name="sandbox-watch")
        try:
            async with self.lock:
                await self._print_news(always_prompt=True)
            while True:
                line = await lines.get()
                if not line:  # EOF
                    print()
                    return
                async with self.lock:
                    if not sys.stdin.isatty():  # piped input is not echoed: show it, so the transcript reads as a chat
                        print(line, end="")
                    if not await self._handle(line.strip()):
                        return
                    await self._print_news(always_prompt=True)
        finally:
            watcher.cancel()
            await asyncio.gather(watcher, return_exceptions=True)

    async def _handle(self, line: str) -> bool:
        """Runs one input line; False ends the sandbox."""
        if re.fullmatch(r"#\d+", line):
            line = ":press " + line[1:]
        if not line:
            return True
        if not line.startswith(":"):
            await self._act(lambda: self.st.send_text(self.user_id, line))
            return True
        command, _, arg = line[1:].partition(" ")
        arg = arg.strip()
        try:
            if command in ("quit", "q", "exit"):
                return False
            elif command == "as" and arg in USERS:
                self.who = arg  # its unseen messages print before the next prompt
            elif command == "press" and arg.isdigit():
                await self._press(int(arg))
            elif command == "sticker":
                await self._act(lambda: self.st.send_sticker(self.user_id))
            elif command == "file" and arg:
                path = Path(arg).expanduser()
                await self._act(lambda: self.st.send_document(self.user_id, path.read_bytes(), path.name))
            elif command in ("block", "unblock"):
                action = self.st.block if command == "block" else self.st.unblock
                await action(self.user_id)
                print(f"(you {command}ed the bot)")
            else:
                print(HELP)
        except (StandInError, OSError) as exc:  # a typo in a command should not end the sandbox
            print(f"sandbox: {exc}")
        return True

    async def _press(self, number: int) -> None:
        with_buttons = [m for m in await self.st.messages(self.user_id) if m.inline_keyboard]
        buttons = [b for row in with_buttons[-1].inline_keyboard or [] for b in row] if with_buttons else []
        if not 1 <= number <= len(buttons):
            print(f"sandbox: no button {number}" + (f" (there are {len(buttons)})" if buttons else " here"))
            return
        button = buttons[number - 1]
        if "callback_data" not in button:
            print(f"(that button opens {button.get('url')})")
            return
        query_id = await self._act(
            lambda: self.st.press(self.user_id, button["callback_data"], message_id=with_buttons[-1].message_id)
        )
        answer = await self.st.callback_answer(query_id)
        if answer and answer.get("text"):  # a toast, e.g. for a button that no longer works
            print(f"  (toast: {answer['text']})")

    async def _act(self, action: Callable[[], Awaitable[T]]) -> T:
        """Does something as the current person, then waits for the bot to finish answering."""
        before = await self._snapshot()
        result = await action()
        current = await self._next_change(before, REPLY_TIMEOUT)
        while current is not None:  # the bot may send several messages (notice, then question)
            current = await self._next_change(current, SETTLE)
        return result

    async def _snapshot(self) -> Snapshot:
        return tuple((m.message_id, m.edits) for m in await self.st.messages(self.user_id))

    async def _next_change(self, old: Snapshot, timeout: float) -> Snapshot | None:
        """The chat's next snapshot that differs from `old`, or None after timeout seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            version = await self.st.version()  # read before looking, so no change slips between
            new = await self._snapshot()
            if new != old:
                return new
            if (remaining := deadline - loop.time()) <= 0:
                return None
            await self.st.wait_change(version, remaining)

    async def _watch(self) -> None:
        """Prints messages that arrive while you sit at the prompt (outbox notices, reminders)."""
        version = await self.st.version()
        while True:
            version = await self.st.wait_change(version, 60)
            async with self.lock:  # free only while the prompt is waiting for input
                await self._print_news(always_prompt=False)

    async def _print_news(self, *, always_prompt: bool) -> None:
        """Prints the current chat's bot messages not shown yet (new or edited), then the prompt."""
        seen = self.seen.setdefault(self.user_id, {})
        fresh = [m for m in await self.st.messages(self.user_id) if seen.get(m.message_id) != m.edits]
        for message in fresh:
            print(_render(message, edited=message.message_id in seen))
            seen[message.message_id] = message.edits
        if fresh or always_prompt:
            print(await self._prompt(), end="", flush=True)

    async def _prompt(self) -> str:
        person = await self._person(self.user_id)
        if person is None:
            return f"[{self.who}] > "
        name = f" {person.display_name}" if person.role is not Role.CLIENT and person.display_name else ""
        return f"[{self.who} {person.code}{name}] > "


def _render(message: ChatMessage, *, edited: bool) -> str:
    """A bot message as terminal lines: its text (HTML is already plain here), buttons, files."""
    head = "bot (edited): " if edited else "bot: "
    lines = (message.body or "").splitlines() or [""]
    out = [head + lines[0]] + ["  " + line for line in lines[1:]]
    number = 1
    for row in message.inline_keyboard or []:
        labels = []
        for button in row:
            labels.append(f"[{number}] {button.get('text', '')}")
            number += 1
        out.append("  " + "   ".join(labels))
    for kind, file in (("photo", message.photo), ("document", message.document)):
        if file is not None:
            out.append(f"  ({kind}: {len(file.content)} bytes)")
    return "\n".join(out) + "\n"


def _stdin_lines() -> asyncio.Queue[str]:
    """Lines from stdin ("" at EOF), read by a daemon thread.

    Not asyncio.to_thread: its worker would block interpreter exit after Ctrl+C until Enter is pressed.
    """
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str] = asyncio.Queue()

    def pump() -> None:
        while True:
            line = sys.stdin.readline()
            try:
                loop.call_soon_threadsafe(queue.put_nowait, line)
            except RuntimeError:  # the loop has closed: the sandbox is over
                return
            if not line:
                return

    threading.Thread(target=pump, name="sandbox-stdin", daemon=True).start()
    return queue
