"""Settings of the hot standby and of a clinic's schema: a bad value names its variable in one line."""

from __future__ import annotations

import pytest

from bot.core.config import load_settings
from bot.core.errors import ConfigError
from bot.db.schema import engine_kwargs

PG = "postgresql+asyncpg://iop@127.0.0.1/iop"


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"DATABASE_SCHEMA": "Riverside; drop"}, "DATABASE_SCHEMA"),
        ({"DATABASE_SCHEMA": "riverside"}, "DATABASE_SCHEMA"),  # on the default SQLite URL
        ({"LEADER_LEASE_SECONDS": "8", "LEADER_RENEW_SECONDS": "5"}, "LEADER_RENEW_SECONDS"),
        ({"LEADER_LEASE_SECONDS": "14", "LEADER_RENEW_SECONDS": "2"}, "LEADER_TAKEOVER_SECONDS"),
    ],
)
def test_a_bad_standby_or_schema_setting_names_its_variable(monkeypatch, env, variable):  # type: ignore[no-untyped-def]
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as exc:
        load_settings(_env_file=None)
    assert exc.value.variable == variable


def test_the_defaults_fit_the_takeover_target(monkeypatch):  # type: ignore[no-untyped-def]
    """8 s lease + 2 s renew stay under the 15 s target; a clinic schema is accepted on PostgreSQL."""
    monkeypatch.setenv("DATABASE_URL", PG)
    monkeypatch.setenv("DATABASE_SCHEMA", "riverside")
    settings = load_settings(_env_file=None)
    assert settings.leader_lease_seconds + settings.leader_renew_seconds < settings.leader_takeover_seconds


def test_a_clinic_engine_is_pinned_to_its_schema_and_named():
    """Every connection starts in the clinic's schema alone and shows as iop:<schema> in pg_stat_activity."""
    assert engine_kwargs(PG, "riverside") == {
        "connect_args": {"server_settings": {"search_path": "riverside", "application_name": "iop:riverside"}}
    }
    assert engine_kwargs("sqlite+aiosqlite:///x.sqlite3") == {}
    with pytest.raises(ValueError, match="schema name"):
        engine_kwargs(PG, 'x"; drop schema public; --')
    with pytest.raises(ValueError, match="PostgreSQL"):
        engine_kwargs("sqlite+aiosqlite:///x.sqlite3", "riverside")
