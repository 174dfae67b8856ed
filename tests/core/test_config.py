"""The settings file: defaults when missing, every key checked, faults named by file and line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dialog_kit.cli import main
from dialog_kit.config import SETTINGS, Config, config_path, load_config
from dialog_kit.errors import InputError

FULL = """\
# My settings
organisation = "Malmö stad"
manager_name = "Per Ek"
manager_role = "Enhetschef"
language = "sv"
vault = "~/talks"
guides_dir = "our-guides"
retention_months = 36
country = "se"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "none.toml") == Config()
    assert not config_path().exists()
    assert load_config() == Config()


def test_every_setting_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path, FULL)
    config = load_config(path)
    assert config == Config(
        organisation="Malmö stad",
        manager_name="Per Ek",
        manager_role="Enhetschef",
        language="sv",
        vault=Path.home() / "talks",
        guides_dir=tmp_path / "our-guides",
        retention_months=36,
        country="se",
    )
    assert set(SETTINGS) == {k for k in Config.__dataclass_fields__}


BAD = [
    ("organisation", "organisation = 12", "must be a text"),
    ("manager_name", "manager_name = true", "must be a text"),
    ("manager_role", "manager_role = ['a']", "must be a text"),
    ("language", 'language = "fi"', "must be one of sv, da, en"),
    ("language", "language = 1", "must be a text"),
    ("vault", "vault = 3", "must be a text"),
    ("vault", 'vault = ""', "must not be empty"),
    ("guides_dir", "guides_dir = false", "must be a text"),
    ("guides_dir", 'guides_dir = "  "', "must not be empty"),
    ("retention_months", 'retention_months = "24"', "whole number"),
    ("retention_months", "retention_months = true", "whole number"),
    ("retention_months", "retention_months = 0", "between 1 and 600"),
    ("retention_months", "retention_months = 2.5", "whole number"),
    ("country", 'country = "no"', "must be one of se, dk, other"),
    ("time_zone", 'time_zone = "Europe/Nowhere"', "not a known time zone"),
    ("time_zone", 'time_zone = "../../etc/passwd"', "not a known time zone"),
    ("time_zone", 'time_zone = "/etc/localtime"', "not a known time zone"),
    ("time_zone", "time_zone = 1", "must be a text"),
    ("manager_email", 'manager_email = "karin at example"', "not an e-mail address"),
    ("colour", 'colour = "blue"', "unknown setting"),
    ("vaults", 'vaults = "~/x"', "unknown setting"),
]


@pytest.mark.parametrize(("key", "line", "words"), BAD, ids=[f"{b[0]}:{b[1]}" for b in BAD])
def test_each_bad_setting_is_named_with_file_and_line(
    tmp_path: Path, key: str, line: str, words: str
) -> None:
    path = _write(tmp_path, f"# settings\n\n{line}\n")
    with pytest.raises(InputError) as caught:
        load_config(path)
    assert caught.value.exit_code == 2
    assert caught.value.message.startswith(f"{path}:3: {key}: ")
    assert words in caught.value.message


def test_the_time_zone_is_the_settings_else_the_countrys(tmp_path: Path) -> None:
    assert Config(country="se").zone_name == "Europe/Stockholm"
    assert Config(country="dk").zone_name == "Europe/Copenhagen"
    assert Config(country="other").zone_name == "UTC"
    assert Config().zone_name == "UTC"
    path = _write(tmp_path, 'country = "se"\ntime_zone = "America/New_York"\n')
    assert load_config(path).zone_name == "America/New_York"


def test_a_table_is_an_unknown_setting_at_its_header(tmp_path: Path) -> None:
    path = _write(tmp_path, 'language = "da"\n[vault]\npath = "x"\n')
    with pytest.raises(InputError) as caught:
        load_config(path)
    assert caught.value.message.startswith(f"{path}:2: vault: ")


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    path = _write(tmp_path, 'language = "fi"\ncountry = "fi"\nsize = 1\n')
    with pytest.raises(InputError) as caught:
        load_config(path)
    assert [row.split(": ")[0] for row in caught.value.message.splitlines()] == [
        f"{path}:1",
        f"{path}:2",
        f"{path}:3",
    ]


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, 'language = "sv"\ncountry = se\n')
    with pytest.raises(InputError) as caught:
        load_config(path)
    assert caught.value.message.startswith(f"{path}:2: ")
    assert "TOML" in caught.value.message


def test_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'organisation = "Malm\xf6"\n')
    with pytest.raises(InputError, match="UTF-8"):
        load_config(path)


def test_a_broken_settings_file_stops_a_command_with_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path(os.environ["DIALOG_KIT_CONFIG"]).write_text("retention_months = -1\n")
    assert main(["guides", "list"]) == 2
    err = capsys.readouterr().err
    assert "retention_months" in err and "Traceback" not in err


def test_the_language_setting_is_used_by_the_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path(os.environ["DIALOG_KIT_CONFIG"]).write_text('language = "sv"\n')
    assert main(["guides", "list", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("användning: dialog-kit guides list")  # argparse's own word too
    assert "lista guiderna" in out


def test_docs_config_md_describes_every_setting(repo_root: Path) -> None:
    doc = (repo_root / "docs" / "config.md").read_text(encoding="utf-8")
    for key, (_kind, help_text) in SETTINGS.items():
        assert f"`{key}`" in doc, key
        assert help_text in doc, key
