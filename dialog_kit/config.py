"""The user's settings: a TOML file in the platformdirs config folder, every key validated."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dialog_kit.errors import InputError, clip
from dialog_kit.i18n import LANGUAGES, _, ngettext
from dialog_kit.safe_files import TooDeepError, UnsafeFileError, load_toml, read_file

APP_NAME = "dialog_kit"
COUNTRIES = ("se", "dk", "other")
MAX_CONFIG_FILE = 256 * 1024
"""The settings file is a dozen lines; anything this large is not one."""
SECTORS = ("municipality", "region", "state", "private", "non-profit", "other")
AGREEMENTS = {"kom-kr": "se", "trs": "se", "tsn": "se"}
"""Transition agreements the guides know, by data id, with the country they belong to."""
MAX_HR_CONTACTS = 10
COUNTRY_TIME_ZONES = {"se": "Europe/Stockholm", "dk": "Europe/Copenhagen"}
"""The time zone of an organisation in a country, unless `time_zone` says otherwise."""


@dataclass(frozen=True)
class HrContact:
    """Someone in HR the employee may turn to; printed on documents that point to HR."""

    name: str
    email: str = ""
    phone: str = ""

    @classmethod
    def parse(cls, text: str) -> HrContact:
        """ "NAME <EMAIL> PHONE" (e-mail and phone optional): the form --hr-contact takes."""
        match = _HR_CONTACT.fullmatch(text.strip())
        if match is None or not match.group("name").strip():
            raise InputError(
                _("Bad HR contact"),
                _(
                    '{text!r}: write it as "NAME <EMAIL> PHONE" (e-mail and phone may be left out).'
                ).format(text=text),
            )
        email = (match.group("email") or "").strip()
        if email and not _EMAIL.fullmatch(email):
            raise InputError(
                _("Bad HR contact"), _("{email!r} is not an e-mail address.").format(email=email)
            )
        phone = (match.group("after") or match.group("phone") or "").strip()
        return cls(" ".join(match.group("name").split()), email, phone)

    def to_toml(self) -> dict[str, str]:
        return {"name": self.name, "email": self.email, "phone": self.phone}

    def __str__(self) -> str:
        return " ".join(
            part
            for part in (self.name, f"<{self.email}>" if self.email else "", self.phone)
            if part
        )


_HR_CONTACT = re.compile(
    r"(?P<name>[^<>]+?)\s*(?:<(?P<email>[^<>]*)>\s*(?P<after>[^<>]*)|(?P<phone>\+?\d[\d\s()\-]*)?)"
)
_EMAIL = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")


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
    country: str | None = None
    """se, dk or other, asked at setup; unset documents say nothing national (as for other)."""
    sector: str = ""
    """municipality, region, state, private, non-profit or other; empty when not asked yet."""
    agreement: str = ""
    """The transition agreement the organisation is under (kom-kr, trs, tsn), where there is one."""
    hr_contacts: tuple[HrContact, ...] = ()
    cadence_months: int = 12
    """Months between development talks: when the next one is due (the team view)."""
    time_zone: str = ""
    """An IANA zone (Europe/Stockholm) for the times of invitations; empty: from the country."""
    manager_email: str = ""
    """Your e-mail address: the organiser of the invitations you send."""

    @property
    def document_country(self) -> str:
        """The country documents speak for: unset counts as other (nothing national is said)."""
        return self.country or "other"

    @property
    def zone_name(self) -> str:
        """The organisation's time zone: the setting, else the country's, else UTC."""
        return self.time_zone or COUNTRY_TIME_ZONES.get(self.country or "", "UTC")


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
    "country": (
        str,
        "se, dk or other: what documents say about public access and which national schemes "
        "they list (unset: nothing national).",
    ),
    "sector": (str, "municipality, region, state, private, non-profit or other."),
    "agreement": (
        str,
        "The transition agreement you are under, where there is one: kom-kr, trs or tsn.",
    ),
    "hr_contacts": (
        list,
        'HR contacts employees may turn to: [{name = "…", email = "…", phone = "…"}, …].',
    ),
    "cadence_months": (int, "Months between development talks with each person (1 to 60)."),
    "time_zone": (
        str,
        "Time zone of the talks' times, e.g. Europe/Stockholm (unset: Europe/Stockholm for se, "
        "Europe/Copenhagen for dk, else UTC).",
    ),
    "manager_email": (str, "Your e-mail address, the organiser of the invitations you send."),
}

SETUP_KEYS = (
    "manager_name", "manager_role", "organisation", "country", "sector", "agreement",
    "hr_contacts", "language", "cadence_months",
)  # fmt: skip
"""The settings the first-run setup asks for, in the order it asks."""


def needs_setup(config: Config) -> bool:
    """Whether first-run setup is still to be done: your name, the organisation and its country."""
    return not (config.manager_name.strip() and config.organisation.strip() and config.country)


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
    positions: Mapping[str, int] | None = None

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
            elif kind is list:
                fail(key, _("must be a list in brackets, e.g. {key} = […]").format(key=key))
            else:
                fail(key, _('must be a text in quotes, e.g. {key} = "…"').format(key=key))
            continue
        values[key] = value
    choices = {
        "language": LANGUAGES,
        "country": COUNTRIES,
        "sector": ("", *SECTORS),
        "agreement": ("", *AGREEMENTS),
    }
    for key, allowed in choices.items():
        if key in values and values[key] not in allowed:
            fail(key, _("must be one of {choices}").format(choices=", ".join(allowed)))
            del values[key]
    if "retention_months" in values and not 1 <= values["retention_months"] <= 600:
        fail("retention_months", _("must be between 1 and 600"))
        del values["retention_months"]
    if "cadence_months" in values and not 1 <= values["cadence_months"] <= 60:
        fail("cadence_months", _("must be between 1 and 60"))
        del values["cadence_months"]
    if values.get("agreement"):
        home = AGREEMENTS[values["agreement"]]
        if values.get("country", home) != home:
            fail(
                "agreement",
                _("{agreement} is an agreement in {country}, not in {other}").format(
                    agreement=values["agreement"], country=home, other=values["country"]
                ),
            )
            del values["agreement"]
    if "time_zone" in values and values["time_zone"] and not _known_zone(values["time_zone"]):
        fail("time_zone", _("not a known time zone (for example Europe/Stockholm)"))
        del values["time_zone"]
    if values.get("manager_email") and not _EMAIL.fullmatch(values["manager_email"].strip()):
        fail(
            "manager_email",
            _("{email!r} is not an e-mail address").format(email=values["manager_email"]),
        )
        del values["manager_email"]
    elif "manager_email" in values:
        values["manager_email"] = values["manager_email"].strip()
    if "hr_contacts" in values:
        contacts = _hr_contacts(values.pop("hr_contacts"), lambda p: fail("hr_contacts", p))
        if contacts is not None:
            values["hr_contacts"] = contacts
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
                ngettext(
                    "... and {count} more problem.",
                    "... and {count} more problems.",
                    len(problems) - MAX_PROBLEMS_SHOWN,
                ).format(count=len(problems) - MAX_PROBLEMS_SHOWN)
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


def _known_zone(name: str) -> bool:
    """Whether `name` is an IANA time zone this system (or the tzdata package) knows."""
    from zoneinfo import ZoneInfo

    if len(name) > 64 or not re.fullmatch(r"[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+)*", name):
        return False  # never a path: ZoneInfo would otherwise be asked to open one
    try:
        ZoneInfo(name)
    except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return False
    return True


def _key_lines(lines: list[str]) -> Mapping[str, int]:
    from dialog_kit.tomlpos import key_lines  # only on the error path

    return key_lines("\n".join(lines))


def _hr_contacts(value: list[Any], fail: Callable[[str], None]) -> tuple[HrContact, ...] | None:
    if len(value) > MAX_HR_CONTACTS:
        fail(_("at most {n} contacts").format(n=MAX_HR_CONTACTS))
        return None
    contacts = []
    for i, entry in enumerate(value):
        if not isinstance(entry, dict) or not set(entry) <= {"name", "email", "phone"}:
            fail(_('entry {n}: must be {{name = "…", email = "…", phone = "…"}}').format(n=i + 1))
            return None
        if not all(isinstance(v, str) and len(v) <= 200 for v in entry.values()):
            fail(_("entry {n}: every value must be a short text in quotes").format(n=i + 1))
            return None
        name = " ".join(entry.get("name", "").split())
        if not name:
            fail(_("entry {n}: the name is missing").format(n=i + 1))
            return None
        email = entry.get("email", "").strip()
        if email and not _EMAIL.fullmatch(email):
            fail(_("entry {n}: {email!r} is not an e-mail address").format(n=i + 1, email=email))
            return None
        contacts.append(HrContact(name, email, entry.get("phone", "").strip()))
    return tuple(contacts)


def save_settings(values: Mapping[str, object], path: Path | None = None) -> Path:
    """Sets several settings in one atomic write (what setup does), keeping every other line.

    A value of None removes the key (back to its default). HR contacts may be
    given as HrContact objects. Nothing is written unless the whole new file is
    valid: a bad value is an InputError naming it, and the file stays as it was.
    """
    import tomlkit

    from dialog_kit.atomic import write_atomic

    unknown = [key for key in values if key not in SETTINGS]
    if unknown:
        raise ValueError(f"unknown settings {unknown!r}")
    path = path or config_path()
    if path.is_symlink():
        path = path.resolve()
    load_config(path)  # raises on a broken file, so it is never overwritten
    try:
        text = read_file(path, MAX_CONFIG_FILE, follow_links=True).decode("utf-8")
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        text, mode = "", 0o600
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.TOMLKitError as exc:
        raise InputError(
            _("Broken settings"),
            _("{where}: is not valid TOML: {reason}").format(where=path, reason=exc),
        ) from None
    for key, value in values.items():
        if value is None:
            document.pop(key, None)
        elif key == "hr_contacts":
            contacts = tomlkit.array()
            for contact in value:  # type: ignore[attr-defined]
                table = tomlkit.inline_table()
                table.update(contact.to_toml() if isinstance(contact, HrContact) else contact)
                contacts.append(table)
            document[key] = contacts
        else:
            document[key] = value
    new_text = tomlkit.dumps(document)
    parse_config(tomllib.loads(new_text), path, new_text.split("\n"))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, new_text.encode("utf-8"), mode=mode)
    return path
