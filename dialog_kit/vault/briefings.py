"""briefings.age: the group briefings, encrypted to the vault's recipients like the register."""

from __future__ import annotations

from pathlib import Path

from dialog_kit import age
from dialog_kit.atomic import write_atomic
from dialog_kit.briefings import Briefings
from dialog_kit.errors import InputError
from dialog_kit.i18n import _
from dialog_kit.safe_files import TooLargeError, UnsafeFileError, read_file

from .layout import VaultError

BRIEFINGS_FILE = "briefings.age"
MAX_BRIEFINGS_FILE = 16 * 1024 * 1024
"""Larger than this is not read: a planted file must not exhaust memory."""


def read_briefings(vault_dir: Path, identity: age.Identity) -> Briefings:
    """The briefings in briefings.age; none when there is no file yet.

    A damaged, foreign or planted file is a VaultError naming the file: it is
    never silently taken for an empty one (the next save would lose them).
    """
    path = vault_dir / BRIEFINGS_FILE
    try:
        data = read_file(path, MAX_BRIEFINGS_FILE)
    except FileNotFoundError:
        return Briefings()
    except TooLargeError:
        raise _damaged(_("too large to hold the briefings")) from None
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
        return Briefings.from_json(plaintext, source=BRIEFINGS_FILE)
    except InputError as exc:
        raise _damaged(
            _("decrypted, but not valid briefings: {reason}").format(reason=exc.message)
        ) from None


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
