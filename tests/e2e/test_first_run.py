"""`python -m bot run` on a fresh machine: it makes .env and the key, and explains itself in one line each.

Telegram is never contacted: TELEGRAM_API_BASE_URL points at a closed local port.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from bot.core import crypto
from tests.conftest import TEST_KEY
from tests.e2e.conftest import ROOT

pytestmark = pytest.mark.e2e


def fernet_encrypted(text: str) -> str:
    """`text` as EncryptedText stores it with the test key."""
    return crypto.PREFIX + Fernet(TEST_KEY.encode()).encrypt(text.encode()).decode()


OFFLINE = "http://127.0.0.1:9/bot"  # the discard port: nothing listens there
CLINIC = {
    "CLINIC_NAME": "Riverside Recovery",
    "CLINIC_ADDRESS": "12 River Road",
    "CLINIC_PHONE": "555-0100",
    "CLINIC_HOURS": "Mon-Fri 9-17",
}


def _bot(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_no_network_is_one_line_and_status_1(tmp_path):
    done = _bot(
        tmp_path,
        "run",
        BOT_TOKEN="123456:VALID-LOOKING",
        TELEGRAM_API_BASE_URL=OFFLINE,
        ENCRYPTION_KEY=TEST_KEY,
        **CLINIC,
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: Telegram could not be reached at 127.0.0.1:9")
    assert "Traceback" not in done.stderr and "VALID-LOOKING" not in done.stderr


def test_first_run_creates_env_then_writes_a_key_with_one_warning(tmp_path):
    first = _bot(tmp_path, "run")  # the README's command on a fresh machine: no .env, no token
    assert first.returncode == 2
    assert first.stderr.strip().splitlines() == [
        "error: BOT_TOKEN is missing or malformed (get one from @BotFather and put BOT_TOKEN=123456:ABC... in .env)"
    ]
    env_file = tmp_path / ".env"
    assert "Created .env" in first.stdout
    assert (ROOT / ".env.example").read_text() == env_file.read_text()

    env_file.write_text(env_file.read_text().replace("BOT_TOKEN=\n", "BOT_TOKEN=123456:VALID-LOOKING\n"))
    second = _bot(tmp_path, "run", TELEGRAM_API_BASE_URL=OFFLINE, **CLINIC)
    assert second.returncode == 1
    key_lines = [line for line in second.stderr.splitlines() if "ENCRYPTION_KEY" in line]
    assert len(key_lines) == 1 and "back up .env" in key_lines[0]
    keys = [line.split("=", 1)[1] for line in env_file.read_text().splitlines() if line.startswith("ENCRYPTION_KEY=")]
    assert len(keys) == 1
    Fernet(keys[0].encode())  # a valid key

    third = _bot(tmp_path, "run", TELEGRAM_API_BASE_URL=OFFLINE, **CLINIC)
    assert "ENCRYPTION_KEY" not in third.stderr  # kept, not generated again
    assert env_file.read_text().count("ENCRYPTION_KEY=") == 1 and keys[0] in env_file.read_text()


def test_placeholders_are_warned_once_each(tmp_path):
    done = _bot(
        tmp_path, "run", BOT_TOKEN="123456:VALID-LOOKING", TELEGRAM_API_BASE_URL=OFFLINE, ENCRYPTION_KEY=TEST_KEY
    )
    assert done.returncode == 1
    warned = [line for line in done.stderr.splitlines() if "placeholder" in line]
    assert len(warned) == 4
    for name in CLINIC:
        assert sum(name in line for line in warned) == 1
    configured = _bot(
        tmp_path,
        "run",
        BOT_TOKEN="123456:VALID-LOOKING",
        TELEGRAM_API_BASE_URL=OFFLINE,
        ENCRYPTION_KEY=TEST_KEY,
        **{**CLINIC, "CLINIC_PHONE": ""},
    )
    assert next(line for line in configured.stderr.splitlines() if "CLINIC" in line).endswith(
        "CLINIC_PHONE is empty: set it in .env (clients read it in the bot's answers)"
    )


def test_outbox_stats_on_an_empty_database_prints_zero_counts(tmp_path):
    done = _bot(tmp_path, "outbox", "stats", ENCRYPTION_KEY=TEST_KEY)
    assert done.returncode == 0, done.stderr
    counts = dict(line.split() for line in done.stdout.strip().splitlines())
    assert counts == {"pending": "0", "sending": "0", "delivered": "0", "cancelled": "0", "dead": "0"}


def test_an_emptied_key_is_refused_in_one_line_and_no_new_key_is_written(tmp_path):
    """ENCRYPTION_KEY= emptied after text was stored: `run` refuses in one line and leaves .env as it was.

    Generating a fresh key first (as before) left a key that reads nothing, which an operator might
    back up as the real one.
    """
    env = {"BOT_TOKEN": "123456:VALID-LOOKING", "TELEGRAM_API_BASE_URL": OFFLINE, **CLINIC}
    env_file = tmp_path / ".env"
    env_file.write_text(f"ENCRYPTION_KEY={TEST_KEY}\n")
    made = _bot(tmp_path, "db", "upgrade", **env)
    assert made.returncode == 0, made.stderr
    # An unanswered FAQ question, stored encrypted as the bot stores it (faq_gap.text is EncryptedText).
    with sqlite3.connect(tmp_path / "data" / "iop.sqlite3") as raw:
        raw.execute(
            "INSERT INTO faq_gap (at, text, best_entry, best_score) VALUES ('2026-12-04 10:00:00', ?, '', 0)",
            (fernet_encrypted("where do i park"),),
        )
    env_file.write_text("ENCRYPTION_KEY=\n")

    refused = _bot(tmp_path, "run", **env)
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "error: ENCRYPTION_KEY is empty but the database holds encrypted text in faq_gap.text (1) "
        "(set the key it was written with (a new key would read none of it))"
    ]
    assert env_file.read_text() == "ENCRYPTION_KEY=\n"
