"""`python -m bot fhir post`: each client's validated Bundle posted as a transaction to a fake FHIR server
that checks the SMART token and the Bundle; audited per client; stopped at the first refusal."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fhir.resources.R4B.bundle import Bundle
from sqlalchemy import select

from bot.core.config import Settings
from bot.db.models import AuditEntry, Person
from bot.db.session import Database
from bot.domain.questionnaires import store
from bot.domain.questionnaires.definitions import get
from bot.entry import cli_args, fhir_cli
from tests.conftest import make_settings

BASE, TOKEN = "https://fhir.clinic.test/r4", "https://auth.clinic.test/token"


async def _client(db: Database, code: str, telegram_id: int) -> None:
    async with db.session() as s, s.begin():
        p = Person(telegram_id=telegram_id, role="client", code=code, timezone="America/New_York")
        s.add(p)
        await s.flush()
        phq = get("phq9")
        assert phq is not None
        await store.save(s, p.id, phq, {str(i): 1 for i in range(1, 10)})


def _settings(tmp_path: Path, **extra: Any) -> Settings:
    key = rsa.generate_private_key(65537, 2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    (tmp_path / "fhir.pem").write_bytes(pem)
    values = dict(
        fhir_server_url=BASE, fhir_token_url=TOKEN, fhir_client_id="iop", fhir_key_file=str(tmp_path / "fhir.pem")
    )
    return make_settings(tmp_path, **(values | extra))


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    fhir_cli.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["fhir", "post", *argv])


class Server:
    """Issues a token for any signed assertion, then takes transactions; fails the n-th post if asked."""

    def __init__(self, fail_at: int | None = None) -> None:
        self.fail_at = fail_at
        self.posted: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if str(request.url) == TOKEN:
            form = parse_qs(request.content.decode())
            assert form["grant_type"] == ["client_credentials"] and form["client_assertion"][0].count(".") == 2
            return httpx.Response(200, json={"access_token": "t", "token_type": "Bearer", "expires_in": 300})
        assert request.headers["authorization"] == "Bearer t"
        bundle = json.loads(request.content)
        if self.fail_at is not None and len(self.posted) + 1 == self.fail_at:
            return httpx.Response(422, json={"resourceType": "OperationOutcome"})
        Bundle.model_validate(bundle)  # what a FHIR server parses: a valid R4 transaction
        self.posted.append(bundle)
        return httpx.Response(200, json={"resourceType": "Bundle", "type": "transaction-response"})


async def _posted_audit(db: Database) -> int:
    async with db.session() as s:
        return len((await s.execute(select(AuditEntry).where(AuditEntry.action == "fhir.posted"))).all())


async def test_every_client_is_posted_as_a_transaction_twice_to_the_same_ids(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    await _client(db, "C-1", 1)
    await _client(db, "C-2", 2)
    server = Server()
    transport = httpx.MockTransport(server)
    settings = _settings(tmp_path)
    assert await fhir_cli.post_clients(_args(), settings, db, transport) == 0
    assert "2 clients posted" in capsys.readouterr().out
    assert await fhir_cli.post_clients(_args("c-1"), settings, db, transport) == 0
    first, _, again = server.posted
    assert first["type"] == "transaction"
    urls = [e["request"]["url"] for e in first["entry"]]
    assert [e["request"]["method"] for e in first["entry"]] == ["PUT"] * len(urls)
    assert [e["request"]["url"] for e in again["entry"]] == urls  # the same ids: an update, not a copy
    assert any(u.startswith("QuestionnaireResponse/") for u in urls) and any(u.startswith("Patient/") for u in urls)
    assert await _posted_audit(db) == 3


async def test_a_refusal_stops_the_run_and_says_how_far_it_got(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    await _client(db, "C-1", 1)
    await _client(db, "C-2", 2)
    transport = httpx.MockTransport(Server(fail_at=2))
    assert await fhir_cli.post_clients(_args(), _settings(tmp_path), db, transport) == 1
    err = capsys.readouterr().err
    assert "C-2" in err and "answered 422" in err and "1 of 2 clients posted before it" in err
    assert await _posted_audit(db) == 1
    assert await fhir_cli.post_clients(_args("C-404"), _settings(tmp_path), db, transport) == 1


async def test_no_server_or_no_key_is_a_one_line_error(db: Database, tmp_path: Path) -> None:
    with pytest.raises(cli_args.BadArgument, match="FHIR_SERVER_URL is not set"):
        await fhir_cli.run(_args(), make_settings(tmp_path), db)
    with pytest.raises(cli_args.BadArgument, match="readable FHIR_KEY_FILE"):
        await fhir_cli.run(_args(), _settings(tmp_path, fhir_key_file=str(tmp_path / "none.pem")), db)
