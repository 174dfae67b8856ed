"""A vault written in record schema 1 opens in schema-2 code, each talk names its person, and
no crash on the way leaves a talk without its person or a field changed.

The migration: the first unlock that may write groups the talks into people and
saves the register (one atomic write); each record file is rewritten in schema 2
with its `person` at its next ordinary save. A vault holding both schemas is a
valid vault: a schema-1 talk is tied by the register's index.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from dialog_kit import age
from dialog_kit.cli import main
from dialog_kit.vault import Vault
from dialog_kit.vault import core as vault_core
from dialog_kit.vault import people as vault_people
from dialog_kit.vault.people import PEOPLE_FILE
from tests.people.conftest import SAMPLE_PASSPHRASE, sample_sources


def _open(path: Path) -> Vault:
    vault = Vault.open(path)
    vault.unlock(SAMPLE_PASSPHRASE)
    return vault


def _plain(vault: Vault, path: Path) -> dict[str, dict[str, Any]]:
    """Each record file's JSON, decrypted, by record id."""
    identity = vault._require_identity()
    out = {}
    for file in sorted((path / "records").glob("*.age")):
        data = json.loads(age.decrypt(file.read_bytes(), [identity]))
        out[data["id"]] = data
    return out


def _meaning(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in ("schema", "person")}


def test_a_schema_1_vault_opens_and_each_talk_names_its_person(sample_vault: Path) -> None:
    with _open(sample_vault) as vault:
        before = _plain(vault, sample_vault)
        assert {d["schema"] for d in before.values()} == {1}
        records = vault.list_records().records
        register, _report = vault.sync_people(records)
        # In memory every talk names the person the grouping gave it.
        assert all(r.person is not None for r in records)
        assert all(register.person_for(r) == r.person for r in records)
        # The next ordinary save writes schema 2 with the person; nothing else changes.
        for record in records:
            vault.save(record)
        after = _plain(vault, sample_vault)
    assert {d["schema"] for d in after.values()} == {2}
    by_id = {r.id: r for r in records}
    for record_id, data in after.items():
        assert data["person"] == by_id[record_id].person
        assert _meaning(data) == _meaning(Vault_form(before[record_id]))
    # Opened again, the talks are with the same people, field for field as in 0.1.0.
    with _open(sample_vault) as vault:
        again = vault.list_records().records
        register2, report = vault.sync_people(again)
    assert not report.changed and not report.added
    assert {r.id: r.person for r in again} == {r.id: r.person for r in records}
    assert {r.id: r for r in again} == by_id
    for record in again:
        assert register2.talks[record.id] == record.person
    for record_id, source in sample_sources().items():
        assert _contains(after[record_id], {k: v for k, v in source.items() if k != "schema"})


def Vault_form(data: dict[str, Any]) -> dict[str, Any]:
    """A schema-1 file's JSON as the schema-2 writer writes it (defaults made explicit)."""
    from dialog_kit.record import Record

    return Record.from_dict(data).to_dict()


def _contains(written: Any, source: Any) -> bool:
    if isinstance(source, dict):
        return isinstance(written, dict) and all(
            k in written and _contains(written[k], v) for k, v in source.items()
        )
    if isinstance(source, list):
        return (
            isinstance(written, list)
            and len(written) == len(source)
            and all(map(_contains, written, source))
        )
    return bool(written == source)


class _Crash(Exception):
    pass


