"""A handover: which records go to a successor, without what, and the note beside them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from dialog_kit.record import Record, Visibility

from .layout import DamagedFile


@dataclass
class HandoverResult:
    out_dir: Path
    count: int
    damaged: list[DamagedFile] = field(default_factory=list)


def without_private(record: Record) -> Record:
    copy = Record.from_dict(record.to_dict())
    for state in copy.phases.values():
        state.notes = [n for n in state.notes if n.visibility is not Visibility.PRIVATE]
    copy.amendments = [m for m in copy.amendments if m.visibility is not Visibility.PRIVATE]
    return copy


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def handover_note(successor: str, count: int) -> bytes:
    when = datetime.now(UTC).date().isoformat()
    text = f"""dialog_kit handover
===================

This folder holds {count} conversation record(s) handed over from a manager's
dialog_kit vault on {when}. Nothing in this note is confidential: the records
themselves are in records/, one file each, named by a random id.

Every file in records/ is encrypted with age (https://age-encryption.org) to
this recipient only:

    {successor}

The person who holds the matching secret key (AGE-SECRET-KEY-1...) can read a
record with the standard age command:

    age -d -i my-key.txt records/<id>.age > record.json

and add it to their own dialog_kit vault with:

    dialog-kit new --from record.json

Delete record.json afterwards: it is not encrypted. Keep this folder only as
long as the records are needed, then delete it.
"""
    return text.encode("utf-8")
