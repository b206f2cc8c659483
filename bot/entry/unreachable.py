"""A database the bot cannot reach or open, said in one line that names DATABASE_URL.

`python -m bot run` and every other command open the database first; a refused connection, a
host that does not resolve, a database that does not exist or a SQLite file that cannot be
opened would otherwise end in a hundred lines of traceback. The password never appears.
"""

from __future__ import annotations

import os

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DBAPIError, InterfaceError, OperationalError

from bot.core.errors import DatabaseUnreachable

# What the drivers raise when the database is not there: the socket's errors (asyncpg connects
# with asyncio) and SQLAlchemy's wrappers of the driver's own.
UNREACHABLE: tuple[type[BaseException], ...] = (
    OSError,
    TimeoutError,
    OperationalError,
    InterfaceError,
    DatabaseUnreachable,  # the settings found the SQLite file's folder missing
)
# SQLite's codes for a file that is there but is no database (or a damaged one).
_NOT_A_DATABASE = {"SQLITE_NOTADB", "SQLITE_CORRUPT"}


def is_unreachable(exc: BaseException) -> bool:
    """True for an error that means the database could not be reached or opened."""
    if isinstance(exc, UNREACHABLE):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, DatabaseError) and getattr(exc.orig, "sqlite_errorname", None) in _NOT_A_DATABASE:
        return True
    name = type(exc).__name__  # asyncpg's "database does not exist", "password authentication failed"
    return name in {"InvalidCatalogNameError", "InvalidPasswordError", "InvalidAuthorizationSpecificationError"}


def shown(url: str) -> str:
    """The URL as it may be printed: the password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(not a database URL)"


def one_line(exc: BaseException, url: str | None = None) -> str:
    """ "error: cannot reach the database at DATABASE_URL=…: <the driver's reason>"."""
    if isinstance(exc, DatabaseUnreachable):
        url = exc.url  # the URL the settings read, .env included
    where = shown(url if url is not None else os.environ.get("DATABASE_URL", "sqlite+aiosqlite:///data/iop.sqlite3"))
    reason = str(getattr(exc, "orig", None) or exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"error: cannot reach the database at DATABASE_URL={where}: {reason}"
