"""The home screen's to-do list: the core's dialog_kit.team, with the session's register.

The rules live in dialog_kit.team (the CLI's `team` uses them too). Without a
register (a caller that has only talks), one is built in memory from the
talks, grouped as the vault's migration does: never two namesakes with
different roles as one person.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from dialog_kit.guides import GuideLibrary
from dialog_kit.matching import group_unassigned
from dialog_kit.people import Register
from dialog_kit.record import Record
from dialog_kit.team import (
    FOLLOW_UP_SOON,
    TodoEntry,
    pending_follow_up,
    talks_by_person,
)
from dialog_kit.team import todo_entries as team_todo_entries

__all__ = ["FOLLOW_UP_SOON", "TodoEntry", "overdue", "overdue_ids", "todo_entries"]


def _register_for(records: Sequence[Record], register: Register | None) -> Register:
    if register is not None and all(register.person_of(r.id) for r in records):
        return register
    working = register.copy() if register is not None else Register()
    group_unassigned(working, records)
    return working


def overdue(
    record: Record, records: Sequence[Record], today: date, register: Register | None = None
) -> bool:
    """The talk's follow-up date has passed and no later talk with the person was held."""
    if record.follow_up is None or record.follow_up >= today:
        return False
    people = _register_for(records, register)
    person_id = people.person_of(record.id)
    if person_id is None:
        return True
    talks = talks_by_person(people, records).by_person.get(person_id, [record])
    return pending_follow_up(record, talks, people.get(person_id).dealt_with)


def todo_entries(
    records: Sequence[Record],
    library: GuideLibrary | None,
    today: date,
    register: Register | None = None,
    country: str | None = None,
) -> list[TodoEntry]:
    return team_todo_entries(_register_for(records, register), records, library, today, country)


def overdue_ids(
    records: Sequence[Record], today: date, register: Register | None = None
) -> set[str]:
    """The ids of every talk `overdue` is true for, grouped once (the home's list asks for all)."""
    people = _register_for(records, register)
    groups = talks_by_person(people, records)
    late = {r.id for r in groups.unassigned if r.follow_up is not None and r.follow_up < today}
    dealt_with = {p.id: p.dealt_with for p in people.people}
    for person_id, talks in groups.by_person.items():
        for record in talks:
            if record.follow_up is None or record.follow_up >= today:
                continue
            if pending_follow_up(record, talks, dealt_with[person_id]):
                late.add(record.id)
    return late
