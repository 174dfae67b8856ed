"""Privacy at the command line: whole names in NFC, complete GDPR answers, honest warnings."""

from __future__ import annotations

import io
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest

from dialog_kit import age
from dialog_kit.cli import common
from dialog_kit.record import Record, Status
from dialog_kit.vault import months_before
from tests.cli.test_vault_cli import Cli
from tests.documents.conftest import pdf_text
from tests.vault.conftest import build_record, snapshot

NFD_ZOE = unicodedata.normalize("NFD", "Zoë Lind")
NFC_ZOE = unicodedata.normalize("NFC", "Zoë Lind")


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path, capsys)
    c.pass_file.chmod(0o600)
    assert c.run("init", "--work-factor", "10") == 0, c.err
    return c


@pytest.fixture(autouse=True)
def fresh_stdin_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "_stdin_lines", None)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _talk(name: str, note: str) -> Record:
    record = build_record(name=name, note=note)
    record.locale = "en"
    return record


# -- names ------------------------------------------------------------------------------


@pytest.mark.parametrize(("stored", "asked"), [(NFD_ZOE, NFC_ZOE), (NFC_ZOE, NFD_ZOE)])
def test_access_finds_a_name_whatever_its_unicode_form(cli: Cli, stored: str, asked: str) -> None:
    assert stored != asked  # the same name, different code points
    cli.add(_talk(stored, "zqzoeprivate"))
    out = cli.tmp / "access.pdf"
    assert cli.run("access", asked, "--pdf", str(out), "--lang", "en") == 0, cli.err
    assert "Talks found for this name: 1." in cli.err
    assert "zqzoeprivate" in pdf_text(out.read_bytes())


def test_access_matches_whole_names_not_parts(cli: Cli) -> None:
    cli.add(_talk("Anna Berg", "zqannanote"))
    cli.add(_talk("Annabel Berg", "zqannabelnote"))
    out = cli.tmp / "access.pdf"
    assert cli.run("access", "anna  BERG", "--pdf", str(out), "--lang", "en") == 0, cli.err
    text = pdf_text(out.read_bytes())
    assert "zqannanote" in text and "zqannabelnote" not in text
    assert "Talks found for this name: 1." in cli.err
    other = cli.tmp / "anna.pdf"
    assert cli.run("access", "Anna", "--pdf", str(other), "--lang", "en") == 0
    assert "Talks found for this name: 0." in cli.err


def test_an_access_report_says_in_itself_when_files_could_not_be_read(cli: Cli) -> None:
    cli.add(_talk("Åsa Lind", "zqasanote"))
    broken = build_record(name="Åsa Lind")
    cli.add(broken)
    (cli.vault / "records" / f"{broken.id}.age").write_bytes(b"age-encryption.org/v1\nbroken")
    out = cli.tmp / "access.pdf"
    assert cli.run("access", "Åsa Lind", "--pdf", str(out), "--lang", "en") == 0, cli.err
    text = pdf_text(out.read_bytes())  # without whitespace
    assert "Thisreportmaybeincomplete." in text
    assert "couldnotberead(damagedorencryptedtoanotherkey):1." in text
    assert "zqasanote" in text
    assert "could not be read" in cli.err


def test_a_complete_access_report_does_not_say_it_may_be_incomplete(cli: Cli) -> None:
    cli.add(_talk("Åsa Lind", "zqasanote"))
    out = cli.tmp / "access.pdf"
    assert cli.run("access", "Åsa Lind", "--pdf", str(out), "--lang", "sv") == 0, cli.err
    text = pdf_text(out.read_bytes())
    assert "zqasanote" in text and "ofullständigt" not in text


# -- passphrases ----------------------------------------------------------------------------


def test_init_with_an_easy_passphrase_warns_but_a_script_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c = Cli(tmp_path, capsys)
    c.pass_file.write_text("password1\n")
    c.pass_file.chmod(0o600)
    assert c.run("init", "--work-factor", "10") == 0
    assert "very easy to guess" in c.err and "strength 0 of 4" in c.err
    assert (c.vault / "identity.age").exists()


