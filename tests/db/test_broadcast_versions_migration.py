"""Revision 0022 (broadcast versions) on a database that already holds broadcasts, SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select, text

from bot.core import crypto
from bot.db import migrate
from bot.db.meeting_models import Broadcast
from bot.db.session import Database


async def _an_older_broadcast_keeps_its_words(db: Database) -> None:
    await migrate.upgrade(db.engine, "0021")
    async with db.engine.begin() as conn:  # written before versions existed (the text as 0021 stored it)
        await conn.execute(
            text(
                "INSERT INTO broadcast (audience, cohort, content, text, status, total, shown, created_at)"
                " VALUES ('clients', '', 'text', :sealed, 'done', 0, '', '2026-01-01')"
            ),
            {"sealed": crypto.encrypt("Group at six.")},
        )
    await migrate.upgrade(db.engine)
    async with db.session() as s:
        row = (await s.execute(select(Broadcast))).scalar_one()
        assert (row.text, row.language, row.versions) == ("Group at six.", "en", None)
        assert row.all_versions() == {"en": "Group at six."}
        row.versions = '{"en": "Group at six.", "es": "Grupo a las seis."}'
        await s.commit()
    async with db.session() as s:
        row = (await s.execute(select(Broadcast))).scalar_one()
        assert row.all_versions() == {"en": "Group at six.", "es": "Grupo a las seis."}
    await migrate.downgrade(db.engine, "0021")  # and back: the first version stays
    async with db.engine.connect() as conn:
        assert (await conn.execute(text("SELECT count(*) FROM broadcast"))).scalar_one() == 1


async def test_sqlite(empty_db: Database) -> None:
    await _an_older_broadcast_keeps_its_words(empty_db)


async def test_postgres(empty_pg: Database) -> None:
    await _an_older_broadcast_keeps_its_words(empty_pg)
