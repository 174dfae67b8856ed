"""index.age: the listing index, so that a listing need not decrypt every record.

The index is derived from the records and never trusted over them. It keeps,
per record file, the file's size, modification and change times and inode (as
they were when the record was read or written) and the record's TalkSummary
(dialog_kit/listing.py: no notes, nothing a record does not already protect).
A listing uses an entry only while the file still has exactly that status; a
record changed, added or removed behind the index's back (a sync, a restored
backup) is read from its file. A missing, damaged, foreign or planted index is
simply rebuilt.

The file is an age file encrypted to the vault's recipients, like every record.
Its plaintext is one line `dialog_kit listing index 1 <MAC>` and then JSON,
`{"version": 1, "records": [[file, size, mtime_ns, ctime_ns, inode, talk...], ...]}`
with the talk's values flat (TalkSummary.to_entry); the
MAC is HMAC-SHA-256 over the JSON, keyed from the identity (HKDF). age says
nothing of who encrypted a file and the public keys sit in vault.toml, so
without the MAC anyone who can write to the folder could plant an index that
shows other names for the manager's records.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dialog_kit import age
from dialog_kit.atomic import write_atomic
from dialog_kit.i18n import _
from dialog_kit.listing import TalkSummary
from dialog_kit.safe_files import TooLargeError, UnsafeFileError, read_file

INDEX_FILE = "index.age"
INDEX_VERSION = 1
MAGIC = b"dialog_kit listing index"
MAC_LABEL = b"dialog_kit/v1/index.age HMAC-SHA-256"
"""HKDF info for the index key: a key used for nothing else."""

MAX_INDEX_FILE = 128 * 1024 * 1024
"""An index larger than this is not read (nor written: the records are read instead).
About 12,000 bytes per record at 10,000 records; a typical entry is 400."""

Stamp = tuple[int, int, int, int]
"""A file's size, modification and change times (ns) and inode."""

Row = list[Any]
"""One entry as index.age keeps it: `[file, size, mtime_ns, ctime_ns, inode, *talk]`, the
talk's values as TalkSummary.to_entry gives them. Never changed once made (a new row
replaces it), so a listing hands out TalkSummary views of the rows themselves."""


def stamp_of(status: os.stat_result) -> Stamp:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def make_row(name: str, status: os.stat_result, summary: TalkSummary) -> Row:
    """The entry of record file `name`, read or written with `status`."""
    return [name, *stamp_of(status), *summary.to_entry()]


def fits(row: Row, status: os.stat_result) -> bool:
    """Whether the file still has the status it had when its entry was made."""
    return bool(
        row[1] == status.st_size
        and row[2] == status.st_mtime_ns
        and row[3] == status.st_ctime_ns
        and row[4] == status.st_ino
    )


def summary_of(row: Row) -> TalkSummary:
    return TalkSummary(row, ROW_TALK)


ROW_TALK = 5
"""Where the talk's values start in a row."""


@dataclass
class Index:
    """The entries of index.age: record file name -> its row."""

    entries: dict[str, Row] = field(default_factory=dict)
    problem: str | None = None
    """Why the file on disk was not used (missing, damaged, foreign); None when it was."""
    changed: bool = False
    """A listing read a record whose entry was missing or out of date."""
    encoded: dict[str, tuple[Row, str]] = field(default_factory=dict)
    """The JSON text of rows as last written: an autosave in a vault of 10,000 talks
    encodes the one that changed, not all of them. Used only for the very same row."""

    def copy(self) -> Index:
        return Index(dict(self.entries), self.problem, self.changed, dict(self.encoded))

    def row_text(self, name: str) -> str:
        row = self.entries[name]
        known = self.encoded.get(name)
        if known is not None and known[0] is row:
            return known[1]
        text = json.dumps(row, ensure_ascii=False, separators=(",", ":"))
        self.encoded[name] = (row, text)
        return text


