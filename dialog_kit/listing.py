"""What a listing knows of a talk: the fields `list`, the team view and reminders read.

A TalkSummary is taken from a Record (never written back: it has no notes), and
is what the vault's encrypted listing index (dialog_kit/vault/index.py) keeps
per record, so that listing need not decrypt every record. `Talk` is what the
team view and the grouping of talks into people ask of a talk: a Record and a
TalkSummary both are one.
"""

from __future__ import annotations

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


class TalkSummary:
    """A talk as the listing index keeps it: no notes, no amendments, only open actions.

    It holds the talk's values in the index's own flat form (`to_entry`), as json.loads
    gave them, and decodes a value only when it is asked for: a listing of ten thousand
    talks then makes one object per talk, not seven (dates, a Person, the actions), and
    `list --json` prints the dates as the index has them (`listing_json`). Every value
    is checked when the entry is read (`from_entry`), so a later access cannot fail.
    Never changed once made.
    """

    __slots__ = ("_at", "_created", "_date", "_row", "person")

    FIELDS = 13
    """How many values an entry has before its actions (five values each: id, what,
    owner, due, carried_from)."""

    def __init__(self, row: list[Any], at: int = 0) -> None:
        self._row = row
        self._at = at
        # The two dates every sort asks for, decoded once when first asked (the team view
        # sorts each person's talks several times).
        self._date: Date | None = None
        self._created: datetime | None = None
        self.person: str | None = row[at + 12]
        """The register's id of the person: as the record says (None: tied by the register
        only), until the register links the talk (people.Register.link_records)."""

    # -- the Talk protocol ---------------------------------------------------------

    @property
    def id(self) -> str:
        return self._row[self._at]  # type: ignore[no-any-return]

    @property
    def kind(self) -> Kind:
        return _KINDS[self._row[self._at + 1]]

    @property
    def date(self) -> Date:
        if self._date is None:
            self._date = Date.fromisoformat(self._row[self._at + 2])
        return self._date

    @property
    def created(self) -> datetime:
        if self._created is None:
            self._created = datetime.fromisoformat(self._row[self._at + 3])
        return self._created

    @property
    def updated(self) -> datetime:
        return datetime.fromisoformat(self._row[self._at + 4])

    @property
    def status(self) -> Status:
        return _STATUSES[self._row[self._at + 5]]

    @property
    def employee(self) -> Person:
        at = self._at
        return Person(self._row[at + 6], self._row[at + 7], self._row[at + 8])

    @property
    def locale(self) -> str:
        return self._row[self._at + 9]  # type: ignore[no-any-return]

    @property
    def profile(self) -> str:
        return self._row[self._at + 10]  # type: ignore[no-any-return]

    @property
    def follow_up(self) -> Date | None:
        day = self._row[self._at + 11]
        return None if day is None else Date.fromisoformat(day)

    @property
    def actions(self) -> list[Action]:
        return self.open_actions()

    def open_actions(self) -> list[Action]:
        fields = self._row[self._at + self.FIELDS :]
        actions = []
        for at in range(0, len(fields), 5):
            aid, what, owner, due, src = fields[at : at + 5]
            day = None if due is None else Date.fromisoformat(due)
            actions.append(Action(what, owner, day, False, src, aid))
        return actions

    # -- what a listing needs, without decoding ------------------------------------

    def sort_key(self) -> tuple[Date, datetime]:
        """Newest first is reverse order of (date, created), as list_records sorts."""
        return (self.date, self.created)

    def listing_json(self) -> dict[str, Any]:
        """The talk as `list --json` prints it (DESIGN.md): the dates as the index has
        them, which is how Record.to_dict writes them (isoformat)."""
        row, at = self._row, self._at
        return {
            "id": row[at],
            "date": row[at + 2],
            "kind": row[at + 1],
            "employee": row[at + 6],
            "status": row[at + 5],
            "follow_up": row[at + 11],
            "updated": row[at + 4],
        }

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TalkSummary):
            return NotImplemented
        return self.to_entry() == other.to_entry()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"TalkSummary({self.to_entry()!r})"

    # -- the index's JSON form: the values of one talk in a flat list ---------------

    @classmethod
    def of(cls, record: Record) -> TalkSummary:
        person = getattr(record, "person", None)  # schema 2 records carry it
        e = record.employee
        row: list[Any] = [
            record.id,
            record.kind.value,
            record.date.isoformat(),
            record.created.isoformat(),
            record.updated.isoformat(),
            record.status.value,
            e.name,
            e.role,
            e.birth_year,
            record.locale,
            record.profile,
            record.follow_up.isoformat() if record.follow_up else None,
            person if isinstance(person, str) else None,
        ]
        for a in record.open_actions():
            row += [a.id, a.what, a.owner, a.due.isoformat() if a.due else None, a.carried_from]
        return cls(row)

    def to_entry(self) -> list[Any]:
        entry = self._row[self._at :]
        entry[12] = self.person
        return entry

    @classmethod
    def from_entry(cls, row: Any, start: int = 0) -> TalkSummary:
        """The summary in `row[start:]`, which it keeps (not a copy); ValueError (or
        TypeError, KeyError) when it is not one."""
        cls.check_entry(row, start)
        return cls(row, start)

    @classmethod
    def check_entry(cls, row: Any, start: int = 0) -> None:
        """ValueError (or TypeError, KeyError) unless `row[start:]` is a talk's entry.

        index.age is authenticated, so only another version of dialog_kit could have
        written values this one does not read: every value is checked here, once, so
        that the properties never fail. Every listing reads ten thousand of these: the
        checks are written out, not called.
        """
        if type(row) is not list or len(row) < start + cls.FIELDS:
            raise TypeError("not an index entry")
        (
            talk_id, kind, on, created, updated, status, name, role, birth_year,
            locale, profile, follow_up, person,
        ) = row[start : start + cls.FIELDS]  # fmt: skip
        if not (
            type(talk_id) is str
            and type(name) is str
            and type(role) is str
            and type(locale) is str
            and type(profile) is str
            and (birth_year is None or type(birth_year) is int)
            and (person is None or type(person) is str)
            and kind in _KINDS
            and status in _STATUSES
        ):
            raise TypeError("not an index entry")
        # Checked, not kept: fromisoformat raises for anything but a date (TypeError for
        # anything but a string).
        Date.fromisoformat(on)
        datetime.fromisoformat(created)
        datetime.fromisoformat(updated)
        if follow_up is not None:
            Date.fromisoformat(follow_up)
        fields = len(row) - start - cls.FIELDS
        if fields % 5:
            raise ValueError("not a list of actions")
        for at in range(start + cls.FIELDS, len(row), 5):
            aid, what, owner, due, src = row[at : at + 5]
            if not (type(aid) is str and type(what) is str and type(owner) is str):
                raise TypeError("not an action")
            if not (src is None or type(src) is str):
                raise TypeError("not an action")
            if due is not None:
                Date.fromisoformat(due)


_KINDS = {k.value: k for k in Kind}
_STATUSES = {s.value: s for s in Status}
