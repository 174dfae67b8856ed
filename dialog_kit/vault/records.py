"""Record files in records/: naming, listing, reading one (never raising for a bad file)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from dialog_kit import age
from dialog_kit.errors import InputError
from dialog_kit.i18n import _
from dialog_kit.record import Record
from dialog_kit.safe_files import TooLargeError, UnsafeFileError, read_file_and_stat

from .layout import (
    ID_PREFIX,
    MAX_RECORD_FILE,
    MIN_ID_PREFIX,
    RECORD_NAME,
    RECORD_SUFFIX,
    RECORDS_DIR,
    DamagedFile,
    VaultError,
    VaultInputError,
)


def record_file_names(records_dir: Path, damaged: list[DamagedFile]) -> Iterator[str]:
    """Names of record files in records/, sorted; foreign names are reported as damaged."""
    try:
        names = sorted(os.listdir(records_dir))  # names only: nothing else is asked of a file
    except FileNotFoundError:
        damaged.append(DamagedFile(RECORDS_DIR, _("the records folder is missing")))
        return
    for name in names:
        if name.startswith("."):
            continue  # our temporary files (and the usual hidden clutter)
        if RECORD_NAME.fullmatch(name) is None:
            damaged.append(DamagedFile(name, _("not a record file (unexpected name)")))
        else:
            yield name


def resolve_name(records_dir: Path, record_id: str) -> str:
    """The file name for a full id or unique prefix (hyphens optional, any case)."""
    wanted = record_id.strip().lower()
    compact = wanted.replace("-", "")
    if len(wanted) > 36 or ID_PREFIX.fullmatch(wanted) is None or len(compact) > 32:
        raise VaultInputError(
            _("Bad record id"),
            _("A record id uses the digits 0-9, a-f and hyphens, as `dialog-kit list` shows."),
        )
    if len(compact) < MIN_ID_PREFIX:
        # An empty or one-letter prefix would match every record: `delete - --yes` erased all.
        raise VaultInputError(
            _("Bad record id"),
            _("Give at least {count} characters of the id, as `dialog-kit list` shows.").format(
                count=MIN_ID_PREFIX
            ),
        )
    matches = [
        name
        for name in record_file_names(records_dir, [])
        if name.removesuffix(RECORD_SUFFIX).replace("-", "").startswith(compact)
    ]
    if not matches:
        raise VaultError(_("No such record"), _("No record has the id {id}.").format(id=wanted))
    if len(matches) > 1:
        raise VaultError(
            _("Ambiguous id"),
            _("{count} records start with {id}; give more of the id.").format(
                count=len(matches), id=wanted
            ),
        )
    return matches[0]


def read_record_file(records_dir: Path, name: str, identity: age.Identity) -> Record | DamagedFile:
    """One record, or a DamagedFile with a plain reason; never raises for a bad file."""
    return read_record_and_stat(records_dir, name, identity)[0]


def read_record_and_stat(
    records_dir: Path, name: str, identity: age.Identity
) -> tuple[Record | DamagedFile, os.stat_result | None]:
    """read_record_file, and the status of the file it read (None when it read none)."""
    read = read_file_and_status(records_dir, name)
    if isinstance(read, DamagedFile):
        return read, None
    data, status = read
    try:
        plaintext = age.decrypt(data, [identity])
    except age.AgeError as exc:
        return DamagedFile(name, describe_age_error(exc)), status
    return parse_record(name, plaintext), status


def read_file(records_dir: Path, name: str) -> bytes | DamagedFile:
    """A record file's bytes (at most MAX_RECORD_FILE), or a DamagedFile; never raises."""
    read = read_file_and_status(records_dir, name)
    return read if isinstance(read, DamagedFile) else read[0]


def read_file_and_status(
    records_dir: Path, name: str
) -> tuple[bytes, os.stat_result] | DamagedFile:
    """read_file, and the status of the file read (taken on its open handle)."""
    try:
        # No link followed, no FIFO waited on, never more than a record can be.
        return read_file_and_stat(records_dir / name, MAX_RECORD_FILE)
    except TooLargeError:
        return DamagedFile(name, _("too large to be a record"))
    except UnsafeFileError as exc:
        return DamagedFile(name, exc.reason)
    except OSError as exc:
        return DamagedFile(name, exc.strerror or type(exc).__name__)


def parse_record(name: str, plaintext: bytes) -> Record | DamagedFile:
    try:
        record = Record.from_json(plaintext, source=name)
    except InputError as exc:
        reason = _("decrypted, but not a valid record: {reason}").format(reason=exc.message)
        return DamagedFile(name, reason)
    except (ValueError, RecursionError, MemoryError) as exc:
        # A hostile file (absurdly nested JSON, say) must not stop the others from listing.
        return DamagedFile(name, _("unreadable ({error})").format(error=type(exc).__name__))
    if record.id + RECORD_SUFFIX != name:
        return DamagedFile(name, _("the record inside has another id"))
    return record


def describe_age_error(exc: age.AgeError) -> str:
    if isinstance(exc, age.NoMatchError):
        return _("encrypted for someone else: this vault's key cannot open it")
    return _("damaged: {reason}").format(reason=exc.message)
