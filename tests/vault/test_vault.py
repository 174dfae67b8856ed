"""The vault keeps records encrypted, private and intact, and says plainly what went wrong."""

from __future__ import annotations

import os
import re
import stat
from datetime import date
from pathlib import Path

import pytest

from dialog_kit import age, i18n
from dialog_kit.errors import WrongPassphraseError
from dialog_kit.record import Status
from dialog_kit.vault import FORMAT, SettingsChangedError, Vault, VaultBusyError, VaultError

from .conftest import PASSPHRASE, WORK_FACTOR, MakeRecord, lock_held_by_another_process, snapshot

UUID_NAME = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.age")


def reopen(path: Path, passphrase: str = PASSPHRASE) -> Vault:
    vault = Vault.open(path)
    vault.unlock(passphrase)
    return vault


# -- creating and opening ---------------------------------------------------------


def test_create_makes_private_folders_and_files(vault: Vault, vault_path: Path) -> None:
    assert Vault.exists(vault_path)
    assert sorted(p.name for p in vault_path.iterdir()) == ["identity.age", "records", "vault.toml"]
    for folder in (vault_path, vault_path / "records"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for file in ("identity.age", "vault.toml"):
        assert stat.S_IMODE((vault_path / file).stat().st_mode) == 0o600
    text = (vault_path / "vault.toml").read_text()
    assert f"format = {FORMAT}" in text
    assert f'recipient = "{vault.recipient}"' in text
    assert vault.recipient.startswith("age1")


def test_identity_is_the_secret_key_encrypted_with_the_passphrase(
    vault: Vault, vault_path: Path
) -> None:
    data = (vault_path / "identity.age").read_bytes()
    assert b"AGE-SECRET-KEY" not in data
    secret = age.decrypt_with_passphrase(data, PASSPHRASE).decode()
    key_line = next(line for line in secret.splitlines() if line.startswith("AGE-SECRET-KEY-1"))
    assert age.recipient_from_identity(key_line) == vault.recipient


def test_create_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"photo")
    with pytest.raises(VaultError, match="not empty"):
        Vault.create(folder, PASSPHRASE, work_factor=WORK_FACTOR)
    assert [p.name for p in folder.iterdir()] == ["holiday.jpg"]


def test_create_refuses_an_existing_vault(vault: Vault, vault_path: Path) -> None:
    before = snapshot(vault_path)
    with pytest.raises(VaultError, match="already exists"):
        Vault.create(vault_path, "another passphrase", work_factor=WORK_FACTOR)
    assert snapshot(vault_path) == before


def test_open_without_a_vault_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(VaultError, match="dialog-kit init"):
        Vault.open(tmp_path / "nothing")


def test_a_newer_vault_format_is_refused_and_left_alone(vault: Vault, vault_path: Path) -> None:
    toml = vault_path / "vault.toml"
    toml.write_text(toml.read_text().replace(f"format = {FORMAT}", "format = 99"))
    before = snapshot(vault_path)
    with pytest.raises(VaultError, match="newer dialog_kit") as info:
        Vault.open(vault_path)
    assert "99" in info.value.message
    assert snapshot(vault_path) == before


def test_damaged_vault_toml_is_named(vault: Vault, vault_path: Path) -> None:
    (vault_path / "vault.toml").write_text("format = [broken\n")
    with pytest.raises(VaultError, match=r"vault\.toml"):
        Vault.open(vault_path)


# -- passphrase ---------------------------------------------------------------------


def test_wrong_passphrase_fails_with_exit_3_and_changes_nothing(
    vault: Vault, vault_path: Path, make_record: MakeRecord
) -> None:
    vault.save(make_record())
    vault.close()
    before = snapshot(vault_path)
    locked = Vault.open(vault_path)
    with pytest.raises(WrongPassphraseError) as info:
        locked.unlock("not the passphrase")
    assert info.value.exit_code == 3
    assert not locked.unlocked
    with pytest.raises(VaultError, match="Unlock"):
        locked.list_records()
    assert snapshot(vault_path) == before


