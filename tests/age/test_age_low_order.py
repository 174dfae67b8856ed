"""Low-order X25519 recipients are refused: the age spec makes an all-zero shared secret an
error."""

from __future__ import annotations

import pytest

from dialog_kit import age

# The u-coordinates of the points of small order on Curve25519 and its twist, as libsodium
# lists them: 0, 1, the two points of order 8, p-1, and p and p+1 (non-canonical 0 and 1).
_SMALL_ORDER = [
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
    "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
]
# X25519 ignores the top bit of the last byte, so the same points with it set are low order too.
LOW_ORDER_KEYS = [bytes.fromhex(h) for h in _SMALL_ORDER] + [
    bytes.fromhex(h)[:31] + bytes([bytes.fromhex(h)[31] | 0x80]) for h in _SMALL_ORDER
]
LOW_ORDER_RECIPIENTS = [age.bech32_encode("age", key) for key in LOW_ORDER_KEYS]
ZERO_RECIPIENT = LOW_ORDER_RECIPIENTS[0]


def test_the_zero_key_is_the_one_from_the_report() -> None:
    # 32 zero bytes are 52 zero groups of five bits, then the six-letter checksum.
    assert ZERO_RECIPIENT.startswith("age1" + "q" * 52) and len(ZERO_RECIPIENT) == 62


@pytest.mark.parametrize("recipient", LOW_ORDER_RECIPIENTS, ids=range(14))
def test_parse_recipient_refuses_low_order_keys(recipient: str) -> None:
    with pytest.raises(age.KeyFormatError, match="low-order"):
        age.parse_recipient(recipient)


@pytest.mark.parametrize("key", LOW_ORDER_KEYS, ids=range(14))
def test_encrypt_refuses_a_low_order_recipient_without_a_traceback(key: bytes) -> None:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    # A Recipient built past the parser (as an old vault.toml might hold it).
    planted = age.Recipient(key, X25519PublicKey.from_public_bytes(key))
    _, good = age.generate_identity()
    with pytest.raises(age.KeyFormatError, match="low-order"):
        age.encrypt(b"secret", [good, planted])


def test_ordinary_keys_still_parse_and_encrypt() -> None:
    secret, public = age.generate_identity()
    assert str(age.parse_recipient(public)) == public
    assert age.decrypt(age.encrypt(b"x", [public]), [secret]) == b"x"


@pytest.mark.parametrize("recipient", LOW_ORDER_RECIPIENTS, ids=range(14))
def test_encrypt_refuses_a_low_order_recipient_given_as_text(recipient: str) -> None:
    _, good = age.generate_identity()
    with pytest.raises(age.KeyFormatError, match="low-order"):
        age.encrypt(b"secret", [good, recipient])
