"""Employee documents: the summary PDF, the preparation sheet, the access report and the .ics.

Importing this package is cheap: Jinja2 and WeasyPrint are loaded only when
a document is actually rendered.
"""

from __future__ import annotations

import os
from pathlib import Path

from dialog_kit.config import Config
from dialog_kit.documents.access import access_report_pdf
from dialog_kit.documents.calendar import follow_up_ics
from dialog_kit.documents.context import (
    AccessContext,
    ActionRow,
    ParticipantRow,
    PreparationContext,
    ResourceRow,
    Section,
    SummaryContext,
    access_records,
    build_access_report,
    build_preparation,
    build_preparation_for_talk,
    build_summary,
    shared_with_employee,
)
from dialog_kit.documents.render import render_pdf
from dialog_kit.documents.summary import SummaryDocument, build_summary_document
from dialog_kit.documents.text import summary_lines, summary_plain_text
from dialog_kit.errors import DialogKitError
from dialog_kit.guides import GuideLibrary
from dialog_kit.i18n import _
from dialog_kit.record import Kind, Record

__all__ = [
    "AccessContext",
    "ActionRow",
    "ParticipantRow",
    "PreparationContext",
    "ResourceRow",
    "Section",
    "SummaryContext",
    "SummaryDocument",
    "access_records",
    "access_report_pdf",
    "build_access_report",
    "build_preparation",
    "build_summary",
    "build_summary_document",
    "follow_up_ics",
    "preparation_pdf",
    "shared_with_employee",
    "summary_lines",
    "summary_pdf",
    "summary_plain_text",
    "talk_preparation_pdf",
    "write_document",
]


def summary_pdf(
    record: Record,
    library: GuideLibrary,
    config: Config,
    lang: str | None = None,
    signatures: bool = False,
    *,
    in_child: bool = False,
) -> bytes:
    """The employee's summary of a talk as a tagged PDF: shared notes only.

    Made from the same `SummaryDocument` as the review screen's preview. `in_child`
    lays it out in a child process (the TUI: keys stay quick while it renders).
    """
    document = build_summary_document(record, library, config, lang, signatures=signatures)
    return render_pdf("summary.html", document, forms=document.final, in_child=in_child)


def preparation_pdf(
    kind: Kind | str,
    profile_id: str | None,
    library: GuideLibrary,
    config: Config,
    lang: str,
    *,
    in_child: bool = False,
) -> bytes:
    """The employee's blank preparation sheet for a talk of `kind`: a tagged PDF form."""
    context = build_preparation(kind, profile_id, library, config, lang)
    return render_pdf("preparation.html", context, forms=True, in_child=in_child)


def talk_preparation_pdf(
    record: Record,
    library: GuideLibrary,
    config: Config,
    lang: str | None = None,
    *,
    in_child: bool = False,
) -> bytes:
    """The preparation sheet for one talk (date, time, place, manager): a tagged PDF form."""
    context = build_preparation_for_talk(record, library, config, lang)
    return render_pdf("preparation.html", context, forms=True, in_child=in_child)


def write_document(path: Path | str, data: bytes, *, force: bool = False) -> Path:
    """Writes a document atomically with mode 0600; an existing file is kept unless `force`."""
    from dialog_kit.atomic import write_atomic

    path = Path(path)
    if path.is_dir():
        raise DialogKitError(
            _("Not a file"),
            _("{path} is a folder; give a file name to write to.").format(path=path),
        )
    if not force and (path.exists() or path.is_symlink()):
        raise DialogKitError(
            _("File exists"),
            _("{path} already exists. Choose another name or use --force to replace it.").format(
                path=path
            ),
        )
    if not path.parent.is_dir():
        raise DialogKitError(
            _("No such folder"),
            _("The folder {path} does not exist.").format(path=path.parent),
        )
    if force and path.is_symlink():
        # Replacing the link itself, never writing through it to wherever it points.
        os.unlink(path)
    write_atomic(path, data, mode=0o600)
    return path
