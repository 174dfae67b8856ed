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

    person: str | None
    """The register id the talk itself names (schema 2); the register links the rest."""

    def open_actions(self) -> list[Action]: ...


@dataclass(slots=True)
class TalkSummary:
    """A talk as the listing index keeps it: no notes, no amendments, only open actions.

    Never changed once made (not frozen only because a frozen dataclass costs three
    times as much to make, and a listing makes ten thousand).
    """

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
    action_fields: list[Any]
    """The open actions (the team view's reminders) in the index's form, five values each:
    id, what, owner, due, carried_from; made into Actions only when asked for (`list`
    never asks). Flat, like the rest of an entry: ten thousand nested lists would cost
    the listing more to make, and the cycle collector more to walk, than the talks."""

    @property
    def actions(self) -> list[Action]:
        return self.open_actions()

    def open_actions(self) -> list[Action]:
        """ValueError (or TypeError) for values this code did not write (index.age is
        authenticated, so only another version of dialog_kit could have)."""
        fields = self.action_fields
        if len(fields) % 5:
            raise ValueError("not a list of actions")
        actions = []
        for at in range(0, len(fields), 5):
            aid, what, owner, due, src = fields[at : at + 5]
            if not (type(aid) is str and type(what) is str and type(owner) is str):
                raise TypeError("not an action")
            if not (src is None or type(src) is str):
                raise TypeError("not an action")
            day = None if due is None else Date.fromisoformat(due)
            actions.append(Action(what, owner, day, False, src, aid))
        return actions

    @classmethod
    def of(cls, record: Record) -> TalkSummary:
        person = getattr(record, "person", None)  # schema 2 records carry it
        fields: list[Any] = []
        for a in record.open_actions():
            fields += [a.id, a.what, a.owner, a.due.isoformat() if a.due else None, a.carried_from]
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
            action_fields=fields,
        )

    # -- the index's JSON form: the values of one talk in a flat list, in this order --

    FIELDS = 13
    """How many values an entry has before its actions."""

    def to_entry(self) -> list[Any]:
        e = self.employee
        return [
            self.id,
            self.kind.value,
            self.date.isoformat(),
            self.created.isoformat(),
            self.updated.isoformat(),
            self.status.value,
            e.name,
            e.role,
            e.birth_year,
            self.locale,
            self.profile,
            self.follow_up.isoformat() if self.follow_up else None,
            self.person,
            *self.action_fields,
        ]

    @classmethod
    def from_entry(cls, row: Any, start: int = 0) -> TalkSummary:
        """The summary in `row[start:]`; ValueError (or TypeError, KeyError) when it is not one.

        Every listing reads ten thousand of these: the checks are written out, not called.
        """
        if type(row) is not list or len(row) < start + cls.FIELDS:
            raise TypeError("not an index entry")
        (
            talk_id, kind, on, created, updated, status, name, role, birth_year,
            locale, profile, follow_up, person,
        ) = row[start : start + cls.FIELDS]  # fmt: skip
        # The dates are checked by fromisoformat (a TypeError for anything but a string).
        if not (
            type(talk_id) is str
            and type(name) is str
            and type(role) is str
            and type(locale) is str
            and type(profile) is str
            and (birth_year is None or type(birth_year) is int)
            and (person is None or type(person) is str)
        ):
            raise TypeError("not an index entry")
        return cls(
            id=talk_id,
            kind=_KINDS[kind],
            date=Date.fromisoformat(on),
            created=datetime.fromisoformat(created),
            updated=datetime.fromisoformat(updated),
            status=_STATUSES[status],
            employee=Person(name, role, birth_year),
            locale=locale,
            profile=profile,
            follow_up=None if follow_up is None else Date.fromisoformat(follow_up),
            person=person,
            # Checked when the team view asks for them (open_actions): `list` never does.
            action_fields=row[start + cls.FIELDS :],
        )


_KINDS = {k.value: k for k in Kind}
_STATUSES = {s.value: s for s in Status}
