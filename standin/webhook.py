"""Webhook delivery: POST each update to the bot's URL, one at a time and in order, retrying failures.

Like Telegram, an update leaves the queue only after a 2xx answer; a failed delivery is
recorded for getWebhookInfo (last_error_date/message) and retried after a short backoff.
For safety the stand-in only ever connects to loopback addresses.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

import aiohttp

from standin.state import JSON, BotState, Stats, WebhookConfig, World

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class WebhookDelivery:
    def __init__(
        self,
        world: World,
        stats: Stats,
        retry_delays: Sequence[float] = (0.05, 0.1, 0.2, 0.5, 1.0),
        timeout: float = 10.0,
    ) -> None:
        self.world = world
        self.stats = stats
        self.retry_delays = tuple(retry_delays)
        self.timeout = timeout
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._session: aiohttp.ClientSession | None = None

    def ensure_running(self, bot: BotState) -> None:
        task = self._tasks.get(bot.token)
        if task is None or task.done():
            self._tasks[bot.token] = asyncio.get_running_loop().create_task(self._run(bot))

    async def stop(self) -> None:
        for task in self._tasks.values():
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
        self._tasks.clear()
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _run(self, bot: BotState) -> None:
        world = self.world
        failures = 0
        while not world.closed and bot.webhook is not None:
            if not bot.updates:
                await world.wait_until(lambda: bool(bot.updates) or bot.webhook is None or world.closed, 3600)
                continue
            hook, update = bot.webhook, bot.updates[0]
            error = await self._deliver(hook, update)
            if error is None:
                if bot.updates and bot.updates[0] is update:
                    bot.updates.popleft()
                self.stats.webhook_deliveries += 1
                failures = 0
                world.touch()
                continue
            self.stats.webhook_failures += 1
            hook.last_error_date, hook.last_error_message = world.now(), error
            delay = self.retry_delays[min(failures, len(self.retry_delays) - 1)]
            failures += 1
            world.touch()
            await world.wait_until(self._superseded(bot, hook), delay)

    def _superseded(self, bot: BotState, hook: WebhookConfig) -> Callable[[], bool]:
        """True once this webhook was replaced or removed (or the stand-in stops): ends a backoff early."""
        return lambda: self.world.closed or bot.webhook is not hook

    async def _deliver(self, hook: WebhookConfig, update: JSON) -> str | None:
        """None on success, else the error text Telegram would show in getWebhookInfo."""
        if not is_loopback(urlsplit(hook.url).hostname):
            return "The stand-in delivers webhooks to loopback addresses only"
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout))
        headers = {"Content-Type": "application/json"}
        if hook.secret_token:
            headers[SECRET_HEADER] = hook.secret_token
        try:
            async with self._session.post(hook.url, data=json.dumps(update), headers=headers, ssl=False) as response:
                await response.read()
                if 200 <= response.status < 300:
                    return None
                return f"Wrong response from the webhook: {response.status} {response.reason}"
        except TimeoutError:
            return "Connection timed out"
        except aiohttp.ClientConnectorError:
            return "Connection refused"
        except aiohttp.ClientError as exc:
            return f"Connection error: {exc.__class__.__name__}"
