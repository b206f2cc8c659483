"""Telegram tells us when someone blocks or unblocks the bot; delivery follows that."""

from __future__ import annotations

from telegram import ChatMember, Update
from telegram.ext import ChatMemberHandler

from bot.delivery import outbox
from bot.services.context import AppContext
from conversations.common import Handlers


async def member_changed(update: Update, context: AppContext) -> None:
    """Marks the person unreachable on block (staff are told) and reachable again on unblock."""
    change = update.my_chat_member
    if change is None or change.chat.type != "private":
        return
    blocked = change.new_chat_member.status in (ChatMember.BANNED, ChatMember.LEFT)
    await outbox.set_reachable(context.session, change.chat.id, reachable=not blocked)


def handlers() -> Handlers:
    """This module's handlers, built for one Application."""
    return [ChatMemberHandler(member_changed, ChatMemberHandler.MY_CHAT_MEMBER)]
