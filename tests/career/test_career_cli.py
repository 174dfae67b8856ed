"""`dialog-kit career-paths list|show`, `career-guide` and `guides validate` as HR uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dialog_kit.career.site import MARKER
from dialog_kit.cli import main
from tests.career.helpers import career_file, configure, org_folder, path_block


def test_list_shows_every_path_with_its_area(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["career-paths", "list"]) == 0
    out = capsys.readouterr().out
    line = next(row for row in out.splitlines() if row.startswith("teacher-first-teacher "))
    assert "Schools" in line and "Teacher to first teacher and lecturer" in line
    assert "built-in examples" in out


def test_list_json_and_show_in_another_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["career-paths", "list", "--json", "--lang", "da"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"id": "nurse-specialist", "area": "health-care"}.items() <= rows[2].items()
    assert rows[2]["title"] == "Sygeplejerske til specialistsygeplejerske"
    assert main(["career-paths", "show", "nurse-specialist", "--lang", "sv"]) == 0
    out = capsys.readouterr().out
    assert "Specialistsjuksköterska" in out
    assert "Utbyte med andra organisationer" in out  # the programme the step names, by title


def test_show_an_unknown_path_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["career-paths", "show", "no-such-path"]) == 2
    err = capsys.readouterr().err
    assert "There is no career path 'no-such-path'" in err and "nurse-specialist" in err


def test_terminal_output_escapes_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    title = '{ sv = "Kock\\u001b]0;pwned\\u0007", da = "Kok", en = "Cook\\u001b[2J\\u202egpj" }'
    configure(org_folder(tmp_path, career_file(path_block(title=title))))
    assert main(["career-paths", "list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert "Cook\\x1b[2J\\u202egpj" in out
    assert main(["career-paths", "show", "cook-chef", "--lang", "sv"]) == 0
    assert "\x1b" not in capsys.readouterr().out


def test_guides_validate_checks_the_career_file_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["guides", "validate"]) == 0
    assert "6 career paths" in capsys.readouterr().out
    folder = org_folder(tmp_path, career_file(path_block(step_programmes='["nope"]')))
    configure(folder)
    assert main(["guides", "validate"]) == 2
    out = capsys.readouterr().out
    assert f"{folder / 'career-paths.toml'}:" in out
    assert "paths[0].steps[0].programmes[0]: unknown programme 'nope'" in out
    # The file or its folder named on the command line: the same check.
    for target in (folder, folder / "career-paths.toml"):
        assert main(["guides", "validate", str(target)]) == 2
        assert "unknown programme 'nope'" in capsys.readouterr().out


def test_career_guide_writes_the_site_and_replaces_its_own_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(org_folder(tmp_path, career_file(path_block())), organisation="Norrviks kommun")
    out = tmp_path / "site"
    assert main(["career-guide", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"Wrote the career guide to {out}: 10 pages in sv, da, en" in said
    assert (out / MARKER).is_file()
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert pages == sorted(
        ["index.html"] + [f"{lang}/{name}" for lang in ("sv", "da", "en")
                          for name in ("index.html", "path-cook-chef.html", "programmes.html")]
    )  # fmt: skip
    assert "Norrviks kommun" in (out / "sv" / "index.html").read_text(encoding="utf-8")
    (out / "en" / "stale.html").write_text("old", encoding="utf-8")
    assert main(["career-guide", "--out", str(out), "--lang", "da"]) == 0
    assert not (out / "en").exists() and (out / "da" / "path-cook-chef.html").is_file()


def test_career_guide_refuses_a_folder_it_did_not_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("precious", encoding="utf-8")
    assert main(["career-guide", "--out", str(out)]) == 1
    assert "holds files that dialog-kit did not write" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["thesis.docx"]  # nothing lost, nothing added


def test_career_guide_refuses_the_vault_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    for out in (vault / "site", vault):
        assert main(["--vault", str(vault), "career-guide", "--out", str(out)]) == 2
        assert "Inside the vault" in capsys.readouterr().err
    assert list(vault.iterdir()) == []


def test_career_guide_refuses_a_link(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir()
    link = tmp_path / "site"
    link.symlink_to(target)
    assert main(["career-guide", "--out", str(link)]) == 2
    assert "is a link" in capsys.readouterr().err
    assert list(target.iterdir()) == []


def test_a_site_with_markup_in_the_data_is_escaped(tmp_path: Path) -> None:
    evil = '<script>alert(1)</script><b>bold</b> & \\" onmouseover=x'
    title = f'{{ sv = "{evil}", da = "{evil}", en = "{evil}" }}'
    text = career_file(path_block(title=title, url='"https://x.example/?a=1&b=\\"><i>"'))
    configure(org_folder(tmp_path, text), organisation="<img src=x onerror=alert(2)>")
    out = tmp_path / "site"
    assert main(["career-guide", "--out", str(out)]) == 0
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<b>bold" not in html, page
        assert "<img src=x" not in html and '"><i>' not in html, page
    html = (out / "en" / "path-cook-chef.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; &amp;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html


def test_the_site_loads_nothing_from_outside(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert main(["career-guide", "--out", str(out)]) == 0
    for page in out.rglob("*"):
        if page.suffix in (".html", ".css", ".js"):
            text = page.read_text(encoding="utf-8")
            for needle in ("http://", "https://", "//fonts", "@import", "url("):
                # The only absolute addresses allowed are the data's own "read more" links.
                assert needle not in text.replace('href="https://', ""), (page, needle)


def test_career_guide_refuses_a_broken_catalogue_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(org_folder(tmp_path, career_file(path_block(step_programmes='["nope"]'))))
    out = tmp_path / "site"
    assert main(["career-guide", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "unknown programme 'nope'" in err and "nothing was written" in err
    assert not out.exists()


def test_an_unreadable_career_file_is_reported_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    folder = tmp_path / "org"
    folder.mkdir()
    os.mkfifo(folder / "career-paths.toml")  # the guides and the career paths both read it
    assert main(["guides", "validate", str(folder)]) == 2
    out = capsys.readouterr().out
    assert out.count("career-paths.toml") == 1 and "not a regular file" in out
