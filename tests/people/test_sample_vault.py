"""A vault made by release 0.1.0 opens, and its talks are grouped into people as promised.

Like jrnl's test journals: every later version must still open this vault. The
grouping keeps namesakes with different roles apart (and says so), joins one
person typed two ways (and says so), and reads an NFD name as the same person.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from dialog_kit.names import name_key
from dialog_kit.vault import Vault
from dialog_kit.vault.people import PEOPLE_FILE
from tests.people.conftest import SAMPLE_PASSPHRASE, sample_sources


def _open(path: Path) -> Vault:
    vault = Vault.open(path)
    vault.unlock(SAMPLE_PASSPHRASE)
    return vault


def test_every_record_of_release_0_1_0_reads_with_its_meaning(sample_vault: Path) -> None:
    sources = sample_sources()
    with _open(sample_vault) as vault:
        listing = vault.list_records()
    assert not listing.damaged
    assert {r.id for r in listing.records} == set(sources)
    for record in listing.records:
        source = sources[record.id]
        assert record.employee.name == source["employee"]["name"]
        assert record.employee.role == source["employee"].get("role", "")
        assert record.status.value == source["status"]
        notes = [
            (phase, n.id, n.text, n.visibility.value, n.item)
            for phase, state in record.phases.items()
            for n in state.notes
        ]
        expected = [
            (phase, n["id"], n["text"], n.get("visibility", "private"), n.get("item"))
            for phase, state in source.get("phases", {}).items()
            for n in state.get("notes", [])
        ]
        assert notes == expected
        assert [(a.id, a.what, a.done) for a in record.actions] == [
            (a["id"], a["what"], a.get("done", False)) for a in source.get("actions", [])
        ]
        assert [(m.id, m.text, m.visibility.value) for m in record.amendments] == [
            (m["id"], m["text"], m.get("visibility", "private"))
            for m in source.get("amendments", [])
        ]
        assert record.locked == (source["status"] == "locked")


def test_the_talks_are_grouped_into_people_and_the_doubtful_ones_reported(
    sample_vault: Path,
) -> None:
    with _open(sample_vault) as vault:
        records = vault.list_records().records
        register, report = vault.sync_people(records)
    assert (sample_vault / PEOPLE_FILE).exists()
    # Every talk belongs to exactly one person.
    assert all(register.person_of(r.id) for r in records)
    by_name: dict[str, set[str]] = {}
    for person in register.people:
        by_name.setdefault(name_key(person.name), set()).add(person.id)
    # Two Anna Bergs with different roles stay two people.
    annas = by_name[name_key("Anna Berg")]
    assert len(annas) == 2
    assert {register.get(i).role for i in annas} == {
        "Undersköterska, hemtjänst",
        "Sjuksköterska, avdelning 4",
    }
    # "Mette Hansen" and "mette hansen" are one person, under the latest spelling.
    (mette,) = by_name[name_key("Mette Hansen")]
    mettes = [r for r in records if register.person_of(r.id) == mette]
    assert {r.employee.name for r in mettes} == {"Mette Hansen", "mette hansen"}
    assert register.get(mette).language == "da"
    # The NFD name is stored NFC and found by a plain search.
    zoe = register.resolve("zoe lund")
    assert unicodedata.is_normalized("NFC", zoe.name) and zoe.birth_year == 1973
    assert zoe.profile == "performing-arts"
    reasons = {c.reason: c for c in report.to_confirm}
    assert set(reasons) == {"spellings", "roles"}
    assert set(reasons["roles"].people) == annas
    assert reasons["spellings"].people == (mette,)
    assert "people merge" in reasons["roles"].describe()
    assert len(register.people) == 6


def test_the_grouping_is_done_once_and_kept(sample_vault: Path) -> None:
    with _open(sample_vault) as vault:
        first, _report = vault.sync_people(vault.list_records().records)
    with _open(sample_vault) as vault:
        again, report = vault.sync_people(vault.list_records().records)
    assert again == first
    assert not report.changed and not report.to_confirm


def test_the_record_files_are_not_rewritten_by_the_grouping(sample_vault: Path) -> None:
    before = {p.name: p.read_bytes() for p in (sample_vault / "records").iterdir()}
    with _open(sample_vault) as vault:
        vault.sync_people(vault.list_records().records)
    after = {p.name: p.read_bytes() for p in (sample_vault / "records").iterdir()}
    assert after == before
