"""briefings.age: encrypted like the register, read safely, re-encrypted, handed over by person."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from dialog_kit import age
from dialog_kit.briefings import Briefing, Briefings
from dialog_kit.people import Register
from dialog_kit.vault import Vault, VaultBusyError, VaultError
from dialog_kit.vault.briefings import BRIEFINGS_FILE, MAX_BRIEFINGS_FILE
from tests.vault.conftest import PASSPHRASE, WORK_FACTOR, build_record, lock_held_by_another_process

DAY = date(2026, 11, 30)


def _briefing(*people: str) -> Briefing:
    return Briefing(
        DAY,
        "dancer-1993-1994",
        "performing-arts",
        "dancer",
        "se",
        invited=list(people),
        attended=list(people),
        materials=["Mappen från SOKstiftelsen"],
        informed=dict.fromkeys(people, DAY),
    )


def test_no_file_is_no_briefings_and_saved_ones_read_back_encrypted(vault: Vault) -> None:
    assert vault.load_briefings() == Briefings()
    briefings = Briefings()
    briefings.add(_briefing("a" * 12, "b" * 12))
    vault.save_briefings(briefings)
    data = (vault.path / BRIEFINGS_FILE).read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n")
    assert b"a" * 12 not in data and b"Mappen" not in data and b"dancer" not in data
    assert (vault.path / BRIEFINGS_FILE).stat().st_mode & 0o777 == 0o600
    again = Vault.open(vault.path)
    again.unlock(PASSPHRASE)
    assert again.load_briefings() == briefings
    again.close()


def test_a_recipient_change_re_encrypts_the_briefings(vault: Vault) -> None:
    briefings = Briefings()
    briefings.add(_briefing("a" * 12))
    vault.save_briefings(briefings)
    extra = age.Identity.generate()
    vault.add_recipient(extra.recipient)
    data = (vault.path / BRIEFINGS_FILE).read_bytes()
    assert Briefings.from_json(age.decrypt(data, [extra])) == briefings
    vault.remove_recipient(extra.recipient)
    with pytest.raises(age.NoMatchError):
        age.decrypt((vault.path / BRIEFINGS_FILE).read_bytes(), [extra])


@pytest.mark.parametrize(
    "kind", ["link", "fifo", "folder", "garbage", "foreign", "not-json", "invalid", "huge"]
)
def test_a_planted_file_is_named_never_taken_for_empty(
    vault: Vault, tmp_path: Path, kind: str
) -> None:
    path = vault.path / BRIEFINGS_FILE
    if kind == "link":
        target = tmp_path / "elsewhere"
        target.write_bytes(age.encrypt(Briefings().to_json(), [vault.recipient]))
        path.symlink_to(target)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "garbage":
        path.write_bytes(b"not age at all")
    elif kind == "foreign":
        path.write_bytes(age.encrypt(Briefings().to_json(), [age.Identity.generate().recipient]))
    elif kind == "not-json":
        path.write_bytes(age.encrypt(b"\x00\x01", [vault.recipient]))
    elif kind == "invalid":
        bad = b'{"format": 1, "briefings": [{"id": "zz"}]}'
        path.write_bytes(age.encrypt(bad, [vault.recipient]))
    else:
        with path.open("wb") as f:
            f.truncate(MAX_BRIEFINGS_FILE + 1)
    with pytest.raises(VaultError) as err:
        vault.load_briefings()
    assert BRIEFINGS_FILE in err.value.message
    assert any(p.name == BRIEFINGS_FILE for p in vault.check().problems)


def test_another_process_holding_the_lock_keeps_the_file_unchanged(vault: Vault) -> None:
    briefings = Briefings()
    briefings.add(_briefing("a" * 12))
    vault.save_briefings(briefings)
    vault.release_write_lock()
    before = (vault.path / BRIEFINGS_FILE).read_bytes()
    briefings.add(_briefing("b" * 12))
    with lock_held_by_another_process(vault.path), pytest.raises(VaultBusyError):
        vault.save_briefings(briefings)
    assert (vault.path / BRIEFINGS_FILE).read_bytes() == before


def test_a_handover_carries_the_handed_over_persons_place_and_no_one_elses(
    vault: Vault, tmp_path: Path
) -> None:
    register = Register()
    alva = register.add(
        "Alva Dans", profile="performing-arts", profession="dancer", birth_year=1993
    )
    bo = register.add("Bo Dans", profile="performing-arts", profession="dancer", birth_year=1994)
    talk = build_record(name="Alva Dans")
    vault.save(talk)
    register.assign(talk.id, alva.id)
    vault.save_people(register)
    briefings = Briefings()
    briefings.add(_briefing(alva.id, bo.id))
    vault.save_briefings(briefings)

    successor = Vault.create(tmp_path / "successor", "another passphrase", work_factor=WORK_FACTOR)
    out = tmp_path / "handover"
    vault.handover(successor.recipient, out, record_ids={talk.id})
    handed = Briefings.from_json(
        age.decrypt((out / BRIEFINGS_FILE).read_bytes(), [successor._require_identity()])
    )
    assert handed.items[0].invited == [alva.id]  # Bo is not handed over: nor is his place

    result = successor.import_handover(out)
    assert result.briefings == 1
    theirs = successor.load_people()
    (alva_there,) = [p for p in theirs.people if p.name == "Alva Dans"]
    (briefing,) = successor.load_briefings().items
    assert briefing.invited == [alva_there.id] and briefing.informed == {alva_there.id: DAY}
    assert successor.import_handover(out).briefings == 0  # a second import adds nothing
    assert len(successor.load_briefings().items) == 1
    successor.close()


def test_a_planted_briefings_file_in_a_handover_is_named_and_the_talks_still_come_in(
    vault: Vault, tmp_path: Path
) -> None:
    register = Register()
    alva = register.add("Alva Dans", profile="performing-arts", profession="dancer")
    talk = build_record(name="Alva Dans")
    vault.save(talk)
    register.assign(talk.id, alva.id)
    vault.save_people(register)
    successor = Vault.create(tmp_path / "successor", "another passphrase", work_factor=WORK_FACTOR)
    out = tmp_path / "handover"
    vault.handover(successor.recipient, out, record_ids={talk.id})
    (out / BRIEFINGS_FILE).write_bytes(age.encrypt(b'{"format": 1, "briefings": 3}',
                                                   [successor.recipient]))  # fmt: skip
    result = successor.import_handover(out)
    assert [r.id for r in result.imported] == [talk.id]
    assert [d.name for d in result.damaged] == [BRIEFINGS_FILE]
    assert successor.load_briefings() == Briefings()
    assert not (successor.path / BRIEFINGS_FILE).exists()
    successor.close()
