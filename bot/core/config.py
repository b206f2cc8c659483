"""One Settings object, read from the environment and `.env`.

Every setting is documented in `.env.example`. `load_settings()` turns a validation
failure into a `ConfigError` naming the variable, so the CLI can print one line.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cryptography.fernet import Fernet
from pydantic import ValidationError, ValidationInfo, field_validator
from pydantic_settings import SettingsConfigDict

from bot.core import sqlite_file
from bot.core.care_settings import CareSettings
from bot.core.crisis_lines import (
    DEFAULT_CRISIS_LINES,
    DEFAULT_CRISIS_LINES_ES,
    DEFAULT_LINES_BY_LANGUAGE,
    UNNAMED_CLINIC,
)
from bot.core.errors import ConfigError

# Hints printed with a failing variable: what a good value looks like.
_HINTS = {
    "BOT_TOKEN": "get one from @BotFather and put BOT_TOKEN=123456:ABC... in .env",
    "DATABASE_URL": "e.g. sqlite+aiosqlite:///data/iop.sqlite3 or postgresql+asyncpg://user@host/db",
    "CLINIC_TIMEZONE": "use an IANA name such as America/New_York",
    "ENCRYPTION_KEY": "`python -m bot run` writes one into .env; or generate one with: python -m bot keygen",
    "ENCRYPTION_KEYS_OLD": "the keys before the last `python -m bot db rotate-key`, comma separated",
    "BACKUP_TIME": "a time of day such as 03:30 (the clinic's time zone)",
    "WEBHOOK_URL": "an https:// URL Telegram can reach, e.g. https://bot.example.org/telegram",
    "WEBHOOK_SECRET": "1-256 characters of A-Z a-z 0-9 _ -",
}


# Clinic settings as shipped: they name no real clinic, so no sentence may show them.
PLACEHOLDERS = {
    "clinic_name": "Our Clinic",
    "clinic_address": "Ask your care team for the address",
    "clinic_phone": "Ask your care team for the number",
    # Shipped as an example: until a clinic sets its own hours, no sentence states these as fact.
    "clinic_hours": "Monday to Friday, 8:00 to 20:00",
}


class Settings(CareSettings):
    """Runtime configuration. Field names map to upper-case environment variables."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: str = ""
    bot_username: str = ""
    database_url: str = "sqlite+aiosqlite:///data/iop.sqlite3"
    database_schema: str = ""  # PostgreSQL only: this clinic's schema when clinics share one database
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_file_base_url: str = ""

    bot_display_name: str = "your program assistant"  # what the bot calls itself (shows on lock screens)
    clinic_name: str = "Our Clinic"
    clinic_timezone: str = "America/New_York"
    date_order: str = "mdy"  # how staff's slashed dates read: mdy (12/7 is 7 December, US) or dmy
    clinic_address: str = "Ask your care team for the address"
    clinic_hours: str = "Monday to Friday, 8:00 to 20:00"
    clinic_phone: str = "Ask your care team for the number"
    # Optional, for the FAQ's practical entries; empty leaves their sentence out.
    clinic_telehealth: str = ""  # "video groups on Tuesday and Thursday evenings"
    clinic_parking: str = ""  # "Free parking is behind the building, off Elm Street"
    clinic_childcare: str = ""  # "Childcare is available in room 2 during evening groups"

    webhook_url: str = ""
    webhook_secret: str = ""
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443

    encryption_key: str = ""
    # During a key rotation (`python -m bot db rotate-key`): earlier keys, comma separated, still read.
    encryption_keys_old: str = ""
    allow_plaintext: bool = False
    # Daily backups (`python -m bot db backup`): off while BACKUP_DIR is empty.
    backup_dir: str = ""
    backup_time: dt.time = dt.time(3, 30)  # the clinic's time zone
    backup_keep: int = 14
    crisis_lines: str = DEFAULT_CRISIS_LINES
    # The lines in each other language (CRISIS_LINES_ES, ...): a clinic elsewhere sets its own.
    crisis_lines_es: str = DEFAULT_CRISIS_LINES_ES
    # The clinic's own wording of any text, per language: texts.en.yaml, texts.es.yaml (bot.texts.overrides).
    text_overrides_dir: str = "data"
    emergency_number: str = "911"
    dv_hotline: str = "1-800-799-7233, or text START to 88788"
    crisis_exchange_minutes: float = 30  # after a crisis reply, messages go to the care team, not open steps
    crisis_spool_dir: str = "data"  # where a flag the database could not take waits (mode 0600, encrypted)

    invite_ttl_days: int = 7
    code_attempts_max: int = 5
    code_lockout_minutes: int = 60
    # More wrong codes than this in one minute, from all users together, alert staff (once an hour);
    # checking goes on. Codes are throttled where guessing aims: this many wrong codes sharing their
    # first four characters in ten minutes pause codes that start that way.
    code_failures_global_per_minute: int = 20
    code_failures_per_prefix: int = 10
    default_checkin_time: dt.time = dt.time(19, 0)
    checkin_idle_minutes: int = 30
    privacy_version: str = "2026-12"  # the notice says who reads check-ins, crisis quotes, /ask

    max_concurrent_updates: int = 64  # updates handled at once (different chats); 1 = one at a time

    outbox_batch_size: int = 20
    outbox_poll_seconds: float = 1.0
    outbox_max_attempts: int = 8
    outbox_lease_seconds: float = 30.0
    outbox_send_timeout: float = 10.0
    outbox_global_rate: float = 30.0
    outbox_chat_interval: float = 1.0

    # Alerts: how long an alert may stay unacknowledged before the next tier is told.
    alert_crisis_escalate_minutes: float = 15
    alert_high_escalate_minutes: float = 240
    # At the end of the chain, a delivered but unacknowledged alert is pushed again this often.
    alert_reminder_minutes: float = 15
    alert_high_reminder_minutes: float = 60
    escalation_poll_seconds: float = 30
    digest_local_time: dt.time = dt.time(8, 0)  # each therapist's own time zone
    # Follow-up after a crisis alert (bot/domain/care/followups.py): contact within, reminder after.
    followup_contact_hours: float = 72
    followup_reminder_hours: float = 24
    # Daily check-in reminders (bot/delivery/planner.py).
    reminder_grace_minutes: int = 120
    reminder_horizon_minutes: int = 30
    planner_interval_seconds: float = 60.0
    # Meetings and broadcasts (issue 12): reminders before each meeting, in minutes (clients change them
    # per kind of meeting in /settings), how far ahead they are written, and how often a broadcast's progress shows.
    meeting_reminder_leads: str = "1440,60"
    meeting_reminder_horizon_hours: int = 48
    broadcast_progress_seconds: float = 5.0
    # Hostile calendars: occurrences one planner pass plans at most (the earliest first), and how long
    # reading one .ics file may take in its worker thread.
    meeting_plan_max_occurrences: int = 5000
    calendar_read_seconds: float = 20.0
    # Hot standby on PostgreSQL (bot/services/leadership.py): how long a lease lasts, how often the
    # leader renews it (and a standby looks), and the takeover the two must fit in.
    leader_lease_seconds: float = 8.0
    leader_renew_seconds: float = 2.0
    leader_takeover_seconds: float = 15.0

    @field_validator("meeting_reminder_leads")
    @classmethod
    def _leads(cls, value: str) -> str:
        parts = [p for p in value.replace(" ", "").split(",") if p and p != "off"]
        if not all(p.isdigit() and 0 < int(p) <= 7 * 1440 for p in parts):
            raise ValueError("must be minutes between 1 and 10080, comma separated (e.g. 1440,60), or off")
        return value

    @field_validator(
        "meeting_reminder_horizon_hours",
        "broadcast_progress_seconds",
        "meeting_plan_max_occurrences",
        "calendar_read_seconds",
    )
    @classmethod
    def _positive_meeting_setting(cls, value: float) -> float:
        if value <= 0:
            raise ValueError("must be more than 0")
        return value

    @property
    def meeting_leads(self) -> tuple[int, ...]:
        parts = {int(p) for p in self.meeting_reminder_leads.replace(" ", "").split(",") if p and p != "off"}
        return tuple(sorted(parts, reverse=True))

    @property
    def meeting_horizon(self) -> dt.timedelta:
        return dt.timedelta(hours=self.meeting_reminder_horizon_hours)

    @field_validator("checkin_idle_minutes")
    @classmethod
    def _positive_minutes(cls, value: int) -> int:
        if not 1 <= value <= 24 * 60:
            raise ValueError("must be between 1 and 1440 minutes")
        return value

    @field_validator("crisis_lines", "crisis_lines_es")
    @classmethod
    def _crisis_lines(cls, value: str, info: ValidationInfo) -> str:
        """An empty CRISIS_LINES never leaves a client without numbers: the national lines stand in."""
        lang = (info.field_name or "").removeprefix("crisis_lines").lstrip("_") or "en"
        return value if value.strip() else DEFAULT_LINES_BY_LANGUAGE[lang]

    def crisis_lines_in(self, lang: str) -> str:
        """The crisis lines for a reader of `lang`; the English ones where the clinic set none for it."""
        lines = getattr(self, f"crisis_lines_{lang}", None) if lang != "en" else None
        return lines if isinstance(lines, str) and lines.strip() else self.crisis_lines

    @field_validator("date_order")
    @classmethod
    def _date_order(cls, value: str) -> str:
        if value.strip().lower() not in ("mdy", "dmy"):
            raise ValueError(f"DATE_ORDER must be mdy or dmy, not {value!r}")
        return value.strip().lower()

    @field_validator("clinic_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("database_schema")
    @classmethod
    def _schema_name(cls, value: str, info: ValidationInfo) -> str:
        if value and not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", value):
            raise ValueError("must be a lower-case name of letters, digits and _ (e.g. riverside)")
        if value and not str(info.data.get("database_url", "")).startswith("postgresql"):
            raise ValueError("needs a postgresql+asyncpg:// DATABASE_URL (a schema per clinic is PostgreSQL's)")
        return value

    @field_validator("leader_renew_seconds")
    @classmethod
    def _renew_fits(cls, value: float, info: ValidationInfo) -> float:
        if not 0 < value * 2 <= info.data.get("leader_lease_seconds", 0):
            raise ValueError("must be more than 0 and at most half of LEADER_LEASE_SECONDS")
        return value

    @field_validator("leader_takeover_seconds")
    @classmethod
    def _takeover_fits(cls, value: float, info: ValidationInfo) -> float:
        if info.data.get("leader_lease_seconds", 0) + info.data.get("leader_renew_seconds", 0) >= value:
            raise ValueError("must be more than LEADER_LEASE_SECONDS + LEADER_RENEW_SECONDS (the worst takeover)")
        return value

    @field_validator("database_url")
    @classmethod
    def _supported_db(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("only sqlite+aiosqlite:// and postgresql+asyncpg:// are supported")
        return value

    @field_validator("encryption_key")
    @classmethod
    def _fernet_key(cls, value: str) -> str:
        if value:
            try:
                Fernet(value.encode())
            except ValueError:
                raise ValueError("not a valid Fernet key") from None
        return value

    @field_validator("encryption_keys_old")
    @classmethod
    def _fernet_keys(cls, value: str) -> str:
        for key in (k.strip() for k in value.split(",")):
            try:
                Fernet(key.encode()) if key else None
            except ValueError:
                raise ValueError("lists something that is not a Fernet key") from None
        return value

    @field_validator("backup_keep")
    @classmethod
    def _keep_one(cls, value: int) -> int:
        if value < 1:
            raise ValueError("must be at least 1")
        return value

    @property
    def old_keys(self) -> tuple[str, ...]:
        """ENCRYPTION_KEYS_OLD as a list: keys a rotation has not finished with yet."""
        return tuple(k.strip() for k in self.encryption_keys_old.split(",") if k.strip())

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: str) -> str:
        allowed = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
        if value and (len(value) > 256 or not set(value) <= allowed):
            raise ValueError("must be 1-256 characters of A-Z a-z 0-9 _ -")
        return value

    @field_validator("reminder_grace_minutes", "reminder_horizon_minutes")
    @classmethod
    def _not_negative(cls, value: int) -> int:
        if value < 0:
            raise ValueError("must not be negative")
        return value

    @field_validator("planner_interval_seconds")
    @classmethod
    def _positive(cls, value: float) -> float:
        if value <= 0:
            raise ValueError("must be more than 0 seconds")
        return value

    @property
    def reminder_grace(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.reminder_grace_minutes)

    @property
    def reminder_horizon(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.reminder_horizon_minutes)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.clinic_timezone)

    @property
    def file_base_url(self) -> str:
        if self.telegram_file_base_url:
            return self.telegram_file_base_url
        # Telegram serves files from /file/bot<token>/ beside /bot<token>/.
        return self.telegram_api_base_url.rsplit("/bot", 1)[0] + "/file/bot"

    def known(self, name: str) -> str:
        """A clinic setting's value, or "" while it is empty or still the shipped placeholder."""
        value = str(getattr(self, name)).strip()
        return "" if value == PLACEHOLDERS.get(name) else value

    def clinic_label(self, lang: str = "en") -> str:
        """The clinic as sentences name it: its configured name, else "the clinic" in `lang`."""
        return self.known("clinic_name") or UNNAMED_CLINIC.get(lang, UNNAMED_CLINIC["en"])

    def faq_facts(self, lang: str = "en") -> dict[str, str]:
        """Values the FAQ content may refer to with {placeholders}; "" leaves out the sentence that needs it."""
        return {
            "clinic_name": self.clinic_label(lang),
            "clinic_address": self.known("clinic_address"),
            "clinic_hours": self.known("clinic_hours"),
            "clinic_phone": self.known("clinic_phone"),
            "clinic_telehealth": self.known("clinic_telehealth"),
            "clinic_parking": self.known("clinic_parking"),
            "clinic_childcare": self.known("clinic_childcare"),
            "crisis_lines": self.crisis_lines_in(lang),
        }

    def require_token(self) -> None:
        if not self.bot_token or ":" not in self.bot_token:
            raise ConfigError("BOT_TOKEN", "is missing or malformed", _HINTS["BOT_TOKEN"])

    def require_webhook(self) -> None:
        if not self.webhook_url:
            raise ConfigError("WEBHOOK_URL", "is required with --webhook", _HINTS["WEBHOOK_URL"])
        if not self.webhook_secret:
            raise ConfigError("WEBHOOK_SECRET", "is required with --webhook", _HINTS["WEBHOOK_SECRET"])


def load_settings(**overrides: Any) -> Settings:
    """Read settings; raise ConfigError naming the first bad variable."""
    try:
        settings = Settings(**overrides)  # values are validated (and typed) by pydantic
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]).upper() if err["loc"] else "SETTINGS"
        reason = err["msg"].removeprefix("Value error, ")
        raise ConfigError(name, f"is invalid: {reason}", _HINTS.get(name, "see .env.example")) from None
    sqlite_file.prepare(settings.database_url)  # DatabaseUnreachable when its folder is not there
    return settings
