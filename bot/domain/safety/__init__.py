"""The safety net a client meets: the crisis screen, check-in risk rules and the safety plan.

- `screen`: the one function that decides whether a message is crisis language (`screen`, `is_crisis`).
- `patterns` (with `crisis_patterns.yaml` beside it) and `folding`: the reviewed patterns and the text
  normalisation they run on.
- `risk`: which check-in answers raise which flag.
- `plan`: the client's safety plan; `buttons`: the crisis question and safety-plan buttons.
- `situations`: which crisis reply fits (intoxicated, a weapon, whose overdose) from the screening.
- `typed_answer`: a typed yes or no to the plain safety question ("si", "kind of", "I'm safe").
What the care team hears of a flag lives in `bot.domain.care`.
"""
