"""The invitation from the app: the .ics and the talk's preparation sheet in the documents folder.

Shared by the talk screen and the person screen. The caller counts the issue in
the record (`Record.invitation_issued`) and saves it before the files are made,
so a re-issue always carries a higher SEQUENCE, even if writing them then fails.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dialog_kit.i18n import _

if TYPE_CHECKING:
    from dialog_kit.record import Record
    from dialog_kit.tui.session import Session


def write_invitation(
    session: Session, record: Record, sequence: int, folder: Path
) -> tuple[list[Path], bool]:
    """Writes both files (blocking: call it in a thread); returns their paths and whether the
    invitation holds the whole day (the talk has no time yet)."""
    from dialog_kit.documents import talk_preparation_pdf, write_document
    from dialog_kit.documents.invitation import invitation_ics, talk_time
    from dialog_kit.documents.naming import invitation_name, preparation_name
    from dialog_kit.tui.outputs import free_path

    library = session.guides()
    made = [
        (
            invitation_name(record),
            invitation_ics(record, library, session.config, sequence=sequence),
        ),
        (preparation_name(record), talk_preparation_pdf(record, library, session.config)),
    ]
    paths = [write_document(free_path(folder, name), data) for name, data in made]
    return paths, talk_time(record).start is None


def invited_message(paths: list[Path], all_day: bool) -> str:
    """What the notification says once both files are written."""
    lines = [str(p) for p in paths]
    if all_day:
        lines.append(_("No time is set: the invitation holds the whole day."))
    lines.append(_("Not encrypted: send them, then delete them from this computer."))
    return "\n".join(lines)
