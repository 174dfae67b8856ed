"""What was made for a talk and handed to the employee: the lines `show` and the review print.

One place says which summary version the employee last received and whether
it is out of date, so the command line and the app never disagree. The texts
are interface strings (the manager reads them), not document text.
"""

from __future__ import annotations

from datetime import datetime

from dialog_kit.documents.forms import EMPLOYEE_PREPARATION
from dialog_kit.documents.naming import invitation_name, summary_name_of
from dialog_kit.i18n import _, ngettext
from dialog_kit.record import Record


def _at(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def _version(version: int, final: bool) -> str:
    return _("final, version {version}").format(version=version) if final else _("draft")


def summary_stale(record: Record) -> bool:
    """Whether the employee's copy is behind: the one handed over, else the last one made."""
    if record.handed_over:
        return record.handed_over_out_of_date
    return record.summary_out_of_date


def summary_received(record: Record) -> str:
    """Which summary the employee last received, and whether a newer one is due.

    The current summary is what `export` would make now: the draft before the
    talk is locked, then version 1 and one more per amendment the employee reads.
    """
    last = record.handed_over[-1] if record.handed_over else None
    current = _version(record.summary_version, record.summary_is_final)
    if last is None:
        if not record.summaries:
            return _("No summary has been made yet.")
        return _("No summary has been marked handed over yet (the current one: {current}).").format(
            current=current
        )
    received = _("The employee last received the summary {version}, on {at}.").format(
        version=_version(last.version, last.final), at=_at(last.at)
    )
    if record.handed_over_out_of_date:
        return (
            received
            + " "
            + _(
                "It is out of date: the current one is {current}; make it and hand it over."
            ).format(current=current)
        )
    return received + " " + _("It is the current one.")


def document_lines(record: Record) -> list[str]:
    """Every document made for the talk, oldest first, with its version and file name."""
    lines = []
    if record.invitations:
        count = len(record.invitations)
        lines.append(
            ngettext(
                "Invitation {name}: issued once, {at}.",
                "Invitation {name}: issued {count} times, last {at} (sequence {sequence}).",
                count,
            ).format(
                name=invitation_name(record),
                count=count,
                at=_at(record.invitations[-1].at),
                sequence=count - 1,
            )
        )
    answers = record.phases.get(EMPLOYEE_PREPARATION)
    if answers is not None and answers.notes:
        lines.append(
            ngettext(
                "The employee's preparation: {count} answer imported.",
                "The employee's preparation: {count} answers imported.",
                len(answers.notes),
            ).format(count=len(answers.notes))
        )
    handed = {(h.version, h.final) for h in record.handed_over}
    # A version made twice (a lost file made again) is marked handed over at its last making.
    last_making = {(m.version, m.final): i for i, m in enumerate(record.summaries)}
    for i, made in enumerate(record.summaries):
        line = _("Summary {name}: {version}, made {at}.").format(
            name=summary_name_of(record, made.version, made.final),
            version=_version(made.version, made.final),
            at=_at(made.at),
        )
        key = (made.version, made.final)
        if key in handed and last_making[key] == i:
            line += " " + _("Handed over.")
        lines.append(line)
    if record.summaries or record.handed_over:
        lines.append(summary_received(record))
    return lines
