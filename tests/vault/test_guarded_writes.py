"""Retention to the day, the write lock around passwd, the folder fsync after each rename."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from dialog_kit.atomic import remove_durably, write_atomic
from dialog_kit.errors import WrongPassphraseError
from dialog_kit.record import Status
from dialog_kit.vault import Vault, VaultBusyError, months_before

from .conftest import PASSPHRASE, MakeRecord, lock_held_by_another_process, snapshot

TODAY = date(2026, 3, 31)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 3, 31), 24, date(2024, 3, 31)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),  # no 31 February: its last day
        (date(2024, 3, 30), 1, date(2024, 2, 29)),  # a leap year
        (date(2026, 1, 15), 1, date(2025, 12, 15)),  # across a new year
        (date(2026, 1, 15), 13, date(2024, 12, 15)),
        (date(2026, 5, 1), 12, date(2025, 5, 1)),
    ],
)
def test_months_before_counts_calendar_months(day: date, months: int, expected: date) -> None:
    assert months_before(day, months) == expected


def test_purge_keeps_a_talk_exactly_at_the_cut_off_and_erases_the_day_before(
    vault: Vault, make_record: MakeRecord
) -> None:
    # 24 months before 31 March 2026 is 31 March 2024: that talk is exactly 24 months
    # old, not older, so it stays; one day more and it goes. One month either way
    # (23 or 25 months) must not decide it.
    talks = {
        "at the cut-off": make_record(on=date(2024, 3, 31), status=Status.COMPLETED),
        "a day older": make_record(on=date(2024, 3, 30), status=Status.LOCKED),
        "23 months": make_record(on=date(2024, 4, 30), status=Status.COMPLETED),
        "25 months": make_record(on=date(2024, 2, 29), status=Status.COMPLETED),
        "old but open": make_record(on=date(2020, 1, 1), status=Status.IN_PROGRESS),
    }
    for record in talks.values():
        vault.save(record)
    ids = {record.id: what for what, record in talks.items()}
    candidates = {ids[r.id] for r in vault.purge_candidates(24, TODAY)}
    assert candidates == {"a day older", "25 months"}
    erased = {ids[r.id] for r in vault.purge(24, TODAY)}
    assert erased == {"a day older", "25 months"}
    left = {ids[r.id] for r in vault.list_records().records}
    assert left == {"at the cut-off", "23 months", "old but open"}


def test_a_passphrase_change_waits_for_the_write_lock(
    vault: Vault, vault_path: Path, make_record: MakeRecord
) -> None:
    vault.save(make_record())
    vault.release_write_lock()
    before = snapshot(vault_path)
    with lock_held_by_another_process(vault_path):
        with pytest.raises(VaultBusyError):
            vault.change_passphrase("a passphrase nobody else agreed to")
        assert snapshot(vault_path) == before
    # Once the other process is gone the change goes through, and the old one stops working.
    vault.change_passphrase("a passphrase nobody else agreed to")
    vault.close()
    again = Vault.open(vault_path)
    again.unlock("a passphrase nobody else agreed to")
    again.close()
    assert snapshot(vault_path)["identity.age"] != before["identity.age"]
    with Vault.open(vault_path) as old, pytest.raises(WrongPassphraseError):
        old.unlock(PASSPHRASE)


class _Journal:
    """Records renames, unlinks and fsyncs (of files and folders, by inode) in order."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.events: list[tuple[str, str, int]] = []
        real_fsync, real_replace, real_unlink = os.fsync, os.replace, os.unlink

        def fsync(fd: int) -> None:
            st = os.fstat(fd)
            self.events.append(("fsync", "dir" if stat.S_ISDIR(st.st_mode) else "file", st.st_ino))
            real_fsync(fd)

        def replace(src: object, dst: object, **kw: object) -> None:
            real_replace(src, dst, **kw)  # type: ignore[arg-type]
            self.events.append(("rename", str(dst), os.stat(Path(str(dst)).parent).st_ino))

        def unlink(path: object, **kw: object) -> None:
            parent = os.stat(Path(str(path)).parent).st_ino
            real_unlink(path, **kw)  # type: ignore[arg-type]
            self.events.append(("unlink", str(path), parent))

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(os, "unlink", unlink)

    def folder_fsynced_after(self, what: str, path: Path) -> bool:
        """Whether the folder of `path` was fsynced after the last `what` (rename/unlink) of it."""
        last = max(
            i
            for i, (kind, name, _ino) in enumerate(self.events)
            if kind == what and name == str(path)
        )
        folder = self.events[last][2]
        return ("fsync", "dir", folder) in self.events[last + 1 :]


def test_write_atomic_fsyncs_the_file_before_and_the_folder_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.bin"
    target.write_bytes(b"old")
    journal = _Journal(monkeypatch)
    write_atomic(target, b"new")
    rename = next(i for i, e in enumerate(journal.events) if e[0] == "rename")
    assert any(e[:2] == ("fsync", "file") for e in journal.events[:rename])
    assert journal.folder_fsynced_after("rename", target)


def test_saving_and_erasing_a_record_fsync_the_records_folder(
    vault: Vault, make_record: MakeRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = make_record()
    path = vault.records_dir / f"{record.id}.age"
    journal = _Journal(monkeypatch)
    vault.save(record)
    assert journal.folder_fsynced_after("rename", path)
    vault.delete(record.id)
    assert journal.folder_fsynced_after("unlink", path)


def test_remove_durably_fsyncs_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "gone.bin"
    target.write_bytes(b"x")
    journal = _Journal(monkeypatch)
    remove_durably(target)
    assert journal.folder_fsynced_after("unlink", target)


def test_a_passphrase_change_fsyncs_the_vault_folder(
    vault: Vault, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = _Journal(monkeypatch)
    vault.change_passphrase("another long passphrase here")
    assert journal.folder_fsynced_after("rename", vault_path / "identity.age")
