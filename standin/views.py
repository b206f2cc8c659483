"""What a user sees in a chat: messages with their text, keyboards and files (bytes included).

The same objects come back from the in-process StandIn and, through JSON, from StandInClient.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

from standin.files import FileRecord, FileStore
from standin.state import StoredMessage

JSON = dict[str, Any]


@dataclass
class Attachment:
    file_id: str
    file_unique_id: str
    content: bytes
    file_name: str | None = None
    mime_type: str | None = None
    width: int = 0
    height: int = 0

    @classmethod
    def from_record(cls, record: FileRecord) -> Attachment:
        return cls(
            record.file_id,
            record.file_unique_id,
            record.content,
            record.file_name,
            record.mime_type,
            record.width,
            record.height,
        )

    def to_json(self) -> JSON:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "content_b64": base64.b64encode(self.content).decode(),
            "file_name": self.file_name,
            "mime_type": self.mime_type,
            "width": self.width,
            "height": self.height,
        }

    @classmethod
    def from_json(cls, data: JSON) -> Attachment:
        return cls(
            data["file_id"],
            data["file_unique_id"],
            base64.b64decode(data["content_b64"]),
            data.get("file_name"),
            data.get("mime_type"),
            data.get("width", 0),
            data.get("height", 0),
        )


@dataclass
class ChatMessage:
    message_id: int
    chat_id: int
    from_bot: bool
    date: int
    text: str | None = None
    caption: str | None = None
    entities: list[JSON] = field(default_factory=list)  # of the text or the caption
    inline_keyboard: list[list[JSON]] | None = None
    reply_keyboard: JSON | None = None  # ReplyKeyboardMarkup / ReplyKeyboardRemove / ForceReply sent with it
    photo: Attachment | None = None  # the largest size
    document: Attachment | None = None
    sticker: JSON | None = None
    edits: int = 0  # how many times it was edited
    raw: JSON = field(default_factory=dict)  # the Telegram Message object

    @property
    def body(self) -> str:
        """The text, or the caption of a photo or document."""
        return self.text or self.caption or ""

    @property
    def buttons(self) -> list[tuple[str, str | None]]:
        """(label, callback_data or url) of every inline button, row by row."""
        rows = self.inline_keyboard or []
        return [(b.get("text", ""), b.get("callback_data", b.get("url"))) for row in rows for b in row]

    @property
    def reply_buttons(self) -> list[str]:
        rows = (self.reply_keyboard or {}).get("keyboard") or []
        return [b if isinstance(b, str) else b.get("text", "") for row in rows for b in row]

    def shows(self, text: str) -> bool:
        """True if `text` is part of what the user sees: the body or a button label."""
        labels = [label for label, _ in self.buttons] + self.reply_buttons
        return text in self.body or any(text in label for label in labels)

    @classmethod
    def from_stored(cls, stored: StoredMessage, files: FileStore) -> ChatMessage:
        data = stored.data
        photo = document = None
        if data.get("photo"):
            record = files.get(data["photo"][-1]["file_id"])
            photo = Attachment.from_record(record) if record else None
        if data.get("document"):
            record = files.get(data["document"]["file_id"])
            document = Attachment.from_record(record) if record else None
        return cls(
            message_id=stored.message_id,
            chat_id=data["chat"]["id"],
            from_bot=stored.from_bot,
            date=data["date"],
            text=data.get("text"),
            caption=data.get("caption"),
            entities=list(data.get("entities") or data.get("caption_entities") or []),
            inline_keyboard=(data.get("reply_markup") or {}).get("inline_keyboard"),
            reply_keyboard=stored.reply_keyboard,
            photo=photo,
            document=document,
            sticker=data.get("sticker"),
            edits=stored.edits,
            raw=data,
        )

    def to_json(self) -> JSON:
        return {
            "message_id": self.message_id,
            "chat_id": self.chat_id,
            "from_bot": self.from_bot,
            "date": self.date,
            "text": self.text,
            "caption": self.caption,
            "entities": self.entities,
            "inline_keyboard": self.inline_keyboard,
            "reply_keyboard": self.reply_keyboard,
            "photo": self.photo.to_json() if self.photo else None,
            "document": self.document.to_json() if self.document else None,
            "sticker": self.sticker,
            "edits": self.edits,
            "raw": self.raw,
        }

    @classmethod
    def from_json(cls, data: JSON) -> ChatMessage:
        values = dict(data)
        for name in ("photo", "document"):
            values[name] = Attachment.from_json(data[name]) if data.get(name) else None
        return cls(**values)
