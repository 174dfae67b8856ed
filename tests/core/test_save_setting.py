"""One setting written back to the user's settings file: everything else kept, broken files left."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from dialog_kit.config import config_path, load_config, save_setting
from dialog_kit.errors import InputError

KEPT = """\
# Settings for the home care unit
organisation = "Malmö stad"   # on every document
language = "sv"

# guides from HR
guides_dir = "guides"
"""


def test_the_value_changes_and_every_other_line_and_comment_stays(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(KEPT, encoding="utf-8")
    (tmp_path / "guides").mkdir()
    assert save_setting("language", "da", path) == path
    assert path.read_text(encoding="utf-8") == KEPT.replace('"sv"', '"da"')
    config = load_config(path)
    assert config.language == "da" and config.guides_dir == tmp_path / "guides"


def test_windows_line_ends_stay(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'# from Notepad\r\nlanguage = "sv"\r\nmanager_name = "Per Ek"\r\n')
    save_setting("language", "en", path)
    assert path.read_bytes() == b'# from Notepad\r\nlanguage = "en"\r\nmanager_name = "Per Ek"\r\n'


def test_a_new_key_is_added_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('manager_name = "Per Ek"\n', encoding="utf-8")
    save_setting("language", "en", path)
    assert path.read_text(encoding="utf-8") == 'manager_name = "Per Ek"\nlanguage = "en"\n'


def test_the_default_file_is_created_private(tmp_path: Path) -> None:
    save_setting("language", "sv")
    assert load_config().language == "sv"
    assert stat.S_IMODE(config_path().stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "broken",
    [
        b'language = "sv\n',  # not TOML
        b"langauge = 'sv'\n",  # a typo the user must see, not lose
        b'retention_months = 0\nlanguage = "sv"\n',  # a bad value
        b"organisation = '\xff'\n",  # not UTF-8
    ],
)
def test_a_broken_file_is_never_overwritten(tmp_path: Path, broken: bytes) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(broken)
    with pytest.raises(InputError):
        save_setting("language", "da", path)
    assert path.read_bytes() == broken
    assert os.listdir(tmp_path) == ["config.toml"]  # no temporary file left behind


def test_a_value_the_settings_refuse_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(KEPT, encoding="utf-8")
    (tmp_path / "guides").mkdir()
    with pytest.raises(InputError):
        save_setting("language", "fi", path)
    assert path.read_text(encoding="utf-8") == KEPT


def test_a_linked_settings_file_stays_a_link(tmp_path: Path) -> None:
    """Many people keep dotfiles in a repository and link them: the link must survive."""
    target = tmp_path / "dotfiles" / "dialog_kit.toml"
    target.parent.mkdir()
    target.write_text('manager_name = "Per Ek"\n', encoding="utf-8")
    link = tmp_path / "config.toml"
    link.symlink_to(target)
    assert save_setting("language", "da", link) == target
    assert link.is_symlink()
    assert load_config(link).language == "da" and load_config(link).manager_name == "Per Ek"
