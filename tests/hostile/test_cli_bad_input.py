"""Bad input through the command line: exit 2, a short message, no traceback, nothing changed."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from dialog_kit.record import MAX_RECORD_BYTES
from tests.guides.guidefiles import MINI_GUIDE
from tests.hostile.conftest import PASSPHRASE, Cli
from tests.vault.conftest import build_record

DEEP_TOML = "a = " + "[" * 3000 + "]" * 3000 + "\n"


def _record_file(cli: Cli, name: str, text: str | bytes) -> Path:
    path = cli.tmp / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def _refused(cli: Cli, *args: str, **kw: str | Path) -> str:
    """Runs a command that must be refused as bad input; returns its message."""
    before = cli.digest()
    assert cli.run(*args, **kw) == 2, (cli.out, cli.err)  # type: ignore[arg-type]
    assert cli.err.startswith("dialog-kit: ")
    assert cli.digest() == before
    return cli.err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"kind": "development", "n": ' + "1" * 5000 + "}", "more than 20 digits"),
        ("\udcff", "not UTF-8"),
    ],
    ids=["deep", "long-number", "not-utf8"],
)
def test_new_refuses_hostile_json(cli: Cli, content: str, expected: str) -> None:
    raw = content.encode("utf-8", "surrogateescape")
    assert expected in _refused(cli, "new", "--from", str(_record_file(cli, "r.json", raw)))


def test_new_refuses_a_key_given_twice(cli: Cli) -> None:
    text = build_record().to_json().replace('"locale": "sv"', '"locale": "sv", "locale": "da"')
    err = _refused(cli, "new", "--from", str(_record_file(cli, "r.json", text)))
    assert "'locale' appears twice" in err


def test_new_refuses_a_far_follow_up_that_export_ics_could_not_handle(cli: Cli) -> None:
    record = build_record()
    text = record.to_json().replace('"follow_up": null', '"follow_up": "9999-12-31"')
    assert "9999-12-31" in text
    err = _refused(cli, "new", "--from", str(_record_file(cli, "r.json", text)))
    assert "follow_up: must lie in the years 1900 to 2199" in err


def test_the_latest_follow_up_accepted_still_exports_as_ics(cli: Cli) -> None:
    record = build_record()
    record.follow_up = date(2199, 12, 31)
    cli.add(record)
    out = cli.tmp / "out"
    out.mkdir()
    pdf, ics = str(out / "s.pdf"), str(out / "f.ics")
    code = cli.run("export", record.id[:8], "--pdf", pdf, "--ics", ics)
    assert code == 0, cli.err
    assert "DTSTART;VALUE=DATE:21991231" in (out / "f.ics").read_text()


def test_new_refuses_a_70_mb_record_that_could_never_be_read_back(cli: Cli) -> None:
    record = build_record()
    data = json.loads(record.to_json())
    notes = [{"text": "x" * 19_000, "visibility": "private"}] * (70_000_000 // 19_000)
    data["phases"]["look-back"]["notes"] = notes
    path = _record_file(cli, "big.json", json.dumps(data))
    assert path.stat().st_size > 70_000_000
    err = _refused(cli, "new", "--from", str(path))
    assert f"larger than {MAX_RECORD_BYTES // 2**20} MiB" in err


def test_a_record_just_under_the_limit_goes_in_and_lists(cli: Cli) -> None:
    record = build_record()
    # Grown in steps of many notes (serialising an 8 MiB record once per note is quadratic):
    # each step takes at most what fits below the target, so it ends inside the same window.
    target = MAX_RECORD_BYTES - 200_000
    size = len(record.to_json().encode())
    while size < target:
        record.add_note("look-back", "y" * 19_000)
        grown = len(record.to_json().encode())
        for _ in range(max(0, (target - grown) // (grown - size) - 1)):
            record.add_note("look-back", "y" * 19_000)
        size = len(record.to_json().encode())
    assert target <= size < MAX_RECORD_BYTES
    cli.add(record)
    assert cli.run("list") == 0, cli.err
    assert record.id[:8] in cli.out


def test_a_huge_bad_value_is_quoted_short(cli: Cli) -> None:
    text = build_record().to_json().replace('"kind": "development"', f'"kind": "{"k" * 500_000}"')
    err = _refused(cli, "new", "--from", str(_record_file(cli, "r.json", text)))
    assert "must be one of" in err and len(err) < 400


@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "folder"])
def test_new_from_a_device_a_pipe_or_a_folder_is_refused_without_waiting(
    cli: Cli, target: str, repo_root: Path
) -> None:
    if target == "fifo":
        source = cli.tmp / "r.json"
        os.mkfifo(source)
    elif target == "folder":
        source = cli.tmp / "r.json"
        source.mkdir()
    else:
        source = Path(target)
    # A subprocess with a timeout: reading a FIFO or /dev/zero the naive way never ends.
    result = subprocess.run(
        [sys.executable, "-m", "dialog_kit", "--vault", str(cli.vault),
         "new", "--from", str(source)],
        capture_output=True, text=True, timeout=120, cwd=repo_root,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "not a regular file" in result.stderr or "folder" in result.stderr


def test_a_passphrase_file_that_is_not_utf8(cli: Cli) -> None:
    bad = _record_file(cli, "pass.bin", b"\xff\xfe secret\n")
    err = _refused(cli, "list", passphrase=bad)
    assert "not UTF-8" in err and "secret" not in err


def test_standard_input_that_is_not_utf8(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    class Stdin(io.TextIOWrapper):
        pass

    monkeypatch.setattr("sys.stdin", Stdin(io.BytesIO(b"\xc3\x28 bad\n"), encoding="utf-8"))
    err = _refused(cli, "list", passphrase="-")
    assert "standard input is not UTF-8" in err


def test_a_passphrase_from_a_pipe_still_works(cli: Cli) -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, PASSPHRASE.encode() + b"\n")
    os.close(write_end)
    try:
        assert cli.run("list", passphrase=f"/dev/fd/{read_end}") == 0, cli.err
    finally:
        os.close(read_end)


def test_dev_zero_as_a_passphrase_file_is_refused(cli: Cli) -> None:
    assert "not a regular file" in _refused(cli, "list", passphrase="/dev/zero")


def _settings(text: str) -> None:
    Path(os.environ["DIALOG_KIT_CONFIG"]).write_text(text)


def test_deeply_nested_config_toml_is_a_plain_error(cli: Cli) -> None:
    _settings(DEEP_TOML)
    err = _refused(cli, "list")
    assert "Broken settings" in err and "nested too deeply" in err


def test_an_unknown_setting_with_a_huge_name_is_named_short(cli: Cli) -> None:
    _settings(f"{'k' * 100_000} = 1\n")
    err = _refused(cli, "list")
    assert "unknown setting" in err and len(err) < 600


def test_a_deep_guide_in_guides_dir_is_skipped_and_the_rest_works(cli: Cli) -> None:
    guides = cli.tmp / "guides"
    guides.mkdir()
    (guides / "deep.toml").write_text(DEEP_TOML)
    _settings(f'guides_dir = "{guides}"\n')
    record = build_record()
    cli.add(record)
    assert cli.run("guides", "validate") == 2
    assert "deep.toml" in cli.out and "nested too deeply" in cli.out
    assert cli.run("show", record.id[:8]) == 0, cli.err
    out = cli.tmp / "out"
    out.mkdir()
    assert cli.run("prep", "development", "--pdf", str(out / "p.pdf")) == 0, cli.err
    assert "some guide files have problems" in cli.err
    assert cli.run("export", record.id[:8], "--pdf", str(out / "s.pdf")) == 0, cli.err


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "link", "huge"])
def test_a_hostile_file_in_guides_dir_is_named_and_skipped(
    cli: Cli, kind: str, repo_root: Path
) -> None:
    guides = cli.tmp / "guides"
    guides.mkdir()
    bad = guides / "bad.toml"
    if kind == "fifo":
        os.mkfifo(bad)
    elif kind == "dev-zero":
        bad.symlink_to("/dev/zero")
    elif kind == "link":  # to a valid guide: even that is not followed
        (cli.tmp / "elsewhere.toml").write_text(MINI_GUIDE)
        bad.symlink_to(cli.tmp / "elsewhere.toml")
    else:  # a valid guide, padded past the limit
        bad.write_text(MINI_GUIDE + "# " + "x" * (2 * 1024 * 1024) + "\n")
    _settings(f'guides_dir = "{guides}"\n')
    result = subprocess.run(
        [sys.executable, "-m", "dialog_kit", "guides", "list"],
        capture_output=True, text=True, timeout=120, cwd=repo_root,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "bad.toml" in result.stderr
    assert {"fifo": "not a regular file", "dev-zero": "a link", "link": "a link",
            "huge": "larger than 1 MiB"}[kind] in result.stderr  # fmt: skip
    assert "mini" not in result.stdout
    assert "development" in result.stdout  # the built-in guides still load


def test_recipients_add_with_an_invalid_key_exits_2(cli: Cli) -> None:
    assert "Invalid key" in _refused(cli, "recipients", "add", "age1notakey")


def test_handover_to_an_invalid_key_exits_2(cli: Cli) -> None:
    cli.add(build_record())
    _refused(cli, "handover", "--to", "age1notakey", "--out", str(cli.tmp / "h"))
    assert not (cli.tmp / "h").exists()


def test_access_with_an_empty_name_exits_2(cli: Cli) -> None:
    _refused(cli, "access", "", "--pdf", str(cli.tmp / "a.pdf"))
    assert not (cli.tmp / "a.pdf").exists()


@pytest.mark.parametrize("command", ["export", "prep", "access"])
@pytest.mark.parametrize("where", [".", "records"])
def test_documents_are_never_written_into_the_vault_folder(
    cli: Cli, command: str, where: str
) -> None:
    record = build_record()
    cli.add(record)
    target = cli.vault / where / "summary.pdf"
    first = {"export": record.id[:8], "prep": "development", "access": "Åsa Lind"}[command]
    err = _refused(cli, command, first, "--pdf", str(target))
    assert "Inside the vault" in err
    assert not target.exists()


def test_a_document_beside_the_vault_is_fine(cli: Cli) -> None:
    assert cli.run("prep", "development", "--pdf", str(cli.tmp / "prep.pdf")) == 0, cli.err
    assert (cli.tmp / "prep.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("field", ["id", "kind", "profiles"])
def test_a_guide_with_a_huge_value_is_reported_short(cli: Cli, field: str) -> None:
    huge = "g" * 500_000
    lines = MINI_GUIDE.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(f"{field} ="):
            lines[i] = f'{field} = "{huge}"' if field != "profiles" else f'{field} = ["{huge}"]'
            break
    else:
        lines.insert(1, f'{field} = "{huge}"')
    path = cli.tmp / "big-value.toml"
    path.write_text("\n".join(lines) + "\n")
    assert cli.run("guides", "validate", str(path)) == 2
    assert "big-value.toml" in cli.out
    assert len(cli.out) < 2000 and huge not in cli.out


def test_a_settings_file_of_thousands_of_unknown_keys_is_summed_up(cli: Cli) -> None:
    # Each problem used to rescan the whole file for its line: 2,000 keys took 30 s,
    # and the message repeated every one of them.
    _settings("".join(f"t{i} = 1\n" for i in range(20_000)))
    err = _refused(cli, "list")
    assert "t0: unknown setting" in err
    assert "... and 19980 more problems." in err
    assert len(err.splitlines()) == 21


def test_a_calendar_file_is_never_written_into_the_vault_folder(cli: Cli) -> None:
    record = build_record()
    record.follow_up = date(2026, 9, 1)
    cli.add(record)
    pdf, ics = cli.tmp / "s.pdf", cli.vault / "follow-up.ics"
    err = _refused(cli, "export", record.id[:8], "--pdf", str(pdf), "--ics", str(ics))
    assert "Inside the vault" in err
    assert not pdf.exists() and not ics.exists()


def test_a_link_into_the_vault_folder_is_seen_through(cli: Cli) -> None:
    (cli.tmp / "innocent").symlink_to(cli.vault / "records")
    err = _refused(cli, "prep", "development", "--pdf", str(cli.tmp / "innocent" / "p.pdf"))
    assert "Inside the vault" in err
