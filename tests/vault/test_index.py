"""index.age: listing from the encrypted index, never trusting it over the records."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

import dialog_kit.vault.core as core_module
from dialog_kit import age
from dialog_kit.listing import TalkSummary
from dialog_kit.people import Register
from dialog_kit.record import Action, Record, Status
from dialog_kit.team import team_rows
from dialog_kit.vault import Vault
from dialog_kit.vault.index import INDEX_FILE, MAGIC, read_index

from .conftest import PASSPHRASE, MakeRecord, lock_held_by_another_process

Counter = Callable[[], list[str]]


@pytest.fixture
def decrypted(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """The names of the record files the vault decrypts from now on (call to see them)."""
    seen: list[str] = []
    real = core_module.read_record_and_stat

    def counting(records_dir: Path, name: str, identity: age.Identity) -> object:
        seen.append(name)
        return real(records_dir, name, identity)

    monkeypatch.setattr(core_module, "read_record_and_stat", counting)

    def names() -> list[str]:
        found = list(seen)
        seen.clear()
        return found

    return names


def _talks(vault: Vault, make_record: MakeRecord, count: int = 5) -> list[Record]:
    records = []
    for i in range(count):
        record = make_record(name=f"Person {i}", on=date(2026, 1 + i, 3))
        record.follow_up = date(2026, 9, 1 + i) if i % 2 else None
        record.actions.append(Action("Done already", "Bo", date(2026, 5, 1), done=True))
        record.status = Status.COMPLETED if i % 2 else Status.PLANNED
        vault.save(record)
        records.append(record)
    return records


def _from_records(vault: Vault) -> list[TalkSummary]:
    return [TalkSummary.of(r) for r in vault.list_records().records]


def _reopen(vault_path: Path) -> Vault:
    vault = Vault.open(vault_path)
    vault.unlock(PASSPHRASE)
    return vault


def _plaintext(vault_path: Path, identity: age.Identity) -> bytes:
    return age.decrypt((vault_path / INDEX_FILE).read_bytes(), [identity])


def _identity(vault: Vault) -> age.Identity:
    assert vault._identity is not None
    return vault._identity


def test_a_listing_from_the_index_equals_one_from_the_records_and_decrypts_none(
    vault: Vault, vault_path: Path, make_record: MakeRecord, decrypted: Counter
) -> None:
    _talks(vault, make_record)
    expected = _from_records(vault)
    decrypted()
    vault.close()
    with _reopen(vault_path) as again:
        assert again.list_talks().talks == expected
        assert decrypted() == []  # every entry fits its file: no record was opened
        # Only the open action is kept: what the reminders need.
        assert all(a.what != "Done already" for t in expected for a in t.actions)
        assert any(t.follow_up for t in expected)


def test_without_an_index_every_record_is_read_and_the_index_is_written_again(
    vault: Vault, vault_path: Path, make_record: MakeRecord, decrypted: Counter
) -> None:
    records = _talks(vault, make_record)
    expected = _from_records(vault)
    vault.close()
    (vault_path / INDEX_FILE).unlink()
    decrypted()
    with _reopen(vault_path) as again:
        assert again.list_talks().talks == expected
        assert len(decrypted()) == len(records)
        assert len(read_index(vault_path, _identity(again)).entries) == len(records)
    with _reopen(vault_path) as third:
        assert third.list_talks().talks == expected
        assert decrypted() == []


@pytest.mark.parametrize(
    "damage", ["truncated", "garbage", "empty", "other vault", "forged", "old format"]
)
def test_a_damaged_or_foreign_index_is_rebuilt_from_the_records(
    vault: Vault, vault_path: Path, make_record: MakeRecord, damage: str
) -> None:
    records = _talks(vault, make_record)
    expected = _from_records(vault)
    path = vault_path / INDEX_FILE
    real = path.read_bytes()
    plaintext = _plaintext(vault_path, _identity(vault))
    if damage == "truncated":
        path.write_bytes(real[:-20])
    elif damage == "garbage":
        path.write_bytes(os.urandom(3000))
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "other vault":  # a real index, of another vault with another key
        path.write_bytes(age.encrypt(plaintext, [age.Identity.generate().recipient]))
    elif damage == "forged":
        # Anyone can encrypt to the vault's public key; without the identity they
        # cannot make the MAC, so other names for the manager's records are refused.
        forged = plaintext.replace(b"Person 1", b"Mallory!")
        assert forged != plaintext
        path.write_bytes(age.encrypt(forged, [vault.recipient]))
    else:  # written by a later version: not read, rebuilt in this one's format
        later = plaintext.replace(MAGIC + b" 1 ", MAGIC + b" 9 ")
        path.write_bytes(age.encrypt(later, [vault.recipient]))
    vault.close()
    with _reopen(vault_path) as again:
        listing = again.list_talks()
        assert listing.talks == expected
        assert listing.damaged == []  # the index is not a record: nothing of the talks is lost
        assert b"Mallory" not in _plaintext(vault_path, _identity(again))
        rebuilt = read_index(vault_path, _identity(again))
        assert rebuilt.problem is None and len(rebuilt.entries) == len(records)


def test_a_record_changed_behind_the_index_is_read_from_its_file(
    vault: Vault, vault_path: Path, make_record: MakeRecord, decrypted: Counter
) -> None:
    records = _talks(vault, make_record)
    vault.list_talks()
    # A sync brings another version of one talk: same size and modification time on
    # purpose (a sync tool may keep them), so only its inode and change time differ.
    target = records[2]
    path = vault_path / "records" / f"{target.id}.age"
    before = path.stat()
    changed = Record.from_json(target.to_json())
    changed.employee.name = "Person X"  # as long as "Person 2": the same size
    data = age.encrypt(changed.to_json().encode(), [vault.recipient])
    assert len(data) == before.st_size
    replacement = path.with_name(".synced")
    replacement.write_bytes(data)
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(replacement, path)
    vault.close()
    decrypted()
    with _reopen(vault_path) as again:
        names = [t.employee.name for t in again.list_talks().talks]
        assert "Person X" in names and "Person 2" not in names
        assert decrypted() == [path.name]  # only the changed record was opened
        assert again.list_talks().talks == _from_records(again)


def test_records_added_and_removed_by_a_sync_are_seen(
    vault: Vault, vault_path: Path, make_record: MakeRecord, decrypted: Counter
) -> None:
    records = _talks(vault, make_record)
    vault.list_talks()
    vault.close()
    gone = records[0]
    (vault_path / "records" / f"{gone.id}.age").unlink()
    arrived = make_record(name="Arrived By Sync")
    (vault_path / "records" / f"{arrived.id}.age").write_bytes(
        age.encrypt(arrived.to_json().encode(), [vault.recipient])
    )
    decrypted()
    with _reopen(vault_path) as again:
        listing = again.list_talks()
        ids = {t.id for t in listing.talks}
        assert arrived.id in ids and gone.id not in ids
        assert decrypted() == [f"{arrived.id}.age"]
        assert listing.talks == _from_records(again)
        # The removed talk's summary left index.age too.
        index = read_index(vault_path, _identity(again))
        assert f"{gone.id}.age" not in index.entries
        assert b"Person 0" not in _plaintext(vault_path, _identity(again))


def test_a_crash_between_the_record_and_the_index_leaves_a_right_listing(
    vault: Vault, vault_path: Path, make_record: MakeRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = _talks(vault, make_record)
    vault.list_talks()
    target = records[1]
    target.employee.name = "Renamed Before The Crash"
    target.status = Status.LOCKED

    def dying(*args: object, **kwargs: object) -> bool:
        raise KeyboardInterrupt  # the laptop died after the record was written

    with monkeypatch.context() as patch:
        patch.setattr(core_module, "write_index", dying)
        with pytest.raises(KeyboardInterrupt):
            vault.save(target)
    vault.close()
    with _reopen(vault_path) as again:
        talks = again.list_talks().talks
        assert talks == _from_records(again)
        mine = next(t for t in talks if t.id == target.id)
        assert mine.employee.name == "Renamed Before The Crash"
        assert mine.status is Status.LOCKED


def test_a_save_updates_the_index_without_a_listing(
    vault: Vault, vault_path: Path, make_record: MakeRecord, decrypted: Counter
) -> None:
    records = _talks(vault, make_record)
    records[3].follow_up = date(2027, 1, 15)
    vault.save(records[3])
    vault.close()
    decrypted()
    with _reopen(vault_path) as again:
        talks = again.list_talks().talks
        assert decrypted() == []
        assert next(t for t in talks if t.id == records[3].id).follow_up == date(2027, 1, 15)


def test_the_index_is_encrypted_and_names_nobody(
    vault: Vault, vault_path: Path, make_record: MakeRecord
) -> None:
    record = make_record(name="Åsa Lind", note="worried about her back")
    record.actions.append(Action("Ergonomic chair", "Åsa Lind", date(2026, 10, 1)))
    vault.save(record)
    vault.list_talks()
    data = (vault_path / INDEX_FILE).read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n-> X25519 ")
    for secret in ("Åsa Lind", "Asa", "Ergonomic", "worried", "Undersköterska", record.id):
        assert secret.encode("utf-8") not in data
    assert (vault_path / INDEX_FILE).stat().st_mode & 0o777 == 0o600
    # Only the vault's key opens it; and the notes are not in it at all.
    with pytest.raises(age.NoMatchError):
        age.decrypt(data, [age.Identity.generate()])
    plaintext = _plaintext(vault_path, _identity(vault))
    assert "Åsa Lind".encode() in plaintext
    assert b"worried" not in plaintext and b"a private note" not in plaintext


def test_delete_and_purge_take_the_talk_out_of_the_index(
    vault: Vault, vault_path: Path, make_record: MakeRecord
) -> None:
    records = _talks(vault, make_record)
    vault.list_talks()
    vault.delete(records[0].id)
    assert b"Person 0" not in _plaintext(vault_path, _identity(vault))
    purged = vault.purge(1, date(2030, 1, 1))  # the completed ones
    assert purged
    plaintext = _plaintext(vault_path, _identity(vault))
    for record in purged:
        assert record.employee.name.encode() not in plaintext
    assert vault.list_talks().talks == _from_records(vault)


def test_the_index_follows_a_change_of_recipients(
    vault: Vault, vault_path: Path, make_record: MakeRecord, decrypted: Counter
) -> None:
    _talks(vault, make_record)
    hr = age.Identity.generate()
    vault.add_recipient(hr.recipient)
    index_file = vault_path / INDEX_FILE
    assert b"Person 1" in age.decrypt(index_file.read_bytes(), [hr])  # like every record
    decrypted()
    talks = vault.list_talks().talks
    assert decrypted() == []  # the entries moved with the re-encrypted records
    assert talks == _from_records(vault)
    vault.remove_recipient(hr.recipient)
    with pytest.raises(age.NoMatchError):
        age.decrypt(index_file.read_bytes(), [hr])
    vault.close()
    decrypted()
    with _reopen(vault_path) as again:
        assert again.list_talks().talks == talks
        assert decrypted() == []


def test_read_only_listing_uses_the_index_and_writes_nothing(
    vault: Vault, vault_path: Path, make_record: MakeRecord
) -> None:
    _talks(vault, make_record)
    expected = _from_records(vault)
    vault.close()
    (vault_path / INDEX_FILE).unlink()
    with lock_held_by_another_process(vault_path), _reopen(vault_path) as reader:
        assert reader.list_talks().talks == expected
        assert not (vault_path / INDEX_FILE).exists()  # the writer keeps the index


def test_the_team_view_from_the_index_is_the_team_view_from_the_records(
    vault: Vault, make_record: MakeRecord
) -> None:
    records = _talks(vault, make_record)
    register = Register()
    for i, record in enumerate(records):
        person = register.add(f"Person {i % 2}", "Undersköterska", birth_year=1961 + i)
        register.assign(record.id, person.id)
    today = date(2026, 8, 20)
    from_records = team_rows(register, vault.list_records().records, None, 12, today)
    from_index = team_rows(register, vault.list_talks().talks, None, 12, today)
    assert [r.to_json() for r in from_index] == [r.to_json() for r in from_records]
    assert any(r.open_actions for r in from_index)


def test_a_damaged_record_is_named_at_every_listing_and_never_enters_the_index(
    vault: Vault, vault_path: Path, make_record: MakeRecord
) -> None:
    _talks(vault, make_record)
    broken = make_record(name="Broken Record")
    vault.save(broken)
    path = vault_path / "records" / f"{broken.id}.age"
    path.write_bytes(path.read_bytes()[:-5])
    first = vault.list_talks()
    assert [d.name for d in first.damaged] == [path.name]
    written = (vault_path / INDEX_FILE).read_bytes()
    assert path.name not in read_index(vault_path, _identity(vault)).entries
    assert b"Broken Record" not in _plaintext(vault_path, _identity(vault))
    again = vault.list_talks()
    assert [d.name for d in again.damaged] == [path.name]
    assert again.talks == first.talks
    assert (vault_path / INDEX_FILE).read_bytes() == written  # not rewritten for it


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda row: row.__setitem__(7, "2026-13-45"), id="a date that is none"),
        pytest.param(lambda row: row.__setitem__(6, "pep-talk"), id="an unknown kind"),
        pytest.param(lambda row: row.__setitem__(11, 42), id="a name that is not a text"),
        pytest.param(lambda row: row.append("one more"), id="half an action"),
        pytest.param(lambda row: row.__setitem__(2, "1"), id="a stamp that is not a number"),
        pytest.param(lambda row: row.__setitem__(5, "0" * 36), id="another talk's id"),
    ],
)
def test_an_authenticated_index_with_values_this_version_does_not_write_is_rebuilt(
    vault: Vault, vault_path: Path, make_record: MakeRecord, spoil: Callable[[list[object]], None]
) -> None:
    """The MAC says this vault wrote the index, not that this version of the code did: every
    value a listing shows is checked when the index is read, never trusted into a crash."""
    import json

    from dialog_kit.vault import index as index_module

    _talks(vault, make_record)
    expected = _from_records(vault)
    identity = _identity(vault)
    body = json.loads(_plaintext(vault_path, identity).partition(b"\n")[2])
    spoil(body["records"][1])
    text = json.dumps(body).encode()
    forged = index_module._header(text, identity) + text
    (vault_path / INDEX_FILE).write_bytes(age.encrypt(forged, [vault.recipient]))
    assert read_index(vault_path, identity).problem is not None
    vault.close()
    with _reopen(vault_path) as again:
        listing = again.list_talks()
        assert listing.talks == expected
        assert [t.date for t in listing.talks] == [t.date for t in expected]
        assert read_index(vault_path, _identity(again)).problem is None  # rebuilt
