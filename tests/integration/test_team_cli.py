"""`python -m bot invite | assign | people` through main(): refusals, client invites, assignment, the list."""

from __future__ import annotations

import asyncio

import pytest

from bot.db.models import Role
from bot.entry import cli
from conversations.people.start import AGREE
from tests.conftest import TEST_KEY
from tests.support.harness import Harness


@pytest.fixture
def cli_env(tmp_path, monkeypatch, settings):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("ENCRYPTION_KEY", TEST_KEY)
    monkeypatch.setenv("BOT_TOKEN", "")
    monkeypatch.setenv("BOT_USERNAME", "")


async def _cli(*argv: str) -> int:
    # The CLI runs its own event loop (asyncio.run), so it gets a thread of its own.
    return await asyncio.to_thread(cli.main, list(argv))


async def test_invite_without_role_refuses(cli_env, capsys):
    """No silent admin code: without --role the command says why and exits 2."""
    assert await _cli("invite") == 2
    assert "--role client|therapist|staff|admin" in capsys.readouterr().err


async def test_client_invite_with_therapist_and_cohort_then_assign_and_people(cli_env, harness: Harness, capsys):
    therapist = await harness.enroll(801, Role.THERAPIST, display_name="Dr. Rivera")
    other = await harness.enroll(802, Role.THERAPIST, display_name="Dr. Lee")
    assert await _cli("invite", "--role", "client", "--name", "John Smith") == 2
    assert "initials (1 to 4 letters)" in capsys.readouterr().err
    assert await _cli("invite", "--role", "client", "--name", "jd", "--therapist", "T-0000") == 2
    assert "no active therapist" in capsys.readouterr().err
    assert (
        await _cli("invite", "--role", "client", "--name", "J.D.", "--therapist", therapist.code, "--cohort", "Eve")
        == 0
    )
    out = capsys.readouterr().out
    assert "set BOT_USERNAME in .env" in out and "t.me/" not in out  # no placeholder link
    code = out.split("code:")[1].split()[0]
    await harness.send(803, f"/start {code}")
    await harness.press(803, AGREE)
    client = await harness.person(803)
    assert client is not None and client.display_name == "JD"
    assert await _cli("assign", client.code, other.code) == 0
    assert f"{client.code} now has therapist {other.code} (was {therapist.code})" in capsys.readouterr().out
    assert await _cli("assign", "C-0000", other.code) == 1
    capsys.readouterr()
    assert await _cli("people") == 0
    listing = capsys.readouterr().out
    client_line = next(line for line in listing.splitlines() if line.startswith(client.code))
    assert f"therapist {other.code}" in client_line and "JD" in client_line and "Eve" in client_line
    assert therapist.code in listing and "3 people" in listing
