"""people.age: the person register, encrypted to the vault's recipients like every record."""

from __future__ import annotations

from pathlib import Path

from dialog_kit import age
from dialog_kit.atomic import write_atomic
from dialog_kit.i18n import _
from dialog_kit.people import Register

from .layout import VaultError
from .sealed import read_sealed

PEOPLE_FILE = "people.age"
MAX_PEOPLE_FILE = 32 * 1024 * 1024
"""A register larger than this is not read: a planted file must not exhaust memory."""


def read_register(vault_dir: Path, identity: age.Identity) -> Register:
    """The register in people.age; an empty one when there is none yet.

    A damaged, foreign or planted file is a VaultError naming the file: the
    register is never silently replaced by an empty one (that would lose people).
    """
    return read_sealed(
        vault_dir / PEOPLE_FILE,
        MAX_PEOPLE_FILE,
        identity,
        empty=Register,
        parse=lambda plaintext: Register.from_json(plaintext, source=PEOPLE_FILE),
        damaged=_damaged,
        too_large=_("too large to be the register"),
        not_valid=_("decrypted, but not a valid register: {reason}"),
    )


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
