"""Posting a client's FHIR Bundle to the clinic's FHIR server, with SMART Backend Services authentication.

SMART Backend Services (client credentials with a private-key JWT): the bot signs a short-lived JWT
with the clinic-registered private key (RS384, or ES384 for an EC key), trades it at the token
endpoint for an access token (cached until shortly before it expires), and posts the Bundle as a
`transaction`. Each entry is a PUT to its own id (derived from the row, as the export's `urn:uuid`
full URLs are), so posting the same data twice updates rather than duplicates. No network is used
unless FHIR_SERVER_URL is set; tests hand in an httpx transport that plays the server.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from bot.core.clock import now

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
FHIR_JSON = "application/fhir+json"
EARLY = dt.timedelta(seconds=60)  # renew a token this long before it runs out


class PostError(RuntimeError):
    """The server or its token endpoint said no; the message says which and why (never a token)."""


@dataclass(frozen=True)
class ServerConfig:
    """FHIR_* settings: where to post, and the client registered with the server's authorisation."""

    base_url: str
    token_url: str
    client_id: str
    key_pem: bytes
    key_id: str = ""
    scope: str = "system/*.write"
    timeout: float = 30.0

    @classmethod
    def from_settings(cls, settings: Any) -> ServerConfig:
        return cls(
            base_url=str(settings.fhir_server_url).rstrip("/"),
            token_url=str(settings.fhir_token_url),
            client_id=str(settings.fhir_client_id),
            key_pem=Path(settings.fhir_key_file).read_bytes(),
            key_id=str(settings.fhir_key_id),
            scope=str(settings.fhir_scope),
        )


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def client_assertion(config: ServerConfig, at: dt.datetime) -> str:
    """The signed JWT the token endpoint asks for: iss = sub = client id, aud = token URL, 5 minutes."""
    key = serialization.load_pem_private_key(config.key_pem, password=None)
    alg = "ES384" if isinstance(key, ec.EllipticCurvePrivateKey) else "RS384"
    header = {"alg": alg, "typ": "JWT", **({"kid": config.key_id} if config.key_id else {})}
    claims = {
        "iss": config.client_id,
        "sub": config.client_id,
        "aud": config.token_url,
        "exp": int((at + dt.timedelta(minutes=5)).timestamp()),
        "iat": int(at.timestamp()),
        "jti": str(uuid.uuid4()),
    }
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}".encode()
    if isinstance(key, ec.EllipticCurvePrivateKey):
        r, s = decode_dss_signature(key.sign(signing_input, ec.ECDSA(hashes.SHA384())))
        signature = r.to_bytes(48, "big") + s.to_bytes(48, "big")  # JWS wants r || s, not DER
    elif isinstance(key, rsa.RSAPrivateKey):
        signature = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA384())
    else:
        raise PostError("FHIR_KEY_FILE must hold an RSA or EC (P-384) private key")
    return f"{signing_input.decode()}.{_b64(signature)}"


def transaction(bundle: dict[str, Any]) -> dict[str, Any]:
    """The export's collection Bundle as a transaction: each entry a PUT to an id taken from its full URL."""
    entries = []
    for entry in bundle.get("entry", []):
        resource = dict(entry["resource"])
        rid = str(entry["fullUrl"]).removeprefix("urn:uuid:")
        resource["id"] = rid
        entries.append(
            {
                "fullUrl": entry["fullUrl"],
                "resource": resource,
                "request": {"method": "PUT", "url": f"{resource['resourceType']}/{rid}"},
            }
        )
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}


@dataclass
class Poster:
    """Posts Bundles to one server, holding its access token between posts."""

    config: ServerConfig
    transport: httpx.AsyncBaseTransport | None = None  # tests: a fake server; None: the network
    _token: str = ""
    _until: dt.datetime = field(default=dt.datetime.min.replace(tzinfo=dt.UTC))

    def _client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=self.transport, timeout=self.config.timeout)

    async def token(self, http: httpx.AsyncClient) -> str:
        at = now()
        if self._token and at < self._until - EARLY:
            return self._token
        answer = await http.post(
            self.config.token_url,
            data={
                "grant_type": "client_credentials",
                "scope": self.config.scope,
                "client_assertion_type": ASSERTION_TYPE,
                "client_assertion": client_assertion(self.config, at),
            },
            headers={"Accept": "application/json"},
        )
        if answer.status_code != 200:
            raise PostError(f"the token endpoint answered {answer.status_code}: {answer.text[:200]}")
        body = answer.json()
        if body.get("token_type", "").lower() != "bearer" or not body.get("access_token"):
            raise PostError("the token endpoint gave no bearer access token")
        self._token = str(body["access_token"])
        self._until = at + dt.timedelta(seconds=int(body.get("expires_in", 300)))
        return self._token

    async def post(self, bundle: dict[str, Any]) -> dict[str, Any]:
        """Post one client's Bundle as a transaction; returns the server's transaction-response Bundle."""
        async with self._client() as http:
            token = await self.token(http)
            answer = await http.post(
                self.config.base_url,
                content=json.dumps(transaction(bundle)),
                headers={"Authorization": f"Bearer {token}", "Content-Type": FHIR_JSON, "Accept": FHIR_JSON},
            )
        if answer.status_code == 401:
            self._token = ""  # revoked or expired early: the next post asks again
        if answer.status_code not in (200, 201):
            raise PostError(f"the FHIR server answered {answer.status_code}: {answer.text[:200]}")
        result: dict[str, Any] = answer.json()
        return result
