"""Meetings: staff's /meetings (`menu`, `add`, `edit`, `common`), /schedule (`schedule`), `attendance`, `broadcast`."""
