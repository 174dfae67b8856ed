"""The people commands as a script drives them: by person, never by name; bad input: exit 2."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

import pytest

from dialog_kit import age
from dialog_kit.cli import common
from dialog_kit.clock import fixed_today
from dialog_kit.record import Action, Status, Visibility
from dialog_kit.vault import Vault
from tests.cli.test_vault_cli import Cli
from tests.documents.conftest import pdf_text
from tests.people.conftest import SAMPLE_PASSPHRASE, sample_vault  # noqa: F401 (a fixture)
from tests.vault.conftest import build_record, snapshot


@pytest.fixture(autouse=True)
def fresh_stdin_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "_stdin_lines", None)


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path, capsys)
    assert c.run("init", "--work-factor", "10") == 0, c.err
    return c


def _add_person(cli: Cli, *args: str) -> str:
    assert cli.run("people", "add", *args) == 0, cli.err
    person_id = cli.out.strip()
    assert re.fullmatch(r"[0-9a-f]{12}", person_id)
    return person_id


def _new(cli: Cli, data: dict[str, object]) -> int:
    path = cli.tmp / "in.json"
    path.write_text(json.dumps(data, ensure_ascii=False))
    return cli.run("new", "--from", str(path))


def _record_json(name: str, role: str, note: str, **extra: object) -> dict[str, object]:
    record = build_record(name=name, note=note)
    record.employee.role = role
    data = record.to_dict()
    data.update(extra)
    return data


def test_people_add_list_show_edit(cli: Cli) -> None:
    a = _add_person(cli, "--name", "Zoë Lund", "--role", "Dansare", "--lang", "sv",
                    "--profile", "performing-arts", "--profession", "dancer",
                    "--birth-year", "1990")  # fmt: skip
    assert cli.run("people", "list", "--json") == 0
    (row,) = json.loads(cli.out)
    assert row == {
        "id": a, "name": "Zoë Lund", "role": "Dansare", "language": "sv",
        "profile": "performing-arts", "profession": "dancer", "birth_year": 1990,
        "employee_number": None, "active": True,
    }  # fmt: skip
    assert cli.run("people", "edit", "zoe lund", "--role", "Koreograf", "--inactive") == 0, cli.err
    assert cli.run("people", "show", a[:5], "--json") == 0
    shown = json.loads(cli.out)
    assert shown["person"]["role"] == "Koreograf" and shown["person"]["active"] is False
    assert cli.run("people", "list", "--json") == 0 and json.loads(cli.out) == []
    assert cli.run("people", "list", "--all") == 0 and a in cli.out


@pytest.mark.parametrize(
    "args",
    [
        ("people", "add", "--name", "X", "--profession", "juggler", "--profile", "performing-arts"),
        ("people", "add", "--name", "X", "--profession", "dancer"),  # general has no professions
        ("people", "add", "--name", "X", "--profile", "no-such-profile"),
        ("people", "add", "--name", "   "),
        ("people", "add", "--name", "X", "--birth-year", "1800"),
        ("people", "edit", "Nobody", "--role", "R"),
        ("people", "edit", "Anna Berg", "--role", "R"),  # two people of this name
        ("people", "edit", "Solo", "--birth-year", "3000"),
        ("people", "edit", "Solo"),  # nothing to change
        ("people", "show", "ffffffffffff"),
        ("people", "merge", "Solo", "Solo"),
        ("people", "merge", "Solo", "Anna Berg"),
        ("people", "forget", "Anna Berg", "--yes"),
        ("team", "--json", "--bogus"),
    ],
)
def test_bad_input_exits_2_and_changes_nothing(cli: Cli, args: tuple[str, ...]) -> None:
    _add_person(cli, "--name", "Anna Berg", "--role", "Undersköterska")
    _add_person(cli, "--name", "Anna Berg", "--role", "Sjuksköterska")
    _add_person(cli, "--name", "Solo")
    before = snapshot(cli.vault)
    assert cli.run(*args) == 2, (cli.out, cli.err)
    assert snapshot(cli.vault) == before
    assert cli.err.strip()


def test_an_ambiguous_name_lists_the_people_with_their_ids(cli: Cli) -> None:
    a = _add_person(cli, "--name", "Anna Berg", "--role", "Undersköterska")
    b = _add_person(cli, "--name", "Anna Berg", "--role", "Sjuksköterska")
    assert cli.run("people", "show", "anna BERG") == 2
    assert a in cli.err and b in cli.err and "Sjuksköterska" in cli.err
    assert cli.run("people", "show", b) == 0 and "Sjuksköterska" in cli.out


def test_new_from_matches_the_employee_or_takes_the_person_id(cli: Cli) -> None:
    nurse = _add_person(cli, "--name", "Anna Berg", "--role", "Sjuksköterska")
    # The same name and role: the existing person.
    assert _new(cli, _record_json("anna  berg", "Sjuksköterska", "first")) == 0, cli.err
    # The same name, another role: a new person, and the command says so.
    assert _new(cli, _record_json("Anna Berg", "Undersköterska", "second")) == 0, cli.err
    assert "new person" in cli.err
    assert cli.run("people", "list", "--json") == 0
    people = json.loads(cli.out)
    assert len(people) == 2
    assistant = next(p["id"] for p in people if p["id"] != nurse)
    # "person" ties a talk to that person whatever the name on it says.
    data = _record_json("A. Berg", "Sjuksköterska", "third", person=nurse)
    assert _new(cli, data) == 0, cli.err
    # No "employee" at all: the snapshot is taken from the register.
    data = _record_json("x", "x", "fourth", person=assistant)
    del data["employee"]
    assert _new(cli, data) == 0, cli.err
    assert cli.run("people", "show", nurse, "--json") == 0
    talks = json.loads(cli.out)["talks"]
    assert sorted(t["name"] for t in talks) == ["A. Berg", "anna  berg"]
    assert cli.run("people", "show", assistant, "--json") == 0
    assert sorted(t["name"] for t in json.loads(cli.out)["talks"]) == ["Anna Berg", "Anna Berg"]


def test_new_from_with_an_unknown_or_ambiguous_person_changes_nothing(cli: Cli) -> None:
    _add_person(cli, "--name", "Anna Berg", "--role", "Sjuksköterska")
    _add_person(cli, "--name", "Anna Berg", "--role", "Sjuksköterska")
    before = snapshot(cli.vault)
    assert _new(cli, _record_json("Åsa", "R", "n", person="000000000000")) == 2
    assert "000000000000" in cli.err
    assert _new(cli, _record_json("Anna Berg", "Sjuksköterska", "n")) == 2
    assert "person" in cli.err
    assert _new(cli, _record_json("Åsa", "R", "n", person=12)) == 2
    assert snapshot(cli.vault) == before


def test_access_by_person_never_merges_two_namesakes(cli: Cli) -> None:
    a = _add_person(cli, "--name", "Anna Berg", "--role", "Undersköterska")
    b = _add_person(cli, "--name", "Anna Berg", "--role", "Sjuksköterska")
    assert _new(cli, _record_json("Anna Berg", "R1", "zqannaone", person=a)) == 0
    assert _new(cli, _record_json("Anna Berg", "R2", "zqannatwo", person=b)) == 0
    out = cli.tmp / "access.pdf"
    assert cli.run("access", "Anna Berg", "--pdf", str(out)) == 2
    assert a in cli.err and b in cli.err and not out.exists()
    assert cli.run("access", a, "--pdf", str(out), "--lang", "en") == 0, cli.err
    text = pdf_text(out.read_bytes())
    assert "zqannaone" in text and "zqannatwo" not in text
    # The register entry is in the report.
    assert "Theregisterentry" in text and a in text and "Undersköterska" in text


def test_access_for_someone_not_in_the_register_says_nothing_is_held(cli: Cli) -> None:
    out = cli.tmp / "access.pdf"
    assert cli.run("access", "Nobody Here", "--pdf", str(out), "--lang", "en") == 0
    assert "holdsnotalks" in pdf_text(out.read_bytes())
    assert cli.run("access", "abcdef12", "--pdf", str(cli.tmp / "b.pdf")) == 2


def test_handover_by_person_takes_only_their_talks(cli: Cli) -> None:
    a = _add_person(cli, "--name", "Anna Berg", "--role", "Undersköterska")
    b = _add_person(cli, "--name", "Anna Berg", "--role", "Sjuksköterska")
    assert _new(cli, _record_json("Anna Berg", "R1", "zqone", person=a)) == 0
    mine = cli.out.strip()
    assert _new(cli, _record_json("Anna Berg", "R2", "zqtwo", person=b)) == 0
    successor = age.Identity.generate()
    out = cli.tmp / "handover"
    assert cli.run("handover", "--to", successor.recipient, "--employee", "Anna Berg",
                   "--out", str(out)) == 2  # fmt: skip
    assert not out.exists()
    assert cli.run("handover", "--to", successor.recipient, "--person", a, "--out", str(out)) == 0
    files = sorted((out / "records").iterdir())
    assert [f.name for f in files] == [f"{mine}.age"]


def test_forget_erases_the_person_and_every_talk_with_them_only(cli: Cli) -> None:
    a = _add_person(cli, "--name", "Anna Berg", "--role", "Undersköterska")
    b = _add_person(cli, "--name", "Anna Berg", "--role", "Sjuksköterska")
    assert _new(cli, _record_json("Anna Berg", "R1", "one", person=a)) == 0
    assert _new(cli, _record_json("Anna Berg", "R1", "two", person=a)) == 0
    assert _new(cli, _record_json("Anna Berg", "R2", "three", person=b)) == 0
    kept = cli.out.strip()
    assert cli.run("people", "forget", a, "--yes") == 0, cli.err
    assert [p.name for p in (cli.vault / "records").iterdir()] == [f"{kept}.age"]
    assert cli.run("people", "list", "--json") == 0
    assert [p["id"] for p in json.loads(cli.out)] == [b]


def test_merge_joins_one_person_entered_twice(cli: Cli) -> None:
    a = _add_person(cli, "--name", "Mette Hansen", "--role", "Sygeplejerske")
    b = _add_person(cli, "--name", "mette hansen", "--birth-year", "1980")
    assert _new(cli, _record_json("Mette Hansen", "Sygeplejerske", "one", person=a)) == 0
    assert _new(cli, _record_json("mette hansen", "", "two", person=b)) == 0
    assert cli.run("people", "merge", a, b) == 0, cli.err
    assert cli.run("people", "show", "METTE HANSEN", "--json") == 0
    shown = json.loads(cli.out)
    assert shown["person"]["id"] == a and shown["person"]["birth_year"] == 1980
    assert len(shown["talks"]) == 2


def test_team_json_rows(cli: Cli) -> None:
    a = _add_person(cli, "--name", "Åsa Lind")
    b = _add_person(cli, "--name", "Bo Ek")
    data = _record_json("Åsa Lind", "", "n", person=a)
    data.update(date="2025-10-01", status="completed", follow_up="2026-01-15")
    data["actions"] = [{"id": "act1", "what": "Course", "owner": "Åsa", "due": "2026-02-01"}]
    assert _new(cli, data) == 0, cli.err
    talk_id = cli.out.strip()
    planned = _record_json("Åsa Lind", "", "p", person=a)
    planned.update(date="2026-12-01", status="planned")
    planned["phases"], planned["actions"] = {}, []
    assert _new(cli, planned) == 0, cli.err
    with fixed_today(date(2026, 11, 22)):
        assert cli.run("team", "--json") == 0, cli.err
    rows = {r["person"]: r for r in json.loads(cli.out)}
    assert set(rows) == {a, b}
    asa = rows[a]
    assert asa["name"] == "Åsa Lind"
    assert asa["last_talk"] == {"date": "2025-10-01", "kind": "development", "id": talk_id}
    # An empty planned talk does not clear last year's follow-up and overdue action
    # (it does book the yearly talk).
    assert asa["reasons"] == ["follow-up", "action-overdue"]
    assert asa["next_planned"]["date"] == "2026-12-01"
    assert asa["next_due"] == "2026-01-15"
    assert [x["what"] for x in asa["open_actions"]] == ["Course"]
    assert rows[b]["last_talk"] is None and rows[b]["reasons"] == ["yearly-talk"]
    assert cli.run("team") == 0 and "Åsa Lind" in cli.out and "! " in cli.out


def test_a_0_1_0_vault_lists_its_people_and_reports_what_to_confirm(
    sample_vault: Path,  # noqa: F811 (the fixture)
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    c = Cli(tmp_path, capsys)
    c.vault = sample_vault
    c.pass_file.write_text(SAMPLE_PASSPHRASE + "\n")
    assert c.run("people", "list", "--json") == 0, c.err
    people = json.loads(c.out)
    assert sorted(p["name"] for p in people) == [
        "Anna Berg", "Anna Berg", "Björn Ek", "Elin Sandberg", "Zoë Lund", "mette hansen",
    ]  # fmt: skip
    assert "people merge" in c.err and "to confirm" in c.err
    assert c.run("people", "list") == 0 and "to confirm" not in c.err  # said once


def test_setup_writes_the_settings_and_keeps_comments(cli: Cli) -> None:
    path = Path(os.environ["DIALOG_KIT_CONFIG"])
    path.write_text("# my settings\nretention_months = 36  # kept\n")
    assert cli.run(
        "setup", "--name", "Mette Holm", "--role", "Afdelingsleder",
        "--organisation", "Aarhus Kommune", "--country", "dk", "--sector", "municipality",
        "--hr-contact", "Eva Holm <eva@aarhus.dk> 8940 2000", "--hr-contact", "Bo Lund",
        "--language", "da", "--cadence-months", "6",
    ) == 0, cli.err  # fmt: skip
    text = path.read_text()
    assert "# my settings" in text and "retention_months = 36  # kept" in text
    from dialog_kit.config import HrContact, load_config, needs_setup

    config = load_config(path)
    assert config.country == "dk" and config.cadence_months == 6 and config.language == "da"
    assert config.hr_contacts == (HrContact("Eva Holm", "eva@aarhus.dk", "8940 2000"),
                                  HrContact("Bo Lund"))  # fmt: skip
    assert not needs_setup(config)


@pytest.mark.parametrize(
    "args",
    [
        ("--country", "no"),
        ("--cadence-months", "0"),
        ("--cadence-months", "61"),
        ("--hr-contact", "<eva@x.se>"),
        ("--hr-contact", "Eva <not an address>"),
        ("--country", "dk", "--agreement", "kom-kr"),
    ],
)
def test_setup_with_a_bad_value_writes_nothing(cli: Cli, args: tuple[str, ...]) -> None:
    path = Path(os.environ["DIALOG_KIT_CONFIG"])
    path.write_text('manager_name = "Per"\n')
    assert cli.run("setup", "--name", "Other", *args) == 2
    assert path.read_text() == 'manager_name = "Per"\n'


def test_setup_says_what_is_missing(cli: Cli) -> None:
    assert cli.run("setup") == 0
    assert "--country" in cli.err and "(not set)" in cli.out


def test_a_danish_organisation_gets_danish_documents(cli: Cli) -> None:
    assert cli.run("setup", "--name", "Mette Holm", "--organisation", "Aarhus Kommune",
                   "--country", "dk") == 0  # fmt: skip
    record = build_record(name="Nurse Dane", note="n")
    record.status = Status.COMPLETED
    record.locale = "da"
    record.actions = [Action("Kursus", "Nurse", None)]
    record.add_note("look-ahead", "zqshared", Visibility.SHARED)
    path = cli.tmp / "r.json"
    path.write_text(record.to_json())
    assert cli.run("new", "--from", str(path)) == 0, cli.err
    out = cli.tmp / "summary.pdf"
    assert cli.run("export", record.id, "--pdf", str(out)) == 0, cli.err
    text = pdf_text(out.read_bytes())
    assert "aktindsigt" in text and "allmän handling" not in text


def test_a_handover_keeps_namesakes_apart_in_the_successors_vault(
    cli: Cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = _add_person(cli, "--name", "Anna Berg", "--role", "Sjuksköterska")
    b = _add_person(cli, "--name", "Anna Berg", "--role", "Sjuksköterska")
    assert _new(cli, _record_json("Anna Berg", "Sjuksköterska", "one", person=a)) == 0
    first = cli.out.strip()
    assert _new(cli, _record_json("Anna Berg", "Sjuksköterska", "two", person=b)) == 0
    second = cli.out.strip()
    (tmp_path / "successor").mkdir()
    successor = Cli(tmp_path / "successor", capsys)
    successor.pass_file.write_text("the successor's own passphrase\n")
    assert successor.run("init", "--work-factor", "10") == 0, successor.err
    with Vault.open(successor.vault) as theirs:
        recipient = theirs.recipient
    out = tmp_path / "handover"
    assert cli.run("handover", "--to", recipient, "--out", str(out)) == 0, cli.err
    assert (out / "people.age").exists()
    assert successor.run("import", str(out)) == 0, successor.err
    assert successor.run("people", "list", "--json") == 0, successor.err
    people = json.loads(successor.out)
    assert [p["name"] for p in people] == ["Anna Berg", "Anna Berg"]
    talks = []
    for person in people:
        assert successor.run("people", "show", person["id"], "--json") == 0
        talks.append([t["id"] for t in json.loads(successor.out)["talks"]])
    assert sorted(talks) == sorted([[first], [second]])


def test_a_planted_register_in_a_handover_is_named_and_the_talks_still_come_in(
    cli: Cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = _add_person(cli, "--name", "Åsa Lind")
    assert _new(cli, _record_json("Åsa Lind", "", "one", person=a)) == 0
    (tmp_path / "successor").mkdir()
    successor = Cli(tmp_path / "successor", capsys)
    successor.pass_file.write_text("the successor's own passphrase\n")
    assert successor.run("init", "--work-factor", "10") == 0
    with Vault.open(successor.vault) as theirs:
        recipient = theirs.recipient
    out = tmp_path / "handover"
    assert cli.run("handover", "--to", recipient, "--out", str(out)) == 0
    (out / "people.age").write_bytes(b"planted")
    assert successor.run("import", str(out)) == 1
    assert "people.age" in successor.err
    assert successor.run("people", "list", "--json") == 0
    assert [p["name"] for p in json.loads(successor.out)] == ["Åsa Lind"]
