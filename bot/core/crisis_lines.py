"""Per-language defaults: the national crisis lines each language falls back to when a clinic sets
none (CRISIS_LINES, CRISIS_LINES_ES), and how a clinic without a name is called.

United States numbers: 988 (call or text; press 2 for Spanish, or text AYUDA), the Crisis Text Line
(HOME, or AYUDA for Spanish, to 741741) and 911. A clinic elsewhere sets its own in `.env`.
"""

from __future__ import annotations

DEFAULT_CRISIS_LINES = (
    "• Call or text 988 (Suicide & Crisis Lifeline), or chat at 988lifeline.org\n"
    "• Text HOME to 741741 (Crisis Text Line)\n"
    "• In immediate danger, call 911"
)
# The same lines for Spanish readers (United States): 988's Spanish option and the Spanish text line.
DEFAULT_CRISIS_LINES_ES = (
    "• Llama al 988 y oprime 2 para hablar en español, o envía AYUDA por texto al 988\n"
    "• Envía AYUDA por texto al 741741 (Crisis Text Line en español)\n"
    "• Si estás en peligro inmediato, llama al 911"
)
DEFAULT_LINES_BY_LANGUAGE = {"en": DEFAULT_CRISIS_LINES, "es": DEFAULT_CRISIS_LINES_ES}

# How a sentence names a clinic that set no CLINIC_NAME, per language.
UNNAMED_CLINIC = {"en": "the clinic", "es": "la clínica"}

__all__ = ["DEFAULT_CRISIS_LINES", "DEFAULT_CRISIS_LINES_ES", "DEFAULT_LINES_BY_LANGUAGE", "UNNAMED_CLINIC"]
