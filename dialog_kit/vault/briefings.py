"""briefings.age: the group briefings, encrypted to the vault's recipients like the register."""

from __future__ import annotations

from pathlib import Path

from dialog_kit import age
from dialog_kit.atomic import write_atomic
from dialog_kit.briefings import Briefings
from dialog_kit.i18n import _

from .layout import VaultError
from .sealed import read_sealed

BRIEFINGS_FILE = "briefings.age"
MAX_BRIEFINGS_FILE = 16 * 1024 * 1024
"""Larger than this is not read: a planted file must not exhaust memory."""


def read_briefings(vault_dir: Path, identity: age.Identity) -> Briefings:
    """The briefings in briefings.age; none when there is no file yet.

    A damaged, foreign or planted file is a VaultError naming the file: it is
    never silently taken for an empty one (the next save would lose them).
    """
    return read_sealed(
        vault_dir / BRIEFINGS_FILE,
        MAX_BRIEFINGS_FILE,
        identity,
        empty=Briefings,
        parse=lambda plaintext: Briefings.from_json(plaintext, source=BRIEFINGS_FILE),
        damaged=_damaged,
        too_large=_("too large to hold the briefings"),
        not_valid=_("decrypted, but not valid briefings: {reason}"),
    )


def write_briefings(vault_dir: Path, briefings: Briefings, recipients: list[str]) -> None:
    """Encrypts the briefings to `recipients` and replaces briefings.age atomically."""
    write_atomic(vault_dir / BRIEFINGS_FILE, age.encrypt(briefings.to_json(), recipients))


def reencrypt_briefings(vault_dir: Path, identity: age.Identity, recipients: list[str]) -> None:
    """Part of a recipient change: briefings.age follows the records."""
    if not (vault_dir / BRIEFINGS_FILE).exists():
        return
    write_briefings(vault_dir, read_briefings(vault_dir, identity), recipients)


def _damaged(reason: str) -> VaultError:
    return VaultError(
        _("Damaged briefings"),
        _("{name}: {reason}").format(name=BRIEFINGS_FILE, reason=reason),
    )