def test_change_passphrase_rewrites_only_the_identity(
    vault: Vault, vault_path: Path, make_record: MakeRecord
) -> None:
    vault.save(make_record())
    before = snapshot(vault_path)
    vault.change_passphrase("a brand new passphrase")
    after = snapshot(vault_path)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"identity.age"}
    vault.close()
    with pytest.raises(WrongPassphraseError):
        reopen(vault_path)
    with reopen(vault_path, "a brand new passphrase") as again:
        assert len(again.list_records().records) == 1


# -- records --------------------------------------------------------------------------


def test_saved_record_lists_and_loads_back_equal(vault: Vault, make_record: MakeRecord) -> None:
    record = make_record()
    vault.save(record)
    listing = vault.list_records()
    assert listing.records == [record]
    assert listing.damaged == []
    assert vault.load(record.id) == record
    assert vault.load(record.id[:8]) == record
    assert vault.load(record.id[:8].upper()) == record


def test_records_survive_reopening(vault: Vault, vault_path: Path, make_record: MakeRecord) -> None:
    records = [make_record(name=f"Employee {i}") for i in range(5)]
    for record in records:
        vault.save(record)
    vault.close()
    with reopen(vault_path) as again:
        assert {r.id for r in again.list_records().records} == {r.id for r in records}


def test_saving_again_replaces_the_record(vault: Vault, make_record: MakeRecord) -> None:
    record = make_record()
    vault.save(record)
    record.add_note("agree", "second version")
    vault.save(record)
    assert [n.text for _, n in vault.load(record.id).notes()][-1] == "second version"
    assert len(list(vault.records_dir.iterdir())) == 1


def test_file_names_hold_nothing_but_the_uuid(vault: Vault, make_record: MakeRecord) -> None:
    record = make_record(name="Zacharias Quist")
    vault.save(record)
    names = [p.name for p in vault.records_dir.iterdir()]
    assert names == [f"{record.id}.age"]
    assert UUID_NAME.fullmatch(names[0])
    assert stat.S_IMODE((vault.records_dir / names[0]).stat().st_mode) == 0o600


def test_no_plaintext_reaches_any_file_in_the_vault(
    vault: Vault, vault_path: Path, make_record: MakeRecord
) -> None:
    marker = "UNIQUE-MARKER-7f3a9 sjukskriven"
    name = "Pärla Marker-Nilsson"
    vault.save(make_record(name=name, note=marker))
    vault.change_passphrase("another passphrase for the test")
    vault.add_recipient(age.generate_identity()[1])
    for file in vault_path.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            for secret in (marker, name, "Undersköterska", "Mentor course"):
                assert secret.encode() not in data, file.name
                assert secret.encode("utf-16-le") not in data, file.name


def test_unknown_and_ambiguous_ids_are_refused_plainly(
    vault: Vault, make_record: MakeRecord
) -> None:
    first, second = make_record(), make_record()
    second.id = first.id[:4] + second.id[4:]
    vault.save(first)
    vault.save(second)
    with pytest.raises(VaultError, match="No record has the id"):
        vault.load("ffffffff")
    with pytest.raises(VaultError, match="2 records start with"):
        vault.load(first.id[:4])
    with pytest.raises(VaultError):
        vault.load("../vault.toml")


def test_a_record_with_a_path_in_its_id_is_never_saved(
    vault: Vault, vault_path: Path, make_record: MakeRecord
) -> None:
    record = make_record()
    record.id = "../../escape"
    with pytest.raises(VaultError, match="UUID"):
        vault.save(record)
    assert not (vault_path.parent / "escape.age").exists()


