"""Encryption at rest for free-text fields (Fernet), configured once at start-up.

Values written with a key are stored as ``enc:v1:<token>``; values written without a
key stay readable as plain text, so a key can be introduced on a running system.

During a key rotation the key is a list, the new key first (`MultiFernet`): values are
written with the new key and read with any listed key. A value no listed key reads makes
`decrypt` ask the reloader (set by the running bot: `.env` may hold a newer key) once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from bot.core.errors import ConfigError

PREFIX = "enc:v1:"  # what every encrypted value starts with (queries look for it too)
_primary: Fernet | None = None
_all: MultiFernet | None = None
_keys: tuple[str, ...] = ()
_reloader: Callable[[], Sequence[str]] | None = None


def configure(key: str, old: Sequence[str] = ()) -> None:
    """Set (or with "" clear) the key every EncryptedText column is written with; `old` keys are read too."""
    global _primary, _all, _keys
    if not key:
        _primary, _all, _keys = None, None, ()
        return
    _keys = tuple(dict.fromkeys([key, *(k for k in old if k)]))
    fernets = [Fernet(k.encode()) for k in _keys]
    _primary, _all = fernets[0], MultiFernet(fernets)


def configured_keys() -> tuple[str, ...]:
    """The keys in use, the one values are written with first."""
    return _keys


def set_reloader(reloader: Callable[[], Sequence[str]] | None) -> None:
    """Where newer keys come from (new first) when a stored value reads with none of the current ones."""
    global _reloader
    _reloader = reloader


def reload() -> bool:
    """Adopt the reloader's keys, keeping the current ones readable; True when a new key came."""
    if _reloader is None:
        return False
    fresh = [k for k in _reloader() if k]
    if not fresh or fresh[0] in _keys:
        return False
    configure(fresh[0], [*fresh[1:], *_keys])
    return True


def enabled() -> bool:
    return _primary is not None


def is_current(stored: str) -> bool:
    """True if `stored` was written with the key values are written with (so it needs no re-encryption)."""
    return _primary is not None and stored.startswith(PREFIX) and _reads(_primary, stored)


def is_readable(stored: str) -> bool:
    """True if some configured key reads `stored` (plain text always reads)."""
    if not stored.startswith(PREFIX):
        return True
    return _all is not None and _reads(_all, stored)


def looks_encrypted(stored: str) -> bool:
    return stored.startswith(PREFIX)


def _reads(fernet: Fernet | MultiFernet, stored: str) -> bool:
    try:
        fernet.decrypt(stored[len(PREFIX) :].encode())
    except InvalidToken:
        return False
    return True


def rotate(stored: str) -> str:
    """`stored` written again with the current key (raises ConfigError when no configured key reads it)."""
    if _all is None:
        raise ConfigError("ENCRYPTION_KEY", "is empty", "set the key to rotate to")
    try:
        return PREFIX + _all.rotate(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        raise ConfigError(
            "ENCRYPTION_KEYS_OLD", "does not list the key a stored value was written with", "add that key"
        ) from None


def generate_key() -> str:
    return Fernet.generate_key().decode()


def encrypt(value: str) -> str:
    if _primary is None:
        return value
    return PREFIX + _primary.encrypt(value.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored
    if _all is None:
        raise ConfigError(
            "ENCRYPTION_KEY",
            "is missing but the database holds encrypted text",
            "set the key the data was written with",
        )
    token = stored[len(PREFIX) :].encode()
    try:
        return _all.decrypt(token).decode()
    except InvalidToken:
        pass
    if reload():  # a rotation began while we run: .env holds the new key
        try:
            return _all.decrypt(token).decode()
        except InvalidToken:
            pass
    raise ConfigError("ENCRYPTION_KEY", "does not decrypt the stored text", "set the key the data was written with")
