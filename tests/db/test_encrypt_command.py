"""`python -m bot db encrypt`: rows written in plaintext before a key was set end encrypted and readable."""

from __future__ import annotations

import asyncio

from sqlalchemy import Text, select, type_coerce

from bot.core import crypto
from bot.db.encryption import encrypt_plaintext, encrypted_columns
from bot.db.models import FaqGap, OutboxMessage, StateRecord
from bot.entry import cli
from tests.conftest import TEST_KEY


async def _write_plain(db) -> None:  # type: ignore[no-untyped-def]
    crypto.configure("")  # as a bot without a key wrote them
    async with db.session() as s, s.begin():
        s.add(FaqGap(text="plain question one"))
        s.add(FaqGap(text="plain question two"))
        s.add(StateRecord(namespace="conv", key="[1, 1]", value='{"state": "plain"}'))
        s.add(OutboxMessage(chat_id=1, kind="notice", payload='{"text": "plain notice"}'))


async def _raw(db, column) -> list[str]:  # type: ignore[no-untyped-def]
    async with db.session() as s:
        return [v for v in (await s.execute(select(type_coerce(column, Text)))).scalars() if v is not None]


def test_every_encrypted_column_is_found():
    names = {f"{t.name}.{c.name}" for t, c in encrypted_columns()}
    assert {"faq_gap.text", "conversation_state.value", "outbox.payload", "checkin.note"} <= names


async def test_plaintext_rows_are_encrypted_and_still_readable(db):
    await _write_plain(db)
    crypto.configure(TEST_KEY)
    reports = {r.column: r for r in await encrypt_plaintext(db)}
    assert reports["faq_gap.text"].encrypted_now == 2
    assert reports["conversation_state.value"].encrypted_now == 1
    assert reports["outbox.payload"].encrypted_now == 1
    for column in (FaqGap.text, StateRecord.value, OutboxMessage.payload):
        stored = await _raw(db, column)
        assert stored and all(v.startswith("enc:v1:") and "plain" not in v for v in stored)
    async with db.session() as s:
        assert sorted((await s.execute(select(FaqGap.text))).scalars()) == ["plain question one", "plain question two"]
        assert (await s.execute(select(StateRecord.value))).scalar_one() == '{"state": "plain"}'
    # Idempotent: a second pass finds nothing left to do.
    again = {r.column: r for r in await encrypt_plaintext(db)}
    assert sum(r.encrypted_now for r in again.values()) == 0
    assert again["faq_gap.text"].already == 2


async def test_text_from_another_key_is_left_alone_and_counted(db):
    crypto.configure(crypto.generate_key())
    async with db.session() as s, s.begin():
        s.add(FaqGap(text="other key"))
    before = await _raw(db, FaqGap.text)
    crypto.configure(TEST_KEY)
    reports = {r.column: r for r in await encrypt_plaintext(db)}
    assert reports["faq_gap.text"].unreadable == 1 and reports["faq_gap.text"].encrypted_now == 0
    assert await _raw(db, FaqGap.text) == before


async def _cli(*argv: str) -> int:
    # The CLI runs its own event loop (asyncio.run), so it gets a thread of its own.
    return await asyncio.to_thread(cli.main, list(argv))


async def test_the_cli_prints_counts(tmp_path, monkeypatch, capsys):
    from bot.db.session import Database
    from bot.entry.app import prepare_database

    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("ENCRYPTION_KEY", TEST_KEY)
    await prepare_database(url)
    db = Database(url)
    try:
        await _write_plain(db)
    finally:
        await db.dispose()

    assert await _cli("db", "encrypt") == 0
    out = capsys.readouterr().out
    assert "faq_gap.text" in out and "4 values encrypted now" in out
    assert await _cli("db", "encrypt") == 0
    assert "0 values encrypted now, 4 were already encrypted" in capsys.readouterr().out


async def test_the_cli_refuses_without_a_key(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv("ENCRYPTION_KEY", "")
    assert await _cli("db", "encrypt") == 2
    assert "ENCRYPTION_KEY is empty" in capsys.readouterr().err
