"""Stored files: what bots upload and users send, addressable by file_id and by download path."""

from __future__ import annotations

import hashlib
import itertools
import mimetypes
import secrets
import struct
from dataclasses import dataclass
from typing import Any

# Prefixes like Telegram's, so a file_id looks like what a bot sees in production.
_ID_PREFIX = {"documents": "BQACAgIAAxkBAAI", "photos": "AgACAgIAAxkBAAI", "stickers": "CAACAgIAAxkBAAI"}
MAX_DOWNLOAD = 20 * 1024 * 1024  # getFile refuses bigger files, like Telegram
# Types Python's mimetypes does not know everywhere but Telegram reports.
_EXTRA_TYPES = {"yaml": "application/x-yaml", "yml": "application/x-yaml", "md": "text/markdown", "webp": "image/webp"}


@dataclass
class FileRecord:
    file_id: str
    file_unique_id: str
    kind: str  # "documents", "photos" or "stickers": also the folder of file_path
    content: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None
    width: int = 0
    height: int = 0
    source_url: str | None = None  # sent by URL: the stand-in never fetches it, content stays empty

    @property
    def size(self) -> int:
        return len(self.content)

    def photo_size(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "width": self.width,
            "height": self.height,
            "file_size": self.size,
        }

    def document(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"file_id": self.file_id, "file_unique_id": self.file_unique_id, "file_size": self.size}
        if self.file_name:
            doc["file_name"] = self.file_name
        if self.mime_type:
            doc["mime_type"] = self.mime_type
        return doc

    def file(self) -> dict[str, Any]:
        """The File object of getFile."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
            "file_path": self.file_path,
        }


class FileStore:
    def __init__(self) -> None:
        self._by_id: dict[str, FileRecord] = {}
        self._by_path: dict[str, FileRecord] = {}
        self._seq = itertools.count(1)

    def add(
        self,
        kind: str,
        content: bytes,
        file_name: str | None = None,
        mime_type: str | None = None,
        *,
        width: int = 0,
        height: int = 0,
        source_url: str | None = None,
    ) -> FileRecord:
        number = next(self._seq)
        if mime_type is None and file_name:
            mime_type = mimetypes.guess_type(file_name, strict=False)[0] or _EXTRA_TYPES.get(
                file_name.rsplit(".", 1)[-1].lower()
            )
        if mime_type is None and kind == "documents":
            mime_type = "application/octet-stream"
        extension = _extension(file_name, mime_type)
        # file_unique_id is the same for the same content, as in Telegram; file_id is per upload.
        unique = "AQAD" + hashlib.sha256(content or (source_url or str(number)).encode()).hexdigest()[:12]
        record = FileRecord(
            file_id=f"{_ID_PREFIX.get(kind, 'BQAC')}{number:06d}{secrets.token_urlsafe(12)}",
            file_unique_id=unique,
            kind=kind,
            content=content,
            file_path=f"{kind}/file_{number}{extension}",
            file_name=file_name,
            mime_type=mime_type,
            width=width,
            height=height,
            source_url=source_url,
        )
        self._by_id[record.file_id] = record
        self._by_path[record.file_path] = record
        return record

    def get(self, file_id: str) -> FileRecord | None:
        return self._by_id.get(file_id)

    def at_path(self, file_path: str) -> FileRecord | None:
        return self._by_path.get(file_path)


def _extension(file_name: str | None, mime_type: str | None) -> str:
    if file_name and "." in file_name:
        return "." + file_name.rsplit(".", 1)[1].lower()
    return (mimetypes.guess_extension(mime_type) or "") if mime_type else ""


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, JPEG, GIF or WebP image; None if it is none of them."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return width, height
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and len(data) >= 30:
        return _webp_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 <= len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X":
        return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(data[27:30], "little")
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        b = data[21:25]
        return 1 + (((b[1] & 0x3F) << 8) | b[0]), 1 + (((b[3] & 0x0F) << 10) | (b[2] << 2) | ((b[1] & 0xC0) >> 6))
    return None
