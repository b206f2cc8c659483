"""Re-encrypting every EncryptedText column with the current key, in batches, while the bot runs.

Progress needs no bookkeeping: a value the current key already reads is skipped, so a killed
rotation run again goes on where it stopped. Each batch is its own short transaction, and each
value is replaced only if it still holds what was read (a value the bot rewrote meanwhile stays).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Text, bindparam, type_coerce, update

from bot.core import crypto
from bot.db.encryption import BATCH, encrypted_columns, stored_batches
from bot.db.session import Database, affected


@dataclass(frozen=True)
class ColumnRotation:
    """One column's rotation: values written again with the new key, and values that already had it."""

    column: str
    rotated: int
    current: int


async def reencrypt(
    db: Database,
    *,
    batch: int = BATCH,
    max_batches: int | None = None,
    progress: Callable[[ColumnRotation], None] | None = None,
) -> list[ColumnRotation]:
    """Write every value not under the current key again with it; `max_batches` stops early (resumable)."""
    done: list[ColumnRotation] = []
    batches = 0
    for table, column in encrypted_columns():
        keys = list(table.primary_key.columns)
        raw = type_coerce(column, Text)
        swap = (
            update(table)
            .where(*(k == bindparam(f"k{i}") for i, k in enumerate(keys)), raw == bindparam("stored", type_=Text))
            .values({column.name: bindparam("fresh", type_=Text)})  # stored as given, not encrypted again
        )
        rotated = current = 0
        stopped = False
        async for rows in stored_batches(db, table, column, batch):
            if max_batches is not None and batches >= max_batches:
                stopped = True
                break
            batches += 1
            stale = [(pk, value) for pk, value in rows if not crypto.is_current(value)]
            current += len(rows) - len(stale)
            if stale:
                # One statement for the batch; a value the bot rewrote since it was read is left alone.
                params = [
                    {**{f"k{i}": v for i, v in enumerate(pk)}, "stored": value, "fresh": crypto.rotate(value)}
                    for pk, value in stale
                ]
                async with db.session() as s, s.begin():
                    result = await s.execute(swap, params)
                rotated += affected(result) if affected(result) >= 0 else len(stale)
        report = ColumnRotation(f"{table.name}.{column.name}", rotated, current)
        done.append(report)
        if progress is not None:
            progress(report)
        if stopped:
            break
    return done


async def not_current(db: Database) -> dict[str, int]:
    """Per encrypted column, values the current key does not read (still under an old key, or none)."""
    found: dict[str, int] = {}
    for table, column in encrypted_columns():
        async for rows in stored_batches(db, table, column):
            n = sum(not crypto.is_current(value) for _, value in rows)
            if n:
                name = f"{table.name}.{column.name}"
                found[name] = found.get(name, 0) + n
    return found
