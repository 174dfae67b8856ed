"""A record can be opened with the standard age command alone, and HR's age-keygen key works."""

from __future__ import annotations

import fcntl
import os
import select
import shutil
import subprocess
import termios
import time
from pathlib import Path

import pytest

from dialog_kit import age
from dialog_kit.record import Record
from dialog_kit.vault import Vault

from .conftest import PASSPHRASE, MakeRecord

pytestmark = pytest.mark.needs_age


@pytest.fixture(scope="module")
def age_bin() -> str:
    path = shutil.which("age")
    assert path, "Debian's age command is missing: run `make test` or `apt-get install age`"
    return path


def _take_controlling_terminal() -> None:
    # age reads a passphrase from /dev/tty only, so the pty must be its controlling terminal.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def age_with_passphrase(args: list[str], passphrase: str, out: Path) -> tuple[int, str]:
    """Runs age on a pseudo-terminal, typing the passphrase at its prompt; output to `out`.

    The last of `args` is the input file (age wants it after every flag).
    """
    master, slave = os.openpty()
    try:
        proc = subprocess.Popen(
            [*args[:-1], "-o", str(out), args[-1]],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
            preexec_fn=_take_controlling_terminal,
        )
    finally:
        os.close(slave)
    transcript = b""
    answered = False
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                transcript += chunk
                if not answered and b"assphrase" in transcript:
                    os.write(master, passphrase.encode() + b"\n")
                    answered = True
            elif proc.poll() is not None:
                break
        code = proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    return code, transcript.decode("utf-8", "replace")


def test_a_record_opens_with_age_and_the_decrypted_identity(
    age_bin: str, vault: Vault, vault_path: Path, tmp_path: Path, make_record: MakeRecord
) -> None:
    record = make_record(note="opened without dialog_kit")
    vault.save(record)
    identity_text = age.decrypt_with_passphrase(
        (vault_path / "identity.age").read_bytes(), PASSPHRASE
    )
    key_file = tmp_path / "key.txt"
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(identity_text)

    result = subprocess.run(
        [age_bin, "-d", "-i", str(key_file), str(vault_path / "records" / f"{record.id}.age")],
        capture_output=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout == record.to_json().encode()
    assert Record.from_json(result.stdout) == record


def test_age_opens_identity_age_itself_with_the_passphrase(
    age_bin: str, vault: Vault, vault_path: Path, tmp_path: Path, make_record: MakeRecord
) -> None:
    """The step-by-step recipe in docs/vault.md: `age -d -i identity.age records/<id>.age`."""
    record = make_record()
    vault.save(record)
    out = tmp_path / "record.json"
    code, transcript = age_with_passphrase(
        [age_bin, "-d", "-i", str(vault_path / "identity.age"),
         str(vault_path / "records" / f"{record.id}.age")],
        PASSPHRASE,
        out,
    )  # fmt: skip
    assert code == 0, transcript
    assert Record.from_json(out.read_bytes()) == record


def test_hr_recovery_key_from_age_keygen_opens_every_record(
    age_bin: str, vault: Vault, vault_path: Path, tmp_path: Path, make_record: MakeRecord
) -> None:
    hr_key = tmp_path / "hr-key.txt"
    subprocess.run(["age-keygen", "-o", str(hr_key)], check=True, capture_output=True)
    public = next(
        line.split(": ", 1)[1]
        for line in hr_key.read_text().splitlines()
        if line.startswith("# public key: ")
    )
    before = make_record(name="Before")
    vault.save(before)
    vault.add_recipient(public)
    after = make_record(name="After")
    vault.save(after)
    for record in (before, after):
        result = subprocess.run(
            [age_bin, "-d", "-i", str(hr_key), str(vault_path / "records" / f"{record.id}.age")],
            capture_output=True,
            check=True,
        )
        assert Record.from_json(result.stdout) == record


def test_records_that_age_encrypts_to_the_vault_list_normally(
    age_bin: str, vault: Vault, tmp_path: Path, make_record: MakeRecord
) -> None:
    record = make_record(name="Written by age")
    plain = tmp_path / "plain.json"
    plain.write_text(record.to_json())
    target = vault.records_dir / f"{record.id}.age"
    subprocess.run([age_bin, "-r", vault.recipient, "-o", str(target), str(plain)], check=True)
    assert vault.list_records().records == [record]
