"""PTB persistence in the database: what a restart reads back."""

from __future__ import annotations

from sqlalchemy import text

from bot.services.persistence import DatabasePersistence


async def test_conversations_and_user_data_round_trip(db):
    p = DatabasePersistence(db)
    await p.update_conversation("settings", (42, 42), "settings:time")
    await p.update_conversation("invite", (7, 7), "invite:name")
    await p.update_user_data(42, {"pending_invite": 3, "draft": {"role": "client"}})
    fresh = DatabasePersistence(db)  # as after a restart
    assert await fresh.get_conversations("settings") == {(42, 42): "settings:time"}
    assert await fresh.get_conversations("invite") == {(7, 7): "invite:name"}
    assert await fresh.get_user_data() == {42: {"pending_invite": 3, "draft": {"role": "client"}}}


async def test_ended_conversations_and_empty_data_are_removed(db):
    p = DatabasePersistence(db)
    await p.update_conversation("settings", (42, 42), "settings:time")
    await p.update_conversation("settings", (42, 42), None)
    await p.update_user_data(42, {"x": 1})
    await p.update_user_data(42, {})
    await p.update_chat_data(42, {"y": 2})
    await p.drop_chat_data(42)
    assert await p.get_conversations("settings") == {}
    assert await p.get_user_data() == {}
    assert await p.get_chat_data() == {}
    async with db.engine.connect() as conn:
        assert (await conn.execute(text("select count(*) from conversation_state"))).scalar_one() == 0


async def test_state_is_encrypted_at_rest(db):
    p = DatabasePersistence(db)
    # A space never occurs in Fernet's URL-safe base64, so this cannot match by chance.
    await p.update_user_data(42, {"draft": {"name": "Jane Doe"}})
    async with db.engine.connect() as conn:
        raw = (await conn.execute(text("select value from conversation_state"))).scalar_one()
    assert raw.startswith("enc:v1:") and "Jane Doe" not in raw
