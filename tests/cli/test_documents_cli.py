"""dialog-kit export, prep and access: files written privately, plain messages, right exit codes."""

from __future__ import annotations

import re
import stat
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from dialog_kit.cli import main
from dialog_kit.record import Action, GuideRef, Kind, Person, Record, Visibility, new_record
from dialog_kit.vault import Vault
from tests.documents.conftest import DATA, pdf_text

PASSPHRASE = "correct horse battery staple"


def talk(name: str = "Åsa Lindqvist", follow_up: date | None = date(2027, 9, 15)) -> Record:
    record = new_record(
        Kind.DEVELOPMENT,
        GuideRef("development", 1),
        Person(name, "Undersköterska"),
        Person("Karin Berg", "Enhetschef"),
        "sv",
        date(2027, 3, 3),
    )
    record.add_note("look-back", "zqsharedcli", Visibility.SHARED)
    record.add_note("look-back", "zqprivatecli", Visibility.PRIVATE)
    record.add_note("agree", "zqhrcli", Visibility.HR)
    record.actions.append(Action("zqactioncli", "Åsa", date(2027, 5, 1)))
    record.follow_up = follow_up
    return record


class Setup:
    def __init__(self, tmp_path: Path) -> None:
        self.dir = tmp_path
        self.vault = tmp_path / "vault"
        self.passfile = tmp_path / "pass.txt"
        self.passfile.write_text(PASSPHRASE + "\n")
        self.records: list[Record] = []
        config = Path.home() / "config.toml"
        config.write_text(f'organisation = "Norrviks kommun"\nguides_dir = "{DATA}"\n')

    def add(self, *records: Record) -> None:
        vault = Vault.open(self.vault) if Vault.exists(self.vault) else None
        if vault is None:
            vault = Vault.create(self.vault, PASSPHRASE, work_factor=10)
        else:
            vault.unlock(PASSPHRASE)
        with vault:
            for record in records:
                vault.save(record)
        self.records.extend(records)

    def run(self, *args: str, passfile: Path | None = None) -> int:
        return main(
            ["--vault", str(self.vault), "--passphrase-file", str(passfile or self.passfile), *args]
        )


