"""Fixtures for vault tests: a fast vault (scrypt work factor 10) and records with markers."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from dialog_kit.record import Action, GuideRef, Kind, Person, Record, Status, Visibility, new_record
from dialog_kit.vault import Vault

PASSPHRASE = "correct horse battery staple"
WORK_FACTOR = 10

MakeRecord = Callable[..., Record]


def build_record(
    name: str = "Åsa Lind",
    note: str = "a private note",
    on: date = date(2026, 3, 2),
    status: Status = Status.IN_PROGRESS,
) -> Record:
    record = new_record(
        Kind.DEVELOPMENT,
        GuideRef("development", 1),
        Person(name, "Undersköterska"),
        Person("Bo Ek", "Enhetschef"),
        "sv",
        on,
    )
    record.add_note("look-back", note, Visibility.PRIVATE)
    record.add_note("look-ahead", "Wants to train as a mentor", Visibility.SHARED)
    record.actions.append(Action("Mentor course", name, date(2026, 9, 1)))
    record.status = status
    return record


@pytest.fixture
def make_record() -> MakeRecord:
    return build_record


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def vault(vault_path: Path) -> Iterator[Vault]:
    v = Vault.create(vault_path, PASSPHRASE, work_factor=WORK_FACTOR)
    yield v
    v.close()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes (the lock file left out: it is not data)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


HOLD_LOCK = """
import sys
from pathlib import Path
from dialog_kit.vault import Vault
vault = Vault.open(Path(sys.argv[1]))
vault.acquire_write_lock()
print("locked", flush=True)
sys.stdin.read()
"""


@contextmanager
def lock_held_by_another_process(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holds the vault's write lock until the block ends."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        yield proc
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()
