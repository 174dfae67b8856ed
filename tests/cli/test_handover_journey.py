"""A handover from one real vault to another: private notes stay home, no plaintext on the disk."""

from __future__ import annotations

import tempfile
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

from dialog_kit.cli import common, main
from dialog_kit.privacy import Visibility
from dialog_kit.record import Record
from tests.vault.conftest import build_record

OLD_PASS = "the outgoing manager's long passphrase"
NEW_PASS = "the successor's own long passphrase"
# Every text of the talks carries a marker, so any plaintext copy on the disk is found.
MARKERS = ("zqprivnote", "zqsharednote", "zqhrnote", "zqprivamend", "zqsharedamend")


class Manager:
    """One manager's vault driven through the real command line."""

    def __init__(self, folder: Path, passphrase: str, capsys: pytest.CaptureFixture[str]) -> None:
        folder.mkdir()
        self.vault = folder / "vault"
        self.pass_file = folder / "pass.txt"
        self.pass_file.write_text(passphrase + "\n")
        self.pass_file.chmod(0o600)
        self.capsys = capsys
        self.out = self.err = ""
        assert self.run("init", "--work-factor", "10") == 0, self.err

    def run(self, *args: str) -> int:
        common._stdin_lines = None
        code = main(["--vault", str(self.vault), "--passphrase-file", str(self.pass_file), *args])
        captured = self.capsys.readouterr()
        self.out, self.err = captured.out, captured.err
        assert "Traceback" not in self.err
        return code

    @property
    def recipient(self) -> str:
        assert self.run("recipients", "list") == 0
        return self.out.splitlines()[0].split()[0]


def _talk(name: str) -> Record:
    record = build_record(name=name, note="zqprivnote")
    record.add_note("agree", "zqhrnote", Visibility.HR)
    record.add_note("look-ahead", "zqsharednote", Visibility.SHARED, item="one-change")
    record.lock()
    record.amend("zqprivamend", Visibility.PRIVATE)
    record.amend("zqsharedamend", Visibility.SHARED)
    return record


def _plaintext_on_disk(root: Path) -> list[str]:
    """Files below `root` that hold any marker in the clear."""
    found = []
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            if any(m.encode() in data for m in MARKERS):
                found.append(str(path.relative_to(root)))
    return found


@pytest.fixture
def two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[Manager, Manager, Path]:
    # Any temporary file Python's tempfile would make lands where _plaintext_on_disk looks.
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    return (
        Manager(tmp_path / "old", OLD_PASS, capsys),
        Manager(tmp_path / "new", NEW_PASS, capsys),
        tmp_path,
    )


def test_a_successor_takes_a_handover_without_private_notes_or_plaintext(
    two: tuple[Manager, Manager, Path],
) -> None:
    old, new, root = two
    zoe = _talk(unicodedata.normalize("NFD", "Zoë Lind"))
    annabel = _talk("Zoë Lindström")
    for record in (zoe, annabel):
        source = root / "old" / "in.json"
        source.write_text(record.to_json())
        assert old.run("new", "--from", str(source)) == 0, old.err
        source.unlink()
    out = root / "handover"

    # The name typed in NFC finds the talk stored in NFD, and only that whole name.
    assert (
        old.run("handover", "--to", new.recipient, "--employee", "zoë lind", "--out", str(out)) == 0
    ), old.err
    assert "Wrote 1 record for" in old.out
    assert "Left out 2 private notes and amendments" in old.err
    assert "warning" not in old.err
    readme = (out / "README.txt").read_text()
    assert "dialog-kit import" in readme and "> record.json" not in readme
    assert _plaintext_on_disk(root) == []

    assert new.run("import", str(out)) == 0, new.err
    assert "Took 1 record into" in new.out
    assert "Nothing was written unencrypted" in new.err
    assert new.run("show", zoe.id, "--json") == 0
    taken = Record.from_json(new.out)
    texts = {n.text for _p, n in taken.notes()} | {m.text for m in taken.amendments}
    assert texts == {"Wants to train as a mentor", "zqhrnote", "zqsharednote", "zqsharedamend"}
    assert taken.actions == zoe.actions and taken.locked
    assert taken.employee.name == zoe.employee.name
    assert new.run("list") == 0 and len(new.out.splitlines()) == 1
    # The successor's vault reads it with its own passphrase; the old manager's key cannot.
    assert old.run("show", zoe.id) == 0  # the old vault still has its own full copy
    assert "zqprivnote" in old.out
    assert _plaintext_on_disk(root) == []

    # Importing again changes nothing and says so.
    assert new.run("import", str(out)) == 0
    assert "Took 0 records" in new.out and "1 was already in this vault" in new.err


