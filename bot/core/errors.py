"""The project's exceptions. Everything the bot raises on purpose derives from IopError."""

from __future__ import annotations


class IopError(Exception):
    """Base class of every error the application raises on purpose."""


class ConfigError(IopError):
    """A setting is missing or invalid; the CLI prints one line and exits 2."""

    def __init__(self, variable: str, problem: str, hint: str) -> None:
        self.variable = variable
        super().__init__(f"{variable} {problem} ({hint})")


class NotAllowed(IopError):
    """The person's role may not do this."""


class EnrollmentError(IopError):
    """A code could not be used; `reason` is one of the codes in bot.enrollment."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class ValidationFailed(IopError):
    """User input did not parse; the message says what is expected."""
