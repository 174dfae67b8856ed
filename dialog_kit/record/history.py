"""A talk among the talks before it: the previous talk with the same person, its open actions."""

from __future__ import annotations

from collections.abc import Iterable

from dialog_kit.names import name_key

from .model import Action, Record


def carry_over_actions(previous: Record, new: Record) -> list[Action]:
    """Copies the open actions of `previous` into `new` once, so the next talk starts from them."""
    new.ensure_editable()
    already = {(a.carried_from, a.what) for a in new.actions}
    carried = []
    for action in previous.open_actions():
        if (previous.id, action.what) in already:
            continue
        copy = Action(
            what=action.what, owner=action.owner, due=action.due, carried_from=previous.id
        )
        new.actions.append(copy)
        carried.append(copy)
    if carried:
        new.touch()
    return carried


def latest_for_employee(
    records: Iterable[Record], name: str, before: Record | None = None
) -> Record | None:
    """The most recent talk with the employee called `name` (compared by `name_key`)."""
    key = name_key(name)
    candidates = [
        r for r in records
        if name_key(r.employee.name) == key and (before is None or r.id != before.id)
    ]  # fmt: skip
    return max(candidates, key=lambda r: (r.date, r.created), default=None)


def latest_for_person(
    records: Iterable[Record], person_id: str, before: Record | None = None
) -> Record | None:
    """The most recent talk with the register entry `person_id` (by id: namesakes differ)."""
    candidates = [
        r for r in records if r.person == person_id and (before is None or r.id != before.id)
    ]
    return max(candidates, key=lambda r: (r.date, r.created), default=None)
