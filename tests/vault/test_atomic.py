"""write_atomic leaves the old or the new file, never a broken one, and a full disk says so."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from dialog_kit.atomic import ensure_private_dir, write_atomic
from dialog_kit.errors import DialogKitError
from dialog_kit.vault import Vault

from .conftest import MakeRecord


def test_write_atomic_replaces_the_file_with_mode_0600(tmp_path: Path) -> None:
    target = tmp_path / "file.bin"
    target.write_bytes(b"old")
    os.chmod(target, 0o644)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert os.listdir(tmp_path) == ["file.bin"]


def test_write_atomic_ignores_a_permissive_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        write_atomic(tmp_path / "f", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "f").stat().st_mode) == 0o600


def _fail_on_write(monkeypatch: pytest.MonkeyPatch, code: int, after_bytes: int = 10) -> None:
    real_write = os.write

    def full_disk(fd: int, data: bytes | memoryview) -> int:
        # Write a little, then run out of space: a half-written temporary file.
        if len(data) > after_bytes:
            real_write(fd, bytes(data[:after_bytes]))
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "write", full_disk)


def test_a_full_disk_keeps_the_old_file_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.bin"
    target.write_bytes(b"the previous version")
    _fail_on_write(monkeypatch, errno.ENOSPC)
    with pytest.raises(DialogKitError) as info:
        write_atomic(target, b"x" * 1000)
    assert info.value.title == "Disk full"
    assert "previous version is kept" in info.value.message
    assert target.read_bytes() == b"the previous version"
    assert os.listdir(tmp_path) == ["file.bin"]


def test_a_failing_fsync_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.bin"
    target.write_bytes(b"old")

    def broken_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="Input/output"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["file.bin"]


def test_a_full_disk_during_save_keeps_the_previous_record(
    vault: Vault, make_record: MakeRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = make_record(note="first version")
    vault.save(record)
    record.add_note("agree", "second version that will not fit")
    _fail_on_write(monkeypatch, errno.ENOSPC)
    with pytest.raises(DialogKitError, match="Disk full"):
        vault.save(record)
    monkeypatch.undo()
    loaded = vault.load(record.id)
    assert [n.text for _, n in loaded.notes()] == [
        "first version",
        "Wants to train as a mentor",
    ]
    assert sorted(os.listdir(vault.records_dir)) == [f"{record.id}.age"]


def test_a_full_disk_during_passphrase_change_keeps_the_old_passphrase(
    vault: Vault, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .conftest import PASSPHRASE

    _fail_on_write(monkeypatch, errno.ENOSPC)
    with pytest.raises(DialogKitError, match="Disk full"):
        vault.change_passphrase("new passphrase")
    monkeypatch.undo()
    vault.close()
    again = Vault.open(vault_path)
    again.unlock(PASSPHRASE)
    again.close()


def test_ensure_private_dir_creates_and_tightens(tmp_path: Path) -> None:
    made = ensure_private_dir(tmp_path / "a")
    assert stat.S_IMODE(made.stat().st_mode) == 0o700
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o755)
    os.chmod(loose, 0o755)
    ensure_private_dir(loose)
    assert stat.S_IMODE(loose.stat().st_mode) == 0o700


def test_a_full_disk_during_init_leaves_no_half_made_vault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "vault"
    _fail_on_write(monkeypatch, errno.ENOSPC)
    with pytest.raises(DialogKitError, match="Disk full"):
        Vault.create(target, "a passphrase", work_factor=10)
    monkeypatch.undo()
    assert not target.exists()
    Vault.create(target, "a passphrase", work_factor=10).close()
    assert Vault.exists(target)
