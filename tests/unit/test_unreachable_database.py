"""A database the bot cannot reach is said in one line naming DATABASE_URL, for every command;
the SQLite file is created readable by its owner only."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.config import load_settings

REFUSED = "postgresql+asyncpg://nobody:hunter2@127.0.0.1:9/clinic"  # port 9 (discard): nothing listens


def _run(tmp_path: Path, *args: str, url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url, "PYTHONWARNINGS": "ignore"}
    env.pop("ENCRYPTION_KEY", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("args", [("status",), ("db", "upgrade"), ("db", "current")])
def test_an_unreachable_database_is_one_line_naming_database_url_and_exit_1(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    got = _run(tmp_path, *args, url=REFUSED)
    assert got.returncode == 1
    lines = got.stderr.strip().splitlines()
    assert len(lines) == 1, got.stderr
    assert lines[0].startswith("error: cannot reach the database at DATABASE_URL=postgresql+asyncpg://nobody:***@")
    assert "hunter2" not in got.stderr and "Traceback" not in got.stderr


def test_a_database_that_does_not_exist_is_one_line_too(tmp_path: Path) -> None:
    got = _run(tmp_path, "db", "current", url="postgresql+asyncpg://root@127.0.0.1:5432/no_such_clinic_db")
    if "Connect call failed" in got.stderr:
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    assert got.returncode == 1
    assert got.stderr.strip().splitlines() == [
        "error: cannot reach the database at DATABASE_URL=postgresql+asyncpg://root@127.0.0.1:5432/no_such_clinic_db: "
        'database "no_such_clinic_db" does not exist'
    ]


def test_the_sqlite_file_is_created_for_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "data" / "iop.sqlite3"
    load_settings(database_url=f"sqlite+aiosqlite:///{path}")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_an_existing_sqlite_file_keeps_the_mode_the_clinic_gave_it(tmp_path: Path) -> None:
    path = tmp_path / "iop.sqlite3"
    path.touch(mode=0o640)
    path.chmod(0o640)
    load_settings(database_url=f"sqlite+aiosqlite:///{path}")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
