"""vault.toml: the vault's public settings, read strictly and written atomically."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

from dialog_kit import age
from dialog_kit.atomic import write_atomic
from dialog_kit.i18n import _

from .layout import FORMAT, MAX_WORK_FACTOR, MIN_WORK_FACTOR, VAULT_FILE, VaultError


@dataclass
class Settings:
    recipient: str
    recipients: list[str]
    pending: list[str] | None
    work_factor: int
    created: str


def _toml_string(value: str) -> str:
    # JSON string escapes are valid TOML basic-string escapes.
    return json.dumps(value, ensure_ascii=True)


def write_settings(path: Path, s: Settings) -> None:
    """Writes `s` to path/vault.toml atomically."""
    lines = [
        "# dialog_kit vault: public settings only, nothing secret (see docs/vault.md).",
        f"format = {FORMAT}",
        "# The manager's own recipient: identity.age holds its secret key.",
        f"recipient = {_toml_string(s.recipient)}",
        "# Extra recipients every record is also encrypted to (for example HR's recovery key).",
        "recipients = [" + ", ".join(_toml_string(r) for r in s.recipients) + "]",
    ]
    if s.pending is not None:
        lines += [
            "# A recipient change in progress: the next unlock finishes it.",
            "pending_recipients = [" + ", ".join(_toml_string(r) for r in s.pending) + "]",
        ]
    lines += [
        "",
        "[settings]",
        f"work_factor = {s.work_factor}",
        f"created = {_toml_string(s.created)}",
        "",
    ]
    write_atomic(path / VAULT_FILE, "\n".join(lines).encode("utf-8"))


def read_settings(path: Path) -> Settings:
    """The settings in path/vault.toml; VaultError names what is wrong with them."""
    file = path / VAULT_FILE
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise VaultError(
            _("No vault"),
            _("There is no vault at {path}. Create one with `dialog-kit init`.").format(path=path),
        ) from None
    except OSError as exc:
        raise VaultError(_("Vault unreadable"), f"{file}: {exc.strerror}") from None

    def broken(problem: str) -> VaultError:
        return VaultError(_("Vault settings damaged"), f"{file}: {problem}")

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise broken(str(exc)) from None
    version = data.get("format")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise broken(_("'format' must be a whole number from 1 up."))
    if version > FORMAT:
        raise VaultError(
            _("Newer vault"),
            _(
                "{path} was made by a newer dialog_kit (vault format {version}); this version "
                "reads format {ours}. Update dialog_kit; nothing was changed."
            ).format(path=path, version=version, ours=FORMAT),
        )

    def recipient_list(key: str) -> list[str]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise broken(_("'{key}' must be a list of age1... recipients.").format(key=key))
        try:
            return [str(age.parse_recipient(v)) for v in value]
        except age.AgeError as exc:
            raise broken(f"{key}: {exc.message}") from None

    recipient = data.get("recipient")
    if not isinstance(recipient, str):
        raise broken(_("'recipient' (the vault's own age1... key) is missing."))
    try:
        recipient = str(age.parse_recipient(recipient))
    except age.AgeError as exc:
        raise broken(f"recipient: {exc.message}") from None
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise broken(_("[settings] must be a table."))
    work_factor = settings.get("work_factor", 18)
    if not isinstance(work_factor, int) or not MIN_WORK_FACTOR <= work_factor <= MAX_WORK_FACTOR:
        raise broken(
            _("settings.work_factor must be between {low} and {high}.").format(
                low=MIN_WORK_FACTOR, high=MAX_WORK_FACTOR
            )
        )
    created = settings.get("created", "")
    return Settings(
        recipient=recipient,
        recipients=recipient_list("recipients"),
        pending=recipient_list("pending_recipients") if "pending_recipients" in data else None,
        work_factor=work_factor,
        created=str(created),
    )
