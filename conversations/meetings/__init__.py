"""Meetings: staff's /meetings (`menu`, `add`, `edit`, `common`), /closures (`closures`), /schedule (`schedule`),
`attendance`, `broadcast`."""
