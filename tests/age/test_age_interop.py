"""Interoperability with Debian's age: files and keys go both ways, X25519 and passphrase."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from dialog_kit import age

PASSPHRASE = "correct horse battery staple ☃"

TtyRunner = Callable[..., object]


def _payload(size: int) -> bytes:
    return os.urandom(size)


def _write_identity(path: Path, secret: str) -> Path:
    path.write_text(age.format_identity_file(secret, created="2026-05-04"), encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.mark.needs_age
@pytest.mark.parametrize("size", [0, 1, 65536, 65537, 3 * 65536 + 5])
def test_our_x25519_files_open_with_age(age_bin: str, tmp_path: Path, size: int) -> None:
    secret, public = age.generate_identity()
    plaintext = _payload(size)
    encrypted = tmp_path / "note.age"
    encrypted.write_bytes(age.encrypt(plaintext, [public]))
    keyfile = _write_identity(tmp_path / "key.txt", secret)
    done = subprocess.run(
        [age_bin, "-d", "-i", str(keyfile), str(encrypted)], capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == plaintext


@pytest.mark.needs_age
def test_our_file_for_two_recipients_opens_with_either_key_in_age(
    age_bin: str, tmp_path: Path
) -> None:
    keys = [age.generate_identity() for _ in range(2)]
    encrypted = tmp_path / "note.age"
    encrypted.write_bytes(age.encrypt(b"agreed actions", [public for _, public in keys]))
    for n, (secret, _) in enumerate(keys):
        keyfile = _write_identity(tmp_path / f"key{n}.txt", secret)
        done = subprocess.run(
            [age_bin, "-d", "-i", str(keyfile), str(encrypted)], capture_output=True, check=False
        )
        assert done.returncode == 0, done.stderr.decode()
        assert done.stdout == b"agreed actions"


@pytest.mark.needs_age
@pytest.mark.parametrize("size", [0, 100, 65536, 200_000])
def test_age_x25519_files_open_with_ours(
    age_bin: str, age_keygen_bin: str, tmp_path: Path, size: int
) -> None:
    keyfile = tmp_path / "key.txt"
    subprocess.run([age_keygen_bin, "-o", str(keyfile)], check=True, capture_output=True)
    [identity] = age.parse_identity_file(keyfile.read_text())
    secret = identity.secret()
    public = subprocess.run(
        [age_keygen_bin, "-y", str(keyfile)], check=True, capture_output=True, text=True
    ).stdout.strip()
    plaintext = _payload(size)
    encrypted = subprocess.run(
        [age_bin, "-r", public], input=plaintext, check=True, capture_output=True
    ).stdout
    assert age.decrypt(encrypted, [secret]) == plaintext
    assert age.decrypt(encrypted, [age.parse_identity(secret)]) == plaintext


@pytest.mark.needs_age
def test_age_keygen_keys_and_ours_agree(age_keygen_bin: str, tmp_path: Path) -> None:
    keyfile = tmp_path / "key.txt"
    subprocess.run([age_keygen_bin, "-o", str(keyfile)], check=True, capture_output=True)
    theirs = keyfile.read_text()
    secret = next(line for line in theirs.splitlines() if line.startswith("AGE-SECRET-KEY-1"))
    public = subprocess.run(
        [age_keygen_bin, "-y", str(keyfile)], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert age.recipient_from_identity(secret) == public
    assert f"# public key: {public}" in theirs
    ours_secret, ours_public = age.generate_identity()
    ours_file = _write_identity(tmp_path / "ours.txt", ours_secret)
    derived = subprocess.run(
        [age_keygen_bin, "-y", str(ours_file)], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert derived == ours_public


@pytest.mark.needs_age
def test_age_encrypts_to_our_recipient(age_bin: str, tmp_path: Path) -> None:
    secret, public = age.generate_identity()
    encrypted = subprocess.run(
        [age_bin, "-r", public], input=b"hello", check=True, capture_output=True
    ).stdout
    assert age.decrypt(encrypted, [secret]) == b"hello"


@pytest.mark.needs_age
def test_age_refuses_our_file_with_the_wrong_key(age_bin: str, tmp_path: Path) -> None:
    _, public = age.generate_identity()
    other_secret, _ = age.generate_identity()
    encrypted = tmp_path / "note.age"
    encrypted.write_bytes(age.encrypt(b"private", [public]))
    keyfile = _write_identity(tmp_path / "other.txt", other_secret)
    done = subprocess.run(
        [age_bin, "-d", "-i", str(keyfile), str(encrypted)], capture_output=True, check=False
    )
    assert done.returncode != 0
    assert done.stdout == b""


@pytest.mark.needs_age
@pytest.mark.parametrize("size", [0, 70_000])
def test_our_passphrase_files_open_with_age(age_tty: TtyRunner, tmp_path: Path, size: int) -> None:
    plaintext = _payload(size)
    encrypted = tmp_path / "identity.age"
    encrypted.write_bytes(age.encrypt_with_passphrase(plaintext, PASSPHRASE, work_factor=10))
    out = tmp_path / "out.bin"
    run = age_tty(["-d", "-o", str(out), str(encrypted)], PASSPHRASE)
    assert run.returncode == 0, run.transcript  # type: ignore[attr-defined]
    assert run.prompts == 1  # type: ignore[attr-defined]
    # age opens its output lazily: an empty plaintext leaves no file behind.
    assert (out.read_bytes() if out.exists() else b"") == plaintext


@pytest.mark.needs_age
def test_age_refuses_our_passphrase_file_with_a_wrong_passphrase(
    age_tty: TtyRunner, tmp_path: Path
) -> None:
    encrypted = tmp_path / "identity.age"
    encrypted.write_bytes(age.encrypt_with_passphrase(b"secret", PASSPHRASE, work_factor=10))
    out = tmp_path / "out.bin"
    run = age_tty(["-d", "-o", str(out), str(encrypted)], "wrong")
    assert run.returncode != 0
    assert not out.exists() or out.read_bytes() == b""


@pytest.mark.needs_age
@pytest.mark.slow
def test_passphrase_files_at_the_default_work_factor_both_ways(
    age_tty: TtyRunner, tmp_path: Path
) -> None:
    # The one test at the default work factor (18, also age -p's): about a second per scrypt.
    ours = tmp_path / "ours.age"
    ours.write_bytes(age.encrypt_with_passphrase(b"identity", PASSPHRASE))
    assert re.match(rb"age-encryption.org/v1\n-> scrypt [A-Za-z0-9+/]{22} 18\n", ours.read_bytes())
    out = tmp_path / "ours.out"
    run = age_tty(["-d", "-o", str(out), str(ours)], PASSPHRASE)
    assert run.returncode == 0, run.transcript  # type: ignore[attr-defined]
    assert out.read_bytes() == b"identity"

    plaintext = _payload(70_000)
    source = tmp_path / "plain.bin"
    source.write_bytes(plaintext)
    theirs = tmp_path / "plain.bin.age"
    run = age_tty(["-p", "-o", str(theirs), str(source)], PASSPHRASE)
    assert run.returncode == 0, run.transcript  # type: ignore[attr-defined]
    assert run.prompts == 2  # type: ignore[attr-defined]  # enter and confirm
    data = theirs.read_bytes()
    assert data.split(b"\n")[1].startswith(b"-> scrypt ")
    assert data.split(b"\n")[1].endswith(b" 18")
    with pytest.raises(age.HeaderError):
        age.decrypt_with_passphrase(data, PASSPHRASE, max_work_factor=17)
    assert age.decrypt_with_passphrase(data, PASSPHRASE) == plaintext
