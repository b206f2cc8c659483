"""First-line screen for suicide, self-harm and overdose language in free text.

A deliberately simple word-list screen that errs towards safety: a false alarm only shows
the crisis lines, a miss can cost a life. It is a stop-gap: a fuller screen replaces
`is_crisis` later, so everything lives in this one function and its pattern list.
"""

from __future__ import annotations

import re

# Each pattern is matched against lower-cased text with curly apostrophes made straight.
# Spelling slips are covered inside the patterns (e.g. "sucide", "suiside", "kil myself").
_CRISIS_PATTERNS = re.compile(
    "|".join(
        (
            # suicide and its misspellings ("sucide", "suiside", "suicidal"), joke spellings
            r"\bsu+[iy]?[cs]+[iy]?d(?:e|es|al|el|ial|ing)?\b",
            r"\bsuicid",
            r"\bsewer\s*slide",
            # killing / hurting oneself; "kill me" is left out on purpose (everyday hyperbole)
            r"\bk+i+l+(?:l|s|ing|ed|in)?\s*(?:my\s*self|myself|mysef|myslef|meself|maself)\b",
            r"\bkms\b",
            r"\bkys\b",
            r"\b(?:hurt|harm|cut|burn|starve|punish)(?:ing)?\s*(?:my\s*self|myself|mysef|myslef|meself)\b",
            r"\bself[\s-]*(?:harm|injur|hurt|mutilat)",
            r"\bcut(?:ting)?\s+(?:my\s+)?(?:wrists?|arms?|legs?|thighs?)\b",
            r"\bslit\s+(?:my\s+)?(?:wrists?|throat)\b",
            r"\bhang(?:ing)?\s*my\s*self\b",
            r"\bjump(?:ing)?\s+(?:off\s+(?:a|the|of)\s+(?:bridge|building|roof|cliff)|in\s+front\s+of)",
            # wanting to die or to be gone ("dying to know" does not match)
            r"\b(?:want|wanna|wanted|going|gonna|ready|need|plan|planning)\s*(?:to\s+)?die\b",
            r"\b(?:want|wanna|wish|wished|hope)\s+(?:i\s+)?(?:to\s+be|was|were|could\s+be)\s+dead\b",
            r"\bbetter\s+off\s+dead\b",
            r"\bun[\s-]?aliv",
            r"\bsleep\s+forever\b",
            r"\bdisappear\s+forever\b",
            r"\b(?:never|not)\s+wake\s+up\b",
            r"\bend(?:ing)?\s+it\s+all\b",
            r"\bend(?:ing)?\s+(?:it|things)\s+(?:tonight|today|now|soon)\b",
            r"\bend(?:ing)?\s+my\s+(?:own\s+)?life\b",
            r"\btak(?:e|ing)\s+my\s+(?:own\s+)?life\b",
            r"\b(?:dont|don't|do\s+not)\s+want\s+to\s+(?:live|be\s+alive|exist|be\s+here\s+anymore|wake\s+up)\b",
            r"\bno\s+(?:reason|point)\s+(?:to|in)\s+(?:live|living|going\s+on)\b",
            r"\b(?:not|isn'?t|aint)\s+worth\s+living\b",
            r"\blife\s+(?:is\s*n'?t|is\s+not|aint)\s+worth\s+it\b",
            r"\bcan'?t\s+go\s+on\s*(?:anymore|any\s+more|like\s+this|living|[.!]*$)",
            # overdose: "overdose", "od", "od'd", "oded" (but not "odd"), too many pills
            r"\bover\s*-?\s*dos(?:e|ed|es|ing)\b",
            r"\bod(?:'d|'ed|ed|ing)?\b",
            r"\b(?:took|taken|take|swallowed|ate|taking)\s+(?:way\s+)?"
            r"(?:too\s+many|a\s+(?:bunch|lot)\s+of|all\s+(?:my|the|of\s+my))\s+(?:pills|meds|tablets|medication)\b",
            r"\btoo\s+many\s+(?:pills|tablets)\b",
            r"\btook\s+(?:way\s+)?too\s+much\b(?!\s+time)",
        )
    )
)


def is_crisis(text: str) -> bool:
    """True when `text` contains suicide, self-harm or overdose language (errs to safety)."""
    if not text:
        return False
    flat = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return _CRISIS_PATTERNS.search(flat) is not None
