"""IOP Companion: a Telegram bot for an intensive outpatient program."""

__version__ = "0.1.0"
