"""The public API of dialog_kit.age: keys, errors, recipients and passphrases."""

from __future__ import annotations

import re

import pytest

from dialog_kit import age
from dialog_kit.errors import DialogKitError

SECRET_RE = re.compile(r"AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}")
PUBLIC_RE = re.compile(r"age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}")

# From the CCTV vectors: a known identity and the recipient age-keygen derives for it.
KNOWN_SECRET = "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0"


def test_generated_identities_have_the_standard_form() -> None:
    secret, public = age.generate_identity()
    assert SECRET_RE.fullmatch(secret)
    assert PUBLIC_RE.fullmatch(public)
    assert age.recipient_from_identity(secret) == public
    assert age.generate_identity()[0] != secret


def test_identity_objects_cache_the_key_and_never_show_the_secret() -> None:
    identity = age.parse_identity(KNOWN_SECRET)
    assert identity.secret() == KNOWN_SECRET
    assert age.recipient_from_identity(identity) == identity.recipient
    assert KNOWN_SECRET not in repr(identity)
    assert identity.recipient in repr(identity)


def test_parse_recipient_round_trips() -> None:
    _, public = age.generate_identity()
    recipient = age.parse_recipient(public)
    assert str(recipient) == public
    assert age.parse_recipient(f"  {public}\n") == recipient


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "age1",
        "hello",
        "age2qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq",
        "age1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lsp73x",  # valid bech32, 20-byte key
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",  # valid bech32, other HRP
    ],
)
def test_parse_recipient_rejects_malformed_strings(bad: str) -> None:
    with pytest.raises(age.AgeError) as info:
        age.parse_recipient(bad)
    assert info.value.title == "Invalid key"
    assert info.value.exit_code == 2  # bad input (issue 9): not an operation that failed


def test_parse_recipient_rejects_a_typo_a_case_mix_and_an_identity() -> None:
    secret, public = age.generate_identity()
    typo = public[:-1] + ("q" if public[-1] != "q" else "p")
    mixed = public[:10] + public[10:].upper()
    for bad in (typo, mixed, public.upper(), secret):
        with pytest.raises(age.AgeError) as info:
            age.parse_recipient(bad)
        assert secret not in str(info.value)


def test_parse_identity_rejects_lower_case_and_recipients() -> None:
    secret, public = age.generate_identity()
    for bad in (secret.lower(), public, secret[:-1] + "Q" if secret[-1] != "Q" else "P"):
        with pytest.raises(age.AgeError) as info:
            age.parse_identity(bad)
        assert secret not in str(info.value)
        assert secret.lower() not in str(info.value)


def test_errors_are_dialog_kit_errors_with_exit_code_1() -> None:
    for cls in (age.HeaderError, age.NoMatchError, age.HMACError, age.PayloadError):
        assert issubclass(cls, age.AgeError)
        assert issubclass(cls, DialogKitError)
        error = cls("message")
        assert error.exit_code == 1
        assert error.title and error.message == "message"


def test_the_wrong_key_is_a_no_match_error_without_key_or_plaintext() -> None:
    secret, public = age.generate_identity()
    other_secret, _ = age.generate_identity()
    encrypted = age.encrypt(b"Anna wants to leave in May", [public])
    with pytest.raises(age.NoMatchError) as info:
        age.decrypt(encrypted, [other_secret])
    text = str(info.value)
    assert "Anna" not in text and other_secret not in text and secret not in text


def test_any_of_several_recipients_and_identities_opens_the_file() -> None:
    keys = [age.generate_identity() for _ in range(3)]
    encrypted = age.encrypt(b"shared", [public for _, public in keys])
    assert encrypted.count(b"\n-> X25519 ") == 3
    for secret, _ in keys:
        assert age.decrypt(encrypted, [age.generate_identity()[0], secret]) == b"shared"


def test_encrypt_needs_a_recipient_and_a_sequence() -> None:
    _, public = age.generate_identity()
    with pytest.raises(age.AgeError):
        age.encrypt(b"x", [])
    with pytest.raises(TypeError):
        age.encrypt(b"x", public)
    with pytest.raises(age.AgeError):
        age.encrypt(b"x", ["age1notarecipient"])


