"""Names, notes and file names reach the terminal escaped: shown, never obeyed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dialog_kit.cli.terminal import visible, visible_json
from tests.hostile.conftest import Cli
from tests.vault.conftest import build_record

CLEAR = "\x1b[2J\x1b[H"  # clears the screen and homes the cursor
TITLE = "\x1b]0;owned\x07"  # sets the window title
RLO = "\u202e"  # right-to-left override: "Anna fdp.exe" reads as "Anna exe.pdf"
RAW = ("\x1b", "\x07", "\x9b", RLO, "\r")


def _clean(text: str) -> None:
    for char in RAW:
        assert char not in text, f"{char!r} reached the terminal"


def test_visible_escapes_what_a_terminal_would_obey() -> None:
    assert visible(CLEAR + "Anna") == "\\x1b[2J\\x1b[HAnna"
    assert visible(f"Anna {RLO}fdp.exe") == "Anna \\u202efdp.exe"
    assert visible("a\nb\tc\rd") == "a\\nb\\tc\\rd"
    assert visible("a\nb", lines=True) == "a\nb"
    assert visible("Åsa Lind, Zoë, 李") == "Åsa Lind, Zoë, 李"  # letters stay letters


def test_visible_json_is_still_the_same_json() -> None:
    value = {"name": f"{RLO}x\x9b\x7f{CLEAR}"}
    text = visible_json(json.dumps(value, ensure_ascii=False))
    _clean(text)
    assert json.loads(text) == value


@pytest.fixture
def hostile(cli: Cli) -> tuple[Cli, str]:
    record = build_record(name=f"{CLEAR}{TITLE}Anna {RLO}nosnraK", note=f"note {CLEAR}end")
    record.employee.role = f"role{TITLE}"
    record.add_note("look-ahead", f"first line\n  (shared) forged line{RLO}")
    # `new` refuses such a name for the person register (exit 2), but a record file can
    # still hold one (planted in a shared folder, or from an older version): saved as is.
    from dialog_kit.vault import Vault
    from tests.hostile.conftest import PASSPHRASE

    with Vault.open(cli.vault) as vault:
        vault.unlock(PASSPHRASE)
        vault.save(record)
    return cli, record.id


def test_new_refuses_a_name_with_control_characters(cli: Cli, tmp_path: Path) -> None:
    record = build_record(name=f"{CLEAR}Anna")
    source = tmp_path / "hostile.json"
    source.write_text(record.to_json(), encoding="utf-8")
    before = cli.digest()
    assert cli.run("new", "--from", str(source)) == 2
    assert "control character" in cli.err and cli.digest() == before
    _clean(cli.err)


def test_list_shows_escape_sequences_and_overrides_escaped(hostile: tuple[Cli, str]) -> None:
    cli, _id = hostile
    assert cli.run("list") == 0, cli.err
    _clean(cli.out)
    assert "\\x1b[2J" in cli.out and "\\u202enosnraK" in cli.out
    assert len(cli.out.strip().splitlines()) == 1


def test_list_json_is_safe_and_still_exact(hostile: tuple[Cli, str]) -> None:
    cli, _id = hostile
    assert cli.run("list", "--json") == 0, cli.err
    _clean(cli.out)
    assert json.loads(cli.out)[0]["employee"] == f"{CLEAR}{TITLE}Anna {RLO}nosnraK"


def test_show_escapes_names_and_notes_and_keeps_note_lines_indented(
    hostile: tuple[Cli, str],
) -> None:
    cli, record_id = hostile
    assert cli.run("show", record_id[:8]) == 0, cli.err
    _clean(cli.out)
    assert "role\\x1b]0;owned\\x07" in cli.out
    assert "note \\x1b[2J\\x1b[Hend" in cli.out
    # A newline in a note continues the note; it cannot start a line that looks like another.
    assert "\n  (shared) forged" not in cli.out
    assert "(shared) forged line\\u202e" in cli.out


def test_show_json_is_safe_and_round_trips(hostile: tuple[Cli, str]) -> None:
    cli, record_id = hostile
    assert cli.run("show", record_id[:8], "--json") == 0, cli.err
    _clean(cli.out)
    assert json.loads(cli.out)["employee"]["name"] == f"{CLEAR}{TITLE}Anna {RLO}nosnraK"


def test_check_and_list_escape_hostile_file_names(cli: Cli) -> None:
    cli.add(build_record())
    records = cli.vault / "records"
    (records / f"{CLEAR}report{RLO}fdp.age").write_bytes(b"x")
    (records / "two\nlines.age").write_bytes(b"x")
    for command in ("list", "check"):
        assert cli.run(command) == 1
        _clean(cli.err)
        assert "\\x1b[2J\\x1b[Hreport\\u202efdp.age" in cli.err
        assert "two\\nlines.age" in cli.err
        assert not any(line.startswith("lines.age") for line in cli.err.splitlines())


def test_guides_list_escapes_a_hostile_guide_file_name(cli: Cli) -> None:
    import os
    from pathlib import Path

    guides = cli.tmp / "guides"
    guides.mkdir()
    (guides / f"{CLEAR}{RLO}lmot.toml").write_text("not = [valid\n")
    Path(os.environ["DIALOG_KIT_CONFIG"]).write_text(f'guides_dir = "{guides}"\n')
    assert cli.run("guides", "list") == 1
    _clean(cli.out + cli.err)
    assert "\\u202elmot.toml" in cli.err


def test_an_error_message_naming_a_hostile_file_is_escaped(cli: Cli) -> None:
    missing = cli.tmp / f"{CLEAR}{RLO}nosj.json"
    assert cli.run("new", "--from", str(missing)) == 2
    _clean(cli.err)
    assert "\\x1b[2J\\x1b[H\\u202enosj.json" in cli.err
