"""How often a meeting repeats, as staff say it ("tuesdays and thursdays", "mon-thu", "every other monday",
"first friday of the month"), read into an RFC 5545 rule, and a rule said back in plain words.

`rule_from_words` raises `ValidationFailed` with a sentence for staff, never a parser's message.
"""

from __future__ import annotations

import datetime as dt
import re

from bot import texts
from bot.core.errors import ValidationFailed
from bot.domain.meetings import recurrence

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
SHORT = {"MO": "Mon", "TU": "Tue", "WE": "Wed", "TH": "Thu", "FR": "Fri", "SA": "Sat", "SU": "Sun"}
_DAY_WORDS = {
    "MO": ("mo", "mon", "monday"),
    "TU": ("tu", "tue", "tues", "tuesday"),
    "WE": ("we", "wed", "weds", "wednesday"),
    "TH": ("th", "thu", "thur", "thurs", "thursday"),
    "FR": ("fr", "fri", "friday"),
    "SA": ("sa", "sat", "saturday"),
    "SU": ("su", "sun", "sunday"),
}
_DAY = {word: code for code, words in _DAY_WORDS.items() for word in words}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}
_ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
_SAME = {
    "once": "",
    "one time": "",
    "just once": "",
    "daily": "FREQ=DAILY",
    "every day": "FREQ=DAILY",
    "everyday": "FREQ=DAILY",
    "weekdays": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    "every weekday": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    "weekends": "FREQ=WEEKLY;BYDAY=SA,SU",
    "every weekend": "FREQ=WEEKLY;BYDAY=SA,SU",
    "mwf": "FREQ=WEEKLY;BYDAY=MO,WE,FR",
}
_MAX_TYPED = 120
_FILLER = re.compile(r"\b(on|every|each|at|the|of|and|a|in|month|weeks?|weekly)\b")


def day_code(word: str) -> str | None:
    """'tue', 'Tuesday' or 'tuesdays' as its RFC 5545 code ('TU'); None for anything else."""
    word = word.strip().lower().rstrip(".")
    return _DAY.get(word) or _DAY.get(word.removesuffix("s"))


def rule_from_words(text: str, start: dt.datetime) -> str:
    """The stored RRULE for what staff typed ('' for once); ValidationFailed with a plain sentence otherwise."""
    said = " ".join(text.strip().lower().replace("’", "'").split())
    if not said or len(said) > _MAX_TYPED:
        raise ValidationFailed(texts.MEETINGS_REPEAT_UNKNOWN)
    if "freq=" in said:
        return _checked(text.strip().upper(), start)
    weekday = DAYS[start.weekday()]
    if said in _SAME:
        return _SAME[said]
    if said in ("weekly", "every week", "once a week"):
        return f"FREQ=WEEKLY;BYDAY={weekday}"
    if said in ("biweekly", "fortnightly", "every other week", "every two weeks", "every 2 weeks"):
        return f"FREQ=WEEKLY;INTERVAL=2;BYDAY={weekday}"
    if said in ("monthly", "every month", "once a month"):
        return f"FREQ=MONTHLY;BYMONTHDAY={start.day}"
    every_other = re.match(r"^(?:every|each)\s+(?:other|second|2nd|\d+)\b", said) and "month" not in said
    rule = _weekly(said) if every_other else _monthly(said) or _weekly(said)
    if rule is None:
        raise ValidationFailed(texts.MEETINGS_REPEAT_UNKNOWN)
    return _checked(rule, start)


def _checked(rule: str, start: dt.datetime) -> str:
    try:
        return recurrence.check_rrule(rule, start)
    except ValidationFailed:
        raise ValidationFailed(texts.MEETINGS_REPEAT_UNKNOWN) from None


