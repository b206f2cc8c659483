"""The webhook refuses an oversized request from its headers, before buffering the body."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from bot.entry.runner import MAX_WEBHOOK_BODY
from tests.e2e.conftest import free_port, wait_for

pytestmark = pytest.mark.e2e

SECRET = "s3cret-Token"


async def _post_headers_and_a_little(port: int, length: int, sent: int) -> bytes:
    """Announce `length` bytes, send only `sent` of them, and read what the server answers."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        head = (
            f"POST /tg-hook HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
            f"X-Telegram-Bot-Api-Secret-Token: {SECRET}\r\nContent-Length: {length}\r\n\r\n"
        )
        writer.write(head.encode() + b"{" + b" " * (sent - 1))
        await writer.drain()
        # The answer comes although most of the body was never sent: the server did not wait for it.
        return await asyncio.wait_for(reader.readline(), timeout=10)
    finally:
        writer.close()


async def test_an_oversized_body_is_refused_before_it_is_read(standin, bot_process):
    port = free_port()
    proc = await bot_process(
        WEBHOOK_URL=f"http://127.0.0.1:{port}/tg-hook", WEBHOOK_SECRET=SECRET, WEBHOOK_PORT=str(port)
    )
    proc.start("--webhook")

    async def webhook_set():
        return any(b["webhook"] for b in await standin.bots())

    async def listening():  # PTB registers the webhook with Telegram before it starts listening
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            return False
        writer.close()
        return True

    await wait_for(webhook_set, timeout=30)
    await wait_for(listening, timeout=30)
    status = await _post_headers_and_a_little(port, length=95 * 1024 * 1024, sent=64 * 1024)
    assert status.startswith(b"HTTP/1.1 400")
    status = await _post_headers_and_a_little(port, length=MAX_WEBHOOK_BODY + 1, sent=1024)
    assert status.startswith(b"HTTP/1.1 400")
    # The server is still there, and a small request is still judged by its secret.
    async with aiohttp.ClientSession() as http, http.post(f"http://127.0.0.1:{port}/tg-hook", json={}) as resp:
        assert resp.status == 403


async def test_a_body_that_is_no_update_gets_400_and_is_never_logged(standin, bot_process):
    """With the right secret, malformed JSON or a JSON list is refused with 400 (not 500) and no line names it."""
    port = free_port()
    proc = await bot_process(
        WEBHOOK_URL=f"http://127.0.0.1:{port}/tg-hook", WEBHOOK_SECRET=SECRET, WEBHOOK_PORT=str(port)
    )
    proc.start("--webhook")

    async def answered():
        try:
            async with aiohttp.ClientSession() as http, http.post(f"http://127.0.0.1:{port}/tg-hook", json={}) as r:
                return r.status == 403
        except aiohttp.ClientError:
            return False

    await wait_for(answered, timeout=30)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
    async with aiohttp.ClientSession() as http:
        for body in (b'{"update_id": 1, "message": {"text": "secret words', b'["secret words"]', b"\xff\xfe"):
            async with http.post(f"http://127.0.0.1:{port}/tg-hook", data=body, headers=headers) as resp:
                assert resp.status == 400
    proc.stop()
    assert "secret words" not in proc.output()
