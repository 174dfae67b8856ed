"""dialog-kit invite and handed-over: the invitation (.ics, parsed with icalendar) and the talk's
sheet, SEQUENCE counted in the record under the lock, and which summary the employee has."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from dialog_kit.documents.invitation import invitation_uid
from dialog_kit.record import Record, Visibility
from dialog_kit.vault import Vault
from tests.cli.test_documents_cli import PASSPHRASE, Setup, talk
from tests.documents.conftest import DATA, pdf_text


@pytest.fixture
def setup(tmp_path: Path) -> Setup:
    s = Setup(tmp_path)
    (Path.home() / "config.toml").write_text(
        'organisation = "Norrviks kommun"\nmanager_name = "Karin Berg"\ncountry = "se"\n'
        f'manager_email = "karin.berg@example.se"\nguides_dir = "{DATA}"\n'
    )
    return s


def planned(at: time | None = time(14, 30), minutes: int | None = 45) -> Record:
    record = talk()
    record.time = at
    record.duration_minutes = minutes
    record.place = "Rum 3, Storgatan 1" if at else None
    return record


def load(setup: Setup, record_id: str) -> Record:
    vault = Vault.open(setup.vault)
    vault.unlock(PASSPHRASE)
    with vault:
        return vault.load(record_id)


def event(path: Path):  # type: ignore[no-untyped-def]
    (found,) = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    return found


def test_invite_writes_the_invitation_and_the_sheet_and_counts_each_issue(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    record = planned()
    setup.add(record)
    ics, pdf = setup.dir / "invite.ics", setup.dir / "prep.pdf"
    assert setup.run("invite", record.id[:8], "--ics", str(ics), "--pdf", str(pdf)) == 0
    first = event(ics)
    start = first.decoded("dtstart")
    assert start == datetime(2027, 3, 3, 14, 30, tzinfo=ZoneInfo("Europe/Stockholm"))
    assert first["dtstart"].params["TZID"] == "Europe/Stockholm"
    assert first.decoded("dtend") - start == timedelta(minutes=45)
    assert str(first["location"]) == "Rum 3, Storgatan 1"
    assert str(first["organizer"]) == "mailto:karin.berg@example.se"
    assert list(first.walk("VALARM"))
    assert first.decoded("sequence") == 0
    assert str(first["uid"]) == invitation_uid(record)
    assert "Var: Rum 3" in str(first["description"])  # the employee's language: Swedish
    # The sheet names when, where and with whom.
    sheet = pdf_text(pdf.read_bytes())
    for fact in ("3mars2027", "14:30", "45minuter", "Rum3,Storgatan1", "KarinBerg"):
        assert fact in sheet
    assert load(setup, record.id).invitations and len(load(setup, record.id).invitations) == 1
    assert "Åsa" not in capsys.readouterr().err

    # Re-issued: the same UID, a higher SEQUENCE, the count in the record.
    again = setup.dir / "again.ics"
    assert setup.run("invite", record.id, "--ics", str(again)) == 0
    second = event(again)
    assert str(second["uid"]) == str(first["uid"])
    assert second.decoded("sequence") == 1
    assert len(load(setup, record.id).invitations) == 2
    assert "sequence 1" in capsys.readouterr().err
    assert setup.run("invite", record.id, "--ics", str(again), "--force") == 0
    assert event(again).decoded("sequence") == 2


def test_nothing_private_hr_or_shared_reaches_the_invitation_or_the_sheet(setup: Setup) -> None:
    """The talk carries a shared, a private and an HR note and an action (see talk())."""
    record = planned()
    setup.add(record)
    ics, pdf = setup.dir / "i.ics", setup.dir / "p.pdf"
    assert setup.run("invite", record.id, "--ics", str(ics), "--pdf", str(pdf)) == 0
    calendar = ics.read_text().replace("\r\n ", "")
    sheet = pdf_text(pdf.read_bytes())
    assert "zqsharedcli" in "".join(n.text for _p, n in record.notes())
    for secret in ("zqsharedcli", "zqprivatecli", "zqhrcli", "zqactioncli"):
        assert secret not in calendar and secret not in sheet
    for name in ("Åsa", "Lindqvist"):
        assert name not in calendar
    assert "ATTENDEE" not in calendar


def test_a_talk_without_a_time_gets_an_all_day_invitation_and_a_note(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    record = planned(at=None, minutes=None)
    setup.add(record)
    ics = setup.dir / "i.ics"
    assert setup.run("invite", record.id, "--ics", str(ics)) == 0
    found = event(ics)
    assert found.decoded("dtstart") == date(2027, 3, 3)
    assert str(found["summary"]) == "Enskilt samtal (tid bestäms senare)"
    assert "no time yet" in capsys.readouterr().err


@pytest.mark.parametrize("status", ["completed", "locked"])
def test_a_held_talk_is_refused_with_exit_2_and_nothing_is_written(
    setup: Setup, status: str, capsys: pytest.CaptureFixture[str]
) -> None:
    record = planned()
    if status == "locked":
        record.lock()
    else:
        record.complete()
    setup.add(record)
    ics, pdf = setup.dir / "i.ics", setup.dir / "p.pdf"
    assert setup.run("invite", record.id, "--ics", str(ics), "--pdf", str(pdf)) == 2
    assert not ics.exists() and not pdf.exists()
    assert not load(setup, record.id).invitations
    assert "Traceback" not in capsys.readouterr().err


def test_an_unknown_talk_fails_as_export_does_and_writes_nothing(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    """The vault's contract for an id that names no talk (show, export): exit 1, said plainly."""
    setup.add(planned())
    ics = setup.dir / "i.ics"
    assert setup.run("invite", "ffffffff", "--ics", str(ics)) == 1
    assert setup.run("handed-over", "ffffffff") == 1
    assert not ics.exists()
    err = capsys.readouterr().err
    assert "No record has the id ffffffff" in err and "Traceback" not in err


def test_the_same_file_for_both_is_refused_before_the_passphrase(setup: Setup) -> None:
    record = planned()
    setup.add(record)
    out = setup.dir / "x"
    assert setup.run("invite", record.id, "--ics", str(out), "--pdf", str(out)) == 2
    assert not out.exists()


def test_handed_over_records_the_version_and_show_says_when_it_is_out_of_date(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    record = planned()
    record.lock()
    setup.add(record)
    assert setup.run("handed-over", record.id) == 2  # nothing made yet
    assert not load(setup, record.id).handed_over
    assert setup.run("export", record.id, "--pdf", str(setup.dir / "s.pdf")) == 0
    assert setup.run("handed-over", record.id, "--version", "3") == 2  # never made
    assert not load(setup, record.id).handed_over
    capsys.readouterr()
    assert setup.run("handed-over", record.id) == 0
    assert "final, version 1" in capsys.readouterr().err
    saved = load(setup, record.id)
    assert [(h.version, h.final) for h in saved.handed_over] == [(1, True)]
    assert not saved.handed_over_out_of_date

    # An amendment the employee reads makes version 2: what they have is out of date.
    saved.amend("zqamended", Visibility.SHARED)
    vault = Vault.open(setup.vault)
    vault.unlock(PASSPHRASE)
    with vault:
        vault.save(saved)
    assert setup.run("show", record.id) == 0
    shown = capsys.readouterr().out
    assert "last received the summary final, version 1" in shown
    assert "out of date" in shown and "final, version 2" in shown
    assert "summary-2027-03-03-" in shown and "-v1.pdf" in shown
