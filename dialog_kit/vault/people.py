"""people.age: the person register, encrypted to the vault's recipients like every record."""

from __future__ import annotations

from pathlib import Path

from dialog_kit import age
from dialog_kit.atomic import write_atomic
from dialog_kit.errors import InputError
from dialog_kit.i18n import _
from dialog_kit.people import Register
from dialog_kit.safe_files import TooLargeError, UnsafeFileError, read_file

from .layout import VaultError

PEOPLE_FILE = "people.age"
MAX_PEOPLE_FILE = 32 * 1024 * 1024
"""A register larger than this is not read: a planted file must not exhaust memory."""


def read_register(vault_dir: Path, identity: age.Identity) -> Register:
    """The register in people.age; an empty one when there is none yet.

    A damaged, foreign or planted file is a VaultError naming the file: the
    register is never silently replaced by an empty one (that would lose people).
    """
    path = vault_dir / PEOPLE_FILE
    try:
        data = read_file(path, MAX_PEOPLE_FILE)
    except FileNotFoundError:
        return Register()
    except TooLargeError:
        raise _damaged(_("too large to be the register")) from None
    except UnsafeFileError as exc:
        raise _damaged(exc.reason) from None
    except OSError as exc:
        raise _damaged(exc.strerror or type(exc).__name__) from None
    try:
        plaintext = age.decrypt(data, [identity])
    except age.NoMatchError:
        raise _damaged(_("encrypted for someone else: this vault's key cannot open it")) from None
    except age.AgeError as exc:
        raise _damaged(_("damaged: {reason}").format(reason=exc.message)) from None
    try:
        return Register.from_json(plaintext, source=PEOPLE_FILE)
    except InputError as exc:
        raise _damaged(
            _("decrypted, but not a valid register: {reason}").format(reason=exc.message)
        ) from None


def write_register(vault_dir: Path, register: Register, recipients: list[str]) -> None:
    """Encrypts the register to `recipients` and replaces people.age atomically."""
    write_atomic(vault_dir / PEOPLE_FILE, age.encrypt(register.to_json(), recipients))


def handover_register(register: Register, record_ids: list[str]) -> Register:
    """The part of the register a successor gets: the people of these talks, and their links.

    The manager's own dealt-with marks stay behind: the successor decides anew.
    """
    from dataclasses import replace

    wanted = {rid: register.person_of(rid) for rid in record_ids}
    people_ids = {pid for pid in wanted.values() if pid is not None}
    handed = Register(
        people=[replace(p, dealt_with=[]) for p in register.people if p.id in people_ids]
    )
    for record_id, person_id in wanted.items():
        if person_id is not None:
            handed.assign(record_id, person_id)
    return handed


def reencrypt_register(vault_dir: Path, identity: age.Identity, recipients: list[str]) -> None:
    """Part of a recipient change: people.age follows the records."""
    if not (vault_dir / PEOPLE_FILE).exists():
        return
    write_register(vault_dir, read_register(vault_dir, identity), recipients)


def _damaged(reason: str) -> VaultError:
    return VaultError(
        _("Damaged register"),
        _("{name}: {reason}").format(name=PEOPLE_FILE, reason=reason),
    )
