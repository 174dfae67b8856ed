"""The C2SP CCTV age vectors: every X25519 and scrypt case gives the expected result."""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from dialog_kit import age

VECTORS = Path(__file__).resolve().parent / "cctv"

EXPECTED_IN_SCOPE = 92
ARMOR = "ASCII armor is not supported (our files are binary age)"
HYBRID = "needs a post-quantum mlkem768x25519 identity, which is not supported"

# Every vector we do not run, with the reason; a vector in neither group fails the suite.
OUT_OF_SCOPE: dict[str, str] = {
    **{
        name: ARMOR
        for name in [
            "armor_crlf",
            "armor_empty",
            "armor_empty_last_line",
            "armor_empty_line_begin",
            "armor_empty_line_end",
            "armor_eol_between_padding",
            "armor_full_last_line",
            "armor_garbage_encoded",
            "armor_garbage_leading",
            "armor_garbage_trailing",
            "armor_header_crlf",
            "armor_headers",
            "armor_hybrid",
            "armor_invalid_character_header",
            "armor_invalid_character_payload",
            "armor_long_line",
            "armor_lowercase",
            "armor_no_end_line",
            "armor_no_eol",
            "armor_no_match",
            "armor_no_padding",
            "armor_not_canonical",
            "armor_pgp_checksum",
            "armor_scrypt",
            "armor_short_line",
            "armor_whitespace_begin",
            "armor_whitespace_end",
            "armor_whitespace_eol",
            "armor_whitespace_last_line",
            "armor_whitespace_line_start",
            "armor_whitespace_outside",
            "armor_wrong_type",
            "armor_x25519",
        ]
    },
    **{
        name: HYBRID
        for name in [
            "hybrid",
            "hybrid_and_x25519",
            "hybrid_bad_tag",
            "hybrid_currupted_enc_mlkem",
            "hybrid_currupted_enc_x25519",
            "hybrid_extra_argument",
            "hybrid_grease",
            "hybrid_identity",
            "hybrid_long_file_key",
            "hybrid_long_share",
            "hybrid_low_order",
            "hybrid_multiple_recipients",
            "hybrid_no_match",
            "hybrid_not_canonical_body",
            "hybrid_not_canonical_enc",
            "hybrid_short_share",
            "hybrid_uppercase",
            "hybrid_x25519_arg",
        ]
    },
}

FAILURES: dict[str, type[age.AgeError]] = {
    "header failure": age.HeaderError,
    "no match": age.NoMatchError,
    "HMAC failure": age.HMACError,
    "payload failure": age.PayloadError,
}


@dataclass
class Vector:
    name: str
    headers: dict[str, list[str]]
    body: bytes

    @property
    def expect(self) -> str:
        return self.headers["expect"][0]

    @property
    def armored(self) -> bool:
        return "armored" in self.headers

    @property
    def identities(self) -> list[str]:
        return self.headers.get("identity", [])


def load(path: Path) -> Vector:
    raw = path.read_bytes()
    head, sep, body = raw.partition(b"\n\n")
    assert sep, f"{path.name}: no blank line after the headers"
    headers: dict[str, list[str]] = {}
    for line in head.decode("utf-8").split("\n"):
        key, colon, value = line.partition(":")
        assert colon, f"{path.name}: bad header line {line!r}"
        headers.setdefault(key, []).append(value.strip())
    if headers.get("compressed") == ["zlib"]:
        body = zlib.decompress(body)
    return Vector(path.name, headers, body)


ALL_VECTORS = sorted(p.name for p in VECTORS.iterdir() if p.is_file())
IN_SCOPE = [name for name in ALL_VECTORS if name not in OUT_OF_SCOPE]


def test_the_vector_set_is_complete_and_every_exclusion_is_justified() -> None:
    assert len(ALL_VECTORS) == 143
    assert len(IN_SCOPE) == EXPECTED_IN_SCOPE
    assert len(OUT_OF_SCOPE) == 51
    assert set(OUT_OF_SCOPE) <= set(ALL_VECTORS), "an excluded vector is missing"
    for name, reason in OUT_OF_SCOPE.items():
        vector = load(VECTORS / name)
        if reason == ARMOR:
            assert vector.armored, name
        else:
            assert any(i.startswith("AGE-SECRET-KEY-PQ-1") for i in vector.identities), name
    for name in IN_SCOPE:
        vector = load(VECTORS / name)
        assert not vector.armored, name
        assert all(i.startswith("AGE-SECRET-KEY-1") for i in vector.identities), name


def _decrypt(vector: Vector) -> bytes:
    if "passphrase" in vector.headers:
        return age.decrypt_with_passphrase(vector.body, vector.headers["passphrase"][0])
    x25519 = [i for i in vector.identities if i.startswith("AGE-SECRET-KEY-1")]
    return age.decrypt(vector.body, x25519)


@pytest.mark.parametrize("name", IN_SCOPE)
def test_vector(name: str) -> None:
    vector = load(VECTORS / name)
    if vector.expect == "success":
        plaintext = _decrypt(vector)
        assert hashlib.sha256(plaintext).hexdigest() == vector.headers["payload"][0]
        return
    expected = FAILURES[vector.expect]
    with pytest.raises(age.AgeError) as info:
        _decrypt(vector)
    assert type(info.value) is expected, f"{name}: {info.value!r}"


@pytest.mark.parametrize("name", [n for n, r in OUT_OF_SCOPE.items() if r == ARMOR])
def test_armored_files_are_refused_with_a_header_error(name: str) -> None:
    vector = load(VECTORS / name)
    with pytest.raises(age.HeaderError):
        _decrypt(vector)


def test_post_quantum_identities_are_refused_clearly() -> None:
    vector = load(VECTORS / "hybrid")
    with pytest.raises(age.AgeError) as info:
        age.decrypt(vector.body, vector.identities)
    assert info.value.title == "Invalid key"
    assert vector.identities[0] not in str(info.value)


def test_x25519_stanzas_are_found_among_unknown_ones() -> None:
    # hybrid_and_x25519 has an X25519 stanza for a key we do not hold, next to a
    # post-quantum one: an X25519 identity must be told "no match", not a parse error.
    vector = load(VECTORS / "hybrid_and_x25519")
    other_secret, _ = age.generate_identity()
    with pytest.raises(age.NoMatchError):
        age.decrypt(vector.body, [other_secret])
