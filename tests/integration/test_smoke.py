async def test_unknown_user_gets_the_guest_message(harness):
    """Someone without a code learns the bot is for the clinic's clients and how to get a code."""
    replies = await harness.send(5001, "hello?")
    assert len(replies) == 1
    assert "Riverside Recovery" in replies[0]
    assert "enrollment code" in replies[0]
    assert await harness.person(5001) is None
