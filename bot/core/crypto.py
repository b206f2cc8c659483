"""Encryption at rest for free-text fields (Fernet), configured once at start-up.

Values written with a key are stored as ``enc:v1:<token>``; values written without a
key stay readable as plain text, so a key can be introduced on a running system.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken

from bot.core.errors import ConfigError

PREFIX = "enc:v1:"  # what every encrypted value starts with (queries look for it too)
_fernet: Fernet | None = None


def configure(key: str) -> None:
    """Set (or with "" clear) the key used for every EncryptedText column."""
    global _fernet
    _fernet = Fernet(key.encode()) if key else None


def enabled() -> bool:
    return _fernet is not None


def is_current(stored: str) -> bool:
    """True if `stored` was written with the configured key (so it needs no re-encryption)."""
    return _fernet is not None and stored.startswith(PREFIX) and _decrypts(stored)


def looks_encrypted(stored: str) -> bool:
    return stored.startswith(PREFIX)


def _decrypts(stored: str) -> bool:
    assert _fernet is not None
    try:
        _fernet.decrypt(stored[len(PREFIX) :].encode())
    except InvalidToken:
        return False
    return True


def generate_key() -> str:
    return Fernet.generate_key().decode()


def encrypt(value: str) -> str:
    if _fernet is None:
        return value
    return PREFIX + _fernet.encrypt(value.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored
    if _fernet is None:
        raise ConfigError(
            "ENCRYPTION_KEY",
            "is missing but the database holds encrypted text",
            "set the key the data was written with",
        )
    try:
        return _fernet.decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        raise ConfigError(
            "ENCRYPTION_KEY", "does not decrypt the stored text", "set the key the data was written with"
        ) from None
