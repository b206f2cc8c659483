"""The project's exceptions. Everything the bot raises on purpose derives from IopError."""

from __future__ import annotations

import enum


class IopError(Exception):
    """Base class of every error the application raises on purpose."""


class ConfigError(IopError):
    """A setting is missing or invalid; the CLI prints one line and exits 2."""

    def __init__(self, variable: str, problem: str, hint: str) -> None:
        self.variable = variable
        super().__init__(f"{variable} {problem} ({hint})")


class DatabaseUnreachable(IopError):
    """The database `url` names cannot be opened (e.g. its folder is not there); the CLI prints one line, exit 1."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        super().__init__(reason)


class NotAllowed(IopError):
    """The person's role may not do this."""


class Refusal(enum.StrEnum):
    """Why an enrollment code or invite was refused."""

    INVALID = "invalid"  # no such code
    EXPIRED = "expired"
    USED = "used"
    LOCKED = "locked"  # too many wrong codes: try again later
    BUSY = "busy"  # too many wrong codes from everyone: code checking slowed for a minute
    ENROLLED = "enrolled"  # this Telegram account is enrolled already
    CODE_TAKEN = "code_taken"  # the person code asked for is in use or promised


class EnrollmentError(IopError):
    """A code could not be used, for `reason`."""

    def __init__(self, reason: Refusal) -> None:
        self.reason = reason
        super().__init__(reason)


class ValidationFailed(IopError):
    """User input did not parse; the message says what is expected."""


class BackupError(IopError):
    """A backup could not be written, or a backup file cannot be restored; the message is one line."""
