"""Typed button data: small classes that pack themselves into callback_data and parse it back.

Every button the bot shows is one of these. Data is `<version>|<prefix>|<field>|...`; parsing
checks the version, the prefix, the number of fields and each field's type (int, bool,
str, StrEnum). Anything else (forged, stale, from an older release) parses to None, so a
handler never splits strings and never sees bad data: the catch-all answers "that button
is no longer valid".

    @callback("set")
    class SettingsAction(CallbackData):
        action: SettingsChoice

    CallbackQueryHandler(choose, pattern=SettingsAction.matches)
    ...
    data = SettingsAction.parse(query.data)   # typed, already validated
"""

from __future__ import annotations

import dataclasses
import enum
import typing
from collections.abc import Callable
from typing import Any, ClassVar, Self, TypeVar, dataclass_transform

VERSION = "1"
SEP = "|"
MAX_BYTES = 64  # Telegram's limit for callback_data

C = TypeVar("C", bound="CallbackData")


class InvalidCallback(ValueError):
    """Button data that is not what this bot builds."""


@typing.dataclass_transform(frozen_default=True)  # type checkers see each subclass as a frozen dataclass
@dataclasses.dataclass(frozen=True)
class CallbackData:
    prefix: ClassVar[str] = ""

    def pack(self) -> str:
        parts = [VERSION, self.prefix]
        for f in dataclasses.fields(self):
            parts.append(_encode(getattr(self, f.name)))
        data = SEP.join(parts)
        if len(data.encode()) > MAX_BYTES:
            raise InvalidCallback(f"button data over {MAX_BYTES} bytes: {data!r}")
        return data

    @classmethod
    def parse(cls, data: object) -> Self:
        """The typed value, or InvalidCallback."""
        if not isinstance(data, str):
            raise InvalidCallback("no data")
        parts = data.split(SEP)
        fields = dataclasses.fields(cls)
        if len(parts) != 2 + len(fields) or parts[0] != VERSION or parts[1] != cls.prefix:
            raise InvalidCallback(f"not a {cls.__name__}")
        hints = typing.get_type_hints(cls)
        values = {f.name: _decode(raw, hints[f.name]) for f, raw in zip(fields, parts[2:], strict=True)}
        try:
            return cls(**values)
        except (TypeError, ValueError) as exc:  # __post_init__ checks of a subclass
            raise InvalidCallback(str(exc)) from exc

    @classmethod
    def try_parse(cls, data: object) -> Self | None:
        try:
            return cls.parse(data)
        except InvalidCallback:
            return None

    @classmethod
    def matches(cls, data: object) -> bool:
        """For `CallbackQueryHandler(pattern=...)`: only valid data of this class reaches the handler."""
        return cls.try_parse(data) is not None


@dataclass_transform(frozen_default=True)
def callback(prefix: str) -> Callable[[type[C]], type[C]]:
    """Declare a frozen dataclass of button data under a unique prefix."""

    def wrap(cls: type[C]) -> type[C]:
        if not prefix or SEP in prefix:
            raise ValueError(f"bad callback prefix {prefix!r}")
        if prefix in _registry:
            raise ValueError(f"callback prefix {prefix!r} is used by {_registry[prefix].__name__}")
        cls = dataclasses.dataclass(frozen=True)(cls)
        cls.prefix = prefix
        _registry[prefix] = cls
        return cls

    return wrap


_registry: dict[str, type[CallbackData]] = {}


def parse_any(data: object) -> CallbackData | None:
    """Whatever registered button this data belongs to, or None."""
    if not isinstance(data, str):
        return None
    parts = data.split(SEP, 2)
    cls = _registry.get(parts[1]) if len(parts) >= 2 else None
    return None if cls is None else cls.try_parse(data)


def _encode(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, enum.Enum):
        return str(value.value)
    text = str(value)
    if SEP in text:
        raise InvalidCallback(f"{SEP!r} inside a button field: {text!r}")
    return text


def _decode(raw: str, kind: Any) -> object:
    if kind is bool:
        if raw not in ("0", "1"):
            raise InvalidCallback(f"not a flag: {raw!r}")
        return raw == "1"
    if kind is int:
        if not raw.lstrip("-").isdigit() or len(raw) > 19 or not raw.isascii():
            raise InvalidCallback(f"not a number: {raw!r}")
        return int(raw)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        try:
            return kind(raw)
        except ValueError as exc:
            raise InvalidCallback(f"not a {kind.__name__}: {raw!r}") from exc
    if kind is str:
        if not raw:
            raise InvalidCallback("empty field")
        return raw
    raise TypeError(f"unsupported callback field type {kind!r}")
