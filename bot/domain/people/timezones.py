"""Time zones as people type them: US zone names and abbreviations, city names, IANA names; friendly labels."""

from __future__ import annotations

import datetime as dt
import functools
import re
from zoneinfo import ZoneInfo, available_timezones

from rapidfuzz import fuzz, process

from bot.core.errors import ValidationFailed

NEW_YORK, CHICAGO, DENVER, PHOENIX = "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix"
LOS_ANGELES, ANCHORAGE, HONOLULU = "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu"

# The zones a US clinic's clients live in, in the order of the picker.
US_ZONES: tuple[tuple[str, str], ...] = (
    ("Eastern (New York)", NEW_YORK),
    ("Central (Chicago)", CHICAGO),
    ("Mountain (Denver)", DENVER),
    ("Arizona (Phoenix)", PHOENIX),
    ("Pacific (Los Angeles)", LOS_ANGELES),
    ("Alaska (Anchorage)", ANCHORAGE),
    ("Hawaii (Honolulu)", HONOLULU),
)

# What people call those zones. "MST" is read as Mountain time with daylight saving (Denver);
# the confirmation with the local time lets an Arizona client notice and pick Arizona.
_NAMES = {
    "eastern": NEW_YORK,
    "east coast": NEW_YORK,
    "est": NEW_YORK,
    "edt": NEW_YORK,
    "et": NEW_YORK,
    "central": CHICAGO,
    "cst": CHICAGO,
    "cdt": CHICAGO,
    "ct": CHICAGO,
    "mountain": DENVER,
    "mst": DENVER,
    "mdt": DENVER,
    "mt": DENVER,
    "arizona": PHOENIX,
    "pacific": LOS_ANGELES,
    "west coast": LOS_ANGELES,
    "pst": LOS_ANGELES,
    "pdt": LOS_ANGELES,
    "pt": LOS_ANGELES,
    "alaska": ANCHORAGE,
    "akst": ANCHORAGE,
    "akdt": ANCHORAGE,
    "hawaii": HONOLULU,
    "hawaii aleutian": HONOLULU,
    "hst": HONOLULU,
    "utc": "UTC",
    "gmt": "UTC",
}
_FILLER = {"time", "zone", "timezone", "standard", "daylight", "us", "usa", "the", "and", "canada", "city"}
_PUNCT = re.compile(r"[^\w\s]+")
_FUZZY_CUTOFF = 88  # close misspellings ("los angelos"); the confirmation catches the rest


def _norm(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", text.lower().replace("_", " ")).split())


@functools.cache
def _exact() -> dict[str, str]:
    return {z.lower(): z for z in available_timezones()}


@functools.cache
def _cities() -> dict[str, str]:
    """City name -> zone, from the IANA database itself (the last part of each name)."""
    index: dict[str, str] = {}
    # Deeper names first: America/Indiana/Indianapolis is the zone, America/Indianapolis an old alias.
    for zone in sorted(available_timezones(), key=lambda z: (-z.count("/"), z)):
        if "/" not in zone or zone.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/")):
            continue
        index.setdefault(_norm(zone.rsplit("/", 1)[1]), zone)
    return index


def parse_timezone(text: str) -> str:
    """The IANA zone for what someone typed: "pacific", "PST", "los angeles", "New York, NY", "Europe/London"."""
    raw = (text or "").strip()
    if not raw or len(raw) > 64:
        raise ValidationFailed("time zone")
    words = _norm(raw).split()
    # Our names first: IANA's own "EST", "MST" and "HST" are fixed offsets without daylight saving.
    named = _NAMES.get(" ".join(words))
    exact = _exact().get(raw.lower().replace(" ", "_"))
    if named is not None or exact is not None:
        return named or str(exact)
    core = [w for w in words if w not in _FILLER] or words
    candidates = [" ".join(core)]
    if "," in raw:  # "Austin, TX"
        candidates.append(" ".join(w for w in _norm(raw.split(",")[0]).split() if w not in _FILLER))
    if len(core) > 1 and len(core[-1]) == 2:  # "austin tx"
        candidates.append(" ".join(core[:-1]))
    for candidate in candidates:
        zone = _NAMES.get(candidate) or _cities().get(candidate)
        if zone is not None:
            return zone
    if len(candidates[0]) >= 5:
        match = process.extractOne(candidates[0], list(_cities()), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
        if match is not None:
            return _cities()[match[0]]
    raise ValidationFailed("time zone")


def label(zone: str) -> str:
    """How a zone is shown: "Pacific (Los Angeles)", or the city for others ("London")."""
    for name, z in US_ZONES:
        if z == zone:
            return name
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def zone_choices(clinic_zone: str) -> list[tuple[str, str]]:
    """(label, zone) for the picker: the US zones, with the clinic's own first if it is not one of them."""
    choices = list(US_ZONES)
    if clinic_zone not in {z for _, z in US_ZONES}:
        choices.insert(0, (label(clinic_zone), clinic_zone))
    return choices


def local_time_text(zone: str, now: dt.datetime) -> str:
    """The wall-clock time in `zone` at `now`, as people say it: "8:14 pm"."""
    local = now.astimezone(ZoneInfo(zone))
    return f"{local.hour % 12 or 12}:{local.minute:02d} {'am' if local.hour < 12 else 'pm'}"


def shown(at: dt.datetime, zone: str) -> str:
    """A moment as a person reads it: in their own zone, with its abbreviation (never bare UTC)."""
    try:
        tz: dt.tzinfo = ZoneInfo(zone)
    except (KeyError, ValueError):
        tz = dt.UTC
    local = (at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)).astimezone(tz)
    return f"{local:%d %b %H:%M} {local:%Z}"
