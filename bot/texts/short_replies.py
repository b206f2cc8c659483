"""Answers to short things a client sends outside any step: media, crying emoji, "thanks", "ok", reported use.

The bot cannot see or hear media, so its answer says so and always carries the crisis lines:
a voice note may be the message that mattered.
"""

from __future__ import annotations

# --- Media the bot cannot read -----------------------------------------------------------------

MEDIA_REPLY = (
    "I can't {what} here, so I might miss something important. "
    "If you are in danger or thinking of hurting yourself, please reach a person now:\n\n"
    "{crisis_lines}\n\n"
    "To reach your care team, type a message or send /ask."
)

# What the bot cannot do with each kind of media (completes "I can't ... here").
MEDIA_WHAT = {
    "voice": "listen to voice notes",
    "audio": "listen to audio",
    "video": "watch videos",
    "video_note": "watch video messages",
    "sticker": "read stickers",
    "photo": "see photos",
    "animation": "watch GIFs",
}

# How the care team's note names the media (never the media itself).
MEDIA_LABEL = {
    "voice": "a voice note",
    "audio": "an audio file",
    "video": "a video",
    "video_note": "a video message",
    "sticker": "a sticker",
    "photo": "a photo",
    "animation": "a GIF",
}

MEDIA_NOTE_TO_TEAM = (
    "<b>{code}</b> sent {what} while alert A-{alert_id} is open. The bot does not pass media on; "
    "get in touch with them if you need to know more."
)

# --- Crying and heartbreak emoji ---------------------------------------------------------------

SAD_EMOJI_CHECK = (
    "That looks like a hard moment. 💙 Do you want to talk to your care team? "
    "Tap the button to write to them privately.\n\n"
    "If you are in danger or thinking of hurting yourself, a person can help right now:\n\n"
    "{crisis_lines}"
)

SAD_EMOJI_BUTTON = "Talk to my care team"

# --- Thanks and ok ------------------------------------------------------------------------------

THANKS_ACK = "You're welcome. I'm here whenever you need me."

OK_ACK = "👍"

# --- Use reported in a message ------------------------------------------------------------------

USE_REPORTED_REPLY = (
    "Thank you for telling me; that takes courage. Your care team will hear about it so they can help, "
    "and one slip does not undo the work you have done."
)
