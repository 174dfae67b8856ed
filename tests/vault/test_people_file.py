"""people.age: encrypted to every recipient, written atomically under the lock, read safely."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dialog_kit import age
from dialog_kit.people import Register
from dialog_kit.vault import Vault, VaultBusyError, VaultError
from dialog_kit.vault.people import PEOPLE_FILE
from tests.vault.conftest import PASSPHRASE, lock_held_by_another_process


def test_missing_register_is_empty_and_a_saved_one_reads_back(vault: Vault) -> None:
    assert vault.load_people() == Register()
    register = Register()
    register.add("Åsa Lind", "Undersköterska")
    vault.save_people(register)
    data = (vault.path / PEOPLE_FILE).read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n")
    assert "Åsa".encode() not in data and b"Lind" not in data
    assert (vault.path / PEOPLE_FILE).stat().st_mode & 0o777 == 0o600
    again = Vault.open(vault.path)
    again.unlock(PASSPHRASE)
    assert again.load_people() == register
    again.close()


def test_a_recipient_change_re_encrypts_the_register(vault: Vault) -> None:
    register = Register()
    register.add("Åsa Lind")
    vault.save_people(register)
    extra = age.Identity.generate()
    vault.add_recipient(extra.recipient)
    data = (vault.path / PEOPLE_FILE).read_bytes()
    assert Register.from_json(age.decrypt(data, [extra])) == register
    vault.remove_recipient(extra.recipient)
    with pytest.raises(age.NoMatchError):
        age.decrypt((vault.path / PEOPLE_FILE).read_bytes(), [extra])


@pytest.mark.parametrize("kind", ["link", "fifo", "folder", "garbage", "foreign"])
def test_a_planted_register_is_named_never_replaced(
    vault: Vault, tmp_path: Path, kind: str
) -> None:
    path = vault.path / PEOPLE_FILE
    if kind == "link":
        target = tmp_path / "elsewhere"
        target.write_bytes(b"x")
        path.symlink_to(target)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "garbage":
        path.write_bytes(b"not age at all")
    else:
        path.write_bytes(age.encrypt(b"{}", [age.Identity.generate().recipient]))
    with pytest.raises(VaultError) as err:
        vault.load_people()
    assert PEOPLE_FILE in err.value.message
    report = vault.check()
    assert any(p.name == PEOPLE_FILE for p in report.problems)


def test_another_process_holding_the_lock_keeps_the_register_unchanged(vault: Vault) -> None:
    register = Register()
    register.add("Åsa Lind")
    vault.save_people(register)
    vault.release_write_lock()
    before = (vault.path / PEOPLE_FILE).read_bytes()
    register.add("Bo Ek")
    with lock_held_by_another_process(vault.path), pytest.raises(VaultBusyError):
        vault.save_people(register)
    assert (vault.path / PEOPLE_FILE).read_bytes() == before


def test_a_deleted_talk_leaves_the_register_and_a_damaged_one_keeps_its_link(
    vault: Vault,
) -> None:
    from tests.vault.conftest import build_record

    kept, deleted, damaged = (build_record(name="Åsa Lind") for _ in range(3))
    for record in (kept, deleted, damaged):
        vault.save(record)
    register, _report = vault.sync_people(vault.list_records().records)
    assert set(register.talks) == {kept.id, deleted.id, damaged.id}
    vault.delete(deleted.id)
    (vault.records_dir / f"{damaged.id}.age").write_bytes(b"damaged")
    register, _report = vault.sync_people(vault.list_records().records)
    assert set(register.talks) == {kept.id, damaged.id}
    assert vault.load_people() == register
