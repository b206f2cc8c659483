"""A database the bot cannot reach is said in one line naming DATABASE_URL, for every command;
the SQLite file is created readable by its owner only."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

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


@pytest.mark.parametrize("args", [("run",), ("people",), ("db", "upgrade")])
def test_a_sqlite_path_in_a_missing_folder_is_one_line_and_nothing_is_created(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """A mistyped path once made every folder on it and started an empty database there."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'no' / 'such' / 'iop.sqlite3'}"
    got = _run(tmp_path, *args, url=url)
    assert got.returncode == 1
    assert got.stderr.strip().splitlines() == [
        f"error: cannot reach the database at DATABASE_URL={url}: there is no folder {tmp_path / 'no' / 'such'} "
        f"and {tmp_path / 'no'} is missing too; check the path or create the folder"
    ]
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_text("minutes of the staff meeting, not a database " * 20), "file is not a database"),
        (lambda p: p.mkdir(), "{path} is a folder, not a database file"),
    ],
)
def test_a_sqlite_path_that_is_no_database_is_one_line(tmp_path: Path, make: Any, reason: str) -> None:
    path = tmp_path / "iop.sqlite3"
    make(path)
    got = _run(tmp_path, "people", url=f"sqlite+aiosqlite:///{path}")
    assert got.returncode == 1
    assert got.stderr.strip().splitlines() == [
        f"error: cannot reach the database at DATABASE_URL=sqlite+aiosqlite:///{path}: {reason.format(path=path)}"
    ]


def test_the_line_names_the_url_set_in_dot_env(tmp_path: Path) -> None:
    """Set in .env (not the environment), the URL shown is still the one that failed, not the default."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'gone' / 'away' / 'iop.sqlite3'}"
    (tmp_path / ".env").write_text(f"DATABASE_URL={url}\n")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "ENCRYPTION_KEY")}
    got = subprocess.run(
        [sys.executable, "-m", "bot", "people"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert got.returncode == 1
    assert got.stderr.startswith(f"error: cannot reach the database at DATABASE_URL={url}: "), got.stderr
