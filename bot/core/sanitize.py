"""Cleans text before it is stored: NUL bytes and lone UTF-16 surrogates would make a statement fail."""

from __future__ import annotations

import re

# A surrogate on its own is not a character: UTF-8 cannot encode it, so SQLite and Fernet refuse it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def clean_text(text: str) -> str:
    """Drop NUL characters (PostgreSQL text cannot hold them) and replace lone surrogates with U+FFFD."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    return _LONE_SURROGATE.sub(REPLACEMENT, text)
