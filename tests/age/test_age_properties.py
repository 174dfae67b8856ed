"""Property tests: round trips at chunk boundaries, and no damaged file is ever accepted."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialog_kit import age

CHUNK = 64 * 1024
SECRET, PUBLIC = age.generate_identity()
IDENTITY = age.parse_identity(SECRET)
PASSPHRASE = "Sju sjösjuka sjömän"

SLOW = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _data(size: int, seed: int = 0) -> bytes:
    return random.Random(seed).randbytes(size)


def _header_length(encrypted: bytes) -> int:
    return encrypted.index(b"\n---") + 1 + 48  # "--- " + 43 base64 characters + "\n"


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK])
def test_x25519_round_trip_at_chunk_boundaries(size: int) -> None:
    plaintext = _data(size, size)
    encrypted = age.encrypt(plaintext, [PUBLIC])
    chunks = max(1, -(-size // CHUNK))
    # STREAM: a nonce, then each chunk with a 16-byte tag; no empty trailing chunk.
    assert len(encrypted) == _header_length(encrypted) + 16 + size + 16 * chunks
    assert age.decrypt(encrypted, [SECRET]) == plaintext
    assert age.decrypt(encrypted, [IDENTITY]) == plaintext


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK])
def test_passphrase_round_trip_at_chunk_boundaries(size: int) -> None:
    plaintext = _data(size, size)
    encrypted = age.encrypt_with_passphrase(plaintext, PASSPHRASE, work_factor=10)
    assert age.decrypt_with_passphrase(encrypted, PASSPHRASE) == plaintext


@SLOW
@given(size=st.integers(min_value=0, max_value=4 * CHUNK + 3), seed=st.integers(0, 2**32))
def test_x25519_round_trip_random_sizes(size: int, seed: int) -> None:
    plaintext = _data(size, seed)
    assert age.decrypt(age.encrypt(plaintext, [PUBLIC]), [IDENTITY]) == plaintext


@SLOW
@given(data=st.binary(max_size=300), passphrase=st.text(min_size=1, max_size=40))
def test_passphrase_round_trip_random(data: bytes, passphrase: str) -> None:
    encrypted = age.encrypt_with_passphrase(data, passphrase, work_factor=4)
    assert age.decrypt_with_passphrase(encrypted, passphrase, max_work_factor=4) == data


def _flip(data: bytes, bit: int) -> bytes:
    damaged = bytearray(data)
    damaged[bit // 8] ^= 1 << (bit % 8)
    return bytes(damaged)


def test_every_single_bit_flip_of_a_small_x25519_file_is_rejected() -> None:
    encrypted = age.encrypt(b"We agreed on a course in March.", [PUBLIC])
    header_end = _header_length(encrypted)
    for bit in range(len(encrypted) * 8):
        with pytest.raises(age.AgeError) as info:
            age.decrypt(_flip(encrypted, bit), [IDENTITY])
        if bit >= header_end * 8:  # nonce and payload: the header still opens
            assert type(info.value) is age.PayloadError, bit


def test_every_truncation_of_a_small_x25519_file_is_rejected() -> None:
    encrypted = age.encrypt(b"We agreed on a course in March.", [PUBLIC])
    for length in range(len(encrypted)):
        with pytest.raises(age.AgeError):
            age.decrypt(encrypted[:length], [IDENTITY])


MULTI_CHUNK = age.encrypt(_data(2 * CHUNK + 10, 7), [PUBLIC, age.generate_identity()[1]])


@SLOW
@given(bit=st.integers(min_value=0, max_value=len(MULTI_CHUNK) * 8 - 1))
def test_any_bit_flip_of_a_multi_chunk_file_is_rejected(bit: int) -> None:
    with pytest.raises(age.AgeError):
        age.decrypt(_flip(MULTI_CHUNK, bit), [IDENTITY])


@SLOW
@given(length=st.integers(min_value=0, max_value=len(MULTI_CHUNK) - 1))
def test_any_truncation_of_a_multi_chunk_file_is_rejected(length: int) -> None:
    with pytest.raises(age.AgeError):
        age.decrypt(MULTI_CHUNK[:length], [IDENTITY])


def test_truncation_at_chunk_boundaries_is_a_payload_error() -> None:
    start = _header_length(MULTI_CHUNK) + 16
    for length in (start, start + CHUNK + 16, start + 2 * (CHUNK + 16)):
        with pytest.raises(age.PayloadError):
            age.decrypt(MULTI_CHUNK[:length], [IDENTITY])


@pytest.mark.parametrize("extra", [b"\x00", b"x" * 17, bytes(CHUNK + 16)])
def test_trailing_data_is_a_payload_error(extra: bytes) -> None:
    with pytest.raises(age.PayloadError):
        age.decrypt(MULTI_CHUNK + extra, [IDENTITY])


SCRYPT_FILE = age.encrypt_with_passphrase(b"identity goes here", PASSPHRASE, work_factor=10)


@settings(SLOW, max_examples=60)
@given(bit=st.integers(min_value=0, max_value=len(SCRYPT_FILE) * 8 - 1))
def test_any_bit_flip_of_a_passphrase_file_is_rejected(bit: int) -> None:
    # A cap of 12 keeps flips of the work factor (10 -> 18, 14) fast: they are refused.
    with pytest.raises(age.AgeError):
        age.decrypt_with_passphrase(_flip(SCRYPT_FILE, bit), PASSPHRASE, max_work_factor=12)


@settings(SLOW, max_examples=40)
@given(length=st.integers(min_value=0, max_value=len(SCRYPT_FILE) - 1))
def test_any_truncation_of_a_passphrase_file_is_rejected(length: int) -> None:
    with pytest.raises(age.AgeError):
        age.decrypt_with_passphrase(SCRYPT_FILE[:length], PASSPHRASE)
