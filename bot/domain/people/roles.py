"""Who may run which command, and each role's command menu."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from bot.db.models import Role

CLIENT, THERAPIST, STAFF, ADMIN = Role.CLIENT, Role.THERAPIST, Role.STAFF, Role.ADMIN
EVERYONE = frozenset(Role)
TEAM = frozenset({STAFF, ADMIN})
CARE_TEAM = frozenset({THERAPIST, STAFF, ADMIN})


@dataclass(frozen=True)
class Command:
    name: str
    description: str
    roles: frozenset[Role]
    in_menu: bool = True


# Menu order is the order here.
COMMANDS: tuple[Command, ...] = (
    Command("help", "What I can do for you", EVERYONE),
    Command("checkin", "Today's check-in (about a minute)", frozenset({CLIENT})),
    Command("craving", "I'm craving: a few minutes of help", frozenset({CLIENT})),
    Command("tools", "Coping tools for a craving", frozenset({CLIENT})),
    Command("meds", "Daily reminders, e.g. for medication", frozenset({CLIENT})),
    Command("weekly", "A short questionnaire on how things are going", frozenset({CLIENT})),
    Command("progress", "Your streak and milestones", frozenset({CLIENT})),
    Command("history", "Your last 7 and 30 days, with a chart", frozenset({CLIENT})),
    Command("faq", "Questions about the program", EVERYONE),
    Command("settings", "Time zone and reminders", frozenset({CLIENT})),
    Command("schedule", "My sessions and meetings this week", frozenset({CLIENT})),
    Command("safetyplan", "My plan for hard moments", frozenset({CLIENT})),
    Command("ask", "A private question for my care team", frozenset({CLIENT})),
    Command("caseload", "My clients at a glance", CARE_TEAM),
    Command("client", "One client's last two weeks", CARE_TEAM),
    Command("alerts", "Open alerts, oldest first", CARE_TEAM),
    Command("oncall", "Who is on call; take it over", CARE_TEAM),
    Command("screen", "What the crisis screen makes of a text; mark it", CARE_TEAM),
    Command("invite", "Create an enrollment code", TEAM),
    Command("assign", "Give a client a therapist", TEAM),
    Command("meetings", "The program's calendar: add, move, cancel", TEAM),
    Command("closures", "Days the clinic is closed; close one", TEAM),
    Command("attendance", "Take attendance after a session", CARE_TEAM),
    Command("broadcast", "Send a message to many people", TEAM),
    Command("broadcasts", "Past broadcasts and their counts", TEAM),
    Command("people", "Enrolled people; filter by therapist, cohort, status", CARE_TEAM),
    Command("invites", "Pending enrollment codes; revoke one", TEAM),
    Command("deactivate", "Close someone's access (they left)", TEAM),
    Command("reactivate", "Reopen someone's access", TEAM),
    Command("unlock", "Lift a lockout after wrong codes", TEAM),
    Command("dead", "Messages that could not be delivered", TEAM),
    Command("report", "How fast alerts were acknowledged", TEAM),
    Command("faqgaps", "Questions the FAQ could not answer", TEAM),
    Command("faqupload", "Replace the FAQ content file", TEAM),
    Command("faqdownload", "Download the FAQ content file in use", TEAM),
    Command("privacy", "What is stored and who sees it", EVERYONE),
    Command("export", "Download everything I keep about you", frozenset({CLIENT})),
    Command("delete", "Erase your data", frozenset({CLIENT})),
    Command("stop", "Stop all messages from me", EVERYONE),
    Command("cancel", "Leave what we are doing", EVERYONE, in_menu=False),
    Command("start", "Start or come back", EVERYONE, in_menu=False),
)
BY_NAME = {c.name: c for c in COMMANDS}

# What someone not yet enrolled sees in the menu.
GUEST_MENU: tuple[tuple[str, str], ...] = (
    ("start", "Enroll with the code from your care team"),
    ("privacy", "What is stored and who sees it"),
)


# The commands that show a client's check-ins and notes to the team; the privacy notice names their roles.
CHECKIN_VIEWS = ("caseload", "client")


def checkin_readers() -> frozenset[Role]:
    """The roles that can read a client's check-ins, as the permission table says."""
    return frozenset(role for name in CHECKIN_VIEWS for role in BY_NAME[name].roles) - {CLIENT}


def allowed(role: Role | str, command: str) -> bool:
    """True when `role` may run `/command`. Unknown commands are allowed nowhere."""
    cmd = BY_NAME.get(command)
    return cmd is not None and Role(role) in cmd.roles


def menu(role: Role | str) -> list[tuple[str, str]]:
    role = Role(role)
    return [(c.name, c.description) for c in COMMANDS if c.in_menu and role in c.roles]


def menu_version(role: Role | str) -> str:
    """A short fingerprint of a role's menu: a chat whose published menu differs gets it again."""
    items = "|".join(f"{c}:{d}" for c, d in menu(role))
    return f"{Role(role)}:{hashlib.sha256(items.encode()).hexdigest()[:8]}"


def who_may(command: str) -> str:
    """Plain words for the roles that may run a command, for refusals."""
    cmd = BY_NAME.get(command)
    if cmd is None:
        return "nobody"
    if cmd.roles == TEAM:
        return "clinic staff"
    return " and ".join(sorted(r + "s" for r in cmd.roles))
