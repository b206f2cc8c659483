"""What the bot says, in one place so wording can be reviewed without reading handlers.

Texts are HTML (parse_mode=HTML); values put into them must go through html.escape.
Reminders and notices are worded so that a lock screen reveals nothing about treatment.

One module per area; `from bot import texts` and `texts.NAME` reach every sentence.
"""

from __future__ import annotations

from bot.texts.care_team import *  # noqa: F403
from bot.texts.checkin import *  # noqa: F403
from bot.texts.common import *  # noqa: F403
from bot.texts.coping import *  # noqa: F403
from bot.texts.data_rights import *  # noqa: F403
from bot.texts.faq import *  # noqa: F403
from bot.texts.followups import *  # noqa: F403
from bot.texts.invite import *  # noqa: F403
from bot.texts.operations import *  # noqa: F403
from bot.texts.people import *  # noqa: F403
from bot.texts.questionnaires import *  # noqa: F403
from bot.texts.safety import *  # noqa: F403
from bot.texts.schedule import *  # noqa: F403
from bot.texts.settings import *  # noqa: F403
from bot.texts.short_replies import *  # noqa: F403
