"""The FAQ through the real Application: menu, free-text questions, crisis, staff tools."""

from __future__ import annotations

import html
from pathlib import Path

from sqlalchemy import select

from bot import texts
from bot.db.models import FaqGap, OutboxMessage, Role
from conversations.care.questions import AskAboutUnanswered
from conversations.faq.answers import CategoryButton, EntryButton, HomeButton
from conversations.settings import Choice, SettingsButton
from tests.support import tg
from tests.support.harness import Harness

CLIENT, STAFF, THERAPIST = 6501, 7501, 8501
CONTENT = Path(__file__).parents[2] / "bot" / "domain" / "faq" / "faq.yaml"


async def test_menu_categories_questions_answer_and_back(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/faq")
    home = harness.last(CLIENT).buttons
    assert home and all(CategoryButton.matches(data) for _, data in home)
    for _, data in home:
        assert len(data.encode()) <= 64
    category = home[0][1]
    replies = await harness.press(CLIENT, category)
    page = harness.last(CLIENT)
    questions = [(t, d) for t, d in page.buttons if EntryButton.matches(d)]
    assert questions and ("All topics", HomeButton().pack()) in page.buttons
    await harness.press(CLIENT, questions[0][1])
    answer = harness.last(CLIENT)
    assert answer.text.startswith(f"<b>{questions[0][0][:20]}") or questions[0][0][:20] in answer.text
    assert any(CategoryButton.matches(d) for _, d in answer.buttons)  # back
    assert replies is not None


async def test_paging_through_a_long_category(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    kb = harness.app.bot_data["services"].faq.kb
    big = max(kb.categories, key=lambda c: len(kb.in_category(c.id)))
    await harness.press(CLIENT, CategoryButton(big.id, 0).pack())
    first = harness.last(CLIENT)
    if len(kb.in_category(big.id)) > 6:
        assert ("Next ▶", CategoryButton(big.id, 1).pack()) in first.buttons
        await harness.press(CLIENT, CategoryButton(big.id, 1).pack())
        assert ("◀ Previous", CategoryButton(big.id, 0).pack()) in harness.last(CLIENT).buttons
    # A page number past the end is clamped, not an error.
    await harness.press(CLIENT, CategoryButton(big.id, 99).pack())
    assert "(" in harness.last(CLIENT).text or harness.last(CLIENT).buttons


async def test_free_text_question_gets_the_answer(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    replies = await harness.send(CLIENT, "how many hours a week is the program")
    assert len(replies) == 1 and "<b>" in replies[0]
    assert any(EntryButton.matches(d) or HomeButton.matches(d) for _, d in harness.last(CLIENT).buttons)


async def test_unanswerable_question_offers_three_topics_and_is_logged_anonymously(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    replies = await harness.send(CLIENT, "what is the capital city of peru")
    assert "not sure" in replies[0]
    buttons = harness.last(CLIENT).buttons
    assert len([d for _, d in buttons if EntryButton.matches(d)]) <= 3
    assert any(label == "Ask my care team" and AskAboutUnanswered.matches(d) for label, d in buttons)
    async with harness.db.session() as s:
        gap = (await s.execute(select(FaqGap))).scalar_one()
    assert gap.text == "what is the capital city of peru"
    assert not hasattr(gap, "person_id") and not hasattr(gap, "telegram_id")


async def test_small_talk_gets_a_friendly_reply(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    replies = await harness.send(CLIENT, "hey thanks!")
    assert replies == ["Hi! I'm here whenever you need me. Ask me anything about the program, or browse the topics."]
    async with harness.db.session() as s:
        assert (await s.execute(select(FaqGap))).first() is None


async def test_crisis_message_gets_crisis_lines_never_an_article(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    for text, words in [
        ("i want to kms", "a person can help you right now"),
        ("thinking about ending it all tonight", "a person can help you right now"),
        ("I took too many pills", "call 911 now"),  # an overdose now: emergency first
    ]:
        replies = await harness.send(CLIENT, text)
        assert len(replies) == 1
        assert "988" in replies[0] and words in replies[0]
        assert not any(EntryButton.matches(d) for _, d in harness.last(CLIENT).buttons)


async def test_crisis_message_inside_another_conversation(harness: Harness) -> None:
    """Crisis language in the middle of /settings is answered alone; the open step still takes a
    time, and words that are no time join the exchange until the person goes back to it."""
    from bot.domain.safety.buttons import CrisisResume

    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    await harness.press(CLIENT, SettingsButton(Choice.TIME).pack())
    replies = await harness.send(CLIENT, "i dont want to be alive anymore")
    assert len(replies) == 1 and "988" in replies[0]
    assert (await harness.send(CLIENT, "8pm"))[0] == "Daily reminder set for 20:00."
    await harness.press(CLIENT, SettingsButton(Choice.TIME).pack())
    went = await harness.send(CLIENT, "i dont know what to do")
    assert len(went) == 1 and "988" in went[0] and "kept this" in went[0]  # nobody holds it yet: no "passed on"
    await harness.press(CLIENT, CrisisResume().pack())
    assert "couldn't read" in (await harness.send(CLIENT, "no idea honestly"))[0]
    # Words the screen reads as "possible" after they went back are no longer kept: they get the full reply.
    again = await harness.send(CLIENT, "i dont know what to do")
    assert len(again) == 1 and "are you having thoughts of hurting yourself" in again[0]


async def test_unknown_user_in_crisis_gets_the_lines(harness: Harness) -> None:
    replies = await harness.send(4444, "i want to kill myself")
    assert "988" in replies[0] and "a person can help you right now" in replies[0]


async def test_ask_team_sends_the_question_behind_view_once(harness: Harness) -> None:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST, display_name="Dr. R")
    client = await harness.enroll(CLIENT, therapist_id=therapist.id)
    await harness.send(CLIENT, "what is the capital city of peru")
    data = dict(harness.last(CLIENT).buttons)["Ask my care team"]
    assert await harness.press(CLIENT, data) == [texts.QUESTION_SENT]
    assert await harness.press(CLIENT, data) == [texts.QUESTION_SENT_BEFORE]  # pressed twice: one question
    async with harness.db.session() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == THERAPIST))).scalars().all()
    assert len(rows) == 1
    text = rows[0].payload
    assert client.code in text and "peru" not in text


async def test_faqgaps_for_staff_only(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    await harness.enroll(STAFF, Role.STAFF)
    await harness.send(CLIENT, "what is the capital city of peru")
    await harness.send(CLIENT, "What is the capital city of Peru")
    replies = await harness.send(STAFF, "/faqgaps")
    assert "2× “" in replies[0] and "peru" in replies[0].lower()
    assert str(CLIENT) not in replies[0]
    assert "only for clinic staff" in (await harness.send(CLIENT, "/faqgaps"))[0]


async def test_faqupload_refuses_a_bad_file_and_keeps_the_old_content(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    before = len(harness.app.bot_data["services"].faq.kb)
    await harness.send(STAFF, "/faqupload")
    harness.req.files["bad1"] = b"categories: [\n  - id: x\n"  # broken YAML
    replies = await harness.push(STAFF, tg.document(harness.bot, STAFF, "bad1", "faq.yaml"))
    assert "I did not load that file" in replies[0]
    assert len(harness.app.bot_data["services"].faq.kb) == before


async def test_faqupload_accepts_a_valid_file_and_it_survives_restart(harness: Harness) -> None:
    """A clean file replaces the content at once and is still in force after a restart."""
    import yaml

    await harness.enroll(STAFF, Role.STAFF)
    await harness.enroll(CLIENT)
    data = yaml.safe_load(CONTENT.read_text())
    first = data["entries"][0]
    first["answer"] = "This answer was replaced by an upload."
    harness.req.files["good1"] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    replies = await harness.push(STAFF, tg.document(harness.bot, STAFF, "good1", "faq.yaml", caption="/faqupload"))
    assert replies[0].startswith("New FAQ loaded:")
    await harness.press(CLIENT, EntryButton(first["id"]).pack())
    assert "replaced by an upload" in harness.last(CLIENT).text
    await harness.restart()
    from bot.entry.app import startup

    await startup(harness.app)  # post_init loads the newest upload
    await harness.press(CLIENT, EntryButton(first["id"]).pack())
    assert "replaced by an upload" in harness.last(CLIENT).text


async def test_faqupload_wants_a_document(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    await harness.send(STAFF, "/faqupload")
    replies = await harness.push(STAFF, tg.sticker(harness.bot, STAFF))
    assert "Send me the FAQ file" in replies[0]
    assert (await harness.send(STAFF, "/cancel"))[0].startswith("Okay, stopped")


BAD_UPLOADS = {
    "id-not-text": (
        "  - id: 7\n    question: Q?\n    asked: [q]\n    answer: A.\n    category: general\n",
        "id must be text",
    ),
    "category-mapping": (
        "  - id: q\n    question: Q?\n    asked: [q]\n    answer: A.\n    category: {id: general}\n",
        "category must be a category's id, not a mapping",
    ),
    "id-too-long": (
        f"  - id: {'q' * 65}\n    question: Q?\n    asked: [q]\n    answer: A.\n    category: general\n",
        "64 bytes",
    ),
}


async def test_faqupload_refuses_files_that_would_break_the_menu(harness: Harness) -> None:
    """Each file that once passed and then broke /faq for everyone is refused; /faq keeps working."""
    await harness.enroll(STAFF, Role.STAFF)
    await harness.enroll(CLIENT)
    before = harness.app.bot_data["services"].faq.kb
    for name, (entry, reason) in BAD_UPLOADS.items():
        harness.req.files[name] = ("categories:\n  - id: general\n    title: General\nentries:\n" + entry).encode()
        replies = await harness.push(STAFF, tg.document(harness.bot, STAFF, name, "faq.yaml", caption="/faqupload"))
        shown = html.unescape(replies[0])
        assert "I did not load that file" in shown and reason in shown, (name, replies)
        assert harness.app.bot_data["services"].faq.kb is before
    await harness.send(CLIENT, "/faq")
    assert harness.last(CLIENT).buttons
    assert not harness.crashed()


async def test_ids_at_the_limit_work_in_every_faq_button(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    await harness.enroll(CLIENT)
    cat, entry = "c" * 24, "e" * 24
    harness.req.files["long"] = (
        f"categories:\n  - id: {cat}\n    title: Long\nentries:\n"
        + "".join(
            f"  - id: {entry[:-2]}{i:02d}\n    question: Question {i}?\n    asked: [ask {i}]\n"
            f"    answer: Answer {i}.\n    category: {cat}\n" + (f"    related: [{entry[:-2]}00]\n" if i else "")
            for i in range(8)
        )
    ).encode()
    replies = await harness.push(STAFF, tg.document(harness.bot, STAFF, "long", "faq.yaml", caption="/faqupload"))
    assert replies[0].startswith("New FAQ loaded: 8 entries")
    await harness.send(CLIENT, "/faq")
    await harness.press(CLIENT, harness.last(CLIENT).buttons[0][1])
    page = harness.last(CLIENT).buttons
    assert any(label == "Next ▶" for label, _ in page)
    for _, data in page:
        await harness.press(CLIENT, data)
        assert all(len(d.encode()) <= 64 for _, d in harness.last(CLIENT).buttons)
    assert not harness.crashed()
