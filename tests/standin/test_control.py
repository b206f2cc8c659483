"""The /_standin control endpoints through StandInClient, and the stand-in run as its own process."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator

import aiohttp
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import Forbidden, NetworkError, RetryAfter

from standin import StandIn, StandInClient, StandInError, TelegramUser
from standin.users import TINY_PNG


@pytest.fixture
async def client(standin: StandIn) -> AsyncIterator[StandInClient]:
    async with StandInClient(standin.url) as control:
        yield control


async def test_a_conversation_driven_over_http(bot: Bot, client: StandInClient) -> None:
    sam = await client.add_user(1001, "Sam", username="sam_r")
    await sam.send_command("start", "abc123")
    [update] = await bot.get_updates()
    assert update.message.text == "/start abc123" and update.message.from_user.username == "sam_r"
    assert update.message.entities[0].type == "bot_command" and update.message.entities[0].length == 6

    waiting = asyncio.create_task(sam.wait_for_message("Welcome"))
    await bot.send_message(1001, "Hello")
    await bot.send_message(
        1001,
        "Welcome, Sam",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("I agree", callback_data="consent:yes")]]),
    )
    welcome = await asyncio.wait_for(waiting, 5)
    assert welcome.buttons == [("I agree", "consent:yes")] and welcome.from_bot

    query_id = await sam.press("consent:yes")
    [update] = await bot.get_updates(offset=update.update_id + 1)
    assert update.callback_query.id == query_id and update.callback_query.message.text == "Welcome, Sam"
    await update.callback_query.answer("Saved")
    assert (await client.wait_for_answer(query_id))["text"] == "Saved"
    assert [m.body for m in await sam.wait_for_messages(2)] == ["Hello", "Welcome, Sam"]


async def test_tap_and_ask_wait_for_the_bots_reaction(bot: Bot, client: StandInClient) -> None:
    sam = await client.add_user(1001, "Sam")
    asking = asyncio.create_task(sam.ask("/help"))
    [update] = await bot.get_updates(timeout=5)
    sent = await update.message.reply_text(
        "Pick one", reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("FAQ", callback_data="faq")]])
    )
    assert (await asyncio.wait_for(asking, 5)).text == "Pick one"
    tapping = asyncio.create_task(sam.tap(text="FAQ"))
    await bot.get_updates(offset=update.update_id + 1, timeout=5)
    await bot.edit_message_text("Here are the FAQs", chat_id=1001, message_id=sent.message_id)
    edited = await asyncio.wait_for(tapping, 5)
    assert (edited.message_id, edited.text, edited.edits) == (sent.message_id, "Here are the FAQs", 1)


async def test_files_faults_limits_and_stats_over_http(bot: Bot, client: StandInClient) -> None:
    sam = await client.add_user(1001, "Sam")
    await sam.send_document(b"a: 1\n", "faq.yaml")
    await sam.send_photo(TINY_PNG)
    await sam.send_sticker()
    doc, photo, sticker = await bot.get_updates()
    assert bytes(await (await bot.get_file(doc.message.document.file_id)).download_as_bytearray()) == b"a: 1\n"
    assert photo.message.photo[-1].file_size == len(TINY_PNG) and sticker.message.sticker.emoji == "👍"

    await bot.send_document(1001, b"\x00\x01binary", filename="export.bin")
    shown = await sam.last_message()
    assert shown is not None and shown.document is not None and shown.document.content == b"\x00\x01binary"

    await client.add_fault(500, method="sendMessage")
    with pytest.raises(NetworkError):
        await bot.send_message(1001, "x")
    await client.add_fault(429, retry_after=3)
    with pytest.raises(RetryAfter):
        await bot.send_message(1001, "x")
    await client.add_fault(500)
    await client.clear_faults()

    limits = await client.set_limits(flood=True, chat_burst=1)
    assert limits["flood"] is True and limits["chat_burst"] == 1
    await bot.send_message(1001, "first")
    with pytest.raises(RetryAfter):
        await bot.send_message(1001, "second")
    stats = await client.stats()
    assert stats["flood_429"] == 1 and stats["faults_fired"] == 2 and stats["requests"]["sendMessage"] == 4

    await sam.block()
    with pytest.raises(Forbidden):
        await bot.send_message(1001, "x")
    await sam.unblock()
    assert [info["username"] for info in await client.bots()] == ["iop_companion_bot"]


async def test_commands_menu_keyboard_and_groups_over_http(bot: Bot, client: StandInClient) -> None:
    from telegram import BotCommand, ReplyKeyboardMarkup

    sam = await client.add_user(1001, "Sam")
    await sam.send_text("hi")
    await bot.set_my_commands([BotCommand("help", "Help")])
    assert await sam.commands_menu() == [{"command": "help", "description": "Help"}]
    await bot.send_message(1001, "Choose", reply_markup=ReplyKeyboardMarkup([["Yes", "No"]]))
    assert (await sam.reply_keyboard())["keyboard"] == [[{"text": "Yes"}, {"text": "No"}]]
    await bot.send_chat_action(1001, "typing")
    assert await client.chat_action(1001) == "typing"
    group = await client.add_group("Cohort B")
    await client.send_text(1001, "in a group", chat_id=group)
    sent = await client.send_text(1001, "edit me")
    await client.edit_text(1001, sent["message_id"], "edited")
    updates = await bot.get_updates()
    assert [u.effective_message.text for u in updates] == ["hi", "in a group", "edit me", "edited"]
    assert updates[1].effective_chat.id == group and updates[3].edited_message is not None


async def test_control_errors_are_reported(client: StandInClient) -> None:
    with pytest.raises(StandInError, match="no inline button"):
        await client.press(1001, "nothing")
    with pytest.raises(StandInError, match="unknown limit"):
        await client.set_limits(speed=11)
    with pytest.raises(TimeoutError, match="bot message containing 'never'"):
        await client.wait_for_message(1001, "never", timeout=0.05)


async def test_standalone_process_serves_the_api_and_control() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "standin",
        "--port",
        "0",
        "--token",
        "42:ABC",
        "--no-flood",
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        first_line = (await asyncio.wait_for(process.stdout.readline(), 10)).decode()
        url = first_line.rsplit(" ", 1)[-1].strip()
        assert url.startswith("http://127.0.0.1:")
        async with StandInClient(url) as control:
            health = await control.health()
            assert health["base_url"] == url + "/bot"
            async with Bot("42:ABC", base_url=health["base_url"], base_file_url=health["base_file_url"]) as tg:
                assert tg.bot.id == 42
                await control.send_text(7, "ping")
                [update] = await tg.get_updates()
                assert update.message.text == "ping"
            assert (await control.set_limits())["flood"] is False
    finally:
        process.terminate()
        await process.wait()


async def test_health_is_plain_json(standin: StandIn) -> None:
    async with aiohttp.ClientSession() as session, session.get(f"{standin.url}/_standin/health") as response:
        body = await response.json()
    assert body == {"ok": True, "result": {"base_url": standin.base_url, "base_file_url": standin.base_file_url}}


async def test_a_string_match_covers_what_the_user_sees(bot: Bot, standin: StandIn, sam: TelegramUser) -> None:
    await bot.send_message(
        1001,
        "Do you agree?",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("I agree", callback_data="yes")]]),
    )
    assert (await standin.wait_for_message(1001, "I agree", timeout=1)).text == "Do you agree?"
    assert (await standin.wait_for_message(1001, lambda m: m.buttons == [("I agree", "yes")], timeout=1)).from_bot
