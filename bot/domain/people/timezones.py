"""Time zones as people type them: US zone names, states and abbreviations, Spanish names, city names,
UTC offsets ("GMT+2"), IANA names; friendly labels."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from zoneinfo import ZoneInfo, available_timezones

from rapidfuzz import fuzz, process

from bot.core.errors import ValidationFailed
from bot.texts import dates

NEW_YORK, CHICAGO, DENVER, PHOENIX = "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix"
LOS_ANGELES, ANCHORAGE, HONOLULU = "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu"
MEXICO_CITY = "America/Mexico_City"

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
    # Cities by their nicknames.
    "nyc": NEW_YORK,
    "la": LOS_ANGELES,
    "sf": LOS_ANGELES,
    "dc": NEW_YORK,
    "washington dc": NEW_YORK,
    "mexico city": MEXICO_CITY,
    "mexico": MEXICO_CITY,
    # In Spanish (accents are folded: "pacífico" is "pacifico", "montaña" is "montana").
    "este": NEW_YORK,
    "costa este": NEW_YORK,
    "centro": CHICAGO,
    "montana": DENVER,
    "pacifico": LOS_ANGELES,
    "costa oeste": LOS_ANGELES,
    "hawai": HONOLULU,
    "nueva york": NEW_YORK,
    "cdmx": MEXICO_CITY,
    "df": MEXICO_CITY,
    "ciudad de mexico": MEXICO_CITY,
}


def _each(names: str, zones: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return dict.fromkeys((n.strip() for n in names.split(",")), zones)


# US states by name (and in Spanish): most have one zone; for a state that spans several the client
# picks, its main zone first.
_STATES: dict[str, tuple[str, ...]] = {
    **_each(
        "connecticut, delaware, georgia, maine, maryland, massachusetts, new hampshire, new jersey, "
        "north carolina, ohio, pennsylvania, rhode island, south carolina, vermont, virginia, west virginia, "
        "carolina del norte, carolina del sur, nueva jersey, pensilvania",
        (NEW_YORK,),
    ),
    **_each(
        "alabama, arkansas, illinois, iowa, louisiana, minnesota, mississippi, missouri, oklahoma, wisconsin, "
        "luisiana, misisipi",
        (CHICAGO,),
    ),
    **_each("colorado, utah, wyoming, new mexico, nuevo mexico", (DENVER,)),
    **_each("california, nevada", (LOS_ANGELES,)),
    **_each("florida, indiana, kentucky, michigan, tennessee", (NEW_YORK, CHICAGO)),
    **_each("texas, kansas, nebraska, north dakota, south dakota, dakota del norte, dakota del sur", (CHICAGO, DENVER)),
    "oregon": (LOS_ANGELES, DENVER),
    "idaho": (DENVER, LOS_ANGELES),
    "washington": (LOS_ANGELES, NEW_YORK),  # the state, or the capital
}
_FILLER = {"time", "zone", "timezone", "standard", "daylight", "us", "usa", "the", "and", "canada", "city", "state"}
_FILLER |= {"hora", "horario", "zona", "tiempo", "estandar", "verano", "horaria", "del", "de", "la", "el", "estado"}
# "GMT+2", "UTC-5", "utc +05:30", "GMT−3" (a typographic minus).
_OFFSET = re.compile(r"^(?:utc|gmt)\s*([+\-\u2212])\s*(\d{1,2})(?:[:.h]?(\d{2}))?$")
# Offsets that are no whole hour have no Etc/ zone: the zone that lives by it.
_ODD_OFFSETS = {
    (-1, 9, 30): "Pacific/Marquesas",
    (-1, 3, 30): "America/St_Johns",
    (1, 3, 30): "Asia/Tehran",
    (1, 4, 30): "Asia/Kabul",
    (1, 5, 30): "Asia/Kolkata",
    (1, 5, 45): "Asia/Kathmandu",
    (1, 6, 30): "Asia/Yangon",
    (1, 8, 45): "Australia/Eucla",
    (1, 9, 30): "Australia/Darwin",
    (1, 10, 30): "Australia/Lord_Howe",
    (1, 12, 45): "Pacific/Chatham",
}
_PUNCT = re.compile(r"[^\w\s]+")
_FUZZY_CUTOFF = 88  # close misspellings ("los angelos"); the confirmation catches the rest


def _norm(text: str) -> str:
    """Lower case, accents off, punctuation to spaces, single spaces: "Hora del Pacífico" -> "hora del pacifico"."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    return " ".join(_PUNCT.sub(" ", plain.replace("_", " ")).split())


