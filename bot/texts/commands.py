"""The command menu's descriptions: what each command does, as a person's menu shows it."""

from __future__ import annotations

# By command name; the menu's order and who may run each are in bot.domain.people.roles.
COMMAND_DESCRIPTION: dict[str, str] = {
    "help": "What I can do for you",
    "checkin": "Today's check-in (about a minute)",
    "craving": "I'm craving: a few minutes of help",
    "tools": "Coping tools for a craving",
    "meds": "Daily reminders, e.g. for medication",
    "weekly": "A short questionnaire on how things are going",
    "progress": "Your streak and milestones",
    "history": "Your last 7 and 30 days, with a chart",
    "faq": "Questions about the program",
    "settings": "Time zone and reminders",
    "schedule": "My sessions and meetings this week",
    "safetyplan": "My plan for hard moments",
    "ask": "A private question for my care team",
    "rewards": "Points and prize draws",
    "test": "Record a test: /test CODE negative",
    "prize": "Record a prize: /prize CODE 2 what",
    "correct": "Correct a reward entry: /correct N why",
    "caseload": "My clients at a glance",
    "client": "One client's last two weeks",
    "alerts": "Open alerts, oldest first",
    "oncall": "Who is on call; take it over",
    "screen": "What the crisis screen makes of a text; mark it",
    "invite": "Create an enrollment code",
    "assign": "Give a client a therapist",
    "meetings": "The program's calendar: add, move, cancel",
    "closures": "Days the clinic is closed; close one",
    "attendance": "Take attendance after a session",
    "broadcast": "Send a message to many people",
    "broadcasts": "Past broadcasts and their counts",
    "people": "Enrolled people; filter by therapist, cohort, status",
    "invites": "Pending enrollment codes; revoke one",
    "deactivate": "Close someone's access (they left)",
    "reactivate": "Reopen someone's access",
    "unlock": "Lift a lockout after wrong codes",
    "dead": "Messages that could not be delivered",
    "report": "How fast alerts were acknowledged",
    "faqgaps": "Questions the FAQ could not answer",
    "faqupload": "Replace the FAQ content file",
    "faqdownload": "Download the FAQ content file in use",
    "privacy": "What is stored and who sees it",
    "language": "The language I write to you in",
    "export": "Download everything I keep about you",
    "delete": "Erase your data",
    "stop": "Stop all messages from me",
    "cancel": "Leave what we are doing",
    "start": "Start or come back",
}

# What someone not yet enrolled sees in the menu, where it differs from the above.
GUEST_COMMAND_DESCRIPTION: dict[str, str] = {
    "start": "Enroll with the code from your care team",
    "privacy": "What is stored and who sees it",
}
