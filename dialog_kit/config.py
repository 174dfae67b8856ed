"""The user's settings: a TOML file in the platformdirs config folder, every key validated."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dialog_kit.errors import InputError
from dialog_kit.i18n import LANGUAGES

APP_NAME = "dialog_kit"
COUNTRIES = ("se", "dk", "other")


@dataclass(frozen=True)
class Config:
    organisation: str = ""
    """Shown at the top of every employee document."""
    manager_name: str = ""
    """Filled in as the manager of new talks."""
    manager_role: str = ""
    language: str | None = None
    """The interface language (sv, da, en); unset means taken from the environment."""
    vault: Path | None = None
    """The vault folder; unset means the user's data folder (see default_vault_dir)."""
    guides_dir: Path | None = None
    """The organisation's own guides: they add to or override the built-in ones by id."""
    retention_months: int = 24
    """How long completed talks are kept before `purge` offers to erase them."""
    country: str = "se"
    """se, dk or other: decides what documents say about public access to them."""


# key -> (type, help); the single source for validation and for docs/config.md.
SETTINGS: dict[str, tuple[type, str]] = {
    "organisation": (str, "Name of the organisation, shown on employee documents."),
    "manager_name": (str, "Your name, filled in as the manager of new talks."),
    "manager_role": (str, "Your role or title, shown beside your name on documents."),
    "language": (str, "Interface language: sv, da or en."),
    "vault": (str, "Folder of the encrypted vault (~ is expanded)."),
    "guides_dir": (str, "Folder of your organisation's own guide files (~ is expanded)."),
    "retention_months": (int, "Months a completed talk is kept before purge offers to erase it."),
    "country": (str, "se, dk or other: what documents say about public access."),
}


def config_path() -> Path:
    """DIALOG_KIT_CONFIG, else config.toml in the platform's config folder."""
    override = os.environ.get("DIALOG_KIT_CONFIG")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


def default_vault_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "vault"


def load_config(path: Path | None = None) -> Config:
    """The settings in `path` (default: config_path()); a missing file means all defaults."""
    path = path or config_path()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("Unreadable settings", f"{path}: {exc}") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise InputError("Broken settings", f"{path}: {exc}") from None
    return parse_config(data, path, raw.splitlines())


def parse_config(data: dict[str, Any], path: Path, lines: list[str] | None = None) -> Config:
    def fail(key: str, problem: str) -> InputError:
        line = _line_of(lines or [], key)
        where = f"{path}:{line}" if line else str(path)
        return InputError("Broken settings", f"{where}: {key}: {problem}")

    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in SETTINGS:
            raise fail(key, f"unknown setting (known: {', '.join(SETTINGS)})")
        kind, _ = SETTINGS[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            raise fail(key, f"must be a {'whole number' if kind is int else 'text'}")
        values[key] = value
    if "language" in values and values["language"] not in LANGUAGES:
        raise fail("language", f"must be one of {', '.join(LANGUAGES)}")
    if "country" in values and values["country"] not in COUNTRIES:
        raise fail("country", f"must be one of {', '.join(COUNTRIES)}")
    if "retention_months" in values and not 1 <= values["retention_months"] <= 600:
        raise fail("retention_months", "must be between 1 and 600")
    for key in ("vault", "guides_dir"):
        if key in values:
            values[key] = Path(values[key]).expanduser()
    return Config(**values)


def _line_of(lines: list[str], key: str) -> int | None:
    for number, line in enumerate(lines, start=1):
        if line.split("=", 1)[0].strip() == key:
            return number
    return None