@pytest.fixture
def setup(tmp_path: Path) -> Setup:
    return Setup(tmp_path)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_export_writes_a_private_summary_and_says_it_is_unencrypted(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    record = talk()
    setup.add(record)
    out = setup.dir / "summary.pdf"
    assert setup.run("export", record.id[:8], "--pdf", str(out)) == 0
    text = pdf_text(out.read_bytes())
    assert "zqsharedcli" in text and "zqactioncli" in text
    assert "zqprivatecli" not in text and "zqhrcli" not in text
    assert "Sida1av" in text  # the employee's language by default
    assert mode(out) == 0o600
    err = capsys.readouterr().err
    assert "NOT encrypted" in err and str(out.resolve()) in err
    assert "not marked completed" in err
    assert "Åsa" not in err


def test_export_of_a_completed_talk_has_no_completion_note(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    record = talk()
    record.lock()
    setup.add(record)
    assert setup.run("export", record.id, "--pdf", str(setup.dir / "s.pdf")) == 0
    assert "not marked completed" not in capsys.readouterr().err


def test_export_with_ics_and_another_language(setup: Setup) -> None:
    record = talk()
    setup.add(record)
    pdf, ics = setup.dir / "s.pdf", setup.dir / "s.ics"
    assert setup.run("export", record.id, "--pdf", str(pdf), "--ics", str(ics), "--lang", "en") == 0
    assert "Page1of" in pdf_text(pdf.read_bytes())
    event = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")[0]
    assert event.decoded("dtstart") == date(2027, 9, 15)
    assert str(event["summary"]) == "Follow-up talk"
    assert mode(ics) == 0o600


def test_export_without_follow_up_date_writes_nothing(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    record = talk(follow_up=None)
    setup.add(record)
    pdf, ics = setup.dir / "s.pdf", setup.dir / "s.ics"
    assert setup.run("export", record.id, "--pdf", str(pdf), "--ics", str(ics)) == 1
    assert "no follow-up date" in capsys.readouterr().err
    assert not pdf.exists() and not ics.exists()


def test_export_never_overwrites_without_force(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    record = talk()
    setup.add(record)
    out = setup.dir / "summary.pdf"
    out.write_bytes(b"the earlier copy")
    # Refused before the passphrase is even read.
    missing = setup.dir / "no-such-passphrase-file"
    assert setup.run("export", record.id, "--pdf", str(out), passfile=missing) == 1
    assert "already exists" in capsys.readouterr().err
    assert out.read_bytes() == b"the earlier copy"
    assert setup.run("export", record.id, "--pdf", str(out), "--force", "--signatures") == 0
    assert "Datumochunderskrift" in pdf_text(out.read_bytes())


def test_export_with_a_wrong_passphrase_or_unknown_id(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    record = talk()
    setup.add(record)
    out = setup.dir / "summary.pdf"
    wrong = setup.dir / "wrong.txt"
    wrong.write_text("not it\n")
    assert setup.run("export", record.id, "--pdf", str(out), passfile=wrong) == 3
    assert setup.run("export", "abcdef12", "--pdf", str(out)) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "Traceback" not in err


def test_export_without_a_vault_says_so(setup: Setup, capsys: pytest.CaptureFixture[str]) -> None:
    assert setup.run("export", "abcdef12", "--pdf", str(setup.dir / "s.pdf")) == 1
    assert "no vault" in capsys.readouterr().err.lower()


def test_prep_needs_no_vault(setup: Setup, capsys: pytest.CaptureFixture[str]) -> None:
    out = setup.dir / "prep.pdf"
    assert main(["prep", "career-change", "--pdf", str(out), "--lang", "da",
                 "--profile", "performing-arts"]) == 0  # fmt: skip
    text = pdf_text(out.read_bytes())
    assert "Profilspørgsmålomkroppen?" in text
    assert mode(out) == 0o600
    assert "NOT encrypted" in capsys.readouterr().err
    assert main(["prep", "career-change", "--pdf", str(out)]) == 1
    assert main(["prep", "party", "--pdf", str(setup.dir / "p2.pdf")]) == 2
    assert main(["prep", "exit", "--pdf", str(setup.dir / "p3.pdf"), "--profile", "nope"]) == 2
    assert not (setup.dir / "p2.pdf").exists() and not (setup.dir / "p3.pdf").exists()


def test_access_reports_everything_about_one_employee(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    mine, other = talk(), talk("Someone Else")
    other.add_note("open", "zqotherperson", Visibility.SHARED)
    setup.add(mine, other)
    out = setup.dir / "access.pdf"
    assert setup.run("access", "  åsa LINDQVIST ", "--pdf", str(out), "--lang", "en") == 0
    text = pdf_text(out.read_bytes())
    for mark in ("zqsharedcli", "zqprivatecli", "zqhrcli", "zqactioncli", mine.id):
        assert mark in text
    assert "zqotherperson" not in text and other.id not in text
    err = capsys.readouterr().err
    assert "Talks found for this name: 1." in err and "NOT encrypted" in err
    assert re.search(r"The register entry: [0-9a-f]{12}\.", err)
    assert "Åsa" not in err and "LINDQVIST" not in err


def test_export_refuses_the_same_file_for_pdf_and_ics(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    record = talk()
    setup.add(record)
    out = setup.dir / "both"
    assert setup.run("export", record.id, "--pdf", str(out), "--ics", str(out)) == 1
    assert "different files" in capsys.readouterr().err
    assert not out.exists()


def test_access_with_no_match_still_answers(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    setup.add(talk())
    out = setup.dir / "access.pdf"
    assert setup.run("access", "Nobody Here", "--pdf", str(out), "--lang", "da") == 0
    assert "dialog_kitindeholderingensamtaler" in pdf_text(out.read_bytes())
    assert "Talks found for this name: 0." in capsys.readouterr().err


def _stored(setup: Setup, record_id: str) -> Record:
    with Vault.open(setup.vault) as vault:
        vault.unlock(PASSPHRASE)
        return vault.load(record_id)


def test_export_records_which_summary_version_was_made(setup: Setup) -> None:
    record = talk()
    setup.add(record)
    assert setup.run("export", record.id, "--pdf", str(setup.dir / "draft.pdf")) == 0
    assert [(m.version, m.final) for m in _stored(setup, record.id).summaries] == [(0, False)]

    locked = _stored(setup, record.id)
    locked.lock()
    locked.amend("Kursen flyttad", Visibility.SHARED)
    setup.add(locked)
    assert _stored(setup, record.id).summary_out_of_date  # the draft was handed over
    assert setup.run("export", record.id, "--pdf", str(setup.dir / "final.pdf")) == 0
    stored = _stored(setup, record.id)
    assert [(m.version, m.final) for m in stored.summaries] == [(0, False), (2, True)]
    assert not stored.summary_out_of_date
    # Nothing else about the talk changed by exporting it.
    assert stored.amendments == locked.amendments and stored.phases == locked.phases


def test_export_while_another_program_holds_the_vault_writes_nothing(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    record = talk()
    setup.add(record)
    out = setup.dir / "summary.pdf"
    with Vault.open(setup.vault) as other:
        other.unlock(PASSPHRASE)
        other.acquire_write_lock()
        assert setup.run("export", record.id, "--pdf", str(out)) == 1  # an operation failed
    assert not out.exists()
    assert _stored(setup, record.id).summaries == []
    err = capsys.readouterr().err
    assert "Vault in use" in err and "Traceback" not in err
