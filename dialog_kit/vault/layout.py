"""The vault folder's names and limits, and the errors every vault module raises."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dialog_kit import age
from dialog_kit.errors import DialogKitError
from dialog_kit.i18n import _
from dialog_kit.record import MAX_RECORD_BYTES
from dialog_kit.vault_marker import VAULT_FILE as VAULT_FILE

FORMAT = 2
"""The version of the vault layout that this code writes (format 2: authenticated settings)."""

LEGACY_FORMAT = 1
"""Vaults made by dialog_kit 0.1.0: settings not authenticated yet (the first unlock does it)."""

SAFE_WORK_FACTOR = 18
"""The scrypt work factor below which the passphrase is only lowered on explicit request."""

# VAULT_FILE, imported above, lives in vault_marker: the app asks before crypto loads.
IDENTITY_FILE = "identity.age"
RECORDS_DIR = "records"
LOCK_FILE = ".lock"
HANDOVER_NOTE = "README.txt"
RECORD_SUFFIX = ".age"

MIN_WORK_FACTOR = 10
MAX_WORK_FACTOR = 22
"""Unlocking refuses identity files above this scrypt work factor (a guard against a
planted file that would keep the machine busy for minutes)."""

MAX_RECORD_FILE = MAX_RECORD_BYTES + age.MAX_HEADER_SIZE + 16 * (MAX_RECORD_BYTES // 65536 + 2)
"""A record file larger than this is not read: the largest record the writer accepts
(record.MAX_RECORD_BYTES), plus the largest age header and the payload's nonce and tags.
So whatever `new` or a save wrote is read back, and a planted file cannot fill the memory."""

MAX_IDENTITY_FILE = 64 * 1024
"""identity.age holds one key (under 1 KiB): anything larger is not read."""

MAX_SETTINGS_FILE = 256 * 1024
"""vault.toml is a dozen lines, plus one line per recipient."""

RECORD_NAME = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.age")
ID_PREFIX = re.compile(r"[0-9a-f]+(-[0-9a-f]+)*-?")
MIN_ID_PREFIX = 4
"""The fewest hex digits that pick a record: `delete -` or `delete a` must not match all."""


class VaultError(DialogKitError):
    """The vault cannot do what was asked; the message says why and what to do."""


class VaultInputError(VaultError):
    """Bad input to the vault: an implausible id prefix, one recipient too many (exit code 2)."""

    exit_code = 2


class VaultBusyError(VaultError):
    """Another process holds the write lock; reading still works."""


@dataclass(frozen=True)
class DamagedFile:
    """A file in the vault that cannot be used, with a plain reason (never its content)."""

    name: str
    reason: str


def record_file_name(record_id: str) -> str:
    """records/<uuid>.age: the canonical UUID and nothing else."""
    try:
        import uuid  # here: with platform, which it loads, it would slow every command's start

        canonical = str(uuid.UUID(record_id))
    except (ValueError, AttributeError, TypeError):
        raise VaultError(
            _("Bad record id"), _("A record id must be a UUID; this one is not.")
        ) from None
    if canonical != record_id:
        raise VaultError(_("Bad record id"), _("A record id must be a lower-case UUID."))
    return canonical + RECORD_SUFFIX