def test_with_private_hands_private_notes_over_and_warns(
    two: tuple[Manager, Manager, Path],
) -> None:
    old, new, root = two
    record = _talk("Åsa Lind")
    source = root / "old" / "in.json"
    source.write_text(record.to_json())
    assert old.run("new", "--from", str(source)) == 0
    source.unlink()
    out = root / "handover"
    assert old.run("handover", "--to", new.recipient, "--out", str(out), "--with-private") == 0
    assert "warning: your private notes go into this handover" in old.err
    assert "Left out" not in old.err
    assert new.run("import", str(out)) == 0, new.err
    assert new.run("show", record.id, "--json") == 0
    assert _same_but_person(Record.from_json(new.out), record)
    assert _plaintext_on_disk(root) == []


def test_without_private_is_still_accepted_and_means_the_default(
    two: tuple[Manager, Manager, Path],
) -> None:
    old, new, root = two
    record = _talk("Åsa Lind")
    source = root / "old" / "in.json"
    source.write_text(record.to_json())
    assert old.run("new", "--from", str(source)) == 0
    source.unlink()
    out = root / "handover"
    assert old.run("handover", "--to", new.recipient, "--out", str(out), "--without-private") == 0
    assert new.run("import", str(out)) == 0
    assert new.run("show", record.id, "--json") == 0
    taken = Record.from_json(new.out)
    assert all(n.visibility is not Visibility.PRIVATE for _p, n in taken.notes())
    assert [m.text for m in taken.amendments] == ["zqsharedamend"]
    assert old.run("handover", "--to", new.recipient, "--out", str(root / "x"),
                   "--with-private", "--without-private") == 2  # fmt: skip


def test_handover_by_name_never_takes_a_longer_name(two: tuple[Manager, Manager, Path]) -> None:
    old, new, root = two
    for name in ("Annabel Berg", "Anna Bergström"):
        source = root / "old" / "in.json"
        source.write_text(_talk(name).to_json())
        assert old.run("new", "--from", str(source)) == 0
    for asked in ("Anna", "Anna Berg", "Berg"):
        assert old.run("handover", "--to", new.recipient, "--employee", asked,
                       "--out", str(root / "h")) == 1  # fmt: skip
        assert "Nothing to hand over" in old.err
        assert not (root / "h").exists()


def test_import_refuses_what_is_not_a_handover_and_names_bad_files(
    two: tuple[Manager, Manager, Path],
) -> None:
    old, new, root = two
    assert new.run("import", str(root / "nowhere")) == 2
    assert "Not a handover" in new.err
    (root / "empty").mkdir()
    assert new.run("import", str(root / "empty")) == 2
    # A handover made for someone else's key: named, nothing imported, exit 1.
    record = _talk("Åsa Lind")
    source = root / "old" / "in.json"
    source.write_text(record.to_json())
    assert old.run("new", "--from", str(source)) == 0
    out = root / "handover"
    assert old.run("handover", "--to", old.recipient, "--out", str(out)) == 0
    (out / "records" / "not-a-record.txt").write_text("hello")
    assert new.run("import", str(out)) == 1
    assert f"{record.id}.age: encrypted for someone else" in new.err
    assert "not-a-record.txt" in new.err
    assert new.run("list") == 0 and new.out == ""


def test_import_never_replaces_another_version_of_a_talk(
    two: tuple[Manager, Manager, Path],
) -> None:
    old, new, root = two
    record = _talk("Åsa Lind")
    for manager in (old, new):
        source = root / "in.json"
        source.write_text(record.to_json())
        assert manager.run("new", "--from", str(source)) == 0
    source.unlink()
    out = root / "handover"
    assert old.run("handover", "--to", new.recipient, "--out", str(out)) == 0
    assert new.run("import", str(out)) == 1
    assert "holds a different version of this talk; it was not replaced" in new.err
    assert new.run("show", record.id, "--json") == 0
    # the successor's own copy, private notes and all
    assert _same_but_person(Record.from_json(new.out), record)


def _same_but_person(shown: Record, made: Record) -> bool:
    """The same talk; `new` tied it to a person of that vault's register (the id is theirs)."""
    assert shown.person is not None
    return replace(shown, person=None) == replace(made, person=None)
