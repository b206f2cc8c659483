"""Short things a client sends outside any step: media, crying emoji, "thanks" and "ok", reported use.

Called by the catch-all handlers (`conversations.fallback`) before the FAQ; each function
returns True when it answered. The crisis guard has screened any text already.
"""

from __future__ import annotations

from telegram import Message, Update

from bot import texts
from bot.db.models import Role
from bot.domain.care import media_notes
from bot.domain.care.buttons import AskCareTeam
from bot.domain.checkins import reported_use
from bot.domain.people.directory import PersonView
from bot.domain.safety.short_messages import ShortKind, classify
from bot.services.care_team_jobs import policy_from
from bot.services.context import AppContext
from conversations.common import clinic_values, fmt, keyboard, reply


def media_kind(msg: Message) -> str | None:
    """The kind of media the bot cannot read, or None (text, a captioned photo, a file, a place...)."""
    for kind in ("voice", "audio", "video_note", "animation", "video", "sticker"):
        if getattr(msg, kind, None):
            return kind
    if msg.photo and not msg.caption:
        return "photo"
    return None


async def answer_media(update: Update, context: AppContext, person: PersonView) -> bool:
    """Says the bot cannot read it, with the crisis lines; tells the holder of an open alert that it came."""
    msg = update.message
    kind = None if msg is None else media_kind(msg)
    if kind is None or person.role is not Role.CLIENT:
        return False
    what = texts.MEDIA_WHAT.get(kind, texts.MEDIA_WHAT["voice"])
    await reply(update, texts.MEDIA_REPLY.format(**{**clinic_values(context), "what": what}))
    if await media_notes.note_media(context.session, person.id, kind):
        context.after_commit(context.services.delivery.wake.set)
    return True


async def answer_text(update: Update, context: AppContext, person: PersonView) -> bool:
    """Reported use (a high flag and the slip article), crying emoji (a gentle check), thanks and ok."""
    assert update.message is not None and update.message.text is not None
    said = update.message.text
    client = person.role is Role.CLIENT
    if client and reported_use.detect(said):
        await reported_use.raise_flag(context.session, person.id, policy_from(context.services.settings))
        context.after_commit(context.services.delivery.wake.set)  # the alert and the client's receipt
        parts = [texts.USE_REPORTED_REPLY]
        entry = context.services.faq.kb.get(reported_use.SLIP_ENTRY)
        if entry is not None:
            parts.append(fmt(texts.FAQ_ANSWER, question=entry.question, answer=entry.answer))
        await reply(update, "\n\n".join(parts))
        return True
    kind = classify(said)
    if kind is ShortKind.SAD and client:
        button = [[(texts.SAD_EMOJI_BUTTON, AskCareTeam().pack())]]
        await reply(update, texts.SAD_EMOJI_CHECK.format(**clinic_values(context)), keyboard(button))
        return True
    if kind is ShortKind.THANKS:
        await reply(update, texts.THANKS_ACK)
        return True
    if kind is ShortKind.OK:
        await reply(update, texts.OK_ACK)
        return True
    return False
