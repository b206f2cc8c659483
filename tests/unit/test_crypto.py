import pytest

from bot.core import crypto
from bot.core.errors import ConfigError


def test_round_trip_and_prefix():
    crypto.configure(crypto.generate_key())
    stored = crypto.encrypt("I felt shaky today")
    assert stored.startswith("enc:v1:") and "felt shaky" not in stored  # a space never occurs in base64
    assert crypto.decrypt(stored) == "I felt shaky today"


def test_plain_text_written_without_key_stays_readable():
    crypto.configure("")
    assert crypto.encrypt("note") == "note"
    assert crypto.decrypt("note") == "note"


def test_wrong_key_is_a_config_error():
    crypto.configure(crypto.generate_key())
    stored = crypto.encrypt("x")
    crypto.configure(crypto.generate_key())
    with pytest.raises(ConfigError) as exc:
        crypto.decrypt(stored)
    assert exc.value.variable == "ENCRYPTION_KEY"


def test_with_a_key_list_new_text_uses_the_first_and_every_listed_key_reads():
    """During a rotation: written with the new key, old values still read, is_current tells them apart."""
    old, new = crypto.generate_key(), crypto.generate_key()
    crypto.configure(old)
    before = crypto.encrypt("written before")
    crypto.configure(new, [old])
    after = crypto.encrypt("written during")
    assert crypto.decrypt(before) == "written before" and crypto.decrypt(after) == "written during"
    assert not crypto.is_current(before) and crypto.is_current(after)
    assert crypto.is_current(crypto.rotate(before)) and crypto.decrypt(crypto.rotate(before)) == "written before"
    crypto.configure(new)
    assert crypto.decrypt(after) == "written during" and not crypto.is_readable(before)


def test_a_value_under_a_newer_key_makes_the_bot_read_the_key_again_once():
    """A bot started before the rotation meets a value under the new key: it rereads the keys and reads it."""
    old, new = crypto.generate_key(), crypto.generate_key()
    crypto.configure(new)
    rotated = crypto.encrypt("rotated meanwhile")
    crypto.configure(old)
    written_before = crypto.encrypt("old text")
    asked = []

    def from_env() -> list[str]:
        asked.append(1)
        return [new, old]

    crypto.set_reloader(from_env)
    try:
        assert crypto.decrypt(rotated) == "rotated meanwhile"
        assert crypto.configured_keys() == (new, old) and crypto.decrypt(written_before) == "old text"
        assert crypto.is_current(crypto.encrypt("x"))  # new text goes under the new key
        assert not crypto.reload() and len(asked) == 2  # nothing newer: the keys stay
    finally:
        crypto.set_reloader(None)


def test_a_reload_never_drops_a_key_in_use():
    """A .env the reloader cannot read (or without keys) leaves the configured keys as they are."""
    key = crypto.generate_key()
    crypto.configure(key)
    crypto.set_reloader(lambda: [])
    try:
        assert not crypto.reload() and crypto.configured_keys() == (key,)
    finally:
        crypto.set_reloader(None)
