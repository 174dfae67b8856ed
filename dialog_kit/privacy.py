"""The privacy policy: which note reaches whom, the defaults, and what a handover carries.

Every place that decides whether a note, an item note or an amendment goes
somewhere asks this module: the employee's summary, the handover to a
successor, the GDPR access report, the guide parser and the record readers
(for a missing `visibility`), and the TUI (the level of a new note and the
cycle of levels). tests/core/test_privacy.py pins the whole table.

The policy, in words:

- `private` is the manager's own: it reaches nobody else, except the data
  subject (a GDPR access report holds everything about the person) and a
  successor when the manager explicitly hands private notes over.
- `shared` goes into the employee's summary, and so may reach HR and a
  successor too.
- `hr` may be passed on to HR and to a successor; never into the employee's
  summary (the employee sees it in an access report).
- Anything written or read without a level is `private`: a guide item without
  `visibility`, a note or amendment whose JSON has none, a new note. When in
  doubt, a note stays with the manager.
- Marking an action of a locked talk done writes a `shared` amendment: the
  follow-up of what was agreed belongs in the employee's summary.
- The employee's own words brought in from a sheet they filled in (their
  preparation answers) are `shared`: it is their text. The manager can
  change the level like any other note's.
- A career path attached to a talk (with its note on the next step) is
  `shared`: it is about the employee's own plans, so it belongs in their
  summary ("Paths we looked at"). The manager can change the level like any
  note's.
- The kind of text (a free note, a note on a checklist item, an amendment to
  a locked talk, an attached career path) never changes who it reaches.

Who can *decrypt* the vault is another matter: an extra recipient (an HR
recovery key) can read every record, private notes included. That is not a
visibility level but a property of the vault, which the app states where it
says who reads a private note (see `private_note_readers`).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dialog_kit.career.attached import AttachedPath
    from dialog_kit.record import Amendment, Note, Record

__all__ = [
    "CAREER_PATH_DEFAULT",
    "EMPLOYEE_WORDS_DEFAULT",
    "FOLLOW_UP_AMENDMENT",
    "HANDOVER_INCLUDES_PRIVATE",
    "ITEM_DEFAULT",
    "NEW_NOTE_DEFAULT",
    "READ_DEFAULT",
    "Audience",
    "TextKind",
    "Visibility",
    "amendments_for",
    "copy_for",
    "next_visibility",
    "note_default",
    "notes_for",
    "paths_for",
    "private_note_readers",
    "reaches",
]


class Visibility(StrEnum):
    """How far a note may travel; stored in the record's JSON as these values."""

    PRIVATE = "private"  # the manager only
    SHARED = "shared"  # goes into the employee's summary
    HR = "hr"  # may be passed on to HR

    def next(self) -> Visibility:
        """The next level in the cycle private -> shared -> hr -> private (one key in the TUI)."""
        return next_visibility(self)


class Audience(StrEnum):
    """Someone other than the manager to whom text from a record may go."""

    EMPLOYEE = "employee"  # the summary PDF handed to the employee
    HR = "hr"  # what the manager passes on to HR
    SUCCESSOR = "successor"  # a manager who takes over the talks (handover)
    DATA_SUBJECT = "data-subject"  # the person's GDPR art. 15 access report


class TextKind(StrEnum):
    """The kinds of text in a record that carry a visibility."""

    NOTE = "note"  # a free note in a phase
    ITEM_NOTE = "item-note"  # a note on one checklist item
    AMENDMENT = "amendment"  # a dated addition to a locked talk
    CAREER_PATH = "career-path"  # a career path attached to the talk, with its next step


NEW_NOTE_DEFAULT = Visibility.PRIVATE
"""The level of a new note, or of a new amendment, until the manager changes it."""

ITEM_DEFAULT = Visibility.PRIVATE
"""The level a guide item gives its notes when the guide says no `visibility`."""

READ_DEFAULT = Visibility.PRIVATE
"""The level of a note or amendment whose JSON has no `visibility` (both record readers)."""

FOLLOW_UP_AMENDMENT = Visibility.SHARED
"""The level of the amendment written when an action of a locked talk is marked done or
reopened: following up what was agreed is part of the employee's summary."""

