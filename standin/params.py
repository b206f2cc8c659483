"""Bot API request parameters, from a query string, a urlencoded or multipart form, or a JSON body.

Form and multipart bodies carry every value as a string (objects JSON-encoded, as PTB and the
Bot API docs do); a JSON body carries native values. The typed getters accept both.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, web

from standin.errors import bad_request


@dataclass
class Upload:
    """A file sent in a multipart request."""

    content: bytes
    file_name: str | None
    mime_type: str | None


class Params:
    def __init__(self, values: dict[str, Any] | None = None, uploads: dict[str, Upload] | None = None) -> None:
        self.values = values or {}
        self.uploads = uploads or {}

    @classmethod
    async def from_request(cls, request: web.Request) -> Params:
        values: dict[str, Any] = dict(request.query)
        uploads: dict[str, Upload] = {}
        if request.body_exists:
            content_type = request.content_type
            if content_type == "application/json":
                try:
                    body = await request.json()
                except ValueError:
                    raise bad_request("can't parse request JSON object") from None
                if not isinstance(body, dict):
                    raise bad_request("request JSON must be an object")
                values.update(body)
            elif content_type.startswith("multipart/"):
                reader = await request.multipart()
                while (part := await reader.next()) is not None:
                    if not isinstance(part, BodyPartReader) or part.name is None:
                        continue
                    if part.filename is not None:
                        data = await part.read(decode=True)
                        uploads[part.name] = Upload(bytes(data), part.filename, part.headers.get("Content-Type"))
                    else:
                        values[part.name] = await part.text()
            else:
                values.update(await request.post())
        return cls(values, uploads)

    def has(self, name: str) -> bool:
        return name in self.uploads or self.values.get(name) not in (None, "")

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self.values.get(name)
        if value is None:
            return default
        return value if isinstance(value, str) else json.dumps(value)

    def required_text(self, name: str, missing: str | None = None) -> str:
        value = self.text(name)
        if not value:
            raise bad_request(missing or f"{name} is empty")
        return value

    def integer(self, name: str, default: int | None = None) -> int | None:
        value = self.values.get(name)
        if value in (None, ""):
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def required_integer(self, name: str) -> int:
        value = self.integer(name)
        if value is None:
            raise bad_request(f"{name} is empty")
        return value

    def number(self, name: str, default: float = 0.0) -> float:
        value = self.values.get(name)
        if value in (None, ""):
            return default
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def flag(self, name: str, default: bool = False) -> bool:
        value = self.values.get(name)
        if value in (None, ""):
            return default
        if isinstance(value, bool):
            return value
        return str(value).lower() in ("true", "1")

    def obj(self, name: str, what: str = "JSON object") -> Any:
        value = self.values.get(name)
        if value in (None, ""):
            return None
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {what}") from None

    def file(self, name: str) -> Upload | str | None:
        """An uploaded file, or the string given instead (a file_id or an HTTP URL)."""
        if name in self.uploads:
            return self.uploads[name]
        value = self.text(name)
        if value and value.startswith("attach://"):
            return self.uploads.get(value[len("attach://") :])
        return value or None

    def chat_id(self, name: str = "chat_id") -> int | str:
        """A chat id: an integer, or '@username' (kept as a string)."""
        value = self.values.get(name)
        if value in (None, ""):
            raise bad_request(f"{name} is empty")
        return chat_ref(value)


def chat_ref(value: Any) -> int | str:
    """A chat id given as a number or '@username'; anything else is an unknown chat."""
    if isinstance(value, str) and value.startswith("@"):
        return value
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request("chat not found") from None
