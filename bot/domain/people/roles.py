"""Who may run which command, and each role's command menu."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from bot import texts
from bot.db.models import Role

CLIENT, THERAPIST, STAFF, ADMIN = Role.CLIENT, Role.THERAPIST, Role.STAFF, Role.ADMIN
EVERYONE = frozenset(Role)
TEAM = frozenset({STAFF, ADMIN})
CARE_TEAM = frozenset({THERAPIST, STAFF, ADMIN})


@dataclass(frozen=True)
class Command:
    name: str
    roles: frozenset[Role]
    in_menu: bool = True
    feature: str = ""  # a feature the clinic turns on (e.g. "rewards"): in menus only while it is on

    @property
    def description(self) -> str:
        """In the reader's language (bot.texts.commands)."""
        return str(texts.COMMAND_DESCRIPTION[self.name])


# Menu order is the order here.
COMMANDS: tuple[Command, ...] = (
    Command("help", EVERYONE),
    Command("checkin", frozenset({CLIENT})),
    Command("craving", frozenset({CLIENT})),
    Command("tools", frozenset({CLIENT})),
    Command("meds", frozenset({CLIENT})),
    Command("weekly", frozenset({CLIENT})),
    Command("progress", frozenset({CLIENT})),
    Command("history", frozenset({CLIENT})),
    Command("faq", EVERYONE),
    Command("settings", frozenset({CLIENT})),
    Command("schedule", frozenset({CLIENT})),
    Command("safetyplan", frozenset({CLIENT})),
    Command("ask", frozenset({CLIENT})),
    Command("rewards", frozenset({CLIENT, THERAPIST, STAFF, ADMIN}), feature="rewards"),
    Command("caseload", CARE_TEAM),
    Command("client", CARE_TEAM),
    Command("alerts", CARE_TEAM),
    Command("oncall", CARE_TEAM),
    Command("screen", CARE_TEAM),
    Command("invite", TEAM),
    Command("assign", TEAM),
    Command("meetings", TEAM),
    Command("closures", TEAM),
    Command("attendance", CARE_TEAM),
    Command("medsfor", CARE_TEAM),
    Command("broadcast", TEAM),
    Command("broadcasts", TEAM),
    Command("test", TEAM, feature="rewards"),
    Command("prize", TEAM, feature="rewards"),
    Command("correct", TEAM, feature="rewards"),
    Command("people", CARE_TEAM),
    Command("invites", TEAM),
    Command("deactivate", TEAM),
    Command("reactivate", TEAM),
    Command("unlock", TEAM),
    Command("dead", TEAM),
    Command("report", TEAM),
    Command("measures", TEAM),
    Command("faqgaps", TEAM),
    Command("faqupload", TEAM),
    Command("faqdownload", TEAM),
    Command("privacy", EVERYONE),
    Command("language", EVERYONE),
    Command("export", frozenset({CLIENT})),
    Command("delete", frozenset({CLIENT})),
    Command("stop", EVERYONE),
    Command("cancel", EVERYONE, in_menu=False),
    Command("start", EVERYONE, in_menu=False),
)
BY_NAME = {c.name: c for c in COMMANDS}

GUEST_COMMANDS = ("start", "privacy")  # what someone not yet enrolled sees in the menu


def guest_menu() -> list[tuple[str, str]]:
    """The menu of someone not yet enrolled, in the reader's language."""
    return [(name, texts.GUEST_COMMAND_DESCRIPTION[name]) for name in GUEST_COMMANDS]


# The commands that show a client's check-ins and notes to the team; the privacy notice names their roles.
CHECKIN_VIEWS = ("caseload", "client")


def checkin_readers() -> frozenset[Role]:
    """The roles that can read a client's check-ins, as the permission table says."""
    return frozenset(role for name in CHECKIN_VIEWS for role in BY_NAME[name].roles) - {CLIENT}


def allowed(role: Role | str, command: str) -> bool:
    """True when `role` may run `/command`. Unknown commands are allowed nowhere."""
    cmd = BY_NAME.get(command)
    return cmd is not None and Role(role) in cmd.roles


def menu(role: Role | str, features: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """A role's commands with their descriptions; a feature's commands only while it is on."""
    role = Role(role)
    return [
        (c.name, c.description)
        for c in COMMANDS
        if c.in_menu and role in c.roles and (not c.feature or c.feature in features)
    ]


def menu_version(role: Role | str, features: frozenset[str] = frozenset()) -> str:
    """A short fingerprint of a role's menu: a chat whose published menu differs gets it again."""
    items = "|".join(f"{c}:{d}" for c, d in menu(role, features))
    return f"{Role(role)}:{hashlib.sha256(items.encode()).hexdigest()[:8]}"


def who_may(command: str) -> str:
    """Plain words for the roles that may run a command, for refusals."""
    cmd = BY_NAME.get(command)
    if cmd is None:
        return "nobody"
    if cmd.roles == TEAM:
        return "clinic staff"
    return " and ".join(sorted(r + "s" for r in cmd.roles))