def _monthly(said: str) -> str | None:
    """'first friday of the month', 'last mon of each month', '2nd and 4th tuesday'."""
    if "month" not in said and not any(w in _ORDINALS for w in said.split()):
        return None
    words = re.findall(r"[a-z0-9]+", said.replace("of the month", " ").replace("of each month", " "))
    ordinals = [_ORDINALS[w] for w in words if w in _ORDINALS]
    days = [_DAY[w.removesuffix("s")] for w in words if w.removesuffix("s") in _DAY]
    rest = [w for w in words if w not in _ORDINALS and w.removesuffix("s") not in _DAY]
    if not ordinals or len(days) != 1 or any(not _FILLER.fullmatch(w) for w in rest):
        return None
    return "FREQ=MONTHLY;BYDAY=" + ",".join(f"{n}{days[0]}" for n in ordinals)


def _weekly(said: str) -> str | None:
    """'tuesdays and thursdays', 'mon-thu', 'Mon, Tue, Wed', 'every other monday', 'every 2 weeks on tue'."""
    interval = 1
    m = re.match(r"^(?:every|each)\s+(other|second|2nd|\d+)\s+(?:weeks?\s*)?(?:on\s+)?(.*)$", said)
    if m:
        interval = 2 if not m[1].isdigit() else int(m[1])
        said = m[2]
        if not 1 <= interval <= 52:
            return None
    said = re.sub(r"\s*(?:-|–|—|\bthrough\b|\bthru\b|\bto\b|\btill\b|\buntil\b)\s*", "-", said)
    days: list[str] = []
    for word in re.split(r"[\s,/&+]+", said):
        if not word or _FILLER.fullmatch(word):
            continue
        if "-" in word:
            first, _, last = word.partition("-")
            a, b = _DAY.get(first.removesuffix("s")), _DAY.get(last.removesuffix("s"))
            if a is None or b is None:
                return None
            i, j = DAYS.index(a), DAYS.index(b)
            days += [DAYS[k % 7] for k in range(i, (j if j >= i else j + 7) + 1)]
            continue
        found = _DAY.get(word.removesuffix("s")) or _DAY.get(word)
        if found is None:
            return None
        days.append(found)
    if not days:
        return None
    byday = ",".join(d for d in DAYS if d in days)
    return f"FREQ=WEEKLY;{f'INTERVAL={interval};' if interval > 1 else ''}BYDAY={byday}"


def describe(rule: str, start: dt.datetime, clock: str) -> str:
    """A stored rule in plain words: 'Tue, Thu 18:00', 'every other week, Mon 18:00', 'first Fri of each month'."""
    parts = dict(p.partition("=")[::2] for p in rule.upper().split(";"))
    freq = parts.get("FREQ", "")
    until = parts.get("UNTIL", "")
    end = f" until {until[:4]}-{until[4:6]}-{until[6:8]}" if until[:8].isdigit() else ""
    end += f", {parts['COUNT']} times" if "COUNT" in parts else ""
    interval = int(parts.get("INTERVAL", "1")) if parts.get("INTERVAL", "1").isdigit() else 1
    if freq == "WEEKLY":
        days = parts.get("BYDAY", DAYS[start.weekday()]).split(",")
        names = ", ".join(SHORT.get(d[-2:], d) for d in days)
        every = "" if interval == 1 else ("every other week, " if interval == 2 else f"every {interval} weeks, ")
        return f"{every}{names} {clock}{end}"
    if freq == "DAILY":
        every = "daily" if interval == 1 else f"every {interval} days"
        return f"{every} {clock}{end}"
    if freq == "MONTHLY":
        byday = [d for d in parts.get("BYDAY", "").split(",") if d]
        which = [_ORDINAL_WORDS.get(int(d[:-2])) for d in byday if re.fullmatch(r"[+-]?\d\d?[A-Z]{2}", d)]
        if byday and len(which) == len(byday) and None not in which and len({d[-2:] for d in byday}) == 1:
            return f"{' and '.join(str(w) for w in which)} {SHORT[byday[0][-2:]]} of each month {clock}{end}"
        if not byday:
            day = parts.get("BYMONTHDAY", str(start.day))
            return f"monthly on day {day} {clock}{end}"
    return f"{rule} from {start:%Y-%m-%d} {clock}"
