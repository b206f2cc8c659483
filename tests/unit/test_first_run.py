"""The .env file the first run writes, and how the key goes into it."""

from __future__ import annotations

from bot.core.config import Settings
from bot.entry import first_run


def test_without_the_example_file_every_setting_is_written_with_its_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(first_run, "EXAMPLE", "no-such-file")  # as in an installed copy
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    env = tmp_path / ".env"
    assert first_run.ensure_env_file(env) and not first_run.ensure_env_file(env)
    text = env.read_text()
    for name in Settings.model_fields:
        assert f"\n{name.upper()}=" in text
    assert Settings(_env_file=env) == Settings(_env_file=None)  # type: ignore[call-arg]
    assert env.stat().st_mode & 0o077 == 0  # it will hold the token and the key


def test_set_env_value_replaces_or_appends(tmp_path):
    env = tmp_path / ".env"
    env.write_text("A=1\nENCRYPTION_KEY=\nB=2")
    first_run.set_env_value(env, "ENCRYPTION_KEY", "k1")
    assert env.read_text() == "A=1\nENCRYPTION_KEY=k1\nB=2"
    first_run.set_env_value(env, "NEW", "x")
    assert env.read_text() == "A=1\nENCRYPTION_KEY=k1\nB=2\nNEW=x\n"


def test_set_env_values_writes_both_keys_in_one_replace_and_keeps_the_file_private(tmp_path):
    """The rotation's two lines change together; other lines stay; the file stays 0600."""
    env = tmp_path / ".env"
    env.write_text("BOT_TOKEN=1:A\nENCRYPTION_KEY=old\n")
    first_run.set_env_values(env, {"ENCRYPTION_KEYS_OLD": "old", "ENCRYPTION_KEY": "new"})
    assert env.read_text() == "BOT_TOKEN=1:A\nENCRYPTION_KEY=new\nENCRYPTION_KEYS_OLD=old\n"
    assert env.stat().st_mode & 0o777 == 0o600
    assert not (tmp_path / ".env.tmp").exists()


def test_env_keys_lists_the_new_key_then_the_old_ones(tmp_path, monkeypatch):
    """What a running bot rereads during a rotation; a broken .env gives nothing (the keys in use stay)."""
    from bot.core import crypto

    monkeypatch.delenv("ENCRYPTION_KEY", raising=False)
    monkeypatch.delenv("ENCRYPTION_KEYS_OLD", raising=False)
    new, old = crypto.generate_key(), crypto.generate_key()
    env = tmp_path / ".env"
    env.write_text(f"ENCRYPTION_KEY={new}\nENCRYPTION_KEYS_OLD={old}\n")
    assert first_run.env_keys(env) == [new, old]
    env.write_text("ENCRYPTION_KEY=not-a-key\n")
    assert first_run.env_keys(env) == []
