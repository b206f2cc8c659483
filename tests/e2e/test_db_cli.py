"""`python -m bot db backup|restore|rotate-key` and the key check at `run`, as an operator sees them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken

from bot.core import crypto
from bot.db.lease_models import PROCESS_TABLES
from bot.db.types import Base
from tests.conftest import TEST_KEY
from tests.e2e.test_first_run import CLINIC, OFFLINE, _bot, fernet_encrypted

pytestmark = pytest.mark.e2e

DB = "data/iop.sqlite3"


def _clinic(tmp_path: Path, notes: int = 3) -> None:
    """A migrated SQLite database with `notes` encrypted FAQ questions, and .env holding the key."""
    (tmp_path / ".env").write_text(f"ENCRYPTION_KEY={TEST_KEY}\n")
    made = _bot(tmp_path, "db", "upgrade")
    assert made.returncode == 0, made.stderr
    with sqlite3.connect(tmp_path / DB) as raw:
        for n in range(notes):
            raw.execute(
                "INSERT INTO faq_gap (at, text, best_entry, best_score) VALUES ('2026-12-04 10:00:00', ?, '', 0)",
                (fernet_encrypted(f"where do i park {n}"),),
            )


def _stored(tmp_path: Path, db: str = DB) -> list[str]:
    with sqlite3.connect(tmp_path / db) as raw:
        return [v for (v,) in raw.execute("SELECT text FROM faq_gap ORDER BY id")]


def test_backup_then_restore_into_an_empty_database_prints_counts_and_reads_the_text(tmp_path):
    _clinic(tmp_path)
    made = _bot(tmp_path, "db", "backup", "--to", "nightly")
    assert made.returncode == 0, made.stderr
    lines = made.stdout.splitlines()
    assert lines[0] == "SQLite: online backup API"
    assert lines[-1] == "The key is not in it: keep .env (ENCRYPTION_KEY) apart from the backups."
    [archive] = (tmp_path / "nightly").glob("*.gz")
    assert (tmp_path / "nightly" / (archive.name + ".sha256")).exists()

    elsewhere = {"DATABASE_URL": "sqlite+aiosqlite:///data/restored.sqlite3"}
    done = _bot(tmp_path, "db", "restore", str(archive), **elsewhere)
    assert done.returncode == 0, done.stderr
    assert "faq_gap" in done.stdout and done.stdout.splitlines()[-2:] == [
        f"restored 3 rows into {len(Base.metadata.sorted_tables) - len(PROCESS_TABLES)} tables",
        "encrypted text reads with the current key",
    ]
    assert _stored(tmp_path, "data/restored.sqlite3") == _stored(tmp_path)

    again = _bot(tmp_path, "db", "restore", str(archive), **elsewhere)
    assert again.returncode == 1
    assert again.stderr.strip().splitlines() == [
        "error: the database is not empty (faq_gap 3...): restore only into an empty database"
    ]


def test_restore_with_another_key_names_the_columns_it_cannot_read(tmp_path):
    _clinic(tmp_path, notes=2)
    assert _bot(tmp_path, "db", "backup", "--to", "b").returncode == 0
    [archive] = (tmp_path / "b").glob("*.gz")
    other = {"DATABASE_URL": "sqlite+aiosqlite:///data/other.sqlite3", "ENCRYPTION_KEY": crypto.generate_key()}
    done = _bot(tmp_path, "db", "restore", str(archive), **other)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "error: the current key does not read faq_gap.text (2): "
        "set the ENCRYPTION_KEY (or ENCRYPTION_KEYS_OLD) this backup was written with"
    ]


def _env(tmp_path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in (tmp_path / ".env").read_text().splitlines() if "=" in line)
    return dict(pairs)


def _reads_with(key: str, values: list[str]) -> list[bool]:
    out = []
    for v in values:
        try:
            Fernet(key.encode()).decrypt(v.removeprefix(crypto.PREFIX).encode())
            out.append(True)
        except InvalidToken:
            out.append(False)
    return out


def test_rotate_key_moves_every_value_to_a_new_key_in_env_and_drops_the_old_one(tmp_path):
    _clinic(tmp_path)
    done = _bot(tmp_path, "db", "rotate-key", "--settle", "0", "--batch", "2")
    assert done.returncode == 0, done.stderr
    env = _env(tmp_path)
    new = env["ENCRYPTION_KEY"]
    assert new != TEST_KEY and env["ENCRYPTION_KEYS_OLD"] == ""
    assert _reads_with(new, _stored(tmp_path)) == [True] * 3
    assert _reads_with(TEST_KEY, _stored(tmp_path)) == [False] * 3
    assert done.stdout.splitlines()[-2] == (
        "Rotation finished: every encrypted value is under the new key; ENCRYPTION_KEYS_OLD is cleared."
    )


def test_a_rotation_killed_after_writing_env_resumes_with_the_keys_listed_there(tmp_path):
    """Killed after .env got the new key (old one listed) and one value was moved: the rerun finishes."""
    _clinic(tmp_path)
    new = crypto.generate_key()
    (tmp_path / ".env").write_text(f"ENCRYPTION_KEY={new}\nENCRYPTION_KEYS_OLD={TEST_KEY}\n")
    with sqlite3.connect(tmp_path / DB) as raw:
        moved = crypto.PREFIX + Fernet(new.encode()).encrypt(b"where do i park 0").decode()
        raw.execute("UPDATE faq_gap SET text = ? WHERE id = 1", (moved,))
    done = _bot(tmp_path, "db", "rotate-key")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "Resuming the rotation begun earlier (1 old key still listed)."
    assert "faq_gap.text                        2 re-encrypted        1 had the new key" in done.stdout
    assert _env(tmp_path) == {"ENCRYPTION_KEY": new, "ENCRYPTION_KEYS_OLD": ""}
    assert _reads_with(new, _stored(tmp_path)) == [True] * 3


def test_run_with_a_wrong_key_names_the_rows_it_cannot_read_in_one_line(tmp_path):
    _clinic(tmp_path, notes=2)
    (tmp_path / ".env").write_text(f"ENCRYPTION_KEY={crypto.generate_key()}\n")
    refused = _bot(tmp_path, "run", BOT_TOKEN="123456:VALID-LOOKING", TELEGRAM_API_BASE_URL=OFFLINE, **CLINIC)
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "error: ENCRYPTION_KEY does not read the text stored in faq_gap.text (2) (set the key it was written "
        "with; after a rotation list the earlier key in ENCRYPTION_KEYS_OLD)"
    ]
