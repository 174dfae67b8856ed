"""What a listing knows of a talk: the fields `list`, the team view and reminders read.

A TalkSummary is taken from a Record (never written back: it has no notes), and
is what the vault's encrypted listing index (dialog_kit/vault/index.py) keeps
per record, so that listing need not decrypt every record. `Talk` is what the
team view and the grouping of talks into people ask of a talk: a Record and a
TalkSummary both are one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime
from typing import Any, Protocol

from dialog_kit.record import Action, Kind, Person, Record, Status


class Talk(Protocol):
    """The facts about a talk that listing, the team view and reminders use."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> Kind: ...
    @property
    def date(self) -> Date: ...
    @property
    def created(self) -> datetime: ...
    @property
    def updated(self) -> datetime: ...
    @property
    def status(self) -> Status: ...
    @property
    def employee(self) -> Person: ...
    @property
    def locale(self) -> str: ...
    @property
    def profile(self) -> str: ...
    @property
    def follow_up(self) -> Date | None: ...

    def open_actions(self) -> list[Action]: ...


@dataclass(frozen=True, slots=True)
class TalkSummary:
    """A talk as the listing index keeps it: no notes, no amendments, only open actions."""

    id: str
    kind: Kind
    date: Date
    created: datetime
    updated: datetime
    status: Status
    employee: Person
    locale: str
    profile: str
    follow_up: Date | None
    person: str | None
    """The register's id of the person, as the record says (None: tied by the register only)."""
    actions: tuple[Action, ...]
    """The open actions (the team view's reminders); done ones are not kept."""

    def open_actions(self) -> list[Action]:
        return list(self.actions)

    @classmethod
    def of(cls, record: Record) -> TalkSummary:
        person = getattr(record, "person", None)  # schema 2 records carry it
        return cls(
            id=record.id,
            kind=record.kind,
            date=record.date,
            created=record.created,
            updated=record.updated,
            status=record.status,
            employee=Person(record.employee.name, record.employee.role, record.employee.birth_year),
            locale=record.locale,
            profile=record.profile,
            follow_up=record.follow_up,
            person=person if isinstance(person, str) else None,
            actions=tuple(
                Action(a.what, a.owner, a.due, a.done, a.carried_from, a.id)
                for a in record.open_actions()
            ),
        )

    # -- the index's JSON form (compact: one list per talk, in this order) ------

    def to_entry(self) -> list[Any]:
        e = self.employee
        return [
            self.id,
            self.kind.value,
            self.date.isoformat(),
            self.created.isoformat(),
            self.updated.isoformat(),
            self.status.value,
            [e.name, e.role, e.birth_year],
            self.locale,
            self.profile,
            self.follow_up.isoformat() if self.follow_up else None,
            self.person,
            [
                [a.id, a.what, a.owner, a.due.isoformat() if a.due else None, a.carried_from]
                for a in self.actions
            ],
        ]

    @classmethod
    def from_entry(cls, entry: Any) -> TalkSummary:
        """The summary in one index entry; ValueError (or TypeError) when it is not one."""
        (
            talk_id, kind, on, created, updated, status, employee,
            locale, profile, follow_up, person, actions,
        ) = _list(entry, 12)  # fmt: skip
        name, role, birth_year = _list(employee, 3)
        return cls(
            id=_text(talk_id),
            kind=Kind(kind),
            date=Date.fromisoformat(_text(on)),
            created=datetime.fromisoformat(_text(created)),
            updated=datetime.fromisoformat(_text(updated)),
            status=Status(status),
            employee=Person(_text(name), _text(role), _year(birth_year)),
            locale=_text(locale),
            profile=_text(profile),
            follow_up=None if follow_up is None else Date.fromisoformat(_text(follow_up)),
            person=None if person is None else _text(person),
            actions=tuple(_action(a) for a in _list(actions)),
        )


def _action(entry: Any) -> Action:
    action_id, what, owner, due, carried_from = _list(entry, 5)
    return Action(
        _text(what),
        _text(owner),
        None if due is None else Date.fromisoformat(_text(due)),
        False,
        None if carried_from is None else _text(carried_from),
        _text(action_id),
    )


def _list(value: Any, length: int | None = None) -> list[Any]:
    if type(value) is not list or (length is not None and len(value) != length):
        raise TypeError("not a list of the expected length")
    return value


def _text(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("not a string")
    return value


def _year(value: Any) -> int | None:
    if value is None:
        return None
    if type(value) is not int:
        raise TypeError("not a year")
    return value
