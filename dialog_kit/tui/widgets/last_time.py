"""The look-back phase's panel: what the previous held talk with the same person agreed.

Read-only: the actions with their done state, the shared notes and the
follow-up date of that talk (dialog_kit.team.previous_talk picks it, by person
id, never by name). Private and HR notes are not shown: the panel is read out
with the employee.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from dialog_kit.i18n import _
from dialog_kit.people import Register
from dialog_kit.record import Record, Visibility
from dialog_kit.team import previous_talk, talks_by_person
from dialog_kit.tui.labels import kind_label

LOOK_BACK_PHASE = "look-back"


def last_talk_for(register: Register, records: list[Record], record: Record) -> Record | None:
    """The latest talk held with the record's person before `record`, if any."""
    person_id = register.person_of(record.id)
    if person_id is None:
        return None
    talks = talks_by_person(register, records).by_person.get(person_id, [])
    return previous_talk(talks, before=record)


def last_time_text(previous: Record) -> Text:
    text = Text()
    text.append(
        _("Last time: {kind} of {date}").format(
            kind=kind_label(previous.kind), date=previous.date.isoformat()
        )
        + "\n",
        style="bold",
    )
    text.append(_("What you agreed") + "\n", style="underline")
    if previous.actions:
        for action in previous.actions:
            line = ("[x] " if action.done else "[ ] ") + action.what
            if action.owner:
                line += f" · {action.owner}"
            if action.due:
                line += " · " + _("by {date}").format(date=action.due.isoformat())
            text.append(line + "\n")
    else:
        text.append(_("No actions were agreed.") + "\n", style="italic")
    shared = [
        note.text
        for phase in previous.phases.values()
        for note in phase.notes
        if note.visibility is Visibility.SHARED
    ]
    shared += [a.text for a in previous.amendments if a.visibility is Visibility.SHARED]
    text.append(_("Shared notes") + "\n", style="underline")
    if shared:
        for note in shared:
            text.append(f"• {note}\n")
    else:
        text.append(_("No shared notes.") + "\n", style="italic")
    if previous.follow_up is not None:
        text.append(_("Follow-up: {date}").format(date=previous.follow_up.isoformat()))
    else:
        text.append(_("No follow-up date was set."), style="italic")
    return text


class LastTimePanel(Static):
    """Shown only in the look-back phase, and only when there is an earlier talk."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.display = False

    def show(self, previous: Record | None) -> None:
        self.display = previous is not None
        self.update(last_time_text(previous) if previous is not None else "")
