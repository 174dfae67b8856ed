"""age headers are read within limits: a planted file with huge headers is refused quickly."""

from __future__ import annotations

import base64
import os

import pytest

from dialog_kit import age


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _stanza() -> bytes:
    return b"-> X25519 " + _b64(os.urandom(32)) + b"\n" + _b64(os.urandom(32)) + b"\n"


def _file_with_stanzas(count: int) -> bytes:
    mac = b"--- " + _b64(os.urandom(32)) + b"\n"
    return b"age-encryption.org/v1\n" + _stanza() * count + mac + os.urandom(64)


def test_sixty_four_recipients_are_written_and_read() -> None:
    identities = [age.Identity.generate() for _ in range(age.MAX_STANZAS)]
    data = age.encrypt(b"note", [i.recipient for i in identities])
    assert age.decrypt(data, [identities[-1]]) == b"note"


def test_encrypting_to_more_recipients_than_a_file_may_have_is_refused() -> None:
    recipients = [age.Identity.generate().recipient for _ in range(age.MAX_STANZAS + 1)]
    with pytest.raises(age.AgeError, match=str(age.MAX_STANZAS)):
        age.encrypt(b"note", recipients)


def test_a_header_with_one_stanza_too_many_is_a_header_error() -> None:
    identity = age.Identity.generate()
    with pytest.raises(age.HeaderError, match=f"more than {age.MAX_STANZAS} recipients"):
        age.decrypt(_file_with_stanzas(age.MAX_STANZAS + 1), [identity])


def test_the_640000_stanza_record_is_refused_as_malformed_not_tried() -> None:
    # 60 MiB of stanzas took 47 s and 450 MB to end in "none of the keys opens it";
    # now the header is refused for its size before any stanza is tried.
    data = _file_with_stanzas(640_000)
    assert len(data) > 60_000_000
    with pytest.raises(age.HeaderError, match=r"larger than|more than"):
        age.decrypt(data, [age.Identity.generate()])


def test_a_huge_first_line_without_an_end_is_refused_for_its_size() -> None:
    data = b"age-encryption.org/v1\n-> X25519 " + b"A" * (age.MAX_HEADER_SIZE + 10)
    with pytest.raises(age.HeaderError, match="larger than"):
        age.decrypt(data, [age.Identity.generate()])


def test_a_short_incomplete_header_still_says_incomplete() -> None:
    with pytest.raises(age.HeaderError, match="incomplete"):
        age.decrypt(b"age-encryption.org/v1\n-> X25519 abc", [age.Identity.generate()])
