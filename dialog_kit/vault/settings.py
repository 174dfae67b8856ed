"""vault.toml: the vault's public settings, read strictly, written atomically, authenticated.

The security-relevant part (the recipients, a pending change of them, the work
factor and its floor) is copied into an `[authentication]` table with an
HMAC-SHA-256 over it, keyed from the vault's identity (HKDF): only someone who
has unlocked identity.age with the passphrase can write a valid one, and the
copy lets dialog_kit name exactly what was changed outside it. docs/vault.md
and docs/threat-model.md say why this design and what it does not cover.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import tomllib
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, TypeGuard

from dialog_kit import age
from dialog_kit.atomic import write_atomic
from dialog_kit.i18n import _
from dialog_kit.safe_files import TooDeepError, UnsafeFileError, load_toml, read_file

from .layout import (
    FORMAT,
    LEGACY_FORMAT,
    MAX_SETTINGS_FILE,
    MAX_WORK_FACTOR,
    MIN_WORK_FACTOR,
    VAULT_FILE,
    VaultError,
)

MAC_LABEL = b"dialog_kit/v2/vault.toml settings HMAC-SHA-256"
"""HKDF info for the settings key: a key used for nothing else."""

IDENTITY_MARKER = "# dialog_kit: vault settings authenticated (format 2)"
"""A line in identity.age's plaintext once the vault's settings are authenticated. Only the
passphrase can write identity.age, so a vault.toml put back into the unauthenticated
format 1 is recognised as tampering, not taken for a vault made by 0.1.0."""

_MAX_QUOTED = 80


@dataclass(frozen=True)
class Secured:
    """The security-relevant settings: exactly what dialog_kit authenticates."""

    recipient: str
    recipients: tuple[str, ...]
    pending: tuple[str, ...] | None
    work_factor: int
    min_work_factor: int

    def canonical(self) -> str:
        """The form the MAC covers: compact JSON, keys sorted."""
        data: dict[str, object] = {
            "format": FORMAT,
            "recipient": self.recipient,
            "recipients": list(self.recipients),
            "work_factor": self.work_factor,
            "min_work_factor": self.min_work_factor,
        }
        if self.pending is not None:
            data["pending_recipients"] = list(self.pending)
        return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)

    @classmethod
    def from_canonical(cls, text: str) -> Secured | None:
        """The settings in an authenticated copy; None when it is not one this code wrote."""
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        recipient, recipients = data.get("recipient"), data.get("recipients")
        pending = data.get("pending_recipients")
        factor, floor = data.get("work_factor"), data.get("min_work_factor")
        if not isinstance(recipient, str) or not _str_list(recipients):
            return None
        if pending is not None and not _str_list(pending):
            return None
        if not (isinstance(factor, int) and isinstance(floor, int)):
            return None
        if not (_work_factor_ok(factor) and _work_factor_ok(floor)):
            return None
        return cls(
            recipient=recipient,
            recipients=tuple(recipients),
            pending=None if pending is None else tuple(pending),
            work_factor=factor,
            min_work_factor=floor,
        )

    def mac(self, identity: age.Identity) -> str:
        key = identity.derive_key(MAC_LABEL)
        digest = hmac.new(key, self.canonical().encode("ascii"), hashlib.sha256).digest()
        return base64.b64encode(digest).decode("ascii")


@dataclass
class Settings:
    """vault.toml as read: what it says, whether or not it is authentic."""

    format: int
    recipient: str
    recipients: list[str]
    pending: list[str] | None
    work_factor: int
    min_work_factor: int
    created: str
    signed: str | None = None
    """[authentication].settings: the authenticated copy (canonical JSON), unverified."""
    mac: str | None = None
    bad_keys: list[tuple[str, str]] = field(default_factory=list)
    """(key name, message) for entries that are not usable age recipients (never encrypted to)."""

    def secured(self) -> Secured:
        return Secured(
            recipient=self.recipient,
            recipients=tuple(self.recipients),
            pending=None if self.pending is None else tuple(self.pending),
            work_factor=self.work_factor,
            min_work_factor=self.min_work_factor,
        )


class AuthState(Enum):
    OK = "ok"
    """vault.toml is exactly what dialog_kit last wrote with this identity."""
    LEGACY = "legacy"
    """Made by dialog_kit 0.1.0, not authenticated yet; nothing looks wrong with it."""
    CHANGED = "changed"
    """Changed outside dialog_kit (or its authentication is missing or broken)."""


@dataclass
class Authentication:
    state: AuthState
    trusted: Secured | None
    """The authenticated settings (OK, or CHANGED with an intact copy); None otherwise."""
    differences: list[str] = field(default_factory=list)


def authenticate(settings: Settings, identity: age.Identity, *, marked: bool) -> Authentication:
    """Compares vault.toml with its authenticated copy; names every difference."""
    problems: list[str] = []
    if settings.recipient != identity.recipient:
        problems.append(
            _(
                "the vault's own recipient in vault.toml was changed outside dialog_kit: "
                "{key} (identity.age holds {own})"
            ).format(key=quote(settings.recipient), own=identity.recipient)
        )
    if settings.format == LEGACY_FORMAT and settings.signed is None:
        # An upgrade leaves a pending change of 0.1.0 behind (it was never authenticated),
        # so a bad key there does not stand in its way.
        problems += [m for where, m in settings.bad_keys if where != "pending_recipients"]
        if marked:
            problems.insert(
                0,
                _(
                    "vault.toml was put back into the unauthenticated format of dialog_kit "
                    "0.1.0, but this vault's settings had been authenticated"
                ),
            )
            return Authentication(AuthState.CHANGED, None, problems)
        state = AuthState.CHANGED if problems else AuthState.LEGACY
        return Authentication(state, None, problems)
    problems += [message for _where, message in settings.bad_keys]
    if settings.signed is None or settings.mac is None:
        problems.insert(0, _("its authentication is missing"))
        return Authentication(AuthState.CHANGED, None, problems)
    trusted = Secured.from_canonical(settings.signed)
    if trusted is None or not hmac.compare_digest(trusted.mac(identity), settings.mac):
        problems.insert(
            0,
            _(
                "its authentication does not match this vault's key: it was altered outside "
                "dialog_kit, or belongs to another vault"
            ),
        )
        return Authentication(AuthState.CHANGED, None, problems)
    problems += _differences(trusted, settings.secured())
    state = AuthState.CHANGED if problems else AuthState.OK
    return Authentication(state, trusted, problems)


def _differences(trusted: Secured, seen: Secured) -> list[str]:
    """What differs between the authenticated settings and vault.toml (the own recipient is
    compared with identity.age by the caller)."""
    out: list[str] = []
    for key in seen.recipients:
        if key not in trusted.recipients:
            out.append(_("a recipient was added outside dialog_kit: {key}").format(key=quote(key)))
    for key in trusted.recipients:
        if key not in seen.recipients:
            out.append(_("a recipient was removed outside dialog_kit: {key}").format(key=key))
    if seen.pending != trusted.pending:
        if seen.pending is None:
            out.append(_("an unfinished change of recipients was removed outside dialog_kit"))
        else:
            out.append(
                _(
                    "a change of recipients was put in outside dialog_kit; it would encrypt "
                    "every record to: {keys}"
                ).format(keys=", ".join(quote(k) for k in seen.pending) or _("(no extra key)"))
            )
    if seen.work_factor != trusted.work_factor:
        out.append(
            _("the work factor was changed outside dialog_kit: {old} to {new}").format(
                old=trusted.work_factor, new=seen.work_factor
            )
        )
    if seen.min_work_factor != trusted.min_work_factor:
        out.append(
            _(
                "the lowest allowed work factor was changed outside dialog_kit: {old} to {new}"
            ).format(old=trusted.min_work_factor, new=seen.min_work_factor)
        )
    return out


def quote(text: str) -> str:
    """A key as found in the file, shortened: a planted value must not flood the terminal."""
    text = text.encode("ascii", "backslashreplace").decode("ascii")
    return text if len(text) <= _MAX_QUOTED else text[: _MAX_QUOTED - 3] + "..."


def _str_list(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _work_factor_ok(value: object) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and MIN_WORK_FACTOR <= value <= MAX_WORK_FACTOR
    )


def _toml_string(value: str) -> str:
    # JSON string escapes are valid TOML basic-string escapes.
    return json.dumps(value, ensure_ascii=True)


def _toml_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(_toml_string(r) for r in values) + "]"


def write_settings(path: Path, s: Secured, created: str, identity: age.Identity) -> None:
    """Writes `s` to path/vault.toml atomically, with its authenticated copy and MAC."""
    lines = [
        "# dialog_kit vault: public settings only, nothing secret (see docs/vault.md).",
        f"format = {FORMAT}",
        "# The manager's own recipient: identity.age holds its secret key.",
        f"recipient = {_toml_string(s.recipient)}",
        "# Extra recipients every record is also encrypted to (for example HR's recovery key).",
        f"recipients = {_toml_list(s.recipients)}",
    ]
    if s.pending is not None:
        lines += [
            "# A recipient change in progress: `dialog-kit recipients resume` finishes it.",
            f"pending_recipients = {_toml_list(s.pending)}",
        ]
    lines += [
        "",
        "[settings]",
        f"work_factor = {s.work_factor}",
        f"min_work_factor = {s.min_work_factor}",
        f"created = {_toml_string(created)}",
        "",
        "[authentication]",
        "# The settings above as dialog_kit last wrote them, and their HMAC-SHA-256 keyed from",
        "# the identity (only the passphrase unlocks it). A change made by hand stops every",
        "# write until `dialog-kit settings accept` or `settings restore` (docs/vault.md).",
        f"settings = {_toml_string(s.canonical())}",
        f"mac = {_toml_string(s.mac(identity))}",
        "",
    ]
    write_atomic(path / VAULT_FILE, "\n".join(lines).encode("utf-8"))


def read_settings(path: Path) -> Settings:
    """The settings in path/vault.toml; VaultError when the file is unusable.

    A key that is not a usable age recipient does not make the file unusable:
    it is kept in `bad_keys` (and never encrypted to), so that one bad key can
    never lock the manager out of the vault.
    """
    file = path / VAULT_FILE
    try:
        raw = read_file(file, MAX_SETTINGS_FILE)
    except UnsafeFileError as exc:
        raise VaultError(_("Vault settings damaged"), exc.message) from None
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
        data = load_toml(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise broken(str(exc)) from None
    except TooDeepError as exc:
        raise broken(exc.reason) from None
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
    bad_keys: list[tuple[str, str]] = []

    def key(value: str, where: str) -> str:
        try:
            return str(age.parse_recipient(value))
        except age.AgeError as exc:
            message = _("{where} holds {key}, which is not a usable age recipient: {reason}")
            bad_keys.append(
                (where, message.format(where=where, key=quote(value), reason=exc.message))
            )
            return value

    def recipient_list(name: str) -> list[str]:
        value = data.get(name, [])
        if not _str_list(value):
            raise broken(_("'{key}' must be a list of age1... recipients.").format(key=name))
        return [key(v, name) for v in value]

    recipient = data.get("recipient")
    if not isinstance(recipient, str):
        raise broken(_("'recipient' (the vault's own age1... key) is missing."))
    recipient = key(recipient, "recipient")
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise broken(_("[settings] must be a table."))
    work_factor = settings.get("work_factor", 18)
    if not _work_factor_ok(work_factor):
        raise broken(
            _("settings.work_factor must be between {low} and {high}.").format(
                low=MIN_WORK_FACTOR, high=MAX_WORK_FACTOR
            )
        )
    floor = settings.get("min_work_factor", work_factor)
    if not isinstance(floor, int) or not _work_factor_ok(floor):
        raise broken(
            _("settings.min_work_factor must be between {low} and {high}.").format(
                low=MIN_WORK_FACTOR, high=MAX_WORK_FACTOR
            )
        )
    auth: Any = data.get("authentication")
    signed = mac = None
    if auth is not None:
        if not isinstance(auth, dict):
            raise broken(_("[authentication] must be a table."))
        signed, mac = auth.get("settings"), auth.get("mac")
        # Wrong types read as a missing authentication: reported, never fatal.
        signed = signed if isinstance(signed, str) else None
        mac = mac if isinstance(mac, str) else None
    return Settings(
        format=version,
        recipient=recipient,
        recipients=recipient_list("recipients"),
        pending=recipient_list("pending_recipients") if "pending_recipients" in data else None,
        work_factor=work_factor,
        min_work_factor=floor,
        created=str(settings.get("created", "")),
        signed=signed,
        mac=mac,
        bad_keys=bad_keys,
    )
