"""The vault commands as a user or a script drives them: output, exit codes, nothing lost."""

from __future__ import annotations

import errno
import io
import json
import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from dialog_kit import age
from dialog_kit.cli import common, main
from dialog_kit.record import Record, Status
from dialog_kit.vault import Vault
from tests.vault.conftest import build_record, lock_held_by_another_process, snapshot

PASSPHRASE = "a long passphrase for the cli"


class Cli:
    def __init__(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.vault = tmp_path / "vault"
        self.tmp = tmp_path
        self.capsys = capsys
        self.pass_file = tmp_path / "pass.txt"
        self.pass_file.write_text(PASSPHRASE + "\n")
        self.out = ""
        self.err = ""

    def run(self, *args: str, passphrase: Path | str | None = None) -> int:
        source = str(passphrase or self.pass_file)
        code = main(["--vault", str(self.vault), "--passphrase-file", source, *args])
        captured = self.capsys.readouterr()
        self.out, self.err = captured.out, captured.err
        assert "Traceback" not in self.err
        return code

    def add(self, record: Record) -> str:
        path = self.tmp / f"{record.id}.json"
        path.write_text(record.to_json())
        assert self.run("new", "--from", str(path)) == 0, self.err
        record_id = self.out.strip()
        # `new` ties the talk to a person of the register: the record names them from now on.
        assert self.run("show", record_id, "--json") == 0, self.err
        record.person = Record.from_json(self.out).person
        assert record.person is not None
        return record_id


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path, capsys)
    assert c.run("init", "--work-factor", "10") == 0, c.err
    return c


@pytest.fixture(autouse=True)
def fresh_stdin_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "_stdin_lines", None)


def test_init_prints_the_path_the_recipient_and_the_warning(cli: Cli) -> None:
    with Vault.open(cli.vault) as vault:
        recipient = vault.recipient
    # The fixture's output was consumed; run a fresh init elsewhere to see it.
    other = cli.tmp / "second"
    code = main(["--vault", str(other), "--passphrase-file", str(cli.pass_file), "init",
                 "--work-factor", "10"])  # fmt: skip
    out = cli.capsys.readouterr().out
    assert code == 0
    assert str(other) in out
    assert "age1" in out and recipient not in out
    assert "lost" in out and "recovery recipient" in out


def test_init_refuses_an_existing_vault(cli: Cli) -> None:
    before = snapshot(cli.vault)
    assert cli.run("init", "--work-factor", "10") == 1
    assert "already" in cli.err
    assert snapshot(cli.vault) == before


def test_init_refuses_a_bad_work_factor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    c = Cli(tmp_path, capsys)
    assert c.run("init", "--work-factor", "40") == 2
    assert "between 10 and 22" in c.err
    assert not c.vault.exists()


def test_init_without_a_terminal_or_passphrase_file_is_bad_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main(["--vault", str(tmp_path / "v"), "init", "--work-factor", "10"])
    assert code == 2
    assert "--passphrase-file" in capsys.readouterr().err


def test_new_list_show_round_trip(cli: Cli) -> None:
    record = build_record(name="Åsa Lind", note="wants to talk to an advisor")
    assert cli.add(record) == record.id
    assert cli.run("list") == 0
    line = cli.out.strip()
    assert line.startswith(record.id[:8])
    assert "2026-03-02" in line and "Development review" in line and "Åsa Lind" in line
    assert "in progress" in line
    assert cli.run("list", "--json") == 0
    rows = json.loads(cli.out)
    assert rows[0]["id"] == record.id and rows[0]["employee"] == "Åsa Lind"
    assert cli.run("show", record.id[:8]) == 0
    assert "wants to talk to an advisor" in cli.out
    assert "Åsa Lind" in cli.out and "(private)" in cli.out and "Mentor course" in cli.out
    assert cli.run("show", record.id, "--json") == 0
    assert Record.from_json(cli.out) == record


def test_show_speaks_the_interface_language(cli: Cli) -> None:
    record = build_record()
    cli.add(record)
    code = main(["--lang", "sv", "--vault", str(cli.vault), "--passphrase-file",
                 str(cli.pass_file), "show", record.id])  # fmt: skip
    out = cli.capsys.readouterr().out
    assert code == 0
    assert "2 mars 2026" in out
    labels = [line.split(":")[0] for line in out.splitlines()[1:6]]
    assert labels == ["Id", "Status", "Medarbetare", "Chef", "Samtalsguide"]
    assert "Manager" not in out and "Guide:" not in out


def test_show_speaks_danish_too(cli: Cli) -> None:
    record = build_record()
    cli.add(record)
    code = main(["--lang", "da", "--vault", str(cli.vault), "--passphrase-file",
                 str(cli.pass_file), "show", record.id])  # fmt: skip
    out = cli.capsys.readouterr().out
    assert code == 0
    labels = [line.split(":")[0] for line in out.splitlines()[1:6]]
    assert labels == ["Id", "Status", "Medarbejder", "Leder", "Samtaleguide"]


