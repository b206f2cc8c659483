"""The FAQ: clients' questions and answers (`answers`), what they show (`views`), a guess and its
"Did I get that right?" buttons (`guesses`), and staff's FAQ download (`admin`); upload and gaps are in `answers`."""
