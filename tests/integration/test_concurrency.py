"""Different chats are handled at once; one chat's updates stay in order; each update keeps its own unit of work."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.services import uow
from bot.services.ordering import PerChatOrder
from tests.support import tg
from tests.support.harness import Harness

SLOW, FAST = 6501, 6502


def _start(harness: Harness, update: Update) -> asyncio.Task[None]:
    """Hand an update to the Application the way its update fetcher does: one task each, in arrival order."""
    app = harness.app
    return asyncio.create_task(app.update_processor.process_update(update, app.process_update(update)))


async def _settle() -> None:
    for _ in range(50):  # let every runnable task reach its next real wait
        await asyncio.sleep(0)


async def test_the_application_handles_chats_concurrently(harness: Harness) -> None:
    assert isinstance(harness.app.update_processor, PerChatOrder)
    assert harness.app.update_processor.max_concurrent_updates > 1


async def test_a_chat_whose_reply_hangs_holds_back_no_other_chat(harness: Harness) -> None:
    await harness.enroll(SLOW)
    await harness.enroll(FAST)
    harness.req.clear()
    harness.req.faults.add("hang", method="sendMessage", chat_id=SLOW, process=True, delay=30)
    slow = _start(harness, tg.text(harness.bot, SLOW, "/help"))
    await _settle()
    # Finishes while SLOW's reply hangs (handled one at a time, it would wait for SLOW: the timeout says so).
    await asyncio.wait_for(_start(harness, tg.text(harness.bot, FAST, "/help")), 5)
    assert len(harness.req.texts(FAST)) == 1 and not slow.done()
    harness.req.release()
    await slow
    assert len(harness.req.texts(SLOW)) == 1 and not harness.crashed()


async def test_one_chats_updates_stay_in_order(harness: Harness) -> None:
    """The second message waits for the first, although the first's reply hangs."""
    await harness.enroll(SLOW)
    harness.req.clear()
    harness.req.faults.add("hang", method="sendMessage", chat_id=SLOW, process=True, delay=30)
    first = _start(harness, tg.text(harness.bot, SLOW, "/help"))
    second = _start(harness, tg.text(harness.bot, SLOW, "/frobnicate"))
    await _settle()
    assert not first.done() and not second.done()
    assert harness.req.texts(SLOW) == []  # the second did not overtake the first
    harness.req.release()
    await asyncio.gather(first, second)
    texts = harness.req.texts(SLOW)
    assert len(texts) == 2 and "/settings" in texts[0] and "don't know that command" in texts[1]


async def test_a_conversation_step_waits_for_the_step_before(harness: Harness) -> None:
    """/settings then a press on its menu, the menu's reply hanging: the press lands in the open conversation."""
    from conversations.settings import Choice, SettingsButton

    await harness.enroll(SLOW)
    harness.req.clear()
    harness.req.faults.add("hang", method="sendMessage", chat_id=SLOW, process=True, delay=30)
    opened = _start(harness, tg.text(harness.bot, SLOW, "/settings"))
    pressed = _start(harness, tg.press(harness.bot, SLOW, SettingsButton(Choice.ZONE).pack()))
    await _settle()
    harness.req.release()
    await asyncio.gather(opened, pressed)
    assert "older message" not in " ".join(harness.req.texts(SLOW)) and not harness.crashed()


async def test_each_update_has_its_own_unit_of_work(harness: Harness) -> None:
    """Two chats in flight at once see two sessions; neither sees the other's."""
    await harness.enroll(SLOW)
    await harness.enroll(FAST)
    seen: dict[int, object] = {}
    import conversations.help as help_module

    real = help_module.help_command

    async def recording(update: Update, context) -> None:  # type: ignore[no-untyped-def]
        assert update.effective_user is not None
        seen[update.effective_user.id] = uow.session()
        await real(update, context)

    harness.app.handlers[0] = [
        type(h)("help", recording) if getattr(h, "commands", None) == frozenset({"help"}) else h
        for h in harness.app.handlers[0]
    ]
    harness.req.faults.add("hang", method="sendMessage", chat_id=SLOW, process=True, delay=30)
    slow = _start(harness, tg.text(harness.bot, SLOW, "/help"))
    await _settle()
    await asyncio.wait_for(_start(harness, tg.text(harness.bot, FAST, "/help")), 5)
    harness.req.release()
    await slow
    assert seen[SLOW] is not seen[FAST]