def test_new_with_a_bad_field_names_it_and_exits_2(cli: Cli) -> None:
    data = json.loads(build_record().to_json())
    data["employee"]["name"] = ""
    bad = cli.tmp / "bad.json"
    bad.write_text(json.dumps(data))
    assert cli.run("new", "--from", str(bad)) == 2
    assert "bad.json.employee.name" in cli.err
    assert list((cli.vault / "records").iterdir()) == []


def test_new_with_broken_json_or_a_missing_file_exits_2(cli: Cli) -> None:
    broken = cli.tmp / "broken.json"
    broken.write_text('{"kind": ')
    assert cli.run("new", "--from", str(broken)) == 2
    assert "not valid JSON" in cli.err
    assert cli.run("new", "--from", str(cli.tmp / "missing.json")) == 2
    assert list((cli.vault / "records").iterdir()) == []


def test_new_refuses_an_id_that_exists(cli: Cli) -> None:
    record = build_record()
    cli.add(record)
    before = snapshot(cli.vault)
    path = cli.tmp / "again.json"
    path.write_text(record.to_json())
    assert cli.run("new", "--from", str(path)) == 1
    assert "already holds" in cli.err
    assert snapshot(cli.vault) == before


def test_wrong_passphrase_exits_3_and_changes_nothing(cli: Cli) -> None:
    cli.add(build_record())
    wrong = cli.tmp / "wrong.txt"
    wrong.write_text("not it\n")
    before = snapshot(cli.vault)
    for command in (["list"], ["check"], ["passwd", "--new-passphrase-file", str(wrong)]):
        assert cli.run(*command, passphrase=wrong) == 3
        assert "Wrong passphrase" in cli.err
    assert snapshot(cli.vault) == before


def test_damaged_and_foreign_files_are_named_and_the_rest_still_list(cli: Cli) -> None:
    good = build_record(name="Good One")
    bad = build_record(name="Bad One")
    cli.add(good)
    cli.add(bad)
    (cli.vault / "records" / f"{bad.id}.age").write_bytes(b"age-encryption.org/v1\nbroken")
    foreign = "3b5e7c4a-1111-4222-8333-444455556666"
    stranger = age.generate_identity()[1]
    (cli.vault / "records" / f"{foreign}.age").write_bytes(age.encrypt(b"{}", [stranger]))
    (cli.vault / "records" / "desktop.ini").write_text("[x]")

    assert cli.run("list") == 1
    assert "Good One" in cli.out and "Bad One" not in cli.out
    for name in (f"{bad.id}.age", f"{foreign}.age", "desktop.ini"):
        assert name in cli.err
    assert "Bad One" not in cli.err
    assert cli.run("show", good.id[:8]) == 0
    assert cli.run("show", bad.id[:8]) == 1
    assert f"{bad.id}.age" in cli.err
    assert cli.run("check") == 1
    assert "3 damaged files; 1 record is sound" in cli.out


def test_check_of_a_sound_vault(cli: Cli) -> None:
    cli.add(build_record())
    assert cli.run("check") == 0
    assert "sound" in cli.out and "1 record." in cli.out


def test_unknown_id_fails_plainly(cli: Cli) -> None:
    assert cli.run("show", "abcdef12") == 1
    assert "No record has the id abcdef12" in cli.err


def test_passwd_reads_old_and_new_from_successive_stdin_lines(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = build_record()
    cli.add(record)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSPHRASE}\nthe new passphrase\n"))
    assert cli.run("passwd", "--new-passphrase-file", "-", passphrase="-") == 0, cli.err
    assert "Passphrase changed" in cli.out
    assert cli.run("list") == 3
    new = cli.tmp / "new.txt"
    new.write_text("the new passphrase\n")
    assert cli.run("show", record.id, passphrase=new) == 0


def test_passwd_with_a_new_passphrase_file(cli: Cli) -> None:
    new = cli.tmp / "new.txt"
    new.write_text("second passphrase\n")
    assert cli.run("passwd", "--new-passphrase-file", str(new)) == 0
    assert cli.run("check", passphrase=new) == 0


