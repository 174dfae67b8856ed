"""The resumable recipient change: re-encrypting every record to a new set of recipients.

The new set is written to vault.toml as pending first, then every record is
re-encrypted to it one by one (each atomically), then it becomes the set. If
this is interrupted, vault.toml still says `pending_recipients`; the next
unlock re-encrypts every record again (harmless for those already done), so no
record stays readable by a removed recipient once a change has completed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from dialog_kit import age
from dialog_kit.atomic import write_atomic
from dialog_kit.i18n import _

from .layout import DamagedFile
from .records import describe_age_error, read_file_and_status, record_file_names

Rewritten = Callable[[str, os.stat_result, os.stat_result], None]
"""Told of each file re-encrypted: its name, its status before and after."""


def reencrypt_records(
    records_dir: Path,
    identity: age.Identity,
    recipients: list[str],
    rewritten: Rewritten | None = None,
) -> list[DamagedFile]:
    """Re-encrypts every record file to `recipients`; returns the files it could not.

    A file that cannot be read or opened (no permission, a folder, someone else's) is
    reported and left as it is: it must never stop the change for the others.
    """
    damaged: list[DamagedFile] = []
    for name in record_file_names(records_dir, damaged):
        read = read_file_and_status(records_dir, name)
        if isinstance(read, DamagedFile):
            if not (records_dir / name).exists() and not (records_dir / name).is_symlink():
                continue  # deleted meanwhile
            damaged.append(_not_reencrypted(read.name, read.reason))
            continue
        data, before = read
        try:
            plaintext = age.decrypt(data, [identity])
        except age.AgeError as exc:
            damaged.append(_not_reencrypted(name, describe_age_error(exc)))
            continue
        after = write_atomic(records_dir / name, age.encrypt(plaintext, recipients))
        if rewritten is not None:
            rewritten(name, before, after)
    return damaged


def _not_reencrypted(name: str, reason: str) -> DamagedFile:
    return DamagedFile(name, _("{reason}; not re-encrypted, left as it was").format(reason=reason))
