"""Every EncryptedText column: encrypting text stored before a key was set, and finding text no key reads."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

from sqlalchemy import Column, Table, Text, literal, select, tuple_, type_coerce, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import crypto
from bot.core.errors import ConfigError
from bot.db.session import Database
from bot.db.types import Base, EncryptedText

BATCH = 500


@dataclass(frozen=True)
class ColumnReport:
    """What one column held: rows encrypted now, rows already encrypted, rows another key wrote."""

    column: str
    encrypted_now: int
    already: int
    unreadable: int


def encrypted_columns() -> list[tuple[Table, Column[str]]]:
    """Every EncryptedText column of the models, found from the metadata (new models are covered)."""
    return [
        (table, column)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, EncryptedText)
    ]


async def holds_encrypted_text(db: Database) -> bool:
    """True when any EncryptedText column holds a value written encrypted (with whatever key)."""
    async with db.session() as s:
        for table, column in encrypted_columns():
            raw = type_coerce(column, Text)
            if await s.scalar(select(1).select_from(table).where(raw.like(crypto.PREFIX + "%")).limit(1)):
                return True
    return False


async def encrypt_plaintext(db: Database) -> list[ColumnReport]:
    """Encrypt every stored value that is not encrypted with the current key; idempotent.

    A value that carries the encrypted prefix but does not decrypt with this key was written
    with another key: it is counted as unreadable and left as it is (encrypting it again would
    bury it under two keys).
    """
    if not crypto.enabled():
        raise ConfigError("ENCRYPTION_KEY", "is empty", "set the key to encrypt with")
    reports = []
    for table, column in encrypted_columns():
        async with db.session() as s, s.begin():
            reports.append(await _encrypt_column(s, table, column))
    return reports


async def _encrypt_column(s: AsyncSession, table: Table, column: Column[str]) -> ColumnReport:
    keys = list(table.primary_key.columns)
    raw = type_coerce(column, Text)  # the stored string, not run through EncryptedText's decryption
    stmt = select(*keys, raw).where(column.is_not(None)).order_by(*keys)
    plain: list[tuple[tuple[object, ...], str]] = []
    already = unreadable = 0
    offset = 0
    while True:
        rows = (await s.execute(stmt.limit(BATCH).offset(offset))).all()
        for row in rows:
            *key, value = row
            if not crypto.looks_encrypted(value):
                plain.append((tuple(key), value))
            elif crypto.is_current(value):
                already += 1
            else:
                unreadable += 1
        if len(rows) < BATCH:
            break
        offset += BATCH
    for pk, value in plain:
        # Binding the plain value through EncryptedText encrypts it (and cleans what cannot be stored).
        where = [k == v for k, v in zip(keys, pk, strict=True)]
        await s.execute(update(table).where(*where).values({column.name: value}))
    return ColumnReport(f"{table.name}.{column.name}", len(plain), already, unreadable)


async def stored_batches(
    db: Database, table: Table, column: Column[str], batch: int = BATCH
) -> AsyncIterator[list[tuple[tuple[object, ...], str]]]:
    """The column's encrypted values as stored, (primary key, value) in key order, a batch per transaction.

    Keyset pages (key > last seen), so rows written meanwhile neither shift nor repeat a page.
    """
    keys = list(table.primary_key.columns)
    raw = type_coerce(column, Text)
    stmt = select(*keys, raw).where(raw.like(crypto.PREFIX + "%")).order_by(*keys).limit(batch)
    last: tuple[object, ...] | None = None
    while True:
        page = stmt if last is None else stmt.where(tuple_(*keys) > tuple_(*(literal(v) for v in last)))
        async with db.session() as s, s.begin():
            rows = [(tuple(key), value) for *key, value in (await s.execute(page)).all()]
        if rows:
            yield rows
            last = rows[-1][0]
        if len(rows) < batch:
            return


async def unreadable_values(db: Database) -> dict[str, int]:
    """Per encrypted column (table.column), how many stored values no configured key reads; only those > 0."""
    found: dict[str, int] = {}
    for table, column in encrypted_columns():
        async for rows in stored_batches(db, table, column):
            n = sum(not crypto.is_readable(value) for _, value in rows)
            if n:
                name = f"{table.name}.{column.name}"
                found[name] = found.get(name, 0) + n
    return found


async def probe_unreadable(db: Database, ends: int = 50) -> bool:
    """True when one of the oldest or newest `ends` encrypted values of some column reads with no key.

    Cheap enough for every start (a wrong key fails on the first value); `unreadable_values` then counts.
    """
    async with db.session() as s:
        for table, column in encrypted_columns():
            keys = list(table.primary_key.columns)
            raw = type_coerce(column, Text)
            base = select(raw).where(raw.like(crypto.PREFIX + "%")).limit(ends)
            for order in (keys, [k.desc() for k in keys]):
                if not all(crypto.is_readable(v) for v in (await s.scalars(base.order_by(*order))).all()):
                    return True
    return False


def describe_unreadable(found: dict[str, int]) -> str:
    """One line: which columns hold text the key does not read, and how many values each."""
    return ", ".join(f"{name} ({n})" for name, n in sorted(found.items()))