def test_a_crash_while_saving_the_grouping_leaves_the_vault_as_it_was(
    sample_vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {p.name: p.read_bytes() for p in (sample_vault / "records").iterdir()}

    def crash(path: Path, data: bytes, mode: int = 0o600) -> None:
        raise _Crash("power cut")

    monkeypatch.setattr(vault_people, "write_atomic", crash)
    with _open(sample_vault) as vault, pytest.raises(_Crash):
        vault.sync_people(vault.list_records().records)
    monkeypatch.undo()
    assert not (sample_vault / PEOPLE_FILE).exists()
    assert {p.name: p.read_bytes() for p in (sample_vault / "records").iterdir()} == files
    # The next unlock does the grouping again, whole.
    with _open(sample_vault) as vault:
        records = vault.list_records().records
        register, _report = vault.sync_people(records)
    assert all(register.person_for(r) for r in records)
    assert len(register.people) == 6


def test_a_crash_half_way_through_rewriting_the_talks_loses_no_link(
    sample_vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _open(sample_vault) as vault:
        records = vault.list_records().records
        vault.sync_people(records)
        expected = {r.id: r.person for r in records}
        saved = 0
        real = vault_core.write_atomic

        def crash_on_the_fourth(path: Path, data: bytes, mode: int = 0o600) -> os.stat_result:
            nonlocal saved
            if path.parent.name == "records":  # the listing index is written after each
                saved += 1
                if saved == 4:
                    raise _Crash("power cut")
            return real(path, data, mode)

        monkeypatch.setattr(vault_core, "write_atomic", crash_on_the_fourth)
        with pytest.raises(_Crash):
            for record in records:
                vault.save(record)
        monkeypatch.undo()
        schemas = sorted(d["schema"] for d in _plain(vault, sample_vault).values())
    assert schemas == [1, 1, 1, 1, 2, 2, 2]  # a mixed vault, each file whole
    with _open(sample_vault) as vault:
        again = vault.list_records().records
        _register, report = vault.sync_people(again)
    assert not report.changed and not report.to_confirm
    assert {r.id: r.person for r in again} == expected
    assert {r.id: r for r in again} == {r.id: r for r in records}


def test_merge_relinks_the_talks_even_if_it_stops_half_way(
    sample_vault: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    with _open(sample_vault) as vault:
        records = vault.list_records().records
        register, _report = vault.sync_people(records)
        for record in records:
            vault.save(record)  # every talk in schema 2, naming its person
    annas = [p for p in register.people if p.name == "Anna Berg"]
    keep, gone = annas
    gone_talks = {r.id for r in records if r.person == gone.id}
    assert gone_talks
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(SAMPLE_PASSPHRASE + "\n")
    merge = ["--vault", str(sample_vault), "--passphrase-file", str(pass_file), "people", "merge"]

    def crash(*args: object, **kwargs: object) -> None:
        raise _Crash("power cut")

    # The register is saved first; the crash comes before any talk is rewritten.
    monkeypatch.setattr(Vault, "save", crash)
    with pytest.raises(_Crash):
        main([*merge, keep.id, gone.id])
    monkeypatch.undo()
    capsys.readouterr()
    with _open(sample_vault) as vault:
        again = vault.list_records().records
        merged, _report = vault.sync_people(again)
    assert gone.id not in {p.id for p in merged.people}
    assert {r.id for r in merged.talks_of(keep.id, again)} >= gone_talks
    # In memory the talks name `keep` already: their next save writes it.
    assert all(r.person == keep.id for r in again if r.id in gone_talks)


def test_merge_rewrites_each_talk_to_name_the_person_kept(
    sample_vault: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with _open(sample_vault) as vault:
        records = vault.list_records().records
        register, _report = vault.sync_people(records)
        for record in records:
            vault.save(record)
    keep, gone = (p for p in register.people if p.name == "Anna Berg")
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(SAMPLE_PASSPHRASE + "\n")
    argv = ["--vault", str(sample_vault), "--passphrase-file", str(pass_file)]
    assert main([*argv, "people", "merge", keep.id, gone.id]) == 0
    assert "1 talk moved" in capsys.readouterr().out
    with _open(sample_vault) as vault:
        files = _plain(vault, sample_vault)
    annas = [d for d in files.values() if d["employee"]["name"] == "Anna Berg"]
    assert len(annas) == 2 and {d["person"] for d in annas} == {keep.id}
    # The snapshot of name and role as they were on the day is kept.
    assert len({d["employee"]["role"] for d in annas}) == 2
