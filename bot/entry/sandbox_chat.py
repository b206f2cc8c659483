"""The sandbox's terminal chat: you type as one demo person at a time, the bot's answers print back."""

from __future__ import annotations

import asyncio
import re
import sys
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from bot.db.models import Role
from bot.db.session import Database
from bot.domain.people import directory
from bot.texts import catalogue
from standin import ChatMessage, StandIn, StandInError

# The people you can be: (Telegram user id, first name). Guest has no invite: try enrolling with it.
USERS = {
    "client": (1003, "Jordan"),
    "therapist": (1002, "Rivera"),
    "staff": (1004, "Casey"),
    "admin": (1001, "Alex"),
    "guest": (1999, "Sam"),
}
GROUP_TITLE = "Sandbox group"  # a group chat every demo person can write in, created on first use

REPLY_TIMEOUT = 3.0  # how long to wait for the bot's first reply to an action
SETTLE = 0.6  # after a reply, how long the chats must stay quiet before the prompt comes back
MAX_WAIT = 15.0  # a bot that never goes quiet (a message edited again and again) still gives the prompt back

T = TypeVar("T")
Snapshot = tuple[tuple[int, int, int], ...]  # (chat_id, message_id, edits) of the bot's messages in watched chats

HELP = """\
Type anything to send it as the current person (/help, /faq, /settings, or a question).
  :as client|therapist|staff|admin|guest   switch person (guest is a stranger: try a code from /invite)
  :lang en|es                              the current person reads English or Spanish (as /language does)
  #N  or  :press N                         press button N of the latest message with buttons
  :sticker                                 send a sticker
  :photo [CAPTION]                         send a small photo, with a caption if given
  :file PATH                               send a file as a document (e.g. a FAQ YAML for /faqupload)
  :edit TEXT                               edit your last message to TEXT (the bot gets an edited message)
  :group TEXT                              send TEXT in a group chat with the bot
  :block / :unblock                        block or unblock the bot
  :help   :quit  (or Ctrl+D)"""


