"""A handover: which records go to a successor, without what, the note beside them, and
taking one in (`import`) without any plaintext on the disk."""

from __future__ import annotations

import os
import stat
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from dialog_kit import age
from dialog_kit.errors import InputError
from dialog_kit.i18n import _, ngettext
from dialog_kit.names import same_name
from dialog_kit.privacy import Audience, copy_for
from dialog_kit.record import Record

from .layout import RECORDS_DIR, DamagedFile
from .records import read_record_file, record_file_names


@dataclass
class HandoverResult:
    out_dir: Path
    count: int
    damaged: list[DamagedFile] = field(default_factory=list)
    private_left_out: int = 0  # private notes and amendments not handed over


@dataclass
class ImportResult:
    folder: Path
    imported: list[Record] = field(default_factory=list)
    already_here: list[str] = field(default_factory=list)  # ids present and identical
    conflicts: list[str] = field(default_factory=list)  # ids present in another version
    damaged: list[DamagedFile] = field(default_factory=list)
    briefings: int = 0  # group briefings new to this vault


def chosen_records(records: Iterable[Record], employee: str | None) -> list[Record]:
    """All records, or those of the employee with exactly this name (by `same_name`)."""
    if employee is None:
        return list(records)
    return [r for r in records if same_name(r.employee.name, employee)]


def successor_copy(record: Record, *, with_private: bool) -> tuple[Record, int]:
    """What the successor gets of `record`, and how many texts were left out of it."""
    copy = copy_for(record, Audience.SUCCESSOR, with_private=with_private)
    left_out = len(record.notes()) - len(copy.notes()) + len(record.amendments)
    return copy, left_out - len(copy.amendments)


def read_handover(folder: Path, identity: age.Identity) -> tuple[list[Record], list[DamagedFile]]:
    """The records of a handover folder, decrypted in memory with `identity`.

    The folder comes from elsewhere (a USB stick, a mail, a shared drive): a
    folder that is not one, or a link, is refused as bad input; a bad file in it
    is named and the rest are still read.
    """
    records_dir = folder / RECORDS_DIR
    for path in (folder, records_dir):
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            mode = 0
        if not stat.S_ISDIR(mode):
            raise InputError(
                _("Not a handover"),
                _(
                    "{path} is not a folder written by 'dialog-kit handover' "
                    "(it has no records/ folder)."
                ).format(path=folder),
            )
    damaged: list[DamagedFile] = []
    records = []
    for name in record_file_names(records_dir, damaged):
        outcome = read_record_file(records_dir, name, identity)
        if isinstance(outcome, DamagedFile):
            damaged.append(outcome)
        else:
            records.append(outcome)
    return records, damaged


def handover_note(successor: str, count: int) -> bytes:
    """README.txt of a handover folder, in the interface language (nothing confidential)."""
    when = datetime.now(UTC).date().isoformat()
    title = _("dialog_kit handover")
    intro = ngettext(
        "This folder holds {count} conversation record handed over from a manager's "
        "dialog_kit vault on {when}. Nothing in this note is confidential: the record "
        "itself is in records/, in a file named by a random id.",
        "This folder holds {count} conversation records handed over from a manager's "
        "dialog_kit vault on {when}. Nothing in this note is confidential: the records "
        "themselves are in records/, one file each, named by a random id.",
        count,
    ).format(count=count, when=when)
    parts = [
        f"{title}\n{'=' * len(title)}",
        intro,
        _(
            "Every file in records/ is encrypted with age (https://age-encryption.org) to "
            "this recipient only:"
        ),
        f"    {successor}",
        _(
            "If that is your dialog_kit vault's key (the first line of "
            "'dialog-kit recipients list'), take the records into your vault with:"
        ),
        "    dialog-kit import THIS-FOLDER",
        _(
            "Each record is decrypted in memory and stored in your vault, encrypted to your "
            "own recipients: nothing is written unencrypted. Importing twice is harmless. "
            "Then delete this folder."
        ),
        _(
            "Please do not decrypt the files to disk by hand (age -d ... > file): such a "
            "copy is not encrypted, and is easily synced, backed up or forgotten."
        ),
    ]
    paragraphs = [p if p.startswith(("    ", title)) else _wrap(p) for p in parts]
    return ("\n\n".join(paragraphs) + "\n").encode("utf-8")


def _wrap(paragraph: str) -> str:
    return textwrap.fill(paragraph, width=78, break_long_words=False, break_on_hyphens=False)