def test_delete_removes_the_file(vault: Vault, make_record: MakeRecord) -> None:
    keep, gone = make_record(), make_record()
    vault.save(keep)
    vault.save(gone)
    assert vault.delete(gone.id[:8]) == gone.id
    assert vault.list_records().records == [keep]
    assert not (vault.records_dir / f"{gone.id}.age").exists()


# -- damaged and foreign files ----------------------------------------------------------


def test_damaged_and_foreign_files_are_named_while_the_others_list(
    vault: Vault, make_record: MakeRecord
) -> None:
    good = [make_record(name=f"Person {i}") for i in range(3)]
    for record in good:
        vault.save(record)
    damaged = make_record()
    vault.save(damaged)
    path = vault.records_dir / f"{damaged.id}.age"
    data = bytearray(path.read_bytes())
    data[-5] ^= 0x01
    path.write_bytes(bytes(data))
    stranger = age.generate_identity()[1]
    foreign_id = "0b5e7c4a-1111-4222-8333-444455556666"
    (vault.records_dir / f"{foreign_id}.age").write_bytes(age.encrypt(b"{}", [stranger]))
    (vault.records_dir / "notes.txt").write_text("someone's shopping list")
    (vault.records_dir / "not-a-uuid.age").write_bytes(b"age-encryption.org/v1\n")

    listing = vault.list_records()

    assert {r.id for r in listing.records} == {r.id for r in good}
    reasons = {d.name: d.reason for d in listing.damaged}
    assert set(reasons) == {
        f"{damaged.id}.age",
        f"{foreign_id}.age",
        "notes.txt",
        "not-a-uuid.age",
    }
    assert "damaged" in reasons[f"{damaged.id}.age"]
    assert "someone else" in reasons[f"{foreign_id}.age"]
    assert "unexpected name" in reasons["notes.txt"]
    for record in good:
        assert vault.load(record.id) == record
    with pytest.raises(VaultError, match=damaged.id):
        vault.load(damaged.id)


def test_a_valid_age_file_that_is_not_a_record_is_reported(vault: Vault) -> None:
    record_id = "1b5e7c4a-1111-4222-8333-444455556666"
    path = vault.records_dir / f"{record_id}.age"
    path.write_bytes(age.encrypt(b'{"kind": "chat"}', [vault.recipient]))
    listing = vault.list_records()
    assert listing.records == []
    assert "not a valid record" in listing.damaged[0].reason


def test_a_record_moved_to_another_file_name_is_reported(
    vault: Vault, make_record: MakeRecord
) -> None:
    record = make_record()
    vault.save(record)
    other = "2b5e7c4a-1111-4222-8333-444455556666"
    (vault.records_dir / f"{record.id}.age").rename(vault.records_dir / f"{other}.age")
    listing = vault.list_records()
    assert listing.records == []
    assert listing.damaged[0].reason == "the record inside has another id"


def test_check_names_every_damaged_file(vault: Vault, make_record: MakeRecord) -> None:
    good, bad = make_record(), make_record()
    vault.save(good)
    vault.save(bad)
    (vault.records_dir / f"{bad.id}.age").write_bytes(b"garbage")
    report = vault.check()
    assert not report.ok
    assert report.records_ok == 1
    assert [p.name for p in report.problems] == [f"{bad.id}.age"]


def test_check_of_a_healthy_vault_is_ok(vault: Vault, make_record: MakeRecord) -> None:
    vault.save(make_record())
    report = vault.check()
    assert report.ok
    assert report.records_ok == 1
    assert report.warnings == []


def test_check_warns_about_loose_permissions(vault: Vault, vault_path: Path) -> None:
    os.chmod(vault_path, 0o755)
    report = vault.check()
    assert any("chmod 700" in w for w in report.warnings)


# -- recipients --------------------------------------------------------------------------


