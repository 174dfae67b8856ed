"""`new --from` with the schema-2 fields, `show` printing them; the record's person decides."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dialog_kit.cli import common
from dialog_kit.people import Register
from dialog_kit.vault import Vault
from tests.cli.test_people_cli import _add_person, _new, _record_json
from tests.cli.test_vault_cli import PASSPHRASE, Cli
from tests.documents.conftest import pdf_text
from tests.vault.conftest import snapshot


@pytest.fixture(autouse=True)
def fresh_stdin_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "_stdin_lines", None)


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path, capsys)
    assert c.run("init", "--work-factor", "10") == 0, c.err
    return c


def _shown(cli: Cli, record_id: str) -> dict[str, Any]:
    assert cli.run("show", record_id, "--json") == 0, cli.err
    data: dict[str, Any] = json.loads(cli.out)
    return data


def test_new_takes_time_duration_and_place_and_show_prints_them(cli: Cli) -> None:
    person = _add_person(cli, "--name", "Mette Hansen", "--role", "Sygeplejerske")
    data = _record_json(
        "Mette Hansen", "Sygeplejerske", "n",
        person=person, time="14:30", duration_minutes=60, place="Mødelokale 2, Rådhuset",
    )  # fmt: skip
    assert _new(cli, data) == 0, cli.err
    record_id = cli.out.strip()
    shown = _shown(cli, record_id)
    assert shown["schema"] == 2 and shown["person"] == person
    assert (shown["time"], shown["duration_minutes"], shown["place"]) == (
        "14:30",
        60,
        "Mødelokale 2, Rådhuset",
    )
    assert cli.run("--lang", "en", "show", record_id) == 0
    assert "Time: 14:30, 60 min" in cli.out
    assert "Place: Mødelokale 2, Rådhuset" in cli.out
    assert f"Person: {person}" in cli.out


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("time", "25:00", "time: must be a time of day written HH:MM"),
        ("duration_minutes", -60, "duration_minutes: must be between 1 and 480 minutes"),
        ("place", "p" * 201, "place: is longer than 200 characters"),
    ],
)
def test_a_bad_schedule_is_exit_2_and_nothing_changes(
    cli: Cli, field: str, value: object, message: str
) -> None:
    person = _add_person(cli, "--name", "Åsa Lind")
    before = snapshot(cli.vault)
    assert _new(cli, _record_json("Åsa Lind", "", "n", person=person, **{field: value})) == 2
    assert message in cli.err
    assert snapshot(cli.vault) == before


def test_an_unknown_person_id_is_exit_2_naming_it(cli: Cli) -> None:
    before = snapshot(cli.vault)
    assert _new(cli, _record_json("Åsa", "", "n", person="abcdefabcdef")) == 2
    assert "abcdefabcdef" in cli.err and "nothing changed" in cli.err
    assert snapshot(cli.vault) == before


def test_an_ambiguous_employee_is_exit_2_listing_the_ids(cli: Cli) -> None:
    a = _add_person(cli, "--name", "Anna Berg", "--role", "Sjuksköterska")
    b = _add_person(cli, "--name", "Anna Berg", "--role", "Sjuksköterska")
    before = snapshot(cli.vault)
    assert _new(cli, _record_json("Anna Berg", "Sjuksköterska", "n")) == 2
    assert a in cli.err and b in cli.err
    assert snapshot(cli.vault) == before


def test_the_records_person_wins_over_the_registers_index(cli: Cli) -> None:
    # Two namesakes; the register's index is made to say the opposite of the talks.
    a = _add_person(cli, "--name", "Anna Berg", "--role", "Undersköterska")
    b = _add_person(cli, "--name", "Anna Berg", "--role", "Sjuksköterska")
    assert _new(cli, _record_json("Anna Berg", "R", "zqfirst", person=a)) == 0
    first = cli.out.strip()
    assert _new(cli, _record_json("Anna Berg", "R", "zqsecond", person=b)) == 0
    second = cli.out.strip()
    vault = Vault.open(cli.vault)
    vault.unlock(PASSPHRASE)
    with vault:
        register = vault.load_people()
        register.talks = {first: b, second: a}
        vault.save_people(register)
    out = cli.tmp / "access.pdf"
    assert cli.run("access", a, "--pdf", str(out), "--lang", "en") == 0, cli.err
    text = pdf_text(out.read_bytes())
    assert "zqfirst" in text and "zqsecond" not in text
    assert cli.run("people", "show", b, "--json") == 0
    assert [t["id"] for t in json.loads(cli.out)["talks"]] == [second]
    # And the index follows the records again.
    vault = Vault.open(cli.vault)
    vault.unlock(PASSPHRASE)
    with vault:
        assert vault.load_people().talks == {first: a, second: b}


def test_register_person_for_falls_back_to_the_index_only_for_an_unknown_entry() -> None:
    from tests.vault.conftest import build_record

    register = Register()
    anna = register.add("Anna Berg")
    record = build_record(name="Anna Berg")
    assert register.person_for(record) is None
    register.assign(record.id, anna.id)
    assert register.person_for(record) == anna.id  # a schema-1 talk: the index
    other = register.add("Anna Berg", role="Sjuksköterska")
    record.person = other.id
    assert register.person_for(record) == other.id  # the talk's own person wins
    record.person = "0123456789ab"  # an entry merged away
    assert register.person_for(record) == anna.id
