"""File names for a talk's documents that a manager can tell apart and that never name the employee.

Twenty talks in a week used to give summary-2026-12-01.pdf, -2, -3…; now the
talk's short id and the summary's version are in the name:
summary-2026-12-01-6f0c8a52-v2.pdf (or -draft). The short id is random, so
the name says nothing about the person to whoever can list the folder.
"""

from __future__ import annotations

from dialog_kit.record import Record


def short_id(record: Record) -> str:
    """The first 8 hex digits of the talk's id: what `dialog-kit show` also accepts."""
    return record.id.replace("-", "")[:8]


def summary_name(record: Record) -> str:
    """summary-DATE-SHORTID-vN.pdf for a final summary, …-draft.pdf before the talk is locked."""
    return summary_name_of(record, record.summary_version, record.summary_is_final)


def summary_name_of(record: Record, version: int, final: bool) -> str:
    """The name the summary of `version` (or the draft) of this talk was saved under."""
    mark = f"v{version}" if final else "draft"
    return f"summary-{record.date.isoformat()}-{short_id(record)}-{mark}.pdf"


def invitation_name(record: Record) -> str:
    """invitation-DATE-SHORTID.ics: the same name for every re-issue (it replaces the first)."""
    return f"invitation-{record.date.isoformat()}-{short_id(record)}.ics"


def preparation_name(record: Record) -> str:
    """preparation-DATE-SHORTID.pdf: the sheet for one talk."""
    return f"preparation-{record.date.isoformat()}-{short_id(record)}.pdf"


def follow_up_name(record: Record) -> str:
    """follow-up-DATE-SHORTID.ics, dated by the follow-up (the talk's date without one)."""
    on = record.follow_up or record.date
    return f"follow-up-{on.isoformat()}-{short_id(record)}.ics"