def test_header_layout_is_canonical() -> None:
    _, public = age.generate_identity()
    encrypted = age.encrypt(b"x", [public])
    lines = encrypted.split(b"\n")
    assert lines[0] == b"age-encryption.org/v1"
    assert re.fullmatch(rb"-> X25519 [A-Za-z0-9+/]{43}", lines[1])
    assert re.fullmatch(rb"[A-Za-z0-9+/]{43}", lines[2])
    assert re.fullmatch(rb"--- [A-Za-z0-9+/]{43}", lines[3])


def test_a_wrong_passphrase_is_a_no_match_error() -> None:
    encrypted = age.encrypt_with_passphrase(b"identity", "kanelbulle", work_factor=10)
    with pytest.raises(age.NoMatchError) as info:
        age.decrypt_with_passphrase(encrypted, "smorrebrod")
    assert "kanelbulle" not in str(info.value) and "smorrebrod" not in str(info.value)
    assert "identity" not in str(info.value)


def test_work_factor_above_the_cap_is_refused_before_any_work() -> None:
    encrypted = age.encrypt_with_passphrase(b"identity", "pw", work_factor=12)
    with pytest.raises(age.HeaderError, match="12"):
        age.decrypt_with_passphrase(encrypted, "pw", max_work_factor=11)
    assert age.decrypt_with_passphrase(encrypted, "pw", max_work_factor=12) == b"identity"


def test_bad_passphrase_arguments() -> None:
    with pytest.raises(ValueError):
        age.encrypt_with_passphrase(b"x", "pw", work_factor=0)
    with pytest.raises(ValueError):
        age.encrypt_with_passphrase(b"x", "pw", work_factor=31)
    with pytest.raises(age.AgeError):
        age.encrypt_with_passphrase(b"x", "")


def test_recipient_files_and_passphrase_files_are_not_confused() -> None:
    secret, public = age.generate_identity()
    for_key = age.encrypt(b"x", [public])
    for_passphrase = age.encrypt_with_passphrase(b"x", "pw", work_factor=4)
    with pytest.raises(age.NoMatchError):
        age.decrypt_with_passphrase(for_key, "pw")
    with pytest.raises(age.NoMatchError):
        age.decrypt(for_passphrase, [secret])


@pytest.mark.parametrize("data", [b"", b"hello", b"-----BEGIN AGE ENCRYPTED FILE-----\n"])
def test_non_age_input_is_a_header_error(data: bytes) -> None:
    secret, _ = age.generate_identity()
    with pytest.raises(age.HeaderError):
        age.decrypt(data, [secret])
    with pytest.raises(age.HeaderError):
        age.decrypt_with_passphrase(data, "pw")


def test_bech32_matches_the_bip173_reference_vectors() -> None:
    hrp, data = age.bech32_decode("A12UEL5L")
    assert (hrp, data) == ("A", b"")
    for bad in ("A12UEL5l", "a12uel5m", "1pzry9x0s0muk", "x1b4n0q5v"):
        with pytest.raises(ValueError):
            age.bech32_decode(bad)


def test_key_files_in_age_keygen_layout_round_trip() -> None:
    secret, public = age.generate_identity()
    text = age.format_identity_file(secret, created="2026-05-04T10:00:00+02:00")
    assert text.splitlines() == [
        "# created: 2026-05-04T10:00:00+02:00",
        f"# public key: {public}",
        secret,
    ]
    [identity] = age.parse_identity_file(text)
    assert identity.secret() == secret
    other, _ = age.generate_identity()
    assert len(age.parse_identity_file(f"{secret}\n\n# comment\n{other}\n")) == 2


@pytest.mark.parametrize("text", ["", "# only a comment\n", "AGE-SECRET-KEY-1NOPE\n"])
def test_bad_key_files_are_refused_without_echoing_them(text: str) -> None:
    with pytest.raises(age.KeyFormatError) as info:
        age.parse_identity_file(text)
    assert "NOPE" not in str(info.value)
