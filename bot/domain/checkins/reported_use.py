"""Use reported in a message ("i relapsed last night", "consumí ayer"), and the quiet day after any use.

Any reported use is alert-worthy the same day (high), whether it comes as "use: yes" in a
check-in or in the client's own words. This is a small rule set of its own, apart from the
crisis screen: it looks for a first-person report in the past ("I used", "I relapsed", "recaí",
"he consumido"), not for intent ("I want to use", which the screen handles). Negated reports
("I didn't use", "no he recaído"), hypotheticals ("what if I relapsed") and other people ("my
brother relapsed") are not reports. English and Spanish; accents are optional.

For 24 hours after reported use (a check-in, a message) or intoxication (the crisis screen), no
milestone is celebrated: `quiet` says so, and the diary keeps the milestone for later.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Checkin, FlagRecord
from bot.domain.care import alerts
from bot.domain.safety.risk import Flag, RuleCode, Severity

QUIET = dt.timedelta(hours=24)
SLIP_ENTRY = "if-i-slip"  # the FAQ article a report of use is answered with (bot/domain/faq/faq.yaml)
INTOXICATED_RULE = "msg_use_intent"  # the crisis screen's "about to use, or intoxicated now"
FLAG = Flag(Severity.HIGH, RuleCode.REPORTED_USE, "reported use in a message (not a check-in)")

_ADVERB = r"(?:just |already |kind of |kinda |sort of |totally |ended up |went and |have |had |did |again )*"
_DRINKS = r"(?:water|coffee|tea|juice|soda|milk|a smoothie)"
_EN_VERB = (
    r"(?:relapsed|slipped(?: up)?|messed up and used"
    rf"|used(?! to\b| (?:the|my|your|our|it|this|that|a|an|to)\b)|drank(?! {_DRINKS}\b)"
    r"|got (?:high|drunk|wasted|loaded|stoned|hammered)|was (?:high|drunk|wasted|loaded|stoned)"
    r"|picked up again|shot up|smoked (?:weed|crack|meth|pot|a joint)"
    r"|took (?:pills|some pills|a pill|a hit|drugs|a drink)|had (?:a drink|drinks|a few drinks|a beer|a hit))"
)
_EN = re.compile(rf"(?<![\w'])(?P<pre>\w+ )?(?:i|ive|i've|i have|i had) {_ADVERB}{_EN_VERB}")
# Without a subject, only at the start and with a time: "relapsed last night", "used again today".
_EN_BARE = re.compile(
    rf"^(?:so |well |ok |okay |um |honestly )?{_EN_VERB} (?:again|today|tonight|last night|yesterday|this morning)"
)
_ES_VERB = (
    r"(?:recai|he recaido|tuve una recaida|volvi a (?:consumir|beber|tomar|drogarme|usar)"
    r"|consumi|he consumido|me drogue|me he drogado|me emborrache|me he emborrachado"
    r"|bebi(?! (?:agua|cafe|te|jugo|leche|refresco)\b)|tome (?:alcohol|cerveza|pastillas|drogas))"
)
_ES = re.compile(rf"(?<!\w)(?P<pre>\w+ )?(?:yo )?(?:ya |anoche |ayer |hoy |otra vez )?{_ES_VERB}(?!\w)")
_NEGATION = frozenset({"no", "not", "never", "didnt", "didn't", "nunca", "jamas", "if", "whether", "ni"})


def fold(text: str) -> str:
    """Lower case without accents, one space between words: "Recaí  AYER" → "recai ayer"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w' ]+", " ", plain).split())


def detect(text: str) -> bool:
    """True when the message reports, in the first person, that the writer used or relapsed."""
    flat = fold(text)
    if not flat:
        return False
    if _EN_BARE.search(flat):
        return True
    for pattern in (_EN, _ES):
        for match in pattern.finditer(flat):
            pre = (match.group("pre") or "").strip()
            if pre not in _NEGATION and not flat[: match.start()].rstrip().endswith("what if"):
                return True
    return False


async def raise_flag(session: AsyncSession, client_id: int, policy: alerts.EscalationPolicy) -> int | None:
    """The same high flag as "use: yes" in a check-in, as an alert to the care team."""
    return await alerts.raise_alert(session, client_id, [FLAG], source="message", policy=policy)


async def quiet(session: AsyncSession, client_id: int, at: dt.datetime) -> bool:
    """True within 24 hours of reported use (check-in or message) or intoxication: no celebrations."""
    since = at - QUIET
    flagged = await session.scalar(
        select(func.count())
        .select_from(FlagRecord)
        .where(
            FlagRecord.person_id == client_id,
            FlagRecord.rule.in_([RuleCode.REPORTED_USE.value, INTOXICATED_RULE]),
            FlagRecord.created_at >= since,
        )
    )
    used = await session.scalar(
        select(func.count())
        .select_from(Checkin)
        .where(Checkin.person_id == client_id, Checkin.used == "yes", Checkin.created_at >= since)
    )
    return bool(flagged) or bool(used)
