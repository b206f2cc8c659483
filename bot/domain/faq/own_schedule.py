"""Whether a question asks when the person's own sessions are: "what time is group", "wat time r groups",
"when is my next session", "a qué hora es el grupo", "¿cuándo es mi cita?".

Such a question gets the client's own next seven days from the calendar first, then the general
article (the program's usual hours), so "what time is group" is answered with a time. It reads the
FAQ's own surface words (shorthand spelled out: "wat" -> "what", "r" -> "are"), in English and in
Spanish. "How long is group" and "how many hours a week" ask about the program, not a date.
"""

from __future__ import annotations

from bot.domain.faq.words import default_words

CATEGORY = "schedule"  # the FAQ's articles that may follow the days (the program's usual hours)

_SESSIONS = {
    "en": frozenset({"group", "groups", "session", "sessions", "meeting", "meetings", "class", "classes"})
    | frozenset({"appointment", "appointments", "appt"}),
    "es": frozenset({"grupo", "grupos", "sesion", "sesiones", "reunion", "reuniones", "clase", "clases"})
    | frozenset({"cita", "citas"}),
}
_WHEN = {"en": frozenset({"when", "whens"}), "es": frozenset({"cuando", "horario"})}
# "what" (or "que") with one of these asks for a time or a day.
_WHAT = {"en": "what", "es": "que"}
_TIME = {
    "en": frozenset({"time", "times", "day", "days", "hour", "hours"}),
    "es": frozenset({"hora", "horas", "dia", "dias"}),
}
_NOT_A_DATE = {"en": frozenset({"long", "many", "much"}), "es": frozenset({"dura", "duran", "cuantas", "cuantos"})}


# A question holding none of the session words' first letters is not about a session: most FAQ
# questions skip the tokenising ("reunión" and "sesión" keep their first four letters unaccented).
_HINTS = frozenset(word[:4] for words in _SESSIONS.values() for word in words)


def asks(text: str) -> bool:
    """True when the question asks when the writer's group, session, meeting or appointment is."""
    lowered = text.lower()
    if not any(hint in lowered for hint in _HINTS):
        return False
    return any(_asks(default_words(lang).surface_tokens(text), lang) for lang in ("en", "es"))


def _asks(tokens: list[str], lang: str) -> bool:
    words = set(tokens)
    if not words & _SESSIONS[lang] or words & _NOT_A_DATE[lang]:
        return False
    return bool(words & _WHEN[lang]) or (_WHAT[lang] in words and bool(words & _TIME[lang]))
