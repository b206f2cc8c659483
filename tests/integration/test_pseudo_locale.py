"""A pseudo-language: every catalogue text accented, 30% longer and marked ⟦…⟧.

A client reading it goes through the everyday commands. Any English word the bot sends outside
the marks did not come through the catalogue (a text built in code, or read once at import), and
any button too long for a phone shows up long here before a real translation makes it so.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from bot.db.models import Role
from bot.domain.safety import language
from bot.texts import catalogue, extract
from tests.support.harness import Harness

CLIENT = 7401
OPEN, CLOSE = "⟦", "⟧"
_ACCENTS = str.maketrans("aeiouAEIOUnNcC", "áéíóúÁÉÍÓÚñÑçÇ")
_KEEP = re.compile(r"(\{[^{}]*\}|<[^>]+>|&[a-z]+;|/[a-z_]+|\[|\]|https?://\S+)")
# Ordinary English words: one outside the marks is a text that bypassed the catalogue.
ENGLISH = re.compile(
    r"\b(the|you|your|and|with|for|this|that|will|have|please|thanks|what|when|here|check|saved|"
    r"cancel|today|tomorrow|yes|back|done|next|skip|save|settings|help|schedule|reminder|time)\b",
    re.IGNORECASE,
)
MAX_BUTTON = 48  # characters a phone shows on one button alone on its row, in the pseudo-language's length


def pseudo(text: str) -> str:
    """Accented outside placeholders, tags and commands; padded by 30%; marked at both ends."""
    parts = _KEEP.split(text)
    out = "".join(p if i % 2 else p.translate(_ACCENTS) for i, p in enumerate(parts))
    return OPEN + out + "·" * (len(text) * 3 // 10) + CLOSE


@pytest.fixture
def pseudo_language(tmp_path: Path) -> Iterator[str]:
    locale = tmp_path / "locale"
    shutil.copytree(catalogue.LOCALE_DIR, locale)
    with (locale / "messages.pot").open("rb") as f:
        template = read_po(f)
    made = Catalog(locale="en")  # English plural rules: two forms
    for m in template:
        if not m.id:
            continue
        if m.context in _PATTERNS:
            made.add(m.id, m.id, context=m.context)  # a date pattern stays a valid pattern
        elif isinstance(m.id, tuple):
            made.add(m.id, tuple(pseudo(x) for x in m.id), context=m.context)
        else:
            made.add(m.id, pseudo(m.id), context=m.context)
    (locale / "xx" / "LC_MESSAGES").mkdir(parents=True)
    with (locale / "xx" / "LC_MESSAGES" / "messages.po").open("wb") as f:
        write_po(f, made)
    before = catalogue.LOCALE_DIR
    catalogue.LOCALE_DIR = locale
    catalogue.NAMES["xx"] = "Pseudo"
    catalogue.reload()
    try:
        yield "xx"
    finally:
        catalogue.LOCALE_DIR = before
        catalogue.NAMES.pop("xx", None)
        catalogue.reload()


_PATTERNS = extract.PATTERNS  # date patterns stay valid patterns


def _outside_marks(text: str) -> str:
    depth, kept = 0, []
    for ch in text:
        depth += ch == OPEN
        if depth == 0:
            kept.append(ch)
        depth -= ch == CLOSE and depth > 0
    return "".join(kept)


def _bypassed(harness: Harness, text: str) -> list[str]:
    s = harness.settings
    rest = _outside_marks(html.unescape(text))
    for value in (s.crisis_lines, s.crisis_lines_es, s.clinic_label(), s.bot_display_name):  # settings, not texts
        rest = rest.replace(value, " ")
    return ENGLISH.findall(rest)


async def test_every_reply_of_an_everyday_week_comes_through_the_catalogue(
    harness: Harness, pseudo_language: str, monkeypatch: pytest.MonkeyPatch
):
    # Nobody writes the pseudo-language: no message is told apart as written in another language,
    # so the crisis reply too is in the reader's.
    monkeypatch.setattr(language, "likely", lambda text: None)
    issued = await harness.invite(Role.CLIENT, language=pseudo_language)
    await harness.send(CLIENT, f"/start {issued.code}")
    await harness.press(CLIENT, "1|consent|1")
    person = await harness.person(CLIENT)
    assert person is not None and person.language == pseudo_language
    start = len(harness.req.sent)
    for command in ("/help", "/checkin", None, None, None, None, None, None, None, "/progress", "/history"):
        if command is not None:
            await harness.send(CLIENT, command)
        else:  # the first button of the check-in's current step
            last = harness.last(CLIENT)
            if last.buttons:
                await harness.press(CLIENT, last.buttons[0][1], message_id=last.message_id)
    for command in ("/settings", "/cancel", "/safetyplan", "/cancel", "/schedule", "/privacy", "/language"):
        await harness.send(CLIENT, command)
    await harness.send(CLIENT, "/nosuchcommand")
    await harness.send(CLIENT, "i want to end my life")
    sent = [m for m in harness.req.sent[start:] if m.chat_id == CLIENT and m.text]
    assert len(sent) > 15
    bypassed = {m.text[:60]: found for m in sent if (found := _bypassed(harness, m.text))}
    assert bypassed == {}
    labels = [label for m in sent for label, _ in m.buttons]
    owners = {label: m.text[:50] for m in sent for label, _ in m.buttons}
    unmarked = [
        label
        for label in labels
        if OPEN not in label and re.search(r"[A-Za-z]{3,}", label) and label not in catalogue.NAMES.values()
    ]
    assert unmarked == [], [owners[u] for u in unmarked]
    too_long = [label for label in labels if len(label) > MAX_BUTTON]
    assert too_long == []
