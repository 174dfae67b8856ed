"""The look-back phase's panel: what the previous held talk with the same person agreed.

Read-only: the actions with their done state, what reached the employee and
the follow-up date of that talk (dialog_kit.continuity.look_back picks it, by
person id, never by name). Private and HR notes are not shown: the panel is
read together with the employee.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from dialog_kit.continuity import LookBack, look_back
from dialog_kit.i18n import _
from dialog_kit.people import Register
from dialog_kit.record import Record
from dialog_kit.tui.labels import kind_label

LOOK_BACK_PHASE = "look-back"


def last_time_for(register: Register, records: list[Record], record: Record) -> LookBack | None:
    """What the latest talk held with the record's person before `record` agreed, if any."""
    person_id = register.person_of(record.id)
    if person_id is None:
        return None
    return look_back(register, records, person_id, before=record)


def last_time_text(last: LookBack) -> Text:
    previous = last.talk
    text = Text()
    text.append(
        _("Last time: {kind} of {date}").format(
            kind=kind_label(previous.kind), date=previous.date.isoformat()
        )
        + "\n",
        style="bold",
    )
    text.append(_("What you agreed") + "\n", style="underline")
    if last.actions:
        for action in last.actions:
            line = ("[x] " if action.done else "[ ] ") + action.what
            if action.owner:
                line += f" · {action.owner}"
            if action.due:
                line += " · " + _("by {date}").format(date=action.due.isoformat())
            text.append(line + "\n")
    else:
        text.append(_("No actions were agreed.") + "\n", style="italic")
    shared = [note.text for _phase, note in last.shared_notes]
    shared += [amendment.text for amendment in last.shared_amendments]
    text.append(_("Shared notes") + "\n", style="underline")
    if shared:
        for note in shared:
            text.append(f"• {note}\n")
    else:
        text.append(_("No shared notes.") + "\n", style="italic")
    if last.follow_up is not None:
        text.append(_("Follow-up: {date}").format(date=last.follow_up.isoformat()))
    else:
        text.append(_("No follow-up date was set."), style="italic")
    return text


class LastTimePanel(Static):
    """Shown only in the look-back phase, and only when there is an earlier talk."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.display = False

    def show(self, last: LookBack | None) -> None:
        self.display = last is not None
        self.update(last_time_text(last) if last is not None else "")
