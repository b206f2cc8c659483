"""Risk flags: severities shared by the crisis screen and the check-in rules."""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """How fast a human must look: crisis at once, high the same day, medium in the digest."""

    CRISIS = "crisis"
    HIGH = "high"
    MEDIUM = "medium"
