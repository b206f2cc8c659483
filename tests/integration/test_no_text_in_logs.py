"""No client text in the logs, at any level, from any library; text that cannot be stored is cleaned."""

from __future__ import annotations

import json
import logging

from sqlalchemy import select

from bot.core.sanitize import clean_text
from bot.db.models import FaqGap
from bot.domain.safety import learned
from bot.domain.safety import screen as screening
from bot.entry.logs import WITHHELD, PrivacyFilter, setup_logging
from tests.support import tg

CLIENT = 6701
MARKER = "quokkafizz"  # appears in nothing the bot says and in no FAQ entry


def _everything_logged(caplog) -> str:  # type: ignore[no-untyped-def]
    lines = [caplog.text]
    for record in caplog.records:
        lines.append(record.getMessage())
        lines.append(repr(record.__dict__))
    return "\n".join(lines)


async def test_a_session_of_client_messages_leaves_no_text_in_the_logs(harness, caplog, monkeypatch):
    # The made-up words are kept as FAQ gaps below; whether the learned layer reads one of them as
    # "possible" (retrained in stop 36, it gave "quokkafizz with a nul inside" 0.67) is not what this
    # test is about, so the layer raises nothing here (the rules still screen every message).
    monkeypatch.setattr(learned, "raise_to_possible", lambda text: None)
    screening._screen_shipped.cache_clear()
    setup_logging()  # what `python -m bot` does: the privacy filter goes on every handler
    caplog.set_level(logging.DEBUG)
    for name in ("telegram", "sqlalchemy", "httpx", "aiosqlite", "iop", "bot", "conversations"):
        caplog.set_level(logging.DEBUG, logger=name)
    await harness.enroll(CLIENT)
    caplog.clear()
    await harness.send(CLIENT, f"{MARKER} zebracorn what now")
    await harness.send(CLIENT, f"{MARKER} with a nul \x00 inside")
    await harness.send(CLIENT, f"{MARKER} with a lone surrogate \ud800 inside")
    await harness.send(CLIENT, f"/faq {MARKER}")
    await harness.send(CLIENT, f"/{MARKER}")
    await harness.push(CLIENT, tg.edited(harness.bot, CLIENT, f"{MARKER} edited"))
    await harness.send(CLIENT, "/settings")
    await harness.send(CLIENT, f"{MARKER} in the middle of settings")
    # The way run_polling feeds updates: through the queue, where PTB logs each whole update at DEBUG.
    await harness.app.start()
    try:
        await harness.app.update_queue.put(tg.text(harness.bot, CLIENT, f"{MARKER} through the queue"))
        await harness.app.update_queue.join()
    finally:
        await harness.app.stop()

    assert caplog.records, "nothing was captured: the test would prove nothing"
    assert any(r.getMessage().startswith("Processing update <update") for r in caplog.records)
    assert any(r.name.startswith("sqlalchemy.engine") for r in caplog.records)
    assert MARKER not in _everything_logged(caplog)
    async with harness.db.session() as s:
        gaps = [g.text for g in (await s.execute(select(FaqGap))).scalars()]
    assert f"{MARKER} with a nul  inside" in gaps
    assert f"{MARKER} with a lone surrogate \ufffd inside" in gaps
    assert not harness.crashed()


class _RowRepr:
    """Like SQLAlchemy's logged result row: an object whose repr shows the (decrypted) values."""

    def __init__(self, row: tuple[str, ...]) -> None:
        self.row = row

    def __repr__(self) -> str:
        return repr(self.row)


def _record(msg: object, *args: object) -> logging.LogRecord:
    return logging.LogRecord("telegram.ext.Updater", logging.CRITICAL, __file__, 1, msg, args, None)


def test_the_filter_withholds_raw_updates_and_api_parameters():
    data = {"update_id": 9, "message": {"message_id": 1, "text": f"{MARKER} help"}}
    privacy = PrivacyFilter()
    shapes = [
        _record("Received data was *not* processed! Received data was: %r", data),  # args becomes the dict
        _record("Webhook received data: %s", json.dumps(data)),
        _record("Calling Bot API endpoint `%s` with parameters `%s`", "sendMessage", {"chat_id": 1, "text": MARKER}),
        _record("finished with return value `%s`", [data]),
        _record(data),
        _record(f"formatted in place: {json.dumps(data)}"),
        _record(f"an object's repr: Message(chat=1, text='{MARKER}')"),
        _record("Row %r", _RowRepr(("user_data", "1", json.dumps({"faq": [{"question": MARKER}]})))),
    ]
    for record in shapes:
        assert privacy.filter(record)
        assert MARKER not in record.getMessage()
        assert WITHHELD in record.getMessage()


def test_the_filter_keeps_ordinary_lines():
    record = _record("error handling update (user=%s chat=%s)", 5, 6)
    assert PrivacyFilter().filter(record)
    assert record.getMessage() == "error handling update (user=5 chat=6)"
    ids = _record("Getting updates: %s", [1, 2, 3])
    PrivacyFilter().filter(ids)
    assert ids.getMessage() == "Getting updates: [1, 2, 3]"


def test_clean_text():
    assert clean_text("a\x00b") == "ab"
    assert clean_text("x\ud800y\udfffz") == "x\ufffdy\ufffdz"
    assert clean_text("emoji 😀 stays") == "emoji 😀 stays"