def test_added_recipient_can_read_every_record(vault: Vault, make_record: MakeRecord) -> None:
    records = [make_record(name=f"P{i}") for i in range(3)]
    for record in records:
        vault.save(record)
    hr_secret, hr_public = age.generate_identity()
    damaged = vault.add_recipient(hr_public)
    assert damaged == []
    assert vault.recipients() == [hr_public]
    for record in records:
        data = (vault.records_dir / f"{record.id}.age").read_bytes()
        assert age.decrypt(data, [hr_secret]) == record.to_json().encode()
    later = make_record(name="Later")
    vault.save(later)
    age.decrypt((vault.records_dir / f"{later.id}.age").read_bytes(), [hr_secret])


def test_removed_recipient_can_no_longer_read(
    vault: Vault, vault_path: Path, make_record: MakeRecord
) -> None:
    record = make_record()
    vault.save(record)
    hr_secret, hr_public = age.generate_identity()
    vault.add_recipient(hr_public)
    vault.remove_recipient(hr_public)
    assert vault.recipients() == []
    with pytest.raises(age.NoMatchError):
        age.decrypt((vault.records_dir / f"{record.id}.age").read_bytes(), [hr_secret])
    assert hr_public not in (vault_path / "vault.toml").read_text()


def test_the_managers_own_recipient_cannot_be_removed(vault: Vault) -> None:
    with pytest.raises(VaultError, match="own key"):
        vault.remove_recipient(vault.recipient)


def test_bad_recipients_are_refused(vault: Vault) -> None:
    with pytest.raises(age.AgeError):
        vault.add_recipient("age1notakey")
    with pytest.raises(VaultError, match="already"):
        vault.add_recipient(vault.recipient)
    with pytest.raises(VaultError, match="not a recipient"):
        vault.remove_recipient(age.generate_identity()[1])


