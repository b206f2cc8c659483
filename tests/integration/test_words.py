"""Every text reads well whatever is configured: no placeholder, no "{...}", no dangling sentence, no UTC."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from bot import texts
from bot.core.config import PLACEHOLDERS, Settings
from bot.db.models import Role
from bot.domain.care.buttons import AlertAck
from bot.texts import wording
from tests.conftest import make_settings
from tests.support.checkin import tap
from tests.support.harness import Harness

CLIENT, STAFF, THERAPIST, STRANGER = 6601, 7601, 8601, 9601
CONFIGURED = {
    "clinic_name": "Riverside Recovery",
    "clinic_phone": "555-0100",
    "clinic_address": "12 River Road",
    "bot_display_name": "Riverside Helper",
}
LEAKS = [*PLACEHOLDERS.values(), "IOP Companion", "UTC", "{", "}", " .", "at .", "at ,", "on .", "None"]


def _all_templates() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name in texts.ENGLISH:
        value = getattr(texts, name)
        if isinstance(value, str) and name.isupper():
            found.append((name, value))
        elif isinstance(value, dict) and name.isupper():
            found += [(f"{name}[{k}]", v) for k, v in value.items() if isinstance(v, str)]
    return found


@pytest.mark.parametrize(("name", "template"), _all_templates())
def test_every_text_renders_without_a_leak(name: str, template: str) -> None:
    """Filled with values (or with none), no brace, placeholder or name of the software is left."""
    names = {n for _, n, _, _ in string.Formatter().parse(template) if n}
    full = template.format(**{n: "X1" for n in names})
    empty = wording.fill(template, {n: "" for n in names} | {"crisis_lines": "988", "coping": "Breathe."})
    for rendered in (full, empty):
        for leak in ("IOP Companion", *PLACEHOLDERS.values(), "{", "}"):
            assert leak not in rendered, (name, rendered)
    assert "write to me any time" not in template  # the bot is never offered as a crisis line


def test_fill_leaves_out_the_sentence_that_needs_a_missing_value() -> None:
    text = "Done: they'll get in touch. If it's urgent, call the clinic at {phone}."
    assert wording.fill(text, {"phone": ""}) == "Done: they'll get in touch."
    assert wording.fill(text, {"phone": "555"}) == "Done: they'll get in touch. If it's urgent, call the clinic at 555."
    assert wording.fill("{clinic} is open. Call {phone}. Bye.", {"clinic": "the clinic", "phone": None}) == (
        "The clinic is open. Bye."
    )


def test_the_shipped_faq_reads_well_with_placeholders_left() -> None:
    from bot.domain.faq.content import load_default

    facts = Settings(_env_file=None).faq_facts()  # type: ignore[call-arg]
    for entry in load_default(facts).entries:
        for leak in (*PLACEHOLDERS.values(), "Our Clinic", "{", " on .", " at ."):
            assert leak not in entry.answer, (entry.id, entry.answer)
        assert entry.answer.strip(), entry.id


async def _tour(harness: Harness) -> list[str]:
    """What each role sees on the paths that name the clinic, its phone, the bot or a time."""
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST, display_name="Dr. R")
    await harness.enroll(CLIENT, therapist_id=therapist.id)
    await harness.enroll(STAFF, Role.STAFF, display_name="Ana")
    await harness.send(STRANGER, "hello")
    await harness.send(STRANGER, "/stop")
    for uid in (CLIENT, STAFF, THERAPIST):
        await harness.send(uid, "/help")
    await harness.send(CLIENT, "/checkin")  # a hard day: the reply names the care team (and the phone if set)
    for answer in ("9", "1", "yes", "poorly", "skip"):
        await harness.send(CLIENT, answer)
    await tap(harness, CLIENT, "Yes")  # the safety question: its answer names the clinic's phone, if any
    await tap(harness, CLIENT, "✅ Save")
    await harness.send(CLIENT, "i want to kill myself")
    await harness.delivery.run_once()  # the alert reaches the therapist
    sent = [m for m in harness.req.sent if m.chat_id == THERAPIST]  # the alert, then "wrote again" (no Ack)
    ack = [d for m in sent for _, d in m.buttons if AlertAck.matches(d)]
    await harness.send(THERAPIST, "/alerts")  # while the episode's one alert is open: its time, in New York's
    if ack:
        await harness.press(THERAPIST, ack[0])
    await harness.send(STAFF, "/stop")
    await harness.send(CLIENT, "/stop")
    await harness.send(CLIENT, "/help")  # paused: names the bot
    return harness.history + [s.text for s in harness.req.sent]


@pytest.mark.parametrize("configured", [False, True])
async def test_every_role_reads_well_with_default_and_configured_settings(tmp_path: Path, configured: bool) -> None:
    values = CONFIGURED if configured else {"clinic_name": "Our Clinic"}
    harness = Harness(make_settings(tmp_path, **values))
    await harness.start()
    try:
        seen = await _tour(harness)
    finally:
        await harness.stop()
    everything = "\n".join(seen)
    for leak in LEAKS:
        assert leak not in everything, (leak, [t for t in seen if leak in t][:2])
    assert ("555-0100" in everything) is configured  # the phone appears only when there is one
    assert ("Riverside Helper" in everything) is configured
    assert re.search(r"\d\d:\d\d E[SD]T", everything), "times in the reader's zone (New York)"
    assert texts.STOPPED_STRANGER in seen and texts.STOPPED_TEAM in seen
    assert not any("stays with your care team's records" in t for t in seen if t != texts.STOPPED)
    assert "around the clock" in everything  # /help and the welcome say the chat is not watched
