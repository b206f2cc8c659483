"""/settings: time zone, reminder time, start date."""

from __future__ import annotations

SETTINGS_MENU = (
    "<b>Your settings</b>\nTime zone: {zone}\nDaily check-in reminder: {reminder}\nStart date: {start}\n\n"
    "What would you like to change?"
)

SETTINGS_ZONE_ASK = (
    "Which time zone are you in? Pick one, or type a city or zone "
    "(for example <code>Phoenix</code>, <code>Pacific</code> or <code>London</code>)."
)

SETTINGS_ZONE_BAD = (
    "I don't know the time zone “{text}”. Try a city near you (<code>Denver</code>), "
    "a US zone (<code>Central</code>, <code>PST</code>), or pick one above."
)

SETTINGS_ZONE_CONFIRM = "<b>{label}</b>\nIt's {time} there now — is that right?"

SETTINGS_ZONE_YES = "Yes"

SETTINGS_ZONE_AGAIN = "No, pick again"

SETTINGS_ZONE_OK = "Time zone set to {zone}."

SETTINGS_START_BUTTON = "Start date"

SETTINGS_START_NONE = "not set"

SETTINGS_START_ASK = (
    "Which date do you count your recovery from? It's optional; with it I can show your days since then. "
    "Type it like <code>2026-10-01</code>, <code>oct 1</code> or <code>today</code>."
)

SETTINGS_START_BAD = (
    "I couldn't read “{text}” as a date up to today. "
    "Please send something like <code>2026-10-01</code>, <code>oct 1</code> or <code>today</code>."
)

SETTINGS_START_OK = "Start date set to {date}."

SETTINGS_START_CLEAR = "Clear start date"

SETTINGS_START_CLEARED = "Start date cleared."

SETTINGS_CANCEL_BUTTON = "Cancel"

SETTINGS_TIME_ASK = "What time should I remind you each day? For example <code>19:00</code> or <code>7pm</code>."

SETTINGS_TIME_BAD = (
    "I couldn't read “{text}” as a time. "
    "Please send something like <code>19:00</code>, <code>7pm</code> or <code>7:30 am</code>."
)

SETTINGS_TIME_OK = "Daily reminder set for {time}."

SETTINGS_OFF_OK = "Daily reminders are off. You can turn them back on here any time."

SETTINGS_ON_OK = "Daily reminders are on again."

SETTINGS_DONE = "Settings saved."

SETTINGS_USE_BUTTONS = "Please choose one of the buttons above, or send /cancel."

# Stray input (stickers, photos...) at a step that waits for typed text says what that step wants.
SETTINGS_STRAY_ZONE = (
    "Please type your time zone, like <code>London</code>, or pick one of the buttons above. Send /cancel to stop."
)

SETTINGS_STRAY_TIME = (
    "Please type a time for your daily reminder, like <code>19:00</code> or <code>7pm</code>, or send /cancel."
)

SETTINGS_STRAY_START = "Please type the date, like <code>2026-10-01</code> or <code>oct 1</code>, or send /cancel."

SETTINGS_ZONE_BUTTON = "Time zone"

SETTINGS_TIME_BUTTON = "Reminder time"

SETTINGS_OFF_BUTTON = "Turn reminders off"

SETTINGS_ON_BUTTON = "Turn reminders on"

SETTINGS_DONE_BUTTON = "Done"
