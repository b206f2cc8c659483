"""Sending, editing and deleting messages, files, buttons and commands, with Telegram's rules."""

from __future__ import annotations

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.error import BadRequest, Forbidden

from standin import StandIn, TelegramUser
from standin.users import TINY_PNG
from tests.standin.conftest import raw_call


def keyboard(*rows: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


async def test_send_message_returns_a_telegram_message(bot: Bot, standin: StandIn, sam: TelegramUser) -> None:
    sent = await bot.send_message(
        1001,
        "Welcome, <b>Sam</b>!",
        parse_mode="HTML",
        reply_markup=keyboard([("I agree", "consent:yes"), ("No thanks", "consent:no")]),
    )
    assert sent.text == "Welcome, Sam!" and sent.text_html == "Welcome, <b>Sam</b>!"
    assert sent.from_user.id == 123456 and sent.chat.id == 1001 and sent.chat.first_name == "Sam"
    assert sent.message_id == 2  # the user's "hello" was message 1 of this chat
    assert sent.reply_markup.inline_keyboard[0][1].callback_data == "consent:no"
    [shown] = await sam.messages()
    assert shown.message_id == sent.message_id and shown.text == "Welcome, Sam!" and shown.from_bot
    assert shown.buttons == [("I agree", "consent:yes"), ("No thanks", "consent:no")]
    assert [m.body for m in await sam.messages(include_user=True)] == ["hello", "Welcome, Sam!"]
    assert standin.counters.messages_per_chat[1001] == 1


async def test_reply_keyboards_are_shown_to_the_user_not_echoed(bot: Bot, sam: TelegramUser) -> None:
    sent = await bot.send_message(
        1001,
        "Time zone?",
        reply_markup=ReplyKeyboardMarkup([[KeyboardButton("Eastern"), "Central"]], one_time_keyboard=True),
    )
    assert sent.reply_markup is None  # Telegram's Message carries inline keyboards only
    assert (await sam.last_message()).reply_buttons == ["Eastern", "Central"]
    assert (await sam.reply_keyboard())["keyboard"][0][1] == {"text": "Central"}
    await sam.send_text("Eastern")
    assert await sam.reply_keyboard() is None  # a one-time keyboard hides after the answer
    await bot.send_message(1001, "Again", reply_markup=ReplyKeyboardMarkup([["A"]]))
    await bot.send_message(1001, "Done", reply_markup=ReplyKeyboardRemove())
    assert await sam.reply_keyboard() is None


async def test_text_length_is_counted_after_parsing(bot: Bot, sam: TelegramUser) -> None:
    await bot.send_message(1001, "x" * 4096)
    await bot.send_message(1001, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")  # tags are not text
    with pytest.raises(BadRequest, match="(?i)message is too long"):
        await bot.send_message(1001, "x" * 4097)
    with pytest.raises(BadRequest, match="(?i)message text is empty"):
        await bot.send_message(1001, " <b> </b> ", parse_mode="HTML")
    assert len(await sam.messages()) == 2


async def test_bad_html_is_refused_like_telegram(bot: Bot, sam: TelegramUser) -> None:
    with pytest.raises(BadRequest, match='(?i)can\'t parse entities: unsupported start tag "br"'):
        await bot.send_message(1001, "line<br>line", parse_mode="HTML")
    with pytest.raises(BadRequest, match='(?i)can\'t find end tag corresponding to start tag "b"'):
        await bot.send_message(1001, "<b>unclosed", parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)reserved and must be escaped"):
        await bot.send_message(1001, "Done.", parse_mode="MarkdownV2")
    await bot.send_message(1001, "<b>fine</b> &lt;3 <tg-spoiler>x</tg-spoiler>", parse_mode="HTML")
    assert [m.text for m in await sam.messages()] == ["fine <3 x"]


async def test_caption_limit(bot: Bot, sam: TelegramUser) -> None:
    with pytest.raises(BadRequest, match="(?i)caption is too long"):
        await bot.send_photo(1001, TINY_PNG, caption="c" * 1025)
    await bot.send_photo(1001, TINY_PNG, caption="c" * 1024)


async def test_callback_data_is_limited_to_64_bytes(bot: Bot, sam: TelegramUser) -> None:
    await bot.send_message(1001, "ok", reply_markup=keyboard([("A", "x" * 64)]))
    with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
        await bot.send_message(1001, "too long", reply_markup=keyboard([("A", "x" * 65)]))
    with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
        await bot.send_message(1001, "bytes, not characters", reply_markup=keyboard([("A", "é" * 33)]))


async def test_inline_keyboard_shape_is_checked(standin: StandIn, sam: TelegramUser) -> None:
    for markup, reason in [
        ({"inline_keyboard": [{"text": "x", "callback_data": "x"}]}, "should be an Array of Arrays"),
        ({"inline_keyboard": [[{"text": "no action"}]]}, "Text buttons are unallowed"),
        ({"inline_keyboard": [[{"text": "x", "url": "javascript:alert(1)"}]]}, "BUTTON_URL_INVALID"),
        ({"inline_keyboard": [[{"text": "x", "callback_data": str(i)} for i in range(101)]]}, "too long"),
    ]:
        status, body = await raw_call(standin, "sendMessage", chat_id=1001, text="t", reply_markup=markup)
        assert status == 400 and reason in body["description"], body


async def test_blocked_unknown_and_never_started_chats(bot: Bot, standin: StandIn, sam: TelegramUser) -> None:
    await sam.block()
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(1001, "are you there?")
    await sam.unblock()
    await bot.send_message(1001, "welcome back")
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await bot.send_message(4242, "who?")
    await standin.add_user(2002, "Quiet")
    with pytest.raises(Forbidden, match="bot can't initiate conversation with a user"):
        await bot.send_message(2002, "hi")
    await standin.set_limits(strict_chats=False)
    await bot.send_message(4242, "lenient mode opens the chat")


async def test_writing_to_a_blocked_bot_unblocks_it(bot: Bot, sam: TelegramUser) -> None:
    await sam.block()
    await sam.send_command("start")  # the "Restart" button in the apps
    await bot.send_message(1001, "hello again")


async def test_edits_apply_in_place_and_follow_telegram_rules(bot: Bot, sam: TelegramUser) -> None:
    sent = await bot.send_message(1001, "Step 1", reply_markup=keyboard([("Next", "next")]))
    edited = await bot.edit_message_text(
        "Step 2", chat_id=1001, message_id=sent.message_id, reply_markup=keyboard([("Done", "done")])
    )
    assert edited.text == "Step 2" and edited.edit_date is not None
    [shown] = await sam.messages()
    assert (shown.message_id, shown.text, shown.buttons, shown.edits) == (
        sent.message_id,
        "Step 2",
        [("Done", "done")],
        1,
    )
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await bot.edit_message_text(
            "Step 2", chat_id=1001, message_id=sent.message_id, reply_markup=keyboard([("Done", "done")])
        )
    await bot.edit_message_text("Final", chat_id=1001, message_id=sent.message_id)  # no markup: keyboard goes
    assert (await sam.last_message()).inline_keyboard is None
    await bot.edit_message_reply_markup(chat_id=1001, message_id=sent.message_id, reply_markup=keyboard([("Z", "z")]))
    assert (await sam.last_message()).buttons == [("Z", "z")]
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=1001, message_id=999)
    with pytest.raises(BadRequest, match="(?i)message can't be edited"):
        await bot.edit_message_text("x", chat_id=1001, message_id=1)  # the user's own "hello"


async def test_delete_message_removes_it_from_the_chat(bot: Bot, standin: StandIn, sam: TelegramUser) -> None:
    first = await bot.send_message(1001, "keep")
    second = await bot.send_message(1001, "remove")
    assert await bot.delete_message(1001, second.message_id)
    assert [m.message_id for m in await sam.messages()] == [first.message_id]
    assert await standin.sent_count(1001) == 2  # deleted messages still count as sent
    with pytest.raises(BadRequest, match="(?i)message to delete not found"):
        await bot.delete_message(1001, second.message_id)


async def test_pressing_a_button_makes_a_callback_query(bot: Bot, standin: StandIn, sam: TelegramUser) -> None:
    sent = await bot.send_message(1001, "Agree?", reply_markup=keyboard([("I agree", "consent:yes")]))
    query_id = await sam.press(text="I agree")
    [update] = await bot.get_updates()
    query = update.callback_query
    assert (query.id, query.data, query.from_user.id) == (query_id, "consent:yes", 1001)
    assert query.message.message_id == sent.message_id and query.message.text == "Agree?"
    assert query.chat_instance
    assert await standin.callback_answer(query_id) is None
    await query.answer("Thanks!")
    assert (await standin.wait_for_answer(query_id))["text"] == "Thanks!"
    with pytest.raises(BadRequest, match="(?i)query is too old"):
        await bot.answer_callback_query(query_id)
    with pytest.raises(Exception, match="no inline button"):
        await sam.press("not-there")


async def test_bot_sends_a_document_and_the_user_gets_its_bytes(bot: Bot, sam: TelegramUser) -> None:
    content = b"%PDF-1.4 safety plan"
    sent = await bot.send_document(1001, content, filename="plan.pdf", caption="Your plan")
    assert sent.document.file_name == "plan.pdf" and sent.document.mime_type == "application/pdf"
    assert sent.document.file_size == len(content) and sent.caption == "Your plan"
    shown = await sam.last_message()
    assert shown.document is not None and shown.document.content == content and shown.body == "Your plan"
    again = await bot.send_document(1001, sent.document.file_id)  # re-sending by file_id
    assert again.document.file_id == sent.document.file_id
    with pytest.raises(BadRequest, match="(?i)wrong file identifier"):
        await bot.send_document(1001, "no-such-file-id")


async def test_bot_sends_a_photo_with_its_real_size(bot: Bot, sam: TelegramUser) -> None:
    sent = await bot.send_photo(1001, TINY_PNG)
    assert (sent.photo[-1].width, sent.photo[-1].height, sent.photo[-1].file_size) == (1, 1, len(TINY_PNG))
    assert (await sam.last_message()).photo.content == TINY_PNG
    with pytest.raises(BadRequest, match="(?i)image_process_failed"):
        await bot.send_photo(1001, b"not an image")


async def test_user_document_can_be_downloaded_by_the_bot(bot: Bot, sam: TelegramUser) -> None:
    content = "faq:\n  - q: Where?\n    a: Room 4 ✓\n".encode()
    await sam.send_document(content, "faq.yaml", caption="/faqupload")
    [update] = await bot.get_updates()
    document = update.message.document
    assert (document.file_name, document.mime_type, document.file_size) == (
        "faq.yaml",
        "application/x-yaml",
        len(content),
    )
    assert update.message.caption_entities[0].type == "bot_command"
    tg_file = await bot.get_file(document.file_id)
    assert tg_file.file_path.endswith(".yaml")
    assert bytes(await tg_file.download_as_bytearray()) == content
    with pytest.raises(BadRequest, match="(?i)invalid file_id"):
        await bot.get_file("nope")


async def test_chat_action_is_shown_until_the_next_message(bot: Bot, standin: StandIn, sam: TelegramUser) -> None:
    assert await bot.send_chat_action(1001, "typing")
    assert await standin.chat_action(1001) == "typing"
    await bot.send_message(1001, "done typing")
    assert await standin.chat_action(1001) is None
    with pytest.raises(BadRequest, match="(?i)wrong parameter action"):
        await bot.send_chat_action(1001, "dancing")


async def test_commands_are_stored_per_scope_and_language(bot: Bot, standin: StandIn, sam: TelegramUser) -> None:
    default = [BotCommand("help", "Help"), BotCommand("faq", "Questions")]
    staff = [BotCommand("invite", "Invite someone"), BotCommand("people", "Who is enrolled")]
    await bot.set_my_commands(default)
    await bot.set_my_commands(staff, scope=BotCommandScopeChat(1001))
    await bot.set_my_commands(
        [BotCommand("ayuda", "Ayuda")], scope=BotCommandScopeAllPrivateChats(), language_code="es"
    )
    assert [c.command for c in await bot.get_my_commands()] == ["help", "faq"]
    assert [c.command for c in await bot.get_my_commands(scope=BotCommandScopeChat(1001))] == ["invite", "people"]
    assert await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats()) == ()  # exact key only
    assert [c["command"] for c in await sam.commands_menu()] == ["invite", "people"]
    assert [c["command"] for c in await standin.commands_menu(3003, language_code="es")] == ["ayuda"]
    assert [c["command"] for c in await standin.commands_menu(3003)] == ["help", "faq"]
    await bot.delete_my_commands(scope=BotCommandScopeChat(1001))
    assert [c["command"] for c in await sam.commands_menu()] == ["help", "faq"]
    with pytest.raises(BadRequest, match="(?i)bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])


async def test_profile_settings_are_accepted_and_stored(bot: Bot, standin: StandIn, sam: TelegramUser) -> None:
    from telegram import MenuButtonCommands

    assert await bot.set_chat_menu_button(chat_id=1001, menu_button=MenuButtonCommands())
    assert isinstance(await bot.get_chat_menu_button(1001), MenuButtonCommands)
    assert await bot.set_my_description("The program in your pocket")
    assert (await bot.get_my_description()).description == "The program in your pocket"
    assert await bot.set_my_short_description("IOP companion")
    assert (await bot.get_my_short_description()).short_description == "IOP companion"
    assert (await bot.get_chat(1001)).first_name == "Sam"
    assert await bot.log_out() and await bot.close()


async def test_validation_can_be_switched_off(bot: Bot, standin: StandIn, sam: TelegramUser) -> None:
    await standin.set_limits(validation=False)
    sent = await bot.send_message(1001, "<oops> " + "x" * 5000, parse_mode="HTML")
    assert sent.text.startswith("<oops>")
    await bot.send_message(1001, "k", reply_markup=keyboard([("A", "x" * 100)]))
