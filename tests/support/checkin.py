"""Helpers for driving a daily check-in through the harness by the labels a client sees."""

from __future__ import annotations

from sqlalchemy import select

from bot.db.models import Checkin

GOOD_DAY = ("3", "🙂", "No", "Well", "Skip", "No")  # six taps; Save is the seventh


def buttons(harness, uid: int) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """label -> callback data of the last message sent to `uid`."""
    return dict(harness.last(uid).buttons)


async def tap(harness, uid: int, label: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Press the button labelled `label` on the last message the client got."""
    data = buttons(harness, uid).get(label)
    assert data is not None, f"no button {label!r} in {harness.last(uid).buttons}"
    return await harness.press(uid, data, message_id=harness.last(uid).message_id)


async def check_in(harness, uid: int, answers=GOOD_DAY, save: bool = True) -> list[str]:  # type: ignore[no-untyped-def]
    """A whole check-in by taps (typing an answer that is no button label, like a note); returns what
    the Save tap (or the last answer) produced."""
    await harness.send(uid, "/checkin")
    replies: list[str] = []
    for label in answers:
        if label in buttons(harness, uid):
            replies = await tap(harness, uid, label)
        else:
            replies = await harness.send(uid, label)
    if save:
        replies = await tap(harness, uid, "✅ Save")
    return replies


async def rows(harness) -> list[Checkin]:  # type: ignore[no-untyped-def]
    async with harness.db.session() as s:
        return list((await s.execute(select(Checkin).order_by(Checkin.local_date))).scalars())
