"""Tying talks to people: an employee on a talk matched to one register entry, or a new one.

Used when a talk comes in by name only (`new --from` with an "employee"
object, a successor's handover) and once for a vault made before the register
existed, whose talks are grouped into people here. The rule that protects
privacy: two talks are given to one person only when the names are the same
after normalising and the roles do not differ; whatever needs a human
decision is reported for the manager to confirm (and `people merge` joins
two entries that are one person).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from dialog_kit.i18n import _
from dialog_kit.listing import Talk
from dialog_kit.names import name_key
from dialog_kit.people import AmbiguousPersonError, PersonEntry, Register
from dialog_kit.record import Person


def _role_key(role: str) -> str:
    return name_key(role)


def candidates(register: Register, employee: Person) -> list[PersonEntry]:
    """People the employee on a talk may be: the same normalised name, and no other role.

    An entry or a talk without a role matches any role; two different roles never match.
    """
    key, role = name_key(employee.name), _role_key(employee.role)
    found = []
    for person in register.people:
        if name_key(person.name) != key:
            continue
        theirs = _role_key(person.role)
        if role and theirs and role != theirs:
            continue
        found.append(person)
    return found


def match_or_add(register: Register, employee: Person, record: Talk) -> tuple[PersonEntry, bool]:
    """The one person `employee` is, or a new entry made from the talk; (person, added).

    Several candidates (two people of one name and role) are an
    AmbiguousPersonError listing them: the caller must name the person by id.
    """
    found = candidates(register, employee)
    if len(found) > 1:
        raise AmbiguousPersonError(
            _("Several people match"),
            _(
                "{count} people in the register have this name and role ({ids}); "
                'give "person": "<id>" instead of "employee". Nothing changed.'
            ).format(count=len(found), ids=", ".join(p.id for p in found)),
            found,
        )
    if found:
        return found[0], False
    return _person_from(register, record), True


def _person_from(register: Register, record: Talk) -> PersonEntry:
    return register.add(
        unicodedata.normalize("NFC", record.employee.name),
        role=record.employee.role,
        language=record.locale,
        profile=record.profile or "general",
        birth_year=record.employee.birth_year,
    )


@dataclass(frozen=True)
class ToConfirm:
    """A grouping the manager should look at; `people` are the register entries involved."""

    reason: str
    """`spellings`: one person typed several ways; `roles`: one name with different roles."""
    people: tuple[str, ...]
    names: tuple[str, ...]
    roles: tuple[str, ...]

    def describe(self) -> str:
        if self.reason == "spellings":
            return _("One person, written as {names} ({id}): check that it is one person.").format(
                names=", ".join(repr(n) for n in self.names), id=self.people[0]
            )
        return _(
            "{name!r} with different roles ({roles}) was kept as {count} people ({ids}); "
            "if they are one person: dialog-kit people merge {first} {second}"
        ).format(
            name=self.names[0],
            roles=", ".join(self.roles),
            count=len(self.people),
            ids=", ".join(self.people),
            first=self.people[0],
            second=self.people[1],
        )


@dataclass
class GroupingReport:
    added: list[PersonEntry] = field(default_factory=list)
    assigned: int = 0
    to_confirm: list[ToConfirm] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    """Ids of talks whose name fits several people: left untied rather than guessed."""

    @property
    def changed(self) -> bool:
        return self.assigned > 0


def group_unassigned(register: Register, records: Iterable[Talk]) -> GroupingReport:
    """Gives every talk not yet tied to a person to one, grouping by normalised name and role.

    Talks matching exactly one existing entry join it; the rest are grouped by
    (normalised name, role) into new entries, named as on their latest talk.
    Spellings that differ within a group, and names that ended up as several
    people because their roles differ, are reported in `to_confirm`. A talk
    whose name fits several entries is left unassigned and reported.
    """
    report = GroupingReport()
    pending: dict[tuple[str, str], list[Talk]] = {}
    for record in records:
        if register.person_for(record) is not None:
            continue
        found = candidates(register, record.employee)
        if len(found) == 1:
            register.assign(record.id, found[0].id)
            report.assigned += 1
        elif found:
            report.ambiguous.append(record.id)
        else:
            pair = (name_key(record.employee.name), _role_key(record.employee.role))
            pending.setdefault(pair, []).append(record)
    by_name: dict[str, list[PersonEntry]] = {}
    for (key, _role), group in sorted(pending.items(), key=lambda item: item[0]):
        group.sort(key=lambda r: (r.date, r.created))
        person = _person_from(register, group[-1])
        report.added.append(person)
        for record in group:
            register.assign(record.id, person.id)
            report.assigned += 1
        by_name.setdefault(key, []).append(person)
        spellings = tuple(
            dict.fromkeys(unicodedata.normalize("NFC", r.employee.name) for r in group)
        )
        if len(spellings) > 1:
            report.to_confirm.append(
                ToConfirm("spellings", (person.id,), spellings, (person.role,))
            )
    for people in by_name.values():
        if len(people) > 1:
            report.to_confirm.append(
                ToConfirm(
                    "roles",
                    tuple(p.id for p in people),
                    (people[0].name,),
                    tuple(p.role or "–" for p in people),
                )
            )
    return report
