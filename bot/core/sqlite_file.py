"""The SQLite file DATABASE_URL names, made on first use readable by its owner only, like `.env`.

Only the file's own folder is made (data/ on the first run), where its parent is there: a
mistyped path is said in one line (DatabaseUnreachable) instead of starting an empty database
somewhere new. A folder given as the file, or a file given as its folder, is said the same way.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from bot.core.errors import DatabaseUnreachable


def prepare(url: str) -> None:
    """Make the SQLite file's folder (0700) and the file (0600) if missing; nothing for another database."""
    if not url.startswith("sqlite"):
        return
    name = url.split("///", 1)[-1]
    if not name or name == ":memory:":
        return
    path = Path(name)
    folder = path.parent
    if path.is_dir():
        raise DatabaseUnreachable(url, f"{path} is a folder, not a database file")
    if folder.exists() and not folder.is_dir():
        raise DatabaseUnreachable(url, f"{folder} is a file, not a folder")
    if not folder.is_dir() and not folder.parent.is_dir():
        missing = "a file" if folder.parent.exists() else "missing too"
        raise DatabaseUnreachable(
            url, f"there is no folder {folder} and {folder.parent} is {missing}; check the path or create the folder"
        )
    try:
        if not folder.is_dir():
            folder.mkdir(mode=0o700)
        _private_file(path)
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        raise DatabaseUnreachable(url, f"{exc.strerror or exc}{where}") from None


def _private_file(path: Path) -> None:
    """Create the file readable by its owner only (SQLite gives its -wal and -shm files the same mode).
    An existing file is left as the clinic set it."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
