"""/invite: staff create enrollment codes."""

from __future__ import annotations

INVITE_STRAY_NAME = "Please type the initials, clinic code or name, or send /cancel."

INVITE_STRAY_COHORT = "Please type a cohort name or pick one of the buttons above, or send /cancel."

INVITE_ROLE_ASK = "Who is this code for?"

INVITE_NAME_ASK_CLIENT = (
    "Client's initials or clinic client code (for example <code>JD</code> or <code>C-1042</code>). "
    "Don't use full names: this is shown in alerts."
)

INVITE_NAME_ASK_TEAM = "Their name as colleagues know it (for example <code>Dr. Rivera</code>)."

INVITE_CLIENT_NAME_BAD = (
    "Clients are named by initials (1 to 4 letters, like <code>JD</code>) or the clinic's client code "
    "(like <code>C-1042</code>), never a full name: this shows in alerts and lists. Please send one of those."
)

INVITE_NO_QR = "\n\n(The QR picture could not be sent; the code above works the same.)"

INVITE_NAME_BAD = "Please send 1 to 32 letters, digits, spaces, dots or dashes."

INVITE_THERAPIST_ASK = "Assign a therapist:"

INVITE_COHORT_ASK = "Which cohort or track? Pick one, type a new name, or skip."

INVITE_READY = (
    "<b>Enrollment code for {label}</b> ({role})\n\n"
    "Code: <code>{code}</code>\n"
    "Link: {link}\n"
    "Valid until {expires}. It works once. Show the QR code at intake or hand over the code."
)

INVITE_CODE_TAKEN = (
    "{code} is already in use by another person. Send /invite to start again with another code or initials."
)

NO_THERAPIST = "No therapist yet"

SKIP = "Skip"

INVITE_LANGUAGE_ASK = "The language they will read (until you tap one: their phone's; /language changes it later):"

INVITE_LANGUAGE_SET = "They will read {language} from their first message."
