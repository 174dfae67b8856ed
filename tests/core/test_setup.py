"""First-run setup in the settings: asked, never assumed; written in one step or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from dialog_kit.config import (
    Config,
    HrContact,
    load_config,
    needs_setup,
    save_settings,
)
from dialog_kit.errors import InputError


def test_an_unset_country_is_not_sweden() -> None:
    config = Config()
    assert config.country is None and config.document_country == "other"
    assert needs_setup(config)


@pytest.mark.parametrize(
    ("values", "needed"),
    [
        ({"manager_name": "Per", "organisation": "Malmö stad"}, True),  # no country
        ({"manager_name": "Per", "country": "se"}, True),  # no organisation
        ({"manager_name": " ", "organisation": "O", "country": "se"}, True),
        ({"manager_name": "Per", "organisation": "Malmö stad", "country": "other"}, False),
    ],
)
def test_needs_setup(values: dict[str, str], needed: bool) -> None:
    assert needs_setup(Config(**values)) is needed  # type: ignore[arg-type]


def test_save_settings_writes_every_key_at_once_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('# top comment\nretention_months = 36 # why\nlanguage = "sv"\n')
    path.chmod(0o644)
    save_settings(
        {
            "manager_name": "Per Ek",
            "country": "se",
            "agreement": "kom-kr",
            "hr_contacts": [HrContact("Eva Holm", "eva@malmo.se", "040-34 10 00")],
            "language": None,  # back to the default
        },
        path,
    )
    text = path.read_text()
    assert text.startswith("# top comment\nretention_months = 36 # why\n")
    config = load_config(path)
    assert config.manager_name == "Per Ek" and config.language is None
    assert config.hr_contacts == (HrContact("Eva Holm", "eva@malmo.se", "040-34 10 00"),)
    assert config.agreement == "kom-kr" and config.retention_months == 36
    assert path.stat().st_mode & 0o777 == 0o644  # as it was
    new = tmp_path / "new" / "config.toml"
    save_settings({"country": "dk"}, new)
    assert load_config(new).country == "dk" and new.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    "values",
    [
        {"country": "no"},
        {"cadence_months": 0},
        {"agreement": "trs", "country": "dk"},
        {"sector": "church"},
        {"hr_contacts": [{"name": ""}]},
        {"hr_contacts": [{"name": "Eva", "email": "not-an-address"}]},
    ],
)
def test_a_bad_value_writes_nothing(tmp_path: Path, values: dict[str, object]) -> None:
    path = tmp_path / "config.toml"
    path.write_text('manager_name = "Per"\n')
    with pytest.raises(InputError):
        save_settings(values, path)
    assert path.read_text() == 'manager_name = "Per"\n'


def test_a_broken_file_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("manager_name = \n")
    with pytest.raises(InputError):
        save_settings({"country": "se"}, path)
    assert path.read_text() == "manager_name = \n"


def test_hr_contacts_in_the_file_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('hr_contacts = "Eva"\n')
    with pytest.raises(InputError, match="hr_contacts"):
        load_config(path)
    path.write_text('hr_contacts = [{name = "Eva", fax = "1"}]\n')
    with pytest.raises(InputError, match="hr_contacts"):
        load_config(path)


@pytest.mark.parametrize(
    ("text", "contact"),
    [
        (
            "Eva Holm <eva@malmo.se> 040-34 10 00",
            HrContact("Eva Holm", "eva@malmo.se", "040-34 10 00"),
        ),
        ("Eva Holm", HrContact("Eva Holm")),
        ("Eva Holm +45 89 40 20 00", HrContact("Eva Holm", "", "+45 89 40 20 00")),
        ("  Eva   Holm  <eva@malmo.se>", HrContact("Eva Holm", "eva@malmo.se")),
    ],
)
def test_hr_contact_from_the_command_line(text: str, contact: HrContact) -> None:
    assert HrContact.parse(text) == contact