def read_index(vault_dir: Path, identity: age.Identity) -> Index:
    """index.age as this vault wrote it; an empty Index with a `problem` when it is not."""
    try:
        data = read_file(vault_dir / INDEX_FILE, MAX_INDEX_FILE)
    except FileNotFoundError:
        return Index(problem=_("missing"))
    except TooLargeError:
        return Index(problem=_("too large to be the listing index"))
    except UnsafeFileError as exc:
        return Index(problem=exc.reason)
    except OSError as exc:
        return Index(problem=exc.strerror or type(exc).__name__)
    try:
        plaintext = age.decrypt(data, [identity])
    except age.NoMatchError:
        return Index(problem=_("encrypted for someone else: this vault's key cannot open it"))
    except age.AgeError as exc:
        return Index(problem=_("damaged: {reason}").format(reason=exc.message))
    entries = _parse(plaintext, identity)
    if entries is None:
        return Index(problem=_("not written by this vault, or not in a format this version reads"))
    return Index(entries)


def write_index(
    vault_dir: Path, index: Index, recipients: list[str], identity: age.Identity
) -> bool:
    """Encrypts the index to `recipients` and replaces index.age atomically.

    False (nothing written) when it would be larger than MAX_INDEX_FILE.
    """
    for gone in [n for n in index.encoded if n not in index.entries]:
        del index.encoded[gone]
    rows = ",".join(index.row_text(name) for name in sorted(index.entries))
    body = f'{{"version":{INDEX_VERSION},"records":[{rows}]}}'.encode()
    plaintext = _header(body, identity) + body
    if len(plaintext) > MAX_INDEX_FILE - age.MAX_HEADER_SIZE - 16 * (len(plaintext) // 65536 + 2):
        return False
    write_atomic(vault_dir / INDEX_FILE, age.encrypt(plaintext, recipients))
    index.problem = None
    return True


def remove_index(vault_dir: Path) -> None:
    """Removes index.age (when it cannot be kept right); a missing one is fine."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(vault_dir / INDEX_FILE)


def _mac(body: bytes, identity: age.Identity) -> bytes:
    return hmac.digest(identity.derive_key(MAC_LABEL), body, hashlib.sha256)


def _header(body: bytes, identity: age.Identity) -> bytes:
    mac = base64.b64encode(_mac(body, identity))
    return MAGIC + b" " + str(INDEX_VERSION).encode("ascii") + b" " + mac + b"\n"


def _parse(plaintext: bytes, identity: age.Identity) -> dict[str, Row] | None:
    """The entries of a plaintext this vault wrote; None for anything else."""
    header, newline, body = plaintext.partition(b"\n")
    parts = header.split(b" ")
    if not newline or len(parts) != 5 or b" ".join(parts[:3]) != MAGIC:
        return None
    if parts[3] != str(INDEX_VERSION).encode("ascii"):
        return None  # another version's index: rebuilt in this one's format
    try:
        mac = base64.b64decode(parts[4], validate=True)
    except ValueError:
        return None
    if not hmac.compare_digest(mac, _mac(body, identity)):
        return None
    try:
        data = json.loads(body, parse_constant=_refuse)
        if type(data) is not dict or data.get("version") != INDEX_VERSION:
            return None
        records = data["records"]
        if type(records) is not list:
            return None
        entries: dict[str, Row] = {}
        check = TalkSummary.check_entry
        for row in records:
            name, size, mtime, ctime, inode = row[:ROW_TALK]
            if (
                not (
                    type(name) is str
                    and type(size) is int
                    and type(mtime) is int
                    and type(ctime) is int
                    and type(inode) is int
                )
                or name in entries
                or row[ROW_TALK] + ".age" != name
            ):
                return None
            check(row, ROW_TALK)
            entries[name] = row
    except (ValueError, TypeError, KeyError, IndexError, RecursionError):
        return None
    return entries


def _refuse(constant: str) -> Any:
    raise ValueError(constant)
