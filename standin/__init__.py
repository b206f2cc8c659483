"""A local stand-in for the Telegram Bot API: the bot talks to it over loopback HTTP, tests play the users.

    async with StandIn() as standin:
        bot = telegram.Bot(token, base_url=standin.base_url, base_file_url=standin.base_file_url)
        sam = await standin.add_user(1001, "Sam")
        await sam.send_command("start", "abc123")

Run it on its own with ``python -m standin --port 8081`` and drive it with StandInClient.
"""

from standin.api import StandInApi, TelegramUser
from standin.client import StandInClient
from standin.errors import ApiError, StandInError
from standin.faults import Fault, Faults
from standin.limits import Limits, ManualClock
from standin.server import StandIn
from standin.views import Attachment, ChatMessage

__all__ = [
    "ApiError",
    "Attachment",
    "ChatMessage",
    "Fault",
    "Faults",
    "Limits",
    "ManualClock",
    "StandIn",
    "StandInApi",
    "StandInClient",
    "StandInError",
    "TelegramUser",
]
