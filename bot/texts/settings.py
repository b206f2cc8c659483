"""/settings: time zone, reminder time, start date, language; the zone and time asked after enrolment."""

from __future__ import annotations

SETTINGS_MENU = (
    "<b>Your settings</b>\nTime zone: {zone}\nDaily check-in reminder: {reminder}\nStart date: {start}\n"
    "Language: {language}\n\n"
    "What would you like to change?"
)

SETTINGS_ZONE_ASK = (
    "Which time zone are you in? Pick one, or type a city or zone "
    "(for example <code>Phoenix</code>, <code>Pacific</code> or <code>London</code>)."
)

SETTINGS_ZONE_BAD = (
    "I don't know the time zone “{text}”. Try a city near you (<code>Denver</code>), "
    "a US zone or state (<code>Central</code>, <code>PST</code>, <code>Texas</code>), "
    "an offset (<code>UTC-5</code>), or pick one above."
)

# A place with more than one zone ("Texas"): one button per zone, with the time there now.
SETTINGS_ZONE_SEVERAL = "<b>{place}</b> has more than one time zone. What time is it where you are?"

SETTINGS_ZONE_SEVERAL_ROW = "{time}: {zone}"

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

SETTINGS_LANGUAGE_BUTTON = "Language"

SETTINGS_REMINDER_OFF = "off"  # in the menu, where the reminder time would be

# Right after a client's enrolment (team members are not asked). Ignoring it keeps the clinic's defaults.
SETTINGS_FIRST_ZONE_ASK = "One more thing, so your reminders come at the right time: is it <b>{time}</b> where you are?"

SETTINGS_FIRST_ZONE_PICK = "Pick my zone"

SETTINGS_FIRST_TIME_ASK = (
    "I'll remind you to check in every day at <b>{time}</b>. "
    "Tap it to keep it, or type another time (like <code>8pm</code>)."
)

SETTINGS_FIRST_TIME_KEEP = "Keep {time}"

SETTINGS_FIRST_LATER = "You can change this any time with /settings."