class SandboxChat:
    """The terminal chat: runs your lines as the current person and prints what the bot sends."""

    def __init__(self, st: StandIn, db: Database) -> None:
        self.st = st
        self.db = db
        self.who = "client"
        self.group: int | None = None  # the group chat's id, once someone wrote there
        self.seen: dict[int, dict[int, int]] = {}  # chat id -> {message_id: edits} already printed
        # Held while an action runs and its replies print, so late messages never interleave with them.
        self.lock = asyncio.Lock()

    @property
    def user_id(self) -> int:
        return USERS[self.who][0]

    def _chats(self) -> list[int]:
        """The chats whose bot messages print: the current person's, and the group once it exists."""
        return [self.user_id] + ([self.group] if self.group is not None else [])

    async def mark_all_read(self) -> None:
        """Starts every demo chat "read", so only what happens from now on prints."""
        for user_id, _ in USERS.values():
            self.seen[user_id] = {m.message_id: m.edits for m in await self.st.messages(user_id)}

    async def run(self) -> None:
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
                    if not await self.handle(line.strip()):
                        return
                    await self._print_news(always_prompt=True)
        finally:
            watcher.cancel()
            await asyncio.gather(watcher, return_exceptions=True)

    # --- one input line ------------------------------------------------------------------

    async def handle(self, line: str) -> bool:
        """Runs one input line; False ends the sandbox."""
        if re.fullmatch(r"#\d+", line):
            line = ":press " + line[1:]
        if not line:
            return True
        if not line.startswith(":"):
            await self._act(lambda: self.st.send_text(self.user_id, line))
            return True
        command, _, arg = line[1:].partition(" ")
        try:
            return await self._command(command, arg.strip())
        except (StandInError, OSError) as exc:  # a typo in a command should not end the sandbox
            print(f"sandbox: {exc}")
            return True

    async def _command(self, command: str, arg: str) -> bool:
        uid = self.user_id
        if command in ("quit", "q", "exit"):
            return False
        if command == "as" and arg in USERS:
            self.who = arg  # its unseen messages print before the next prompt
        elif command == "lang" and arg in catalogue.languages():
            await self._language(arg)
        elif command == "press" and arg.isdigit():
            await self._press(int(arg))
        elif command == "sticker":
            await self._act(lambda: self.st.send_sticker(uid))
        elif command == "photo":
            await self._act(lambda: self.st.send_photo(uid, caption=arg or None))
        elif command == "file" and arg:
            content, name = await asyncio.to_thread(_read_file, arg)
            await self._act(lambda: self.st.send_document(uid, content, name))
        elif command == "edit" and arg:
            await self._edit(arg)
        elif command == "group" and arg:
            if self.group is None:
                self.group = await self.st.add_group(GROUP_TITLE)
            group = self.group
            await self._act(lambda: self.st.send_text(uid, arg, chat_id=group))
        elif command in ("block", "unblock"):
            action = self.st.block if command == "block" else self.st.unblock
            await action(uid)
            print(f"(you {command}ed the bot)")
        else:
            print(HELP)
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

    async def _language(self, code: str) -> None:
        """Switches the current person's language the way they would: /language, then its button."""
        await self._act(lambda: self.st.send_text(self.user_id, "/language"))
        latest = [m for m in await self.st.messages(self.user_id) if m.inline_keyboard]
        buttons = [b for row in latest[-1].inline_keyboard or [] for b in row] if latest else []
        names = [b.get("text") for b in buttons]
        if catalogue.NAMES[code] not in names:
            print("sandbox: no language buttons here (a guest picks one on the privacy notice)")
            return
        await self._press(names.index(catalogue.NAMES[code]) + 1)

    async def _edit(self, text: str) -> None:
        """Edits the current person's latest text message in their chat with the bot."""
        await self._act(lambda: self.st.edit_last_text(self.user_id, text))

    # --- waiting for the bot -------------------------------------------------------------

    async def _act(self, action: Callable[[], Awaitable[T]]) -> T:
        """Does something as the current person, then waits for the bot to finish answering."""
        before = await self._snapshot()
        result = await action()
        loop = asyncio.get_running_loop()
        give_up = loop.time() + MAX_WAIT
        current = await self._next_change(before, REPLY_TIMEOUT)
        while current is not None and loop.time() < give_up:  # several messages (notice, then question)
            current = await self._next_change(current, SETTLE)
        return result

    async def _snapshot(self) -> Snapshot:
        return tuple([(chat, m.message_id, m.edits) for chat in self._chats() for m in await self.st.messages(chat)])

    async def _next_change(self, old: Snapshot, timeout: float) -> Snapshot | None:
        """The watched chats' next snapshot that differs from `old`, or None after timeout seconds."""
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

    # --- printing ------------------------------------------------------------------------

    async def _print_news(self, *, always_prompt: bool) -> None:
        """Prints the watched chats' bot messages not shown yet (new or edited), then the prompt."""
        printed = False
        for chat in self._chats():
            seen = self.seen.setdefault(chat, {})
            fresh = [m for m in await self.st.messages(chat) if seen.get(m.message_id) != m.edits]
            for message in fresh:
                print(_render(message, edited=message.message_id in seen, in_group=chat == self.group))
                seen[message.message_id] = message.edits
            printed = printed or bool(fresh)
        if printed or always_prompt:
            print(await self._prompt(), end="", flush=True)

    async def _prompt(self) -> str:
        async with self.db.session() as s, s.begin():
            person = await directory.by_telegram_id(s, self.user_id)
        if person is None:
            return f"[{self.who}] > "
        name = f" {person.display_name}" if person.role is not Role.CLIENT and person.display_name else ""
        return f"[{self.who} {person.code}{name}] > "


def _render(message: ChatMessage, *, edited: bool, in_group: bool) -> str:
    """A bot message as terminal lines: its text (HTML is already plain here), buttons, files."""
    where = " in the group" if in_group else ""
    head = f"bot{where} (edited): " if edited else f"bot{where}: "
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


def _read_file(arg: str) -> tuple[bytes, str]:
    path = Path(arg).expanduser()
    return path.read_bytes(), path.name


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