def test_recipients_add_list_remove(cli: Cli) -> None:
    record = build_record()
    cli.add(record)
    hr_secret, hr_public = age.generate_identity()
    assert cli.run("recipients", "add", hr_public, "--yes") == 0
    assert "(1)" in cli.out
    data = (cli.vault / "records" / f"{record.id}.age").read_bytes()
    assert age.decrypt(data, [hr_secret]) == record.to_json().encode()
    assert cli.run("recipients", "list") == 0
    lines = cli.out.strip().splitlines()
    assert len(lines) == 2 and "own key" in lines[0] and lines[1] == hr_public
    own = lines[0].split()[0]
    assert cli.run("recipients", "remove", own) == 1
    assert "own key" in cli.err
    assert cli.run("recipients", "remove", hr_public) == 0
    data = (cli.vault / "records" / f"{record.id}.age").read_bytes()
    with pytest.raises(age.NoMatchError):
        age.decrypt(data, [hr_secret])
    # A malformed key is bad input: exit 2, before the vault is even opened.
    before = snapshot(cli.vault)
    assert cli.run("recipients", "add", "age1notakey") == 2
    assert "recipient" in cli.err
    assert snapshot(cli.vault) == before


def test_delete_asks_and_without_a_terminal_needs_yes(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = build_record()
    cli.add(record)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert cli.run("delete", record.id[:8]) == 2
    assert "--yes" in cli.err
    assert (cli.vault / "records" / f"{record.id}.age").exists()
    assert cli.run("delete", record.id[:8], "--yes") == 0
    assert not (cli.vault / "records" / f"{record.id}.age").exists()


def test_delete_can_remove_a_damaged_record(cli: Cli) -> None:
    record = build_record()
    cli.add(record)
    (cli.vault / "records" / f"{record.id}.age").write_bytes(b"junk")
    assert cli.run("delete", record.id, "--yes") == 0
    assert list((cli.vault / "records").iterdir()) == []


def test_purge_erases_only_old_completed_talks(cli: Cli) -> None:
    old = build_record(on=date(2020, 1, 1), status=Status.COMPLETED)
    ongoing = build_record(on=date(2020, 1, 1), status=Status.IN_PROGRESS)
    recent = build_record(on=date.today(), status=Status.LOCKED)
    for record in (old, ongoing, recent):
        cli.add(record)
    assert cli.run("purge", "--older-than", "24x", "--yes") == 2
    assert cli.run("purge", "--older-than", "2y", "--yes") == 0
    assert "Erased 1 talk." in cli.out
    remaining = {p.name for p in (cli.vault / "records").iterdir()}
    assert remaining == {f"{ongoing.id}.age", f"{recent.id}.age"}
    assert cli.run("purge", "--yes") == 0
    assert "No completed talk" in cli.out


def test_purge_default_comes_from_the_settings(cli: Cli) -> None:
    Path(os.environ["DIALOG_KIT_CONFIG"]).write_text("retention_months = 1\n")
    done = date.today().replace(day=1)
    old = build_record(on=date(done.year - 1, done.month, 1), status=Status.COMPLETED)
    cli.add(old)
    assert cli.run("purge", "--yes") == 0
    assert list((cli.vault / "records").iterdir()) == []


def test_handover_writes_a_folder_for_the_successor(cli: Cli) -> None:
    anna = build_record(name="Anna Berg")
    cli.add(anna)
    cli.add(build_record(name="Bert Dahl"))
    secret, public = age.generate_identity()
    out = cli.tmp / "handover"
    args = ("handover", "--to", public, "--employee", "anna berg", "--out", str(out))
    assert cli.run(*args, "--with-private") == 0
    assert "Wrote 1 record for" in cli.out
    files = list((out / "records").iterdir())
    assert [f.name for f in files] == [f"{anna.id}.age"]
    assert Record.from_json(age.decrypt(files[0].read_bytes(), [secret])) == anna
    assert "Anna" not in (out / "README.txt").read_text()


def test_a_newer_vault_format_is_refused(cli: Cli) -> None:
    toml = cli.vault / "vault.toml"
    toml.write_text(toml.read_text().replace("format = 2", "format = 3"))
    assert cli.run("list") == 1
    assert "newer dialog_kit" in cli.err and "format 3" in cli.err


def test_missing_vault_says_how_to_create_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c = Cli(tmp_path, capsys)
    assert c.run("list") == 1
    assert "dialog-kit init" in c.err


def test_a_second_process_makes_saving_fail_plainly_while_reading_works(cli: Cli) -> None:
    record = build_record()
    cli.add(record)
    with lock_held_by_another_process(cli.vault) as holder:
        path = cli.tmp / "another.json"
        path.write_text(build_record().to_json())
        before = snapshot(cli.vault)
        assert cli.run("new", "--from", str(path)) == 1
        assert f"process {holder.pid}" in cli.err and "can read" in cli.err
        assert snapshot(cli.vault) == before
        assert cli.run("list") == 0
        assert record.id[:8] in cli.out


def test_a_full_disk_keeps_the_previous_version(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    record = build_record()
    cli.add(record)
    before = snapshot(cli.vault)
    new = cli.tmp / "new.txt"
    new.write_text("second passphrase\n")

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    assert cli.run("passwd", "--new-passphrase-file", str(new)) == 1
    assert "Disk full" in cli.err
    monkeypatch.undo()
    monkeypatch.setattr(common, "_stdin_lines", None)
    assert snapshot(cli.vault) == before
    assert cli.run("show", record.id) == 0


def test_handover_without_private_notes(cli: Cli) -> None:
    record = build_record(name="Anna Berg", note="PRIVATE-OPINION")
    cli.add(record)
    secret, public = age.generate_identity()
    out = cli.tmp / "handover"
    assert cli.run("handover", "--to", public, "--out", str(out), "--without-private") == 0
    data = age.decrypt((out / "records" / f"{record.id}.age").read_bytes(), [secret])
    copy = Record.from_json(data)
    assert "PRIVATE-OPINION" not in data.decode()
    assert [n.text for _, n in copy.notes()] == ["Wants to train as a mentor"]
    assert copy.actions == record.actions


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("answer", "erased"), [("n", False), ("", False), ("y", True)])
def test_delete_asks_at_a_terminal(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, answer: str, erased: bool
) -> None:
    record = build_record()
    cli.add(record)
    monkeypatch.setattr("sys.stdin", _Terminal(answer + "\n"))
    assert cli.run("delete", record.id[:8]) == 0
    assert "Erase" in cli.out and record.id[:8] in cli.out
    assert (cli.vault / "records" / f"{record.id}.age").exists() is not erased


def test_an_empty_vault_lists_nothing_and_says_so(cli: Cli) -> None:
    assert cli.run("list") == 0
    assert cli.out == ""
    assert "no records" in cli.err


def test_show_uses_the_guides_phase_titles_and_item_texts(cli: Cli) -> None:
    from dialog_kit.guides import load_library

    guide = load_library().guide("development")
    phase = guide.phases[0]
    item = phase.items[0]
    record = build_record()
    record.phase(phase.id).ticked.append(item.id)
    cli.add(record)
    assert cli.run("show", record.id) == 0
    assert phase.title.get("en") in cli.out
    assert f"[x] {item.text.get('en')}" in cli.out


def test_the_documented_example_record_goes_in_shows_and_exports(cli: Cli, repo_root: Path) -> None:
    """docs/examples/record.json is what the docs tell a script to feed `new --from`."""
    from pypdf import PdfReader

    from dialog_kit.record import Visibility

    example = repo_root / "docs" / "examples" / "record.json"
    expected = Record.from_json(example.read_text(encoding="utf-8"))

    assert cli.run("new", "--from", str(example)) == 0, cli.err
    record_id = cli.out.strip()
    assert cli.run("show", record_id, "--json") == 0
    shown = Record.from_json(cli.out)
    assert shown.person is not None and expected.person is None
    assert replace(shown, person=None) == expected

    pdf, ics = cli.tmp / "summary.pdf", cli.tmp / "follow-up.ics"
    assert cli.run("export", record_id, "--pdf", str(pdf), "--ics", str(ics)) == 0, cli.err
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)
    for _, note in expected.notes(Visibility.SHARED):
        assert " ".join(note.text.split()) in text
    for _, note in expected.notes(Visibility.PRIVATE, Visibility.HR):
        assert " ".join(note.text.split()) not in text
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_show_lists_the_follow_up_ticked_after_locking(cli: Cli) -> None:
    from dialog_kit.guides import load_library

    follow_up = load_library().guide("development").phases[-1]
    assert follow_up.after
    record = build_record()
    record.lock()
    record.tick_after_talk(follow_up.id, follow_up.items[1].id)
    cli.add(record)
    assert cli.run("show", record.id) == 0
    assert follow_up.title.get("en") in cli.out
    assert f"[x] {follow_up.items[1].text.get('en')}" in cli.out
    assert f"[x] {follow_up.items[0].text.get('en')}" not in cli.out


def test_list_and_team_print_the_same_with_the_index_and_without_it(cli: Cli) -> None:
    for i, name in enumerate(["Åsa Lind", "Bo Ek", "Åsa Lind"]):
        record = build_record(name=name, on=date(2025 + i % 2, 3 + i, 2), status=Status.COMPLETED)
        record.follow_up = date(2026, 9, 1 + i)
        cli.add(record)
    printed: dict[tuple[bool, str], str] = {}
    for with_index in (True, False):
        for command in (["list", "--json"], ["list"], ["team", "--json"]):
            if not with_index:
                (cli.vault / "index.age").unlink()  # each command finds none
            assert cli.run(*command) == 0, cli.err
            printed[with_index, " ".join(command)] = cli.out
            assert (cli.vault / "index.age").exists()  # written (again) by the listing
    for command in ("list --json", "list", "team --json"):
        assert printed[True, command] == printed[False, command]
    assert "Åsa Lind" in printed[True, "list"] and '"person":' in printed[True, "team --json"]