def test_an_interrupted_recipient_change_is_finished_on_the_next_unlock(
    vault: Vault, vault_path: Path, make_record: MakeRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [make_record(name=f"P{i}") for i in range(6)]
    for record in records:
        vault.save(record)
    old_secret, old_public = age.generate_identity()
    vault.add_recipient(old_public)
    new_secret, new_public = age.generate_identity()

    import dialog_kit.vault.recipients as vault_module

    real_write = vault_module.write_atomic
    calls = {"n": 0}

    def dying_write(path: Path, data: bytes, mode: int = 0o600) -> os.stat_result:
        if path.parent.name == "records":
            calls["n"] += 1
            if calls["n"] > 3:
                raise KeyboardInterrupt  # the manager pressed Ctrl-C, or the laptop died
        return real_write(path, data, mode)

    monkeypatch.setattr(vault_module, "write_atomic", dying_write)
    with pytest.raises(KeyboardInterrupt):
        vault.remove_recipient(old_public)
    monkeypatch.setattr(vault_module, "write_atomic", real_write)
    vault.close()

    # Between the crash and the next unlock: the change is pending, every record readable.
    locked = Vault.open(vault_path)
    assert locked.pending_recipient_change
    assert "pending_recipients" in (vault_path / "vault.toml").read_text()
    locked.unlock(PASSPHRASE)
    assert locked.finished_interrupted_change
    assert not locked.pending_recipient_change
    assert locked.recipients() == []
    for record in records:
        data = (vault_path / "records" / f"{record.id}.age").read_bytes()
        with pytest.raises(age.NoMatchError):
            age.decrypt(data, [old_secret])
        assert locked.load(record.id) == record
    del new_secret, new_public
    locked.close()


# -- locking -------------------------------------------------------------------------------


def test_a_second_writer_is_told_plainly_and_can_still_read(
    vault: Vault, vault_path: Path, make_record: MakeRecord
) -> None:
    record = make_record()
    vault.save(record)  # takes the write lock
    assert vault.holds_write_lock
    other = reopen(vault_path)
    with pytest.raises(VaultBusyError) as info:
        other.save(make_record())
    assert f"process {os.getpid()}" in info.value.message
    assert "can read" in info.value.message
    assert other.read_only
    assert other.load(record.id) == record
    vault.release_write_lock()
    other.save(make_record())
    assert not other.read_only
    other.close()


def test_closing_releases_the_lock(vault: Vault, vault_path: Path, make_record: MakeRecord) -> None:
    vault.acquire_write_lock()
    vault.close()
    with reopen(vault_path) as other:
        other.acquire_write_lock()
        assert other.holds_write_lock


# -- purge and handover ---------------------------------------------------------------------


def test_purge_takes_only_completed_or_locked_talks_past_retention(
    vault: Vault, make_record: MakeRecord
) -> None:
    old_done = make_record(on=date(2023, 1, 10), status=Status.COMPLETED)
    old_locked = make_record(on=date(2023, 6, 1), status=Status.LOCKED)
    old_open = make_record(on=date(2023, 1, 10), status=Status.IN_PROGRESS)
    recent_done = make_record(on=date(2025, 6, 1), status=Status.COMPLETED)
    for record in (old_done, old_locked, old_open, recent_done):
        vault.save(record)
    today = date(2026, 1, 15)
    candidates = vault.purge_candidates(24, today)
    assert {r.id for r in candidates} == {old_done.id, old_locked.id}
    purged = vault.purge(24, today)
    assert {r.id for r in purged} == {old_done.id, old_locked.id}
    assert {r.id for r in vault.list_records().records} == {old_open.id, recent_done.id}


def test_handover_is_readable_only_by_the_successor(
    vault: Vault, tmp_path: Path, make_record: MakeRecord
) -> None:
    anna = make_record(name="Anna Berg", note="ANNA-SECRET")
    bert = make_record(name="Bert Dahl", note="BERT-SECRET")
    vault.save(anna)
    vault.save(bert)
    hr_secret, hr_public = age.generate_identity()
    vault.add_recipient(hr_public)
    successor_secret, successor_public = age.generate_identity()
    out = tmp_path / "handover"

    result = vault.handover(successor_public, out, employee="  anna   BERG ", include_private=True)

    assert result.count == 1
    files = sorted(p.name for p in (out / "records").iterdir())
    assert files == [f"{anna.id}.age"]
    data = (out / "records" / files[0]).read_bytes()
    assert age.decrypt(data, [successor_secret]) == anna.to_json().encode()
    for key in (hr_secret, vault._identity):
        assert key is not None
        with pytest.raises(age.NoMatchError):
            age.decrypt(data, [key])
    note = (out / "README.txt").read_text()
    for secret in ("Anna", "Bert", "ANNA-SECRET", "BERT-SECRET", anna.id, bert.id):
        assert secret not in note
    assert successor_public in note
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert stat.S_IMODE((out / "records").stat().st_mode) == 0o700
    for file in (out / "README.txt", out / "records" / files[0]):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("en", "holds 1 conversation record handed", "holds 2 conversation records handed"),
        ("sv", "innehåller 1 samtal som", "innehåller 2 samtal som"),
        ("da", "indeholder 1 samtale, der", "indeholder 2 samtaler, der"),
    ],
)
def test_the_handover_note_counts_in_the_interface_language(
    vault: Vault, tmp_path: Path, make_record: MakeRecord, lang: str, one: str, two: str
) -> None:
    i18n.set_language(lang)
    _secret, successor = age.generate_identity()
    vault.save(make_record(name="Anna Berg"))
    vault.handover(successor, tmp_path / "one")
    vault.save(make_record(name="Bert Dahl"))
    vault.handover(successor, tmp_path / "two")
    first = " ".join((tmp_path / "one" / "README.txt").read_text(encoding="utf-8").split())
    second = " ".join((tmp_path / "two" / "README.txt").read_text(encoding="utf-8").split())
    assert one in first and two in second
    assert successor in first and "dialog-kit import THIS-FOLDER" in first


def test_handover_refuses_a_folder_with_files(vault: Vault, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "x").write_text("x")
    with pytest.raises(VaultError, match="new or empty"):
        vault.handover(age.generate_identity()[1], out)


