import subprocess
import sys

import pytest

from bot.core.config import load_settings
from bot.core.errors import ConfigError


def test_bad_timezone_names_the_variable(monkeypatch):
    monkeypatch.setenv("CLINIC_TIMEZONE", "Nowhere/Land")
    with pytest.raises(ConfigError) as exc:
        load_settings(_env_file=None)
    assert exc.value.variable == "CLINIC_TIMEZONE"
    assert "America/New_York" in str(exc.value)


def test_bad_encryption_key(monkeypatch):
    monkeypatch.setenv("ENCRYPTION_KEY", "not-a-key")
    with pytest.raises(ConfigError) as exc:
        load_settings(_env_file=None)
    assert exc.value.variable == "ENCRYPTION_KEY"


def test_unsupported_database(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "mysql://x")
    with pytest.raises(ConfigError) as exc:
        load_settings(_env_file=None)
    assert exc.value.variable == "DATABASE_URL"


def test_run_without_token_exits_2_with_one_line(tmp_path):
    """The CLI prints one line naming BOT_TOKEN and exits 2, no traceback."""
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/x.sqlite3"}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: BOT_TOKEN is missing")
    assert "Traceback" not in proc.stderr


def test_invalid_setting_exits_2(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "CLINIC_TIMEZONE": "Bad/Zone", "BOT_TOKEN": "1:x"}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "error: CLINIC_TIMEZONE is invalid: unknown time zone 'Bad/Zone' (use an IANA name such as America/New_York)"
    ]


def test_every_setting_is_documented_in_env_example():
    from pathlib import Path

    from bot.core.config import Settings

    example = (Path(__file__).parents[2] / ".env.example").read_text()
    for name in Settings.model_fields:
        assert f"{name.upper()}=" in example, f"{name.upper()} missing from .env.example"


def test_the_shipped_hours_are_a_placeholder_not_a_fact() -> None:
    """Until a clinic sets CLINIC_HOURS, no text says "The clinic is open Monday to Friday, 8:00 to 20:00"."""
    from bot.core.config import Settings

    shipped = Settings(_env_file=None, bot_token="1:a")  # type: ignore[call-arg]
    assert shipped.known("clinic_hours") == "" and shipped.faq_facts()["clinic_hours"] == ""
    own = Settings(_env_file=None, bot_token="1:a", clinic_hours="Mon-Thu 9-18")  # type: ignore[call-arg]
    assert own.faq_facts()["clinic_hours"] == "Mon-Thu 9-18"
