"""Fixtures: the shared `standin` on a manual clock without flood limits, and a real PTB Bot pointed at it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from telegram import Bot

from standin import Limits, ManualClock, StandIn, TelegramUser
from tests.conftest import TOKEN


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def standin_clock(clock: ManualClock) -> ManualClock:
    return clock


@pytest.fixture
def standin_limits() -> Limits:
    # Flood limits are off unless a test turns them on: the clock only moves when a test moves it.
    return Limits(flood=False)


@pytest.fixture
async def bot(standin: StandIn) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=standin.base_url, base_file_url=standin.base_file_url) as tg_bot:
        yield tg_bot


@pytest.fixture
async def sam(standin: StandIn) -> TelegramUser:
    """A user who has already written to the bot, so the bot may write to them."""
    user = await standin.add_user(1001, "Sam", username="sam_r", language_code="en")
    await user.send_text("hello")
    standin.bot().updates.clear()
    return user


async def raw_call(
    standin: StandIn, method: str, http_method: str = "POST", token: str = TOKEN, **params: Any
) -> tuple[int, dict[str, Any]]:
    """A Bot API call without PTB: a JSON body (or the query string for GET)."""
    url = f"{standin.base_url}{token}/{method}"
    async with aiohttp.ClientSession() as session:
        if http_method == "GET":
            response = await session.get(url, params={k: str(v) for k, v in params.items()})
        else:
            response = await session.post(url, data=json.dumps(params), headers={"Content-Type": "application/json"})
        async with response:
            return response.status, json.loads(await response.text())
