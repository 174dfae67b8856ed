"""cohorts and briefing from a script: the group, its briefing, the handout; bad input exits 2."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from dialog_kit.cli import common
from dialog_kit.clock import fixed_today
from tests.cli.test_vault_cli import Cli
from tests.documents.conftest import pdf_text
from tests.vault.conftest import snapshot

TODAY = date(2026, 12, 2)


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(common, "_stdin_lines", None)
    with fixed_today(TODAY):
        yield


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path, capsys)
    assert c.run("init", "--work-factor", "10") == 0, c.err
    assert (
        c.run(
            "setup",
            "--organisation",
            "Norrlandsoperan",
            "--country",
            "se",
            "--name",
            "Karin Zqmanager",
        )
        == 0
    ), c.err
    return c


def _add(cli: Cli, name: str, profession: str, year: int) -> str:
    assert (
        cli.run(
            "people",
            "add",
            "--name",
            name,
            "--profile",
            "performing-arts",
            "--profession",
            profession,
            "--birth-year",
            str(year),
        )
        == 0
    ), cli.err
    return cli.out.strip()


@pytest.fixture
def team(cli: Cli) -> dict[str, str]:
    return {
        "alva": _add(cli, "Alva Dans", "dancer", 1993),
        "bo": _add(cli, "Bo Dans", "dancer", 1994),
        "viola": _add(cli, "Viola Fiol", "musician", 1984),
        "sara": _add(cli, "Sara Sång", "singer", 1985),
    }


def test_cohorts_lists_each_group_with_its_people(cli: Cli, team: dict[str, str]) -> None:
    assert cli.run("cohorts", "--json") == 0, cli.err
    groups = {g["id"]: g for g in json.loads(cli.out)}
    assert set(groups) == {"dancer-1993-1994", "singer-1984-1985"}
    assert {m["person"] for m in groups["dancer-1993-1994"]["members"]} == {
        team["alva"],
        team["bo"],
    }
    assert [m["person"] for m in groups["singer-1984-1985"]["members"]] == [team["sara"]]
    assert groups["dancer-1993-1994"]["pending"] is True
    assert cli.run("cohorts") == 0
    assert "dancer-1993-1994  dancers born 1993–1994" in cli.out and "Viola" not in cli.out


def test_a_briefing_is_recorded_and_everyone_who_came_is_informed(
    cli: Cli, team: dict[str, str], tmp_path: Path
) -> None:
    assert (
        cli.run(
            "briefing",
            "add",
            "--cohort",
            "dancer-1993-1994",
            "--date",
            "2026-11-30",
            "--attended",
            "Alva Dans",
            "--handout",
            "--material",
            "SOK:s folder",
        )
        == 0
    ), cli.err
    briefing_id = cli.out.strip()
    assert "2 invited, 1 attended" in cli.err  # everyone in the group was invited by default
    assert cli.run("briefing", "list", "--json") == 0
    (row,) = json.loads(cli.out)
    assert row["id"] == briefing_id and row["handout"] == ["sv"]
    assert set(row["invited"]) == {team["alva"], team["bo"]}
    assert row["informed"] == {team["alva"]: "2026-11-30"}

    assert cli.run("people", "show", team["alva"]) == 0
    assert "Dancer: informed on 2026-11-30 (group briefing)" in cli.out
    assert cli.run("people", "show", team["bo"]) == 0 and "informed on" not in cli.out
    assert cli.run("team", "--json") == 0
    rows = {r["person"]: r for r in json.loads(cli.out)}
    assert rows[team["alva"]]["informed"] == [{"window": "dancer", "on": "2026-11-30"}]
    assert rows[team["bo"]]["informed"] == []

    assert cli.run("cohorts", "--json") == 0
    (dancers,) = [g for g in json.loads(cli.out) if g["window"] == "dancer"]
    assert dancers["pending"] is False

    # Bo got the same information later.
    assert cli.run("briefing", "inform", briefing_id[:6], "Bo Dans", "--date", "2026-12-01") == 0
    assert cli.run("team", "--json") == 0
    rows = {r["person"]: r for r in json.loads(cli.out)}
    assert rows[team["bo"]]["informed"] == [{"window": "dancer", "on": "2026-12-01"}]

    # The access report holds the person's own place in it; the other's name is not there.
    out = tmp_path / "access.pdf"
    assert cli.run("access", team["alva"], "--pdf", str(out), "--lang", "en") == 0, cli.err
    text = pdf_text(out.read_bytes())
    assert "Groupbriefing,30November2026" in text and "dancers,1993–1994" in text
    assert "SOK:sfolder" in text and "BoDans" not in text


@pytest.mark.parametrize(
    "args",
    [
        ("briefing", "add", "--cohort", "dancer-1993"),
        ("briefing", "add", "--cohort", "dancer-1993-1995"),
        ("briefing", "add", "--cohort", "juggler-1993-1994"),
        ("briefing", "add", "--cohort", "dancer-1993-1994", "--date", "2027-01-01"),  # future
        ("briefing", "add", "--cohort", "dancer-1993-1994", "--date", "30/11/2026"),
        ("briefing", "add", "--cohort", "dancer-1993-1994", "--attended", "Nobody Here"),
        ("briefing", "add", "--cohort", "dancer-1993-1994", "--attended", "Dans"),  # part of names
        ("briefing", "add", "--cohort", "dancer-1993-1994", "--handout", "fr"),
        ("briefing", "add", "--cohort", "dancer-2001-2002"),  # nobody in it, nobody named
        ("briefing", "inform", "ffffff", "Bo Dans"),
        ("briefing", "handout", "juggler", "--pdf", "x.pdf"),
        ("briefing", "handout", "dancer"),  # no --pdf
        ("briefing", "frobnicate"),
    ],
)
def test_bad_input_is_exit_2_and_changes_nothing(
    cli: Cli, team: dict[str, str], args: tuple[str, ...]
) -> None:
    before = snapshot(cli.vault)
    code = cli.run(*args)
    assert code == 2, (code, cli.err)
    assert cli.err.strip() and "Traceback" not in cli.err
    assert snapshot(cli.vault) == before


def test_a_planted_briefings_file_stops_the_commands_and_is_kept(
    cli: Cli, team: dict[str, str]
) -> None:
    planted = cli.vault / "briefings.age"
    planted.write_bytes(b"age-encryption.org/v1\n-> X25519 planted\n")
    for args in (
        ("cohorts",),
        ("briefing", "list"),
        ("team",),
        ("briefing", "add", "--cohort", "dancer-1993-1994"),
    ):
        assert cli.run(*args) == 1, args
        assert "briefings.age" in cli.err
    assert planted.read_bytes() == b"age-encryption.org/v1\n-> X25519 planted\n"


def test_forgetting_a_person_takes_them_out_of_every_briefing(
    cli: Cli, team: dict[str, str]
) -> None:
    assert (
        cli.run(
            "briefing", "add", "--cohort", "dancer-1993-1994", "--attended", "Alva Dans", "Bo Dans"
        )
        == 0
    ), cli.err
    assert cli.run("people", "forget", team["bo"], "--yes") == 0, cli.err
    assert cli.run("briefing", "list", "--json") == 0
    (row,) = json.loads(cli.out)
    assert team["bo"] not in json.dumps(row) and row["attended"] == [team["alva"]]


@pytest.mark.parametrize("lang", ["sv", "da", "en"])
def test_the_handout_needs_no_passphrase_and_names_no_one(
    cli: Cli, team: dict[str, str], tmp_path: Path, lang: str
) -> None:
    out = tmp_path / f"handout-{lang}.pdf"
    code = cli.run(
        "briefing",
        "handout",
        "dancer-1993-1994",
        "--pdf",
        str(out),
        "--lang",
        lang,
        passphrase=tmp_path / "no-such-file",
    )
    assert code == 0, cli.err
    text = pdf_text(out.read_bytes())
    assert "SOKstiftelsen" in text
    for who in ("Alva", "Bo", "Sara", "Viola", "Zqmanager", "1993", "1994"):
        assert who not in text, who
    written = out.read_bytes()
    assert cli.run("briefing", "handout", "dancer", "--pdf", str(out)) == 1  # exists: kept
    assert "already exists" in cli.err and out.read_bytes() == written
    assert cli.run("briefing", "handout", "dancer", "--pdf", str(out), "--force") == 0
    assert cli.run("briefing", "handout", "dancer", "--pdf", str(cli.vault / "h.pdf")) == 2
