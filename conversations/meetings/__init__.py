"""Meetings: staff's /meetings (`menu`, `add`, `edit`, `dates`, `common`), /closures (`closures`),
/schedule (`schedule`), `attendance`, `broadcast` (its preview's words: `broadcast_preview`)."""