EMPLOYEE_WORDS_DEFAULT = Visibility.SHARED
"""The level of what the employee wrote themselves and the manager imported from their filled-in
sheet (`prep-import`): it is the employee's own text, so it is in their summary until changed."""

CAREER_PATH_DEFAULT = Visibility.SHARED
"""The level of a career path attached to a talk: the employee's own plans, so in their summary
until the manager changes it."""

HANDOVER_INCLUDES_PRIVATE = False
"""Whether a handover carries private notes unless the manager asks otherwise."""

_CYCLE = (Visibility.PRIVATE, Visibility.SHARED, Visibility.HR)

_REACHES: dict[Audience, frozenset[Visibility]] = {
    Audience.EMPLOYEE: frozenset({Visibility.SHARED}),
    Audience.HR: frozenset({Visibility.SHARED, Visibility.HR}),
    Audience.SUCCESSOR: frozenset({Visibility.SHARED, Visibility.HR}),
    Audience.DATA_SUBJECT: frozenset({Visibility.PRIVATE, Visibility.SHARED, Visibility.HR}),
}


def reaches(
    visibility: Visibility,
    audience: Audience,
    kind: TextKind = TextKind.NOTE,
    *,
    with_private: bool = False,
) -> bool:
    """Whether a text of `kind` at `visibility` may go to `audience`.

    `with_private` is the manager's explicit choice to hand private notes to a
    successor; it means nothing for any other audience (the employee's summary
    never holds a private note, whatever is asked).
    """
    del kind  # the kind of text never changes who it reaches (pinned by the tests)
    if with_private and audience is Audience.SUCCESSOR and visibility is Visibility.PRIVATE:
        return True
    return visibility in _REACHES[audience]


def note_default(item_visibility: Visibility | None = None) -> Visibility:
    """The level of a new note: its checklist item's default, else NEW_NOTE_DEFAULT."""
    return NEW_NOTE_DEFAULT if item_visibility is None else item_visibility


def next_visibility(visibility: Visibility) -> Visibility:
    """The level after `visibility` in the TUI's cycle (private -> shared -> hr -> private)."""
    return _CYCLE[(_CYCLE.index(visibility) + 1) % len(_CYCLE)]


def _kind_of(note: Note) -> TextKind:
    return TextKind.ITEM_NOTE if note.item else TextKind.NOTE


def notes_for(
    record: Record, audience: Audience, *, with_private: bool = False
) -> list[tuple[str, Note]]:
    """(phase id, note) pairs of `record` that reach `audience`, in the record's order."""
    return [
        (phase_id, note)
        for phase_id, note in record.notes()
        if reaches(note.visibility, audience, _kind_of(note), with_private=with_private)
    ]


def amendments_for(
    record: Record, audience: Audience, *, with_private: bool = False
) -> list[Amendment]:
    """The amendments of `record` that reach `audience`, oldest first."""
    return [
        m
        for m in record.amendments
        if reaches(m.visibility, audience, TextKind.AMENDMENT, with_private=with_private)
    ]


def paths_for(
    record: Record, audience: Audience, *, with_private: bool = False
) -> list[AttachedPath]:
    """The career paths attached to `record` that reach `audience`, in the order attached."""
    return [
        p
        for p in record.career_paths
        if reaches(p.visibility, audience, TextKind.CAREER_PATH, with_private=with_private)
    ]


def copy_for(record: Record, audience: Audience, *, with_private: bool = False) -> Record:
    """A copy of `record` holding only the notes and amendments that reach `audience`.

    Everything else (dates, people, ticked items, actions) is kept: a successor
    needs to know what was agreed, whatever the notes say.
    """
    result = copy.deepcopy(record)
    for state in result.phases.values():
        state.notes = [
            n
            for n in state.notes
            if reaches(n.visibility, audience, _kind_of(n), with_private=with_private)
        ]
    result.amendments = amendments_for(result, audience, with_private=with_private)
    result.career_paths = paths_for(result, audience, with_private=with_private)
    return result


def private_note_readers(extra_recipients: Sequence[str]) -> tuple[str, ...]:
    """Who besides the manager can decrypt a private note: the vault's extra recipients.

    An empty tuple means "only you". The TUI and the CLI word it; this says who.
    """
    return tuple(extra_recipients)
