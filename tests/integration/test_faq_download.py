"""/faqdownload: staff get the FAQ file in force as a YAML document; others are refused."""

from __future__ import annotations

from typing import Any

import yaml

from bot.db.models import Role
from bot.domain.faq import DEFAULT_PATH, parse_knowledge_base
from bot.domain.people import roles
from tests.support import tg
from tests.support.facts import FACTS
from tests.support.harness import Harness

STAFF, ADMIN, CLIENT = 7601, 7602, 6601


def capture_documents(harness: Harness) -> list[tuple[str, bytes]]:
    """Record (file name, bytes) of every document the bot uploads through the offline Bot API."""
    got: list[tuple[str, bytes]] = []
    inner = harness.req.do_request

    async def do_request(url: str, method: str, request_data: Any = None, **kw: Any) -> tuple[int, bytes]:
        if url.endswith("/sendDocument") and request_data is not None:
            for name, content, *_ in request_data.multipart_data.values():
                got.append((name, content))
        return await inner(url, method, request_data, **kw)

    harness.req.do_request = do_request  # type: ignore[method-assign,assignment]
    return got


async def test_staff_download_the_shipped_faq_and_it_parses(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    docs = capture_documents(harness)
    await harness.send(STAFF, "/faqdownload")
    assert harness.last(STAFF).method == "sendDocument"
    assert "/faqupload" in harness.last(STAFF).text  # the caption says how to send it back
    [(name, content)] = docs
    assert name == "faq.yaml"
    assert content == DEFAULT_PATH.read_bytes()
    kb = parse_knowledge_base(content.decode(), FACTS)
    assert len(kb) == len(harness.app.bot_data["services"].faq.kb)


async def test_download_gives_back_the_uploaded_content(harness: Harness) -> None:
    """After an upload, the download is that file, so an edit starts from what is in force."""
    await harness.enroll(ADMIN, Role.ADMIN)
    data = yaml.safe_load(DEFAULT_PATH.read_text())
    data["entries"][0]["answer"] = "Answer from the upload."
    uploaded = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    harness.req.files["up"] = uploaded
    await harness.push(ADMIN, tg.document(harness.bot, ADMIN, "up", "faq.yaml", caption="/faqupload"))
    docs = capture_documents(harness)
    await harness.send(ADMIN, "/faqdownload")
    [(_, content)] = docs
    assert content == uploaded
    assert yaml.safe_load(content)["entries"][0]["answer"] == "Answer from the upload."


async def test_clients_cannot_download_and_the_team_menu_has_it(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    docs = capture_documents(harness)
    replies = await harness.send(CLIENT, "/faqdownload")
    assert "only for clinic staff" in replies[0] and docs == []
    assert ("faqdownload", roles.BY_NAME["faqdownload"].description) in roles.menu(Role.STAFF)
    assert "faqdownload" not in dict(roles.menu(Role.CLIENT))
