"""The live FAQ store: an uploaded file is checked off the event loop and refused whole when it has problems."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from bot.domain.faq import FaqContentError, KnowledgeBase
from bot.domain.faq import store as faq_store
from bot.domain.faq.store import FaqStore
from tests.support.facts import FACTS


async def test_upload_is_checked_while_the_event_loop_keeps_serving(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsing waits for a coroutine to run; it can only finish if it runs off the loop."""
    store = FaqStore(FACTS)
    loop_ran = threading.Event()

    def slow_parse(text: str, facts: Any, facts_in: Any = None) -> KnowledgeBase:
        served = loop_ran.wait(timeout=5)
        raise FaqContentError(["parsed while the loop served others" if served else "the loop was blocked"])

    async def other_chat() -> None:
        loop_ran.set()

    monkeypatch.setattr(faq_store, "parse_knowledge_base", slow_parse)
    upload = asyncio.create_task(store.replace(None, b"categories: []", uploaded_by=None))  # type: ignore[arg-type]
    await asyncio.sleep(0)  # let the upload reach its thread
    await other_chat()
    assert await upload == ["parsed while the loop served others"]


@pytest.mark.parametrize(
    "body",
    [
        b"categories:\n  - id: general\n    title: General\nentries:\n  - id: 7\n    question: Q?\n"
        b"    asked: [q]\n    answer: A.\n    category: general\n",
        b"categories:\n  - id: general\n    title: General\nentries:\n  - id: q\n    question: Q?\n"
        b"    asked: [q]\n    answer: A.\n    category: {id: general}\n",
        b"\xff\xfe not utf-8",
        b"x" * (faq_store.MAX_FILE_BYTES + 1),
    ],
)
async def test_bad_upload_leaves_the_content_in_force(body: bytes) -> None:
    store = FaqStore(FACTS)
    kb, index = store.kb, store.index
    problems = await store.replace(None, body, uploaded_by=None)  # type: ignore[arg-type]
    assert problems
    assert store.kb is kb and store.index is index
