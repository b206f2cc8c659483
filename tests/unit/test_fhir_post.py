"""Posting to a FHIR server with SMART Backend Services, against a fake server that checks every request:
the signed client assertion, the token, the transaction Bundle; the token is reused until it expires."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
import time_machine
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from bot.services.fhir_post import ASSERTION_TYPE, Poster, PostError, ServerConfig, transaction

T0 = dt.datetime(2027, 1, 11, 12, 0, tzinfo=dt.UTC)
BASE, TOKEN = "https://fhir.clinic.test/r4", "https://auth.clinic.test/token"
BUNDLE = {
    "resourceType": "Bundle",
    "type": "collection",
    "entry": [
        {
            "fullUrl": "urn:uuid:0b6c6a4e-4a0f-5c7e-9d1e-1f2a3b4c5d6e",
            "resource": {"resourceType": "Patient", "identifier": [{"value": "C-1"}]},
        },
        {
            "fullUrl": "urn:uuid:1c7d7b5f-5b1a-5d8f-8e2f-2a3b4c5d6e7f",
            "resource": {
                "resourceType": "Observation",
                "status": "final",
                "subject": {"reference": "urn:uuid:0b6c6a4e-4a0f-5c7e-9d1e-1f2a3b4c5d6e"},
            },
        },
    ],
}


def _unb64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _pem(key: Any) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


class FakeServer:
    """A token endpoint and a FHIR endpoint in one; asserts what a real one would check."""

    def __init__(self, public_key: Any, *, token_status: int = 200, fhir_status: int = 200) -> None:
        self.public_key = public_key
        self.token_status, self.fhir_status = token_status, fhir_status
        self.tokens_issued: list[str] = []
        self.jtis: set[str] = set()
        self.posted: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if str(request.url) == TOKEN:
            return self._token(request)
        assert str(request.url) == BASE and request.method == "POST"
        assert request.headers["authorization"] == f"Bearer {self.tokens_issued[-1]}"
        assert request.headers["content-type"] == "application/fhir+json"
        self.posted.append(json.loads(request.content))
        body = {"resourceType": "Bundle", "type": "transaction-response", "entry": []}
        return httpx.Response(self.fhir_status, json=body if self.fhir_status == 200 else {"issue": "no"})

    def _token(self, request: httpx.Request) -> httpx.Response:
        form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
        assert form["grant_type"] == "client_credentials" and form["client_assertion_type"] == ASSERTION_TYPE
        assert form["scope"] == "system/*.write"
        head, claims, signature = form["client_assertion"].split(".")
        header = json.loads(_unb64(head))
        signed = f"{head}.{claims}".encode()
        raw = _unb64(signature)
        if header["alg"] == "RS384":
            self.public_key.verify(raw, signed, padding.PKCS1v15(), hashes.SHA384())
        else:
            assert header["alg"] == "ES384" and len(raw) == 96
            der = encode_dss_signature(int.from_bytes(raw[:48], "big"), int.from_bytes(raw[48:], "big"))
            self.public_key.verify(der, signed, ec.ECDSA(hashes.SHA384()))
        body = json.loads(_unb64(claims))
        assert (body["iss"], body["sub"], body["aud"], header["kid"]) == ("iop-bot", "iop-bot", TOKEN, "key-1")
        assert 0 < body["exp"] - int(dt.datetime.now(dt.UTC).timestamp()) <= 300 and body["jti"] not in self.jtis
        self.jtis.add(body["jti"])
        if self.token_status != 200:
            return httpx.Response(self.token_status, json={"error": "invalid_client"})
        self.tokens_issued.append(f"token-{len(self.tokens_issued) + 1}")
        return httpx.Response(
            200, json={"access_token": self.tokens_issued[-1], "token_type": "bearer", "expires_in": 300}
        )


def _poster(key: Any, server: FakeServer) -> Poster:
    config = ServerConfig(BASE, TOKEN, "iop-bot", _pem(key), key_id="key-1")
    return Poster(config, transport=httpx.MockTransport(server))


def test_the_collection_becomes_a_transaction_of_puts_to_stable_ids() -> None:
    posted = transaction(BUNDLE)
    assert posted["type"] == "transaction"
    patient, observation = posted["entry"]
    assert patient["request"] == {"method": "PUT", "url": "Patient/0b6c6a4e-4a0f-5c7e-9d1e-1f2a3b4c5d6e"}
    assert observation["resource"]["id"] == "1c7d7b5f-5b1a-5d8f-8e2f-2a3b4c5d6e7f"
    assert observation["resource"]["subject"] == {"reference": patient["fullUrl"]}  # the server resolves it
    assert "id" not in BUNDLE["entry"][0]["resource"]  # the export itself is left as it was


@pytest.mark.parametrize("kind", ["rsa", "ec"])
async def test_a_signed_assertion_buys_a_token_that_is_reused_until_it_runs_out(kind: str) -> None:
    key: Any = rsa.generate_private_key(65537, 2048) if kind == "rsa" else ec.generate_private_key(ec.SECP384R1())
    server = FakeServer(key.public_key())
    poster = _poster(key, server)
    with time_machine.travel(T0, tick=False) as clock:
        await poster.post(BUNDLE)
        await poster.post(BUNDLE)
        assert server.tokens_issued == ["token-1"]  # one token for both
        clock.shift(dt.timedelta(minutes=4, seconds=30))  # within a minute of its end: a new one
        await poster.post(BUNDLE)
    assert server.tokens_issued == ["token-1", "token-2"]
    assert len(server.posted) == 3 and all(b["type"] == "transaction" for b in server.posted)


async def test_a_refused_token_or_post_is_an_error_that_names_the_side_and_never_the_token() -> None:
    key = rsa.generate_private_key(65537, 2048)
    with time_machine.travel(T0, tick=False):
        with pytest.raises(PostError, match="token endpoint answered 401"):
            await _poster(key, FakeServer(key.public_key(), token_status=401)).post(BUNDLE)
        failing = FakeServer(key.public_key(), fhir_status=500)
        with pytest.raises(PostError, match="FHIR server answered 500") as error:
            await _poster(key, failing).post(BUNDLE)
    assert "token-1" not in str(error.value)


async def test_a_key_signed_by_someone_else_is_refused_by_the_server() -> None:
    key, other = rsa.generate_private_key(65537, 2048), rsa.generate_private_key(65537, 2048)
    with time_machine.travel(T0, tick=False), pytest.raises(InvalidSignature):
        await _poster(key, FakeServer(other.public_key())).post(BUNDLE)
