"""The FAQ: menu, answers, free-text questions, staff tools."""

from __future__ import annotations

FAQ_BACK_BUTTON = "◀ Back"

FAQ_HOME_BUTTON = "All topics"

FAQ_PREVIOUS_BUTTON = "◀ Previous"

FAQ_NEXT_BUTTON = "Next ▶"

FAQ_BROWSE_BUTTON = "Browse topics"

FAQ_ASK_TEAM_BUTTON = "Ask my care team"

FAQ_HOME = "<b>Questions about the program</b>\nPick a topic, or just type your question in your own words."

FAQ_GONE = "That topic has changed since this button was sent. Here are the current topics:"

FAQ_SMALLTALK = "Hi! I'm here whenever you need me. Ask me anything about the program, or browse the topics."

FAQ_NOT_SURE = (
    "I'm not sure I understood that. Is it one of these? If not, I can let your care team know you have a question."
)

FAQ_NO_GAPS = "Every question so far found an answer. Nothing to add."

FAQ_UPLOAD_ASK = "Send me the FAQ file (YAML) as a document, or /cancel. I'll check it before using it."

FAQ_UPLOAD_BAD = "I did not load that file; the current FAQ stays. Problems found:\n{problems}"

FAQ_UPLOAD_OK = "New FAQ loaded: {entries} entries in {categories} topics."

FAQ_DOWNLOAD_CAPTION = "The FAQ in use now. Edit it and send it back with /faqupload; I check it before using it."

FAQ_GAPS_HEADER = "<b>Questions the FAQ could not answer</b> (most asked first)"

FAQ_GAPS_LINE = "{count}× “{text}”"

FAQ_GAPS_NEAR = " · closest: {entry}"

FAQ_ANSWER = "<b>{question}</b>\n\n{answer}"

FAQ_CATEGORY_TITLE = "<b>{title}</b>{page}"

FAQ_CATEGORY_PAGE = " ({page}/{pages})"

FAQ_GUESS_QUESTION = "Did I get that right?"

FAQ_GUESS_YES_BUTTON = "Yes, thanks"

FAQ_GUESS_OTHER_BUTTON = "Show other topics"

FAQ_GUESS_THANKS = "Glad it helped. Ask me anything else, any time."

FAQ_GUESS_OTHER = (
    "Sorry, I got that wrong. Is it one of these? If not, I can let your care team know you have a question."
)

FAQ_GUESS_ALREADY = "You already answered that one. Ask me something else, or browse the topics."

FAQ_GUESSES_SUMMARY = (
    "<b>Guesses</b> (shown with “Did I get that right?”): {yes} confirmed, {other} not what they asked, "
    "{unanswered} no answer."
)

FAQ_GUESSES_BANDS = "By lead over the next topic: {bands}"

FAQ_GUESSES_BAND = "{low}–{high}: {yes} yes, {other} no"
