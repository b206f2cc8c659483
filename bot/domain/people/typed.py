"""What people type for times and dates: a time of day ("7pm", "19:00") and a start date ("oct 1", "10/1").

In English or Spanish ("7 de la tarde", "a las 8", "mediodía"; "3 de diciembre", "ayer"), accents optional.
Pure parsing, shared by the client's settings and the meeting forms; `ValidationFailed` names what was expected.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from bot.core.errors import ValidationFailed

_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.h ]?(\d{2}))?\s*([ap]\.?m\.?)?\s*$", re.IGNORECASE)
_ES_MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre",
    "diciembre",
)  # fmt: skip
_MONTHS = (
    {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
    | {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
    | {"sept": 9}
    | {m: i for i, m in enumerate(_ES_MONTHS, 1)}
    | {m[:3]: i for i, m in enumerate(_ES_MONTHS, 1)}  # "ene", "abr", "ago", "dic"
    | {"setiembre": 9}
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?$")
_ORDINAL = r"(?:st|nd|rd|th|ro|o|°)?"  # "1st"; Spanish "1ro", "1º" (folded to "1o"), "1°"
_WORDY = re.compile(
    rf"^([a-z]+)\.? (\d{{1,2}}){_ORDINAL}(?:,? (\d{{4}}))?$|^(\d{{1,2}}){_ORDINAL} ([a-z]+)\.?(?:,? (\d{{4}}))?$"
)
# Days before today; "mañana" is tomorrow, refused as "tomorrow" is (a start is never in the future).
_DAYS_AGO = {"today": 0, "yesterday": 1, "hoy": 0, "ayer": 1, "tomorrow": -1, "manana": -1}
# Spanish times, folded: "a las 7 y media de la tarde", "8 menos cuarto", "19:30 hrs", "7 p. m.".
_ES_TIME = re.compile(
    r"^(\d{1,2})(?:[:.h](\d{2}))?(?: (y media|y cuarto|menos cuarto))?(?: ?(?:h|hs|hrs?|horas?))?"
    r"(?: (?:de la|del|en la|por la) (manana|madrugada|tarde|noche|dia))?$"
)
_NAMED_TIMES = {"mediodia": 12, "medio dia": 12, "noon": 12, "medianoche": 0, "midnight": 0}
MAX_TYPED = 40  # the longest time or date anyone types ("Wednesday, 1 October 2026" is 25)
OLDEST_START = dt.date(1900, 1, 1)


def parse_time(text: str) -> dt.time:
    """Accept 19:00, 7pm, 7:30 pm, 0730, 7.30; noon, midnight, and the Spanish forms `_spanish_time` reads."""
    if len(text or "") > MAX_TYPED:  # the pattern backtracks on long runs of spaces: read nothing that long
        raise ValidationFailed("time of day")
    m = _TIME.match(text or "")
    if not m:
        return _spanish_time(text or "")
    hour, minute, ampm = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            raise ValidationFailed("time of day")
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValidationFailed("time of day")
    return dt.time(hour, minute)


def _fold(text: str) -> str:
    """Lower case, accents off ("Mañana" -> "manana", "1º" -> "1o"), single spaces."""
    plain = unicodedata.normalize("NFKD", text.lower())
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).split())


def _spanish_time(text: str) -> dt.time:
    """'7 de la tarde', 'a las 8', '8 de la mañana', '7 y media', 'mediodía', '7 p. m.', '19:30 hrs'."""
    said = re.sub(r"^(?:a )?las? ", "", _fold(text).strip(" .!"))  # "a las 8", "a la 1", "las 9"
    if said in _NAMED_TIMES:
        return dt.time(_NAMED_TIMES[said])
    said = re.sub(r"\b([ap])\. ?m\b\.?", r"\1m", said)  # "7 p. m." -> "7 pm"
    if _TIME.match(said):
        return parse_time(said)  # "a las 8", "7 p. m."
    m = _ES_TIME.match(said)
    if not m or (m[2] and m[3]):
        raise ValidationFailed("time of day")
    hour, part = int(m[1]), m[4]
    minute = {"y media": 30, "y cuarto": 15, "menos cuarto": 45}.get(m[3] or "", int(m[2] or 0))
    if part:
        if not 1 <= hour <= 12:
            raise ValidationFailed("time of day")  # "19 de la tarde", "0 de la mañana", as "13pm" and "0pm"
        if part in ("manana", "madrugada"):
            hour %= 12  # "12 de la mañana" as "12am"
        elif part == "noche":  # "12 de la noche" is midnight, "10 de la noche" 22:00, "2 de la noche" 2:00
            hour = 0 if hour == 12 else hour + 12 if hour >= 5 else hour
        elif part == "tarde" or (part == "dia" and hour <= 5):
            hour = hour % 12 + 12  # "12 de la tarde" / "12 del día" noon, "3 de la tarde" 15:00
    if m[3] == "menos cuarto":
        hour -= 1  # "8 menos cuarto" is 7:45, "1 menos cuarto" 0:45
        hour %= 24
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValidationFailed("time of day")
    return dt.time(hour, minute)


def month_number(word: str) -> int | None:
    """'oct', 'October', 'sept', 'dic' or 'diciembre' as 10, 10, 9, 12, 12; None for anything else."""
    return _MONTHS.get(word.strip().lower().rstrip("."))


def parse_start_date(text: str, today: dt.date) -> dt.date:
    """Accept 2026-10-01, 10/1/2026, 10/1, "oct 1", "1 October 2026", "today", "yesterday";
    in Spanish "3 de diciembre de 2026", "1 oct", "el 1º de dic.", "hoy", "ayer".

    A date without a year is the latest one not after today. Future dates ("tomorrow", "mañana") are refused.
    """
    read = _read_date(text, today)
    return _no_later(read if isinstance(read, dt.date) else with_year(*read, today, ahead=False), today)


def parse_coming_date(text: str, today: dt.date) -> dt.date:
    """A date from today on (a dated reminder: an injection, a clinic dose): the same ways of writing
    as `parse_start_date`, and "tomorrow" / "mañana". Without a year it is the next such date; a past
    date, or one more than a year ahead, is refused."""
    read = _read_date(text, today)
    found = read if isinstance(read, dt.date) else with_year(*read, today, ahead=True)
    if found < today or found > today + dt.timedelta(days=366):
        raise ValidationFailed("date")
    return found


def with_year(year: int | None, month: int, day: int, today: dt.date, *, ahead: bool, error: str = "date") -> dt.date:
    """The date as written; without a year, the next such date from today (`ahead`) or the latest
    not after today. No such date (31 April, 29 February in another year): ValidationFailed(error)."""
    try:
        found = dt.date(year or today.year, month, day)
        if year is None and (found < today if ahead else found > today):
            found = dt.date(today.year + (1 if ahead else -1), month, day)
    except ValueError:
        raise ValidationFailed(error) from None
    return found


def _read_date(text: str, today: dt.date) -> dt.date | tuple[int | None, int, int]:
    """A relative word as its date, or (year or None, month, day) as written; ValidationFailed if neither."""
    if len(text or "") > MAX_TYPED:
        raise ValidationFailed("date")
    t = " ".join(_fold(text or "").strip().replace(",", " , ").split()).replace(" ,", ",")
    t = " ".join(re.sub(r"^el |\bdel?\b", " ", t).split()).replace(" ,", ",")  # "el 3 de dic del 2026"
    if t in _DAYS_AGO:
        return today - dt.timedelta(days=_DAYS_AGO[t])
    if m := _ISO.match(t):
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    if m := _US.match(t):
        year = None if m.group(3) is None else int(m.group(3)) + (2000 if len(m.group(3)) == 2 else 0)
        return year, int(m.group(1)), int(m.group(2))
    if (m := _WORDY.match(t)) and _MONTHS.get(m.group(1) or m.group(5) or "") is not None:
        year = int(m.group(3) or m.group(6)) if (m.group(3) or m.group(6)) else None
        return year, _MONTHS[m.group(1) or m.group(5)], int(m.group(2) or m.group(4))
    raise ValidationFailed("date")


def _no_later(found: dt.date, today: dt.date) -> dt.date:
    if found > today or found < OLDEST_START:
        raise ValidationFailed("date")
    return found