def test_init_with_a_strong_passphrase_says_nothing_about_it(cli: Cli) -> None:
    # The cli fixture made its vault with "a long passphrase for the cli".
    assert "guess" not in cli.err


def test_at_a_terminal_a_weak_passphrase_is_kept_only_when_confirmed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    strong = "four unrelated words: kettle fjord lantern"
    offered = iter(["sommar2024", "sommar2024", strong, strong])
    answers = iter(["", "y"])
    monkeypatch.setattr("sys.stdin", _Terminal())
    monkeypatch.setattr(common.getpass, "getpass", lambda prompt="": next(offered))
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    # "sommar2024" is offered (typed twice), refused at the question, then a strong one is taken.
    assert common.choose_passphrase(None, "New passphrase: ") == strong
    assert "easy to guess" in capsys.readouterr().err
    offered = iter(["kaffe", "kaffe"])
    assert common.choose_passphrase(None, "New passphrase: ") == "kaffe"


def test_passwd_with_an_easy_new_passphrase_warns(cli: Cli) -> None:
    new = cli.tmp / "new.txt"
    new.write_text("qwerty123\n")
    new.chmod(0o600)
    assert cli.run("passwd", "--new-passphrase-file", str(new)) == 0
    assert "easy to guess" in cli.err


def test_a_passphrase_file_others_can_read_gets_a_warning(cli: Cli) -> None:
    cli.pass_file.chmod(0o640)
    assert cli.run("list") == 0
    assert "other users on this computer can read the passphrase file" in cli.err
    assert f"chmod 600 {cli.pass_file}" in cli.err
    cli.pass_file.chmod(0o600)
    assert cli.run("list") == 0
    assert "other users" not in cli.err


# -- a recovery recipient ------------------------------------------------------------------


def test_recipients_add_says_what_it_means_and_a_script_must_confirm(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.add(_talk("Åsa Lind", "zqasanote"))
    before = snapshot(cli.vault)
    public = age.generate_identity()[1]
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert cli.run("recipients", "add", public) == 2
    assert "your private notes included" in cli.err and public in cli.err
    assert "--yes" in cli.err
    assert snapshot(cli.vault) == before


@pytest.mark.parametrize(("answer", "added"), [("", False), ("n", False), ("y", True)])
def test_recipients_add_at_a_terminal_asks_before_re_encrypting(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, answer: str, added: bool
) -> None:
    record = _talk("Åsa Lind", "zqasanote")
    cli.add(record)
    before = snapshot(cli.vault)
    secret, public = age.generate_identity()
    monkeypatch.setattr("sys.stdin", _Terminal())
    monkeypatch.setattr("builtins.input", lambda prompt="": answer)
    assert cli.run("recipients", "add", public) == 0
    assert "your private notes included" in cli.err
    data = (cli.vault / "records" / f"{record.id}.age").read_bytes()
    if added:
        plain = age.decrypt(data, [secret]).decode()
        assert "zqasanote" in plain  # the new key holder reads private notes: as it said
    else:
        assert snapshot(cli.vault) == before
        assert "Nothing was changed." in cli.out
        with pytest.raises(age.NoMatchError):
            age.decrypt(data, [secret])


def test_a_bad_key_is_refused_before_the_question(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert cli.run("recipients", "add", "age1notakey") == 2  # bad input (issue 9)
    assert "private notes" not in cli.err


# -- retention ------------------------------------------------------------------------------


def test_purge_from_the_command_line_keeps_the_talk_exactly_at_the_cut_off(cli: Cli) -> None:
    cutoff = months_before(date.today(), 24)
    at_cutoff = build_record(on=cutoff, status=Status.COMPLETED)
    older = build_record(on=cutoff - timedelta(days=1), status=Status.COMPLETED)
    for record in (at_cutoff, older):
        cli.add(record)
    assert cli.run("purge", "--older-than", "24m", "--yes") == 0, cli.err
    assert "Erased 1 talk." in cli.out
    assert {p.name for p in (cli.vault / "records").iterdir()} == {f"{at_cutoff.id}.age"}