def _offset(raw: str) -> str | None:
    """The zone for a UTC offset ("GMT+2" is Etc/GMT-2: IANA's Etc signs are inverted), or None."""
    m = _OFFSET.match(raw.lower().replace(" ", ""))
    if m is None:
        return None
    sign, hours, minutes = (-1 if m[1] != "+" else 1), int(m[2]), int(m[3] or 0)
    if minutes:
        zone = _ODD_OFFSETS.get((sign, hours, minutes))
        if zone is None:
            raise ValidationFailed("time zone")
        return zone
    if hours == 0:
        return "UTC"
    if (sign > 0 and hours > 14) or (sign < 0 and hours > 12):
        raise ValidationFailed("time zone")
    return f"Etc/GMT{'-' if sign > 0 else '+'}{hours}"


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
    """The IANA zone for what someone typed: "pacific", "PST", "los angeles", "New York, NY", "Europe/London".

    For a place with several zones ("texas") this is its main one; `find_zones` gives them all.
    """
    return find_zones(text)[0]


def find_zones(text: str) -> tuple[str, ...]:
    """Every zone what someone typed may mean: one, or several for a state that spans zones ("texas")."""
    raw = (text or "").strip()
    if not raw or len(raw) > 64:
        raise ValidationFailed("time zone")
    offset = _offset(raw)
    if offset is not None:
        return (offset,)
    words = _norm(raw).split()
    # Our names first: IANA's own "EST", "MST" and "HST" are fixed offsets without daylight saving.
    named = _named(" ".join(words))
    exact = _exact().get(raw.lower().replace(" ", "_"))
    if named is not None or exact is not None:
        return named or (str(exact),)
    core = [w for w in words if w not in _FILLER] or words
    candidates = [" ".join(words), " ".join(core)]
    if "," in raw:  # "Austin, TX"
        candidates.append(" ".join(w for w in _norm(raw.split(",")[0]).split() if w not in _FILLER))
    if len(core) > 1 and len(core[-1]) == 2:  # "austin tx"
        candidates.append(" ".join(core[:-1]))
    for candidate in candidates:
        zones = _named(candidate) or _in_cities(candidate)
        if zones is not None:
            return zones
    if len(candidates[1]) >= 5:
        match = process.extractOne(candidates[1], list(_cities()), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
        if match is not None:
            return (_cities()[match[0]],)
    raise ValidationFailed("time zone")


def _named(words: str) -> tuple[str, ...] | None:
    zone = _NAMES.get(words)
    return (zone,) if zone is not None else _STATES.get(words)


def _in_cities(words: str) -> tuple[str, ...] | None:
    zone = _cities().get(words)
    return (zone,) if zone is not None else None


def label(zone: str) -> str:
    """How a zone is shown: "Pacific (Los Angeles)", "UTC+2" for Etc/GMT-2, or the city for others ("London")."""
    for name, z in US_ZONES:
        if z == zone:
            return name
    fixed = re.fullmatch(r"Etc/GMT([+-])(\d+)", zone)
    if fixed is not None:  # IANA's Etc signs are inverted
        return f"UTC{'-' if fixed[1] == '+' else '+'}{fixed[2]}"
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


def zone_of(zone: str) -> dt.tzinfo:
    """The stored zone, or UTC for one this machine no longer knows."""
    try:
        return ZoneInfo(zone)
    except (KeyError, ValueError):
        return dt.UTC


def shown(at: dt.datetime, zone: str) -> str:
    """A moment as a person reads it: in their own zone, with its abbreviation (never bare UTC)."""
    tz = zone_of(zone)
    local = (at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)).astimezone(tz)
    return f"{dates.day_month_time(local)} {local:%Z}"
