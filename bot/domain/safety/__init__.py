"""The safety net a client meets: the crisis screen, check-in risk rules and the safety plan.

- `screen`: the one function that decides whether a message is crisis language (`screen`, `is_crisis`).
- `constructs` (with `crisis_constructs.yaml` beside it): the clinical constructs as token patterns.
- `patterns` (with `crisis_patterns.yaml` beside it): the reviewed phrase patterns (coded words).
- `context` (with `crisis_context.yaml` beside it): ConText, whether a finding is negated, past or hypothetical.
- `lemmas`: tokens and light lemmas per language; `language`: which language a message is in.
- `learned` (with `crisis_model.json.gz` beside it): the learned layer, a linear model that may only raise a
  message the rules left alone to possible; `training` fits it and writes that file (`triage --train`).
- `folding` and `lookalikes`: the text normalisation the rules run on (invisible characters, look-alike letters).
- `evaluate`: the screen measured on a labelled file; `reviews`: the care team's marks, kept as examples.
- `risk`: which check-in answers raise which flag.
- `short_messages`: crying emoji (a gentle check), "thanks" and "ok" (a short acknowledgement).
- `plan`: the client's safety plan; `buttons`: the crisis question, safety-plan and /screen buttons.
- `situations`: which crisis reply fits (intoxicated, a weapon, whose overdose) from the screening.
- `typed_answer`: a typed yes or no to the plain safety question ("si", "kind of", "I'm safe").
- `about_self`: whether flagged words speak of the writer ("I", "me", "yo"): a team member's step keeps
  only the words that do not.
What the care team hears of a flag lives in `bot.domain.care`.
"""
