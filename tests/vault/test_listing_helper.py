"""Large vaults are listed with a helper process; its answers equal reading in one process."""

from __future__ import annotations

from pathlib import Path

import pytest

import dialog_kit.vault.parallel as vault_module
from dialog_kit import age
from dialog_kit.vault import ListResult, Vault

from .conftest import MakeRecord


@pytest.fixture
def mixed_vault(vault: Vault, make_record: MakeRecord) -> Vault:
    """Twelve records, one damaged, one for someone else, one with a foreign name."""
    for i in range(12):
        vault.save(make_record(name=f"Person {i}"))
    damaged = make_record(name="Damaged")
    vault.save(damaged)
    path = vault.records_dir / f"{damaged.id}.age"
    path.write_bytes(path.read_bytes()[:-3])
    stranger = age.generate_identity()[1]
    (vault.records_dir / "5b5e7c4a-1111-4222-8333-444455556666.age").write_bytes(
        age.encrypt(b"{}", [stranger])
    )
    (vault.records_dir / "Thumbs.db").write_bytes(b"\x00")
    return vault


def _serial(vault: Vault, monkeypatch: pytest.MonkeyPatch) -> ListResult:
    monkeypatch.setattr(vault_module, "PARALLEL_MIN_FILES", 10**9)
    return vault.list_records()


def _with_helper(
    vault: Vault, monkeypatch: pytest.MonkeyPatch, read_here: list[str] | None = None
) -> ListResult:
    """Lists with the helper; `read_here` collects the files this process read itself."""
    monkeypatch.setattr(vault_module, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(vault_module, "HEAD_START", 3)
    monkeypatch.setattr(vault_module, "_parallel_possible", lambda: True)
    real = vault_module._read_record_file

    def counting(records_dir: Path, name: str, identity: age.Identity) -> object:
        if read_here is not None:
            read_here.append(name)
        return real(records_dir, name, identity)

    monkeypatch.setattr(vault_module, "_read_record_file", counting)
    return vault.list_records()


def test_the_helper_lists_exactly_what_one_process_lists(
    mixed_vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = _serial(mixed_vault, monkeypatch)
    read_here: list[str] = []
    helped = _with_helper(mixed_vault, monkeypatch, read_here)
    assert len(read_here) == 3  # the head start; the helper decrypted the other 11
    assert helped.records == alone.records
    assert helped.damaged == alone.damaged
    assert len(helped.records) == 12
    assert len(helped.damaged) == 3


@pytest.mark.parametrize("executable", ["/bin/false", "/nonexistent/python"])
def test_a_failing_helper_changes_nothing_but_speed(
    mixed_vault: Vault, monkeypatch: pytest.MonkeyPatch, executable: str
) -> None:
    alone = _serial(mixed_vault, monkeypatch)
    monkeypatch.setattr(vault_module.sys, "executable", executable)
    read_here: list[str] = []
    helped = _with_helper(mixed_vault, monkeypatch, read_here)
    assert len(read_here) == 14  # every record file, read here after the helper failed
    assert helped.records == alone.records
    assert helped.damaged == alone.damaged


def test_the_helper_leaves_no_file_behind(
    mixed_vault: Vault, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = sorted(p.name for p in tmp_path.rglob("*"))
    _with_helper(mixed_vault, monkeypatch)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
