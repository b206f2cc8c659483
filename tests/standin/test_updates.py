"""getMe, getUpdates (offsets, long polling, allowed_updates, conflicts) and webhooks, through real PTB."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp.web
import pytest
from telegram import Bot, ChatMember, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import Conflict

from standin import StandIn, StandInError, TelegramUser
from tests.conftest import TOKEN
from tests.standin.conftest import raw_call


async def test_get_me_returns_the_bot_of_the_token(bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.username, me.first_name) == (123456, True, "iop_companion_bot", "IOP Companion")
    assert me.can_join_groups is True and me.supports_inline_queries is False


async def test_another_token_is_another_bot(standin: StandIn) -> None:
    status, body = await raw_call(standin, "getMe", token="987654:OTHER")
    assert status == 200 and body["result"]["id"] == 987654 and body["result"]["is_bot"] is True
    assert {info["id"] for info in await standin.bots()} == {123456, 987654}


async def test_unknown_method_is_404_like_telegram(standin: StandIn) -> None:
    status, body = await raw_call(standin, "sendTelepathy")
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})


async def test_method_names_ignore_case_and_get_with_query_works(standin: StandIn) -> None:
    status, body = await raw_call(standin, "getme", http_method="GET")
    assert status == 200 and body["result"]["username"] == "iop_companion_bot"


async def test_updates_stay_until_a_later_offset_confirms_them(bot: Bot, standin: StandIn) -> None:
    sam = await standin.add_user(1001, "Sam")
    await sam.send_text("one")
    await sam.send_text("two")
    first = await bot.get_updates()
    assert [u.message.text for u in first] == ["one", "two"]
    assert first[1].update_id == first[0].update_id + 1
    again = await bot.get_updates()  # not confirmed yet: delivered again
    assert [u.update_id for u in again] == [u.update_id for u in first]
    await sam.send_text("three")
    rest = await bot.get_updates(offset=first[0].update_id + 1)
    assert [u.message.text for u in rest] == ["two", "three"]
    assert await bot.get_updates(offset=rest[-1].update_id + 1) == ()
    assert len(standin.bot().updates) == 0


async def test_limit_and_negative_offset(bot: Bot, standin: StandIn) -> None:
    sam = await standin.add_user(1001, "Sam")
    for text in ("a", "b", "c", "d"):
        await sam.send_text(text)
    assert [u.message.text for u in await bot.get_updates(limit=2)] == ["a", "b"]
    assert [u.message.text for u in await bot.get_updates(offset=-1)] == ["d"]  # the rest is forgotten
    assert [u.message.text for u in await bot.get_updates()] == ["d"]


async def test_long_poll_returns_as_soon_as_a_user_writes(bot: Bot, standin: StandIn) -> None:
    sam = await standin.add_user(1001, "Sam")
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await standin.wait_until_polling()
    assert not poll.done()
    await sam.send_command("start", "abc123")
    updates = await asyncio.wait_for(poll, 2)
    message = updates[0].message
    assert message.text == "/start abc123"
    assert message.from_user.id == 1001 and message.chat.type == "private" and message.chat.id == 1001
    assert [(e.type, e.offset, e.length) for e in message.entities] == [("bot_command", 0, 6)]
    assert message.parse_entity(message.entities[0]) == "/start"


async def test_long_poll_with_nothing_to_say_returns_empty(standin: StandIn) -> None:
    status, body = await raw_call(standin, "getUpdates", timeout=0.05)
    assert (status, body["result"]) == (200, [])


async def test_a_newer_get_updates_ends_the_older_with_409(standin: StandIn) -> None:
    older = asyncio.create_task(raw_call(standin, "getUpdates", timeout=30))
    await standin.wait_until_polling()
    newer = asyncio.create_task(raw_call(standin, "getUpdates", timeout=30))
    status, body = await asyncio.wait_for(older, 2)
    assert status == 409 and "terminated by other getUpdates request" in body["description"]
    await standin.send_text(1001, "hi")
    status, body = await asyncio.wait_for(newer, 2)
    assert status == 200 and body["result"][0]["message"]["text"] == "hi"


async def test_allowed_updates_filters_and_is_remembered(bot: Bot, standin: StandIn, sam: TelegramUser) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a")]])
    await bot.send_message(1001, "Pick", reply_markup=markup)
    assert await bot.get_updates(allowed_updates=["callback_query"]) == ()
    await sam.send_text("ignored: not an allowed type")
    await sam.press("a")
    updates = await bot.get_updates()  # no allowed_updates: the previous choice still holds
    assert len(updates) == 1 and updates[0].callback_query.data == "a"
    await bot.get_updates(offset=updates[0].update_id + 1, allowed_updates=[])  # back to the default set
    await sam.send_text("now it counts")
    assert [u.message.text for u in await bot.get_updates()] == ["now it counts"]


async def test_blocking_sends_my_chat_member_kicked(bot: Bot, standin: StandIn, sam: TelegramUser) -> None:
    await sam.block()
    await sam.unblock()
    blocked, unblocked = await bot.get_updates()
    assert blocked.my_chat_member.new_chat_member.status == ChatMember.BANNED
    assert blocked.my_chat_member.old_chat_member.status == ChatMember.MEMBER
    assert blocked.my_chat_member.from_user.id == 1001
    assert unblocked.my_chat_member.new_chat_member.status == ChatMember.MEMBER


async def test_user_edits_stickers_photos_and_groups_arrive_as_telegram_sends_them(
    bot: Bot, standin: StandIn, sam: TelegramUser
) -> None:
    sent = await sam.send_text("typo")
    await sam.edit_text(sent["message_id"], "fixed")
    await sam.send_sticker("🙂")
    await sam.send_photo(caption="/faq please")
    group = await standin.add_group("Cohort A")
    await standin.send_text(1001, "hi all", chat_id=group)
    typo, edited, sticker, photo, in_group = await bot.get_updates()
    assert typo.message.text == "typo" and edited.edited_message.message_id == typo.message.message_id
    assert edited.edited_message.text == "fixed" and edited.edited_message.edit_date is not None
    assert sticker.message.sticker.emoji == "🙂"
    assert photo.message.photo[-1].width == 1 and photo.message.caption == "/faq please"
    assert photo.message.caption_entities[0].type == "bot_command"
    assert in_group.message.chat.type == "group" and in_group.message.chat.id == group


async def test_edit_last_text_edits_the_users_latest_text_in_that_chat(
    bot: Bot, standin: StandIn, sam: TelegramUser
) -> None:
    """The bot's messages, media and other people's messages are skipped; the edit arrives as edited_message."""
    first = await sam.send_text("first")
    await bot.send_message(1001, "a reply")
    await sam.send_sticker()
    await sam.edit_last_text("first, fixed")
    group = await standin.add_group("Cohort A")
    hi = await standin.send_text(1001, "hi all", chat_id=group)
    await standin.send_text(1002, "hello Sam", chat_id=group)
    await standin.edit_last_text(1001, "hi everyone", chat_id=group)
    edits = [u.edited_message for u in await bot.get_updates() if u.edited_message]
    assert [(e.chat.id, e.message_id, e.from_user.id, e.text) for e in edits] == [
        (1001, first["message_id"], 1001, "first, fixed"),
        (group, hi["message_id"], 1001, "hi everyone"),
    ]
    await standin.send_sticker(1003)
    with pytest.raises(StandInError, match="no text message in chat 1003"):
        await standin.edit_last_text(1003, "nothing to edit")


# --- webhooks ---------------------------------------------------------------------------


@dataclass
class Receiver:
    """A tiny webhook endpoint: records what arrives, fails the first `fail` deliveries with 500."""

    fail: int = 0
    received: list[tuple[dict[str, Any], str | None]] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    url: str = ""

    async def handle(self, request: aiohttp.web.Request) -> aiohttp.web.Response:
        self.received.append((json.loads(await request.text()), request.headers.get("X-Telegram-Bot-Api-Secret-Token")))
        self.arrived.set()
        if self.fail > 0:
            self.fail -= 1
            return aiohttp.web.Response(status=500)
        return aiohttp.web.Response(text="ok")

    async def wait_for(self, count: int) -> None:
        async with asyncio.timeout(5):
            while len(self.received) < count:
                self.arrived.clear()
                await self.arrived.wait()


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    rec = Receiver()
    app = aiohttp.web.Application()
    app.router.add_post("/hook", rec.handle)
    runner = aiohttp.web.AppRunner(app, access_log=None)
    await runner.setup()
    site = aiohttp.web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    rec.url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    yield rec
    await runner.cleanup()


async def test_webhook_delivers_in_order_with_the_secret_header(bot: Bot, standin: StandIn, receiver: Receiver) -> None:
    assert await bot.set_webhook(receiver.url, secret_token="s3cret-Token_1")
    sam = await standin.add_user(1001, "Sam")
    for text in ("one", "two", "three"):
        await sam.send_text(text)
    await receiver.wait_for(3)
    assert [update["message"]["text"] for update, _ in receiver.received] == ["one", "two", "three"]
    assert {secret for _, secret in receiver.received} == {"s3cret-Token_1"}
    info = await bot.get_webhook_info()
    assert info.url == receiver.url and info.pending_update_count == 0
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()


async def test_failed_webhook_delivery_is_retried_and_reported(bot: Bot, standin: StandIn, receiver: Receiver) -> None:
    receiver.fail = 2
    await bot.set_webhook(receiver.url)
    await standin.send_text(1001, "retry me")
    await receiver.wait_for(3)
    assert [update["message"]["text"] for update, _ in receiver.received] == ["retry me"] * 3
    assert receiver.received[0][1] is None  # no secret set, no header
    info = await bot.get_webhook_info()
    assert info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"
    assert info.last_error_date is not None
    assert standin.counters.webhook_failures == 2
    assert await standin.wait_change(await standin.version(), 0) >= 0  # the world still answers


async def test_delete_webhook_can_drop_pending_updates(bot: Bot, standin: StandIn, receiver: Receiver) -> None:
    receiver.fail = 10**6  # never accepts: updates pile up
    await bot.set_webhook(receiver.url, allowed_updates=["message"])
    await standin.send_text(1001, "stuck")
    await receiver.wait_for(1)
    info = await bot.get_webhook_info()
    assert info.pending_update_count == 1 and info.allowed_updates == ("message",)
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert (await bot.get_webhook_info()).url == ""
    assert await bot.get_updates() == ()


async def test_webhook_url_must_be_http(bot: Bot) -> None:
    from telegram.error import BadRequest

    with pytest.raises(BadRequest, match="(?i)https url must be provided"):
        await bot.set_webhook("ftp://127.0.0.1/hook")
    with pytest.raises(BadRequest, match="(?i)secret token contains unallowed characters"):
        await bot.set_webhook("http://127.0.0.1:1/hook", secret_token="no spaces allowed")


async def test_token_of_raw_call_helper_matches(standin: StandIn) -> None:
    assert standin.bot(TOKEN).id == 123456
