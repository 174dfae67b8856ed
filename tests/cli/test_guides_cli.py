"""`dialog-kit guides list|show|validate` as a user and a script see them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dialog_kit.cli import main
from dialog_kit.guides import load_library
from dialog_kit.paths import checklists_dir

DATA = Path(__file__).resolve().parent.parent / "data" / "guides"


def _org_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "org"
    folder.mkdir()
    for path in DATA.glob("*.toml"):
        shutil.copy(path, folder / path.name)
    return folder


def _configure(guides_dir: Path) -> None:
    Path(os.environ["DIALOG_KIT_CONFIG"]).write_text(
        f'guides_dir = "{guides_dir}"\n', encoding="utf-8"
    )


def test_list_shows_every_guide_with_kind_version_title_and_source(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["guides", "list"]) == 0
    out = capsys.readouterr().out
    for guide in load_library().guides.values():
        line = next(row for row in out.splitlines() if row.startswith(guide.id + " "))
        assert guide.kind.value in line
        assert f"v{guide.version}" in line
        assert guide.title.en in line
        assert str(guide.source) in line


def test_list_uses_the_interface_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "da", "guides", "list"]) == 0
    out = capsys.readouterr().out
    assert load_library().guide("exit").title.da in out


def test_list_reports_a_broken_org_file_and_still_lists_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    org = _org_folder(tmp_path)
    (org / "broken.toml").write_text('format = 1\nid = "x"\nkind = "nope"\n', encoding="utf-8")
    _configure(org)

    assert main(["guides", "list"]) == 1

    captured = capsys.readouterr()
    assert "mini " in captured.out and "development " in captured.out
    assert f"{org / 'broken.toml'}:3: kind: " in captured.err


def test_show_renders_phases_items_prompts_and_preparation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["guides", "show", "career-change"]) == 0
    out = capsys.readouterr().out
    guide = load_library().guide("career-change")
    assert out.startswith(guide.title.en)
    # Wrapping joins words again, so compare with whitespace normalised.
    flat = " ".join(out.split())
    assert " ".join(guide.preparation.questions[0].text.en.split()) in flat
    for number, phase in enumerate(guide.phases, start=1):
        assert f"{number}. {phase.title.en} [{phase.stage}]" in out
    required = [i for p in guide.phases for i in p.required_items()]
    assert required and "[required]" in out
    assert " ".join(guide.phases[0].prompts[0].text.en.split()) in flat


def test_show_in_swedish_with_a_profile_includes_its_additions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    library = load_library()
    profile = next(p for p in library.profiles.values() if p.additions)
    addition = profile.additions[0]
    added = (addition.items or addition.prompts)[0].text.sv  # type: ignore[union-attr]

    assert main(["guides", "show", addition.guide, "--profile", profile.id, "--lang", "sv"]) == 0

    flat = " ".join(capsys.readouterr().out.split())
    assert " ".join(added.split()) in flat
    assert library.guide(addition.guide).title.sv in flat


def test_show_wraps_to_the_terminal_width(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    assert main(["guides", "show", "development"]) == 0
    assert max(len(line) for line in capsys.readouterr().out.splitlines()) <= 60


def test_show_unknown_guide_or_profile_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guides", "show", "appraisal"]) == 2
    assert "appraisal" in capsys.readouterr().err
    assert main(["guides", "show", "exit", "--profile", "astronaut"]) == 2
    assert "astronaut" in capsys.readouterr().err


def test_validate_default_checks_built_ins_and_the_configured_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["guides", "validate"]) == 0
    out = capsys.readouterr().out
    assert str(checklists_dir()) in out and "no problems" in out

    org = _org_folder(tmp_path)
    _configure(org)
    assert main(["guides", "validate"]) == 0
    assert str(org) in capsys.readouterr().out

    (org / "resources.toml").write_text(
        (DATA / "resources.toml").read_text().replace('scope = "internal"', 'scope = "inside"')
    )
    assert main(["guides", "validate"]) == 2
    captured = capsys.readouterr()
    assert f"{org / 'resources.toml'}:" in captured.out
    assert ": resources[1].scope: " in captured.out
    assert "problem" in captured.err


def test_validate_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    org = _org_folder(tmp_path)
    assert main(["guides", "validate", str(org)]) == 0
    assert main(["guides", "validate", str(tmp_path / "missing.toml")]) == 2
    assert "does not exist" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [["guides", "--help"], ["guides", "list", "--help"], ["guides", "show", "--help"],
     ["guides", "validate", "--help"]],
)  # fmt: skip
def test_every_guides_command_has_help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 0
    assert "usage:" in capsys.readouterr().out


def test_guides_without_an_action_is_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guides"]) == 2
    assert "list" in capsys.readouterr().err


def test_the_installed_command_validates_from_a_shell(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text((DATA / "mini.toml").read_text().replace("version = 1", "version = 0"))
    result = subprocess.run(
        [sys.executable, "-m", "dialog_kit", "guides", "validate", str(bad)],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stdout.startswith(f"{bad}:3: version: ")
    assert "Traceback" not in result.stderr


def test_show_gives_the_organisations_countrys_windows_facts_and_help(
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = Path(os.environ["DIALOG_KIT_CONFIG"])
    config.write_text('country = "dk"\n', encoding="utf-8")
    assert (
        main(["--lang", "en", "guides", "show", "career-change", "--profile", "performing-arts"])
        == 0
    )
    danish = " ".join(capsys.readouterr().out.split())  # wrapped to the terminal
    assert "Royal Danish Ballet retire at the end of the season in which they turn 40" in danish
    assert "[verify with the employer and its fund]" in danish
    assert "SOKstiftelsen, Sweden's" not in danish and "Dancer: from 35" not in danish
    assert "eVejledning" in danish

    config.write_text('country = "se"\n', encoding="utf-8")
    assert (
        main(["--lang", "en", "guides", "show", "career-change", "--profile", "performing-arts"])
        == 0
    )
    swedish = " ".join(capsys.readouterr().out.split())
    assert "Dancer: from 35 to before 43; inform the age group at 33" in swedish
    assert "Musician: from 55 to before 64" in swedish
    assert "Royal Danish Ballet" not in swedish and "eVejledning" not in swedish
