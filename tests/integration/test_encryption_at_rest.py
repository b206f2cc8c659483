"""Encryption is on by default: the first run writes a key, and a client's words never reach the file."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.core import crypto
from bot.core.config import Settings
from bot.core.errors import ConfigError
from bot.db.models import FaqGap
from bot.entry.first_run import ensure_key
from tests.conftest import make_settings
from tests.support.harness import Harness

CLIENT = 6601
MARKER = "zebracorn marmalade quintessence"  # words no FAQ entry answers, so they are kept as a gap


def _stored_bytes(settings: Settings) -> bytes:
    path = Path(settings.database_url.split("///", 1)[1])
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))  # the file and its -wal


async def test_first_run_key_keeps_a_clients_words_out_of_the_database_file(tmp_path, monkeypatch):
    monkeypatch.delenv("ENCRYPTION_KEY", raising=False)
    env = tmp_path / ".env"
    env.write_text("BOT_TOKEN=123456:TEST-TOKEN\nENCRYPTION_KEY=\n")
    settings = ensure_key(make_settings(tmp_path, encryption_key=""), env)
    written = env.read_text().splitlines()
    assert f"ENCRYPTION_KEY={settings.encryption_key}" in written and settings.encryption_key

    h = Harness(settings)
    await h.start()
    try:
        await h.enroll(CLIENT)
        await h.send(CLIENT, f"{MARKER} today?")
        async with h.db.session() as s:
            gaps = [g.text for g in (await s.execute(select(FaqGap))).scalars()]
        assert any(MARKER in g for g in gaps)  # the words were stored, and read back with the key
    finally:
        await h.stop()
    assert MARKER.split()[0].encode() not in _stored_bytes(settings)


def test_a_key_already_set_is_kept(tmp_path):
    settings = make_settings(tmp_path)
    env = tmp_path / ".env"
    assert ensure_key(settings, env) is settings
    assert not env.exists()


def test_plaintext_only_with_the_opt_out_and_said_loudly(tmp_path, monkeypatch, caplog):
    monkeypatch.delenv("ENCRYPTION_KEY", raising=False)
    env = tmp_path / ".env"
    env.write_text("ALLOW_PLAINTEXT=true\n")
    settings = make_settings(tmp_path, encryption_key="", allow_plaintext=True)
    with caplog.at_level(logging.WARNING):
        assert ensure_key(settings, env).encryption_key == ""
    assert "UNENCRYPTED" in caplog.text
    assert "ENCRYPTION_KEY" not in env.read_text()


def test_an_empty_key_in_the_environment_is_refused(tmp_path, monkeypatch):
    """A key written to .env would be hidden by the empty variable: every run would make a new one."""
    monkeypatch.setenv("ENCRYPTION_KEY", "")
    with pytest.raises(ConfigError) as exc:
        ensure_key(make_settings(tmp_path, encryption_key=""), tmp_path / ".env")
    assert exc.value.variable == "ENCRYPTION_KEY"


def test_generated_key_works(tmp_path, monkeypatch):
    monkeypatch.delenv("ENCRYPTION_KEY", raising=False)
    settings = ensure_key(make_settings(tmp_path, encryption_key=""), tmp_path / ".env")
    crypto.configure(settings.encryption_key)
    assert crypto.decrypt(crypto.encrypt("x")) == "x"
