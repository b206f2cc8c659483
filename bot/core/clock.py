"""The one place the application reads the time, so tests can move it (time-machine)."""

from __future__ import annotations

import datetime as dt

UTC = dt.UTC


def now() -> dt.datetime:
    """Return the current time, timezone-aware in UTC."""
    return dt.datetime.now(UTC)
