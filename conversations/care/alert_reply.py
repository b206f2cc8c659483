"""Reply on an alert: the care team writes to the client at once, and the exchange stays with the alert.

```
[*] --> WRITE: Reply (on a push or under View), for whoever may handle the alert
WRITE --> [*]: text → queued to the client now, kept with the alert; /cancel sends nothing
```
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters

from bot import texts
from bot.domain.care import alert_replies
from bot.domain.care.alert_replies import ReplyOutcome
from bot.domain.care.buttons import AlertReply
from bot.domain.people.directory import PersonView
from bot.services.context import AppContext
from conversations.common import END, Handlers, answer_once, fmt, member, nudge, reply

WRITE = "alert_reply:write"
REPLYING = "alert_reply"  # user_data: the alert being replied to


@member("alerts")
async def start_reply(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Asks for the words to send to the alert's client."""
    assert update.callback_query is not None and context.user_data is not None
    alert_id = AlertReply.parse(update.callback_query.data).alert_id
    await answer_once(update)
    code = await alert_replies.client_code(context.session, alert_id, person.id)
    if code is None:
        await reply(update, texts.ALERT_NOT_YOURS)
        return END
    context.user_data[REPLYING] = alert_id
    await reply(update, fmt(texts.ALERT_REPLY_WRITE, code=code, alert_id=alert_id))
    return WRITE


@member("alerts")
async def take_reply(update: Update, context: AppContext, person: PersonView) -> int:
    """Sends the words to the client now (through the outbox) and keeps them with the alert."""
    assert update.message is not None and update.message.text is not None and context.user_data is not None
    alert_id = context.user_data.pop(REPLYING, None)
    if not isinstance(alert_id, int):
        await reply(update, texts.ALERT_GONE)
        return END
    code = await alert_replies.client_code(context.session, alert_id, person.id)
    outcome = await alert_replies.reply_to_client(context.session, alert_id, person.id, update.message.text)
    if outcome is ReplyOutcome.SENT:
        context.after_commit(context.services.delivery.wake.set)
        await reply(update, fmt(texts.ALERT_REPLY_SENT, code=code or "?", alert_id=alert_id))
    elif outcome is ReplyOutcome.CLIENT_UNREACHABLE:
        await reply(update, fmt(texts.ALERT_REPLY_UNREACHABLE, code=code or "?"))
    else:
        await reply(update, texts.ALERT_NOT_YOURS if outcome is ReplyOutcome.NOT_ALLOWED else texts.ALERT_GONE)
    return END


async def not_text(update: Update, context: AppContext) -> str:
    """Only typed words can go to the client."""
    await nudge(update, context, texts.ALERT_REPLY_TEXT_ONLY)
    return WRITE


async def cancel(update: Update, context: AppContext) -> int:
    """Sends nothing."""
    if context.user_data is not None:
        context.user_data.pop(REPLYING, None)
    await reply(update, texts.CANCELLED)
    return END


def handlers() -> Handlers:
    # Built per Application: a ConversationHandler keeps its states inside the instance.
    typed = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    other = filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.COMMAND
    return [
        ConversationHandler(
            entry_points=[CallbackQueryHandler(start_reply, pattern=AlertReply.matches)],
            states={WRITE: [MessageHandler(typed, take_reply), MessageHandler(other, not_text)]},
            fallbacks=[CommandHandler("cancel", cancel)],
            name="alert_reply",
            persistent=True,
            allow_reentry=True,
        )
    ]
