"""The user's settings: a TOML file in the platformdirs config folder, every key validated."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dialog_kit.errors import InputError, clip
from dialog_kit.i18n import LANGUAGES, _
from dialog_kit.safe_files import TooDeepError, UnsafeFileError, load_toml, read_file

APP_NAME = "dialog_kit"
COUNTRIES = ("se", "dk", "other")
MAX_CONFIG_FILE = 256 * 1024
"""The settings file is a dozen lines; anything this large is not one."""


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
    "vault": (str, "Folder of the encrypted vault (~ is expanded; relative to this file)."),
    "guides_dir": (
        str,
        "Folder of your organisation's own guide files (~ is expanded; relative to this file).",
    ),
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
    """The settings in `path` (default: config_path()); a missing file means all defaults.

    Every problem is reported at once, each as `file:line: key: message`.
    """
    path = path or config_path()
    try:
        # A link is followed here: the settings file is the user's own, often kept in a
        # dotfiles folder and linked into place. Special files and huge ones are refused.
        raw = read_file(path, MAX_CONFIG_FILE, follow_links=True).decode("utf-8")
    except FileNotFoundError:
        return Config()
    except UnicodeDecodeError:
        raise InputError(
            _("Broken settings"), _("{path}: is not UTF-8 text").format(path=path)
        ) from None
    except UnsafeFileError as exc:
        raise InputError(_("Unreadable settings"), exc.message) from None
    except OSError as exc:
        raise InputError(
            _("Unreadable settings"), f"{path}: {exc.strerror or type(exc).__name__}"
        ) from None
    try:
        data = load_toml(raw)
    except TooDeepError as exc:
        raise InputError(_("Broken settings"), f"{path}: {exc.reason}") from None
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        where = f"{path}:{match.group(1)}" if match else str(path)
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
        raise InputError(
            _("Broken settings"),
            _("{where}: is not valid TOML: {reason}").format(where=where, reason=reason),
        ) from None
    return parse_config(data, path, raw.split("\n"))


def parse_config(data: dict[str, Any], path: Path, lines: list[str] | None = None) -> Config:
    """Checks every key of the settings file; relative folders are taken from the file's folder."""
    problems: list[tuple[int, str]] = []
    positions: dict[str, int] | None = None

    def fail(key: str, problem: str) -> None:
        nonlocal positions
        if positions is None:  # scanned once, on the first problem (a hostile file has many)
            positions = _key_lines(lines or [])
        line = positions.get(key)
        where = f"{path}:{line}" if line else str(path)
        problems.append((line or 0, f"{where}: {clip(key)}: {problem}"))

    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in SETTINGS:
            fail(key, _("unknown setting (known: {keys})").format(keys=", ".join(SETTINGS)))
            continue
        kind, _help = SETTINGS[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            if kind is int:
                fail(key, _("must be a whole number"))
            else:
                fail(key, _('must be a text in quotes, e.g. {key} = "…"').format(key=key))
            continue
        values[key] = value
    choices = {"language": LANGUAGES, "country": COUNTRIES}
    for key, allowed in choices.items():
        if key in values and values[key] not in allowed:
            fail(key, _("must be one of {choices}").format(choices=", ".join(allowed)))
            del values[key]
    if "retention_months" in values and not 1 <= values["retention_months"] <= 600:
        fail("retention_months", _("must be between 1 and 600"))
        del values["retention_months"]
    for key in ("vault", "guides_dir"):
        if key in values:
            if not values[key].strip():
                fail(key, _("must not be empty (leave the line out for the default)"))
                del values[key]
                continue
            folder = Path(values[key]).expanduser()
            values[key] = folder if folder.is_absolute() else path.parent / folder
    if problems:
        shown = [p for _n, p in sorted(problems)[:MAX_PROBLEMS_SHOWN]]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            shown.append(
                _("... and {count} more problems.").format(count=len(problems) - MAX_PROBLEMS_SHOWN)
            )
        raise InputError(_("Broken settings"), "\n".join(shown))
    return Config(**values)


def save_setting(key: str, value: str | int, path: Path | None = None) -> Path:
    """Sets one setting in the settings file, keeping every other line and comment as it was.

    The file is rewritten atomically. A file that is broken now (not UTF-8,
    not TOML, a bad key or value) is left untouched and reported as an
    InputError: fixing it is the user's call, not ours. A missing file is
    created. Returns the file written (a link's target, so dotfile links stay).
    """
    import tomlkit  # imported late: only F2 needs it, not start-up

    from dialog_kit.atomic import write_atomic

    if key not in SETTINGS:
        raise ValueError(f"unknown setting {key!r}")
    path = path or config_path()
    if path.is_symlink():
        path = path.resolve()
    load_config(path)  # raises on a broken file, so it is never overwritten
    try:
        # bytes: a file's \r\n line ends stay
        text = read_file(path, MAX_CONFIG_FILE, follow_links=True).decode("utf-8")
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        text, mode = "", 0o600
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.TOMLKitError as exc:  # a corner where the two parsers differ
        raise InputError(
            _("Broken settings"),
            _("{where}: is not valid TOML: {reason}").format(where=path, reason=exc),
        ) from None
    document[key] = value
    new_text = tomlkit.dumps(document)
    # Never write a file that this module could not read back.
    parse_config(tomllib.loads(new_text), path, new_text.split("\n"))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, new_text.encode("utf-8"), mode=mode)
    return path


MAX_PROBLEMS_SHOWN = 20
"""A settings file has a dozen keys; more problems than this are counted, not listed."""


def _key_lines(lines: list[str]) -> dict[str, int]:
    from dialog_kit.tomlpos import key_lines  # only on the error path

    return key_lines("\n".join(lines))
