"""From one talk with a person to the next: what was agreed last time, and the new talk's defaults.

The look-back phase of a new talk shows, read-only, what the previous talk with
the *same person* (by register id, never by name) agreed: the actions with
their done state, what was shared with the employee, the follow-up date. Only
what reached the employee is shown by default, because the look-back is read
together with them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dialog_kit.people import PersonEntry, Register
from dialog_kit.privacy import Audience, amendments_for, notes_for
from dialog_kit.record import Action, Amendment, Kind, Note, Person, Record
from dialog_kit.team import previous_talk, talks_by_person

__all__ = ["LookBack", "TalkDefaults", "look_back", "previous_for", "talk_defaults"]


def previous_for(
    register: Register, records: Iterable[Record], person_id: str, before: Record | None = None
) -> Record | None:
    """The latest talk with the person that was actually held (before `before`, if given)."""
    talks = talks_by_person(register, records).by_person.get(person_id, [])
    return previous_talk(talks, before)


@dataclass(frozen=True)
class LookBack:
    talk: Record
    """The previous held talk (open it with its id)."""
    actions: tuple[Action, ...]
    """Every action agreed then, done or not."""
    shared_notes: tuple[tuple[str, Note], ...]
    """(phase id, note) pairs that reached the employee."""
    shared_amendments: tuple[Amendment, ...]
    follow_up: date | None

    @property
    def open_actions(self) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if not a.done)


def look_back(
    register: Register, records: Iterable[Record], person_id: str, before: Record | None = None
) -> LookBack | None:
    """What the previous talk with the person agreed; None when there was none."""
    previous = previous_for(register, records, person_id, before)
    if previous is None:
        return None
    return LookBack(
        talk=previous,
        actions=tuple(previous.actions),
        shared_notes=tuple(notes_for(previous, Audience.EMPLOYEE)),
        shared_amendments=tuple(amendments_for(previous, Audience.EMPLOYEE)),
        follow_up=previous.follow_up,
    )


@dataclass(frozen=True)
class TalkDefaults:
    """What a new talk with the person starts from: the register entry, not the last talk's text."""

    employee: Person
    """The snapshot for the new record: the name and role in the register today."""
    locale: str
    profile: str
    kind: Kind


def talk_defaults(
    person: PersonEntry, register: Register, records: Iterable[Record]
) -> TalkDefaults:
    """The new-talk form prefilled from the person (and the kind of their last talk)."""
    last = previous_for(register, records, person.id)
    kind = Kind.DEVELOPMENT if last is None or last.kind is Kind.EXIT else last.kind
    return TalkDefaults(
        employee=Person(person.name, person.role, person.birth_year),
        locale=person.language,
        profile=person.profile,
        kind=kind,
    )
