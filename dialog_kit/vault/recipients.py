"""The resumable recipient change: re-encrypting every record to a new set of recipients.

The new set is written to vault.toml as pending first, then every record is
re-encrypted to it one by one (each atomically), then it becomes the set. If
this is interrupted, vault.toml still says `pending_recipients`; the next
unlock re-encrypts every record again (harmless for those already done), so no
record stays readable by a removed recipient once a change has completed.
"""

from __future__ import annotations

from pathlib import Path

from dialog_kit import age
from dialog_kit.atomic import write_atomic

from .layout import DamagedFile
from .records import describe_age_error, record_file_names


def reencrypt_records(
    records_dir: Path, identity: age.Identity, recipients: list[str]
) -> list[DamagedFile]:
    """Re-encrypts every record file to `recipients`; returns the files it could not."""
    damaged: list[DamagedFile] = []
    for name in record_file_names(records_dir, damaged):
        path = records_dir / name
        try:
            plaintext = age.decrypt(path.read_bytes(), [identity])
        except FileNotFoundError:
            continue  # deleted meanwhile
        except age.AgeError as exc:
            damaged.append(DamagedFile(name, describe_age_error(exc)))
            continue
        write_atomic(path, age.encrypt(plaintext, recipients))
    return damaged
