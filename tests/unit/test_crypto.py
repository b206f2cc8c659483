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
