"""Database: models, sessions and migrations.

Every model module is imported here, so Base.metadata knows every table whichever one a
caller imports first (migrations and the models-match-migrations test rely on it).
"""

from bot.db import care_models as care_models
from bot.db import coping_models as coping_models
from bot.db import faq_models as faq_models
from bot.db import lease_models as lease_models
from bot.db import meeting_models as meeting_models
from bot.db import models as models
from bot.db import questionnaire_models as questionnaire_models
from bot.db import reward_models as reward_models
