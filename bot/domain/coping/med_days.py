"""The weekdays a daily medication reminder goes on: stored as seven "1"/"0" (Monday first), typed after
the time ("8am mon wed fri", "9pm weekdays", "8:00 lun a vie", "20:00 mon-thu").
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from bot import texts
from bot.core.errors import ValidationFailed
from bot.texts import dates

EVERY_DAY = "1111111"  # MedReminder.weekdays: Monday to Sunday
_DAY_WORDS = {  # folded (no accents), English and Spanish, full or short
    0: ("mon", "monday", "lun", "lunes"),
    1: ("tue", "tues", "tuesday", "mar", "martes"),
    2: ("wed", "weds", "wednesday", "mie", "miercoles"),
    3: ("thu", "thur", "thurs", "thursday", "jue", "jueves"),
    4: ("fri", "friday", "vie", "viernes"),
    5: ("sat", "saturday", "sab", "sabado"),
    6: ("sun", "sunday", "dom", "domingo"),
}
_DAY = {word: n for n, words in _DAY_WORDS.items() for word in words}
_GROUPS = {"weekdays": range(5), "weekday": range(5), "weekends": (5, 6), "weekend": (5, 6)}
_FILLERS = {"and", "on", "only", "y", "e", "los", "el", "solo", "&", ","}


def goes_on(weekdays: str, day: dt.date) -> bool:
    return weekdays[day.weekday()] == "1"


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def split_days(text: str) -> tuple[str, str]:
    """ "8am mon wed fri" -> ("8am", "1010100"); no days named -> (text, EVERY_DAY). The days come after
    the time, as words, short forms or a range ("mon-fri", "lun a vie"); anything else after them is an error."""
    tokens = text.replace(",", " , ").split()
    first = next((i for i, t in enumerate(tokens) if _fold(t).split("-")[0] in _DAY | _GROUPS), None)
    if first is None:
        return text, EVERY_DAY
    days: set[int] = set()
    words = [_fold(t) for t in tokens[first:]]
    for i, word in enumerate(words):
        ends = word.split("-")
        if word in _GROUPS:
            days.update(_GROUPS[word])
        elif len(ends) == 2 and ends[0] in _DAY and ends[1] in _DAY:
            a, b = _DAY[ends[0]], _DAY[ends[1]]
            days.update(range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)])
        elif word in _DAY:
            days.add(_DAY[word])
        elif word == "a" and 0 < i < len(words) - 1 and words[i - 1] in _DAY and words[i + 1] in _DAY:
            a, b = _DAY[words[i - 1]], _DAY[words[i + 1]]  # "lun a vie"
            days.update(range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)])
        elif word not in _FILLERS:
            raise ValidationFailed("days of the week")
    time = tokens[:first]
    while time and _fold(time[-1]) in _FILLERS:  # "8am on mon": the "on" is not part of the time
        time.pop()
    return " ".join(time), "".join("1" if n in days else "0" for n in range(7))


def day_names(weekdays: str) -> str:
    """ "1010100" -> "Mon, Wed, Fri" in the reader's language."""
    monday = dt.date(2024, 1, 1)
    return ", ".join(dates.day_name(monday + dt.timedelta(days=n))[:3] for n in range(7) if weekdays[n] == "1")


def when(at_local: dt.time, weekdays: str) -> str:
    """ "every day at 08:00" or "at 08:00 on Mon, Wed, Fri", in the reader's language."""
    time = f"{at_local:%H:%M}"
    if weekdays == EVERY_DAY:
        return texts.MED_WHEN_DAILY.format(time=time)
    return texts.MED_WHEN_DAYS.format(time=time, days=day_names(weekdays))
