"""The first `run` on a fresh machine: create `.env`, generate the encryption key, point out placeholders."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from bot.core import crypto
from bot.core.config import Settings, load_settings
from bot.core.errors import ConfigError

log = logging.getLogger("iop.setup")

ENV_FILE = Path(".env")
EXAMPLE = ".env.example"

# Clinic settings clients read in sentences: while they keep the shipped value, they read as placeholders.
CLINIC_SETTINGS = ("clinic_name", "clinic_address", "clinic_phone", "clinic_hours")


def _template() -> str:
    """The text of .env.example: beside the working directory, else beside the package."""
    for candidate in (Path(EXAMPLE), Path(__file__).resolve().parents[2] / EXAMPLE):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    # An installed copy without the example file: one line per setting, with its default.
    lines = ["# IOP Companion settings (see the README)."]
    for name, field in Settings.model_fields.items():
        default = field.default
        value = "" if default is None else str(default).lower() if isinstance(default, bool) else str(default)
        lines.append(f"{name.upper()}={_quote(value)}")
    return "\n".join(lines) + "\n"


def _quote(value: str) -> str:
    if "\n" in value:
        return '"' + value.replace("\n", "\\n") + '"'
    return value


def ensure_env_file(path: Path = ENV_FILE) -> bool:
    """Create `.env` from `.env.example` if it is missing; True if created now."""
    if path.exists():
        return False
    path.write_text(_template(), encoding="utf-8")
    path.chmod(0o600)  # it will hold the token and the key
    return True


def set_env_value(path: Path, name: str, value: str) -> None:
    """Set NAME=value in the env file, replacing an existing (possibly empty) line."""
    set_env_values(path, {name: value})


def set_env_values(path: Path, values: dict[str, str]) -> None:
    """Set each NAME=value in the env file in one atomic replace (a crash leaves the old file or the new)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    for name, value in values.items():
        line = f"{name}={value}"
        found = re.search(rf"^{re.escape(name)}=.*$", text, re.MULTILINE)
        if found:
            text = text[: found.start()] + line + text[found.end() :]
        else:
            text = text + ("" if text.endswith("\n") or not text else "\n") + line + "\n"
    tmp = path.with_name(path.name + ".tmp")
    with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def env_keys(path: Path = ENV_FILE) -> list[str]:
    """ENCRYPTION_KEY then ENCRYPTION_KEYS_OLD as `path` (and the environment) hold them now; [] if unreadable."""
    try:
        settings = load_settings(_env_file=path)
    except ConfigError:  # a half-edited .env: keep the keys in use
        return []
    return [settings.encryption_key, *settings.old_keys] if settings.encryption_key else []


def ensure_key(settings: Settings, path: Path = ENV_FILE, holds_encrypted_text: bool = False) -> Settings:
    """Return settings with an encryption key, generating one into `.env` on first run.

    Without a key the bot runs only when ALLOW_PLAINTEXT is set, and says so loudly. A key is
    generated only while the database holds no encrypted text: a new key would read none of it,
    and an operator might back it up as the real one.
    """
    if settings.encryption_key:
        return settings
    if holds_encrypted_text:
        raise ConfigError(
            "ENCRYPTION_KEY",
            "is empty but the database holds encrypted text",
            "set the key it was written with (a new key would read none of it)",
        )
    if settings.allow_plaintext:
        log.warning(
            "ALLOW_PLAINTEXT=true and no ENCRYPTION_KEY: clients' words are stored UNENCRYPTED. "
            "Remove ALLOW_PLAINTEXT for real use."
        )
        return settings
    if "ENCRYPTION_KEY" in os.environ:
        raise ConfigError(
            "ENCRYPTION_KEY", "is set but empty in the environment", "unset it to have one generated into .env"
        )
    key = crypto.generate_key()
    try:
        set_env_value(path, "ENCRYPTION_KEY", key)
    except OSError as exc:
        raise ConfigError(
            "ENCRYPTION_KEY", f"is empty and {path} cannot be written ({exc.strerror})", "set it by hand"
        ) from None
    log.warning(
        "Generated ENCRYPTION_KEY into %s: back up %s with the database, or the text cannot be read.", path, path
    )
    return settings.model_copy(update={"encryption_key": key})


def placeholder_warnings(settings: Settings) -> list[str]:
    """One line per clinic setting still at its shipped placeholder (or empty)."""
    lines = []
    for name in CLINIC_SETTINGS:
        value = getattr(settings, name)
        if not value:
            lines.append(f"{name.upper()} is empty: set it in .env (clients read it in the bot's answers)")
        elif value == Settings.model_fields[name].default:
            lines.append(f"{name.upper()} is still the placeholder {value!r}: set it in .env")
    return lines