def test_a_writer_in_another_process_blocks_saving_but_not_reading(
    vault: Vault, vault_path: Path, make_record: MakeRecord
) -> None:
    record = make_record()
    vault.save(record)
    vault.close()
    with lock_held_by_another_process(vault_path) as holder, reopen(vault_path) as other:
        with pytest.raises(VaultBusyError) as info:
            other.save(make_record())
        assert f"process {holder.pid}" in info.value.message
        assert other.load(record.id) == record
        assert other.lock_holder() is not None
    # The holder has exited: the OS released its lock, no stale lock remains.
    with reopen(vault_path) as again:
        again.save(make_record())


def test_a_killed_writer_leaves_no_stale_lock(vault: Vault, vault_path: Path) -> None:
    vault.close()
    with lock_held_by_another_process(vault_path) as holder:
        holder.kill()
        holder.wait(timeout=30)
        with reopen(vault_path) as other:
            other.acquire_write_lock()
            assert other.holds_write_lock


def test_a_vault_toml_pointing_at_another_key_still_reads_but_never_writes(
    vault: Vault, vault_path: Path, make_record: MakeRecord
) -> None:
    record = make_record()
    vault.save(record)
    vault.close()
    toml = vault_path / "vault.toml"
    stranger = age.generate_identity()[1]
    toml.write_text(toml.read_text().replace(vault.recipient, stranger))
    before = snapshot(vault_path)
    with reopen(vault_path) as again:  # a swapped key must not lock the manager out
        assert again.list_records().records == [record]
        with pytest.raises(SettingsChangedError, match=stranger):
            again.save(make_record())
    assert snapshot(vault_path) == before


def test_leftover_temporary_files_are_never_records_and_are_cleaned_by_the_next_writer(
    vault: Vault, vault_path: Path, make_record: MakeRecord
) -> None:
    record = make_record()
    vault.save(record)
    vault.close()
    leftover = vault_path / "records" / ".tmp-0123456789abcdef"
    leftover.write_bytes(b"half a record")
    with reopen(vault_path) as again:
        assert again.list_records().records == [record]
        assert again.list_records().damaged == []
        assert any(".tmp-0123456789abcdef" in w for w in again.check().warnings)
        again.acquire_write_lock()
    assert not leftover.exists()


def test_saves_from_two_threads_share_one_lock(vault: Vault, make_record: MakeRecord) -> None:
    import threading

    records = [make_record(name=f"T{i}") for i in range(20)]
    errors: list[BaseException] = []

    def save(record_index: int) -> None:
        try:
            vault.save(records[record_index])
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(i,)) for i in range(len(records))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(vault.list_records().records) == len(records)


def test_a_filesystem_without_locks_still_saves(
    vault: Vault, make_record: MakeRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import fcntl

    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    record = make_record()
    vault.save(record)
    assert vault.lock_unsupported
    assert vault.load(record.id) == record


def test_a_huge_planted_file_is_reported_not_read(vault: Vault) -> None:
    path = vault.records_dir / "4b5e7c4a-1111-4222-8333-444455556666.age"
    with open(path, "wb") as f:
        f.truncate(65 * 1024 * 1024)  # sparse: no disk space used
    listing = vault.list_records()
    assert listing.damaged[0].reason == "too large to be a record"


def test_a_recipient_added_by_another_process_is_used_by_the_next_save(
    vault: Vault, vault_path: Path, make_record: MakeRecord
) -> None:
    hr_secret, hr_public = age.generate_identity()
    with reopen(vault_path) as other:
        other.add_recipient(hr_public)
    record = make_record()
    vault.save(record)  # this vault object opened before the recipient was added
    data = (vault_path / "records" / f"{record.id}.age").read_bytes()
    assert age.decrypt(data, [hr_secret]) == record.to_json().encode()
    assert vault.recipients() == [hr_public]
