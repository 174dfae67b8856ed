"""Every change to a talk goes through a Record method, and a locked talk refuses each one."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date, time

import pytest

from dialog_kit.errors import DialogKitError
from dialog_kit.record import Record, RecordLockedError, Status, Visibility
from tests.vault.conftest import build_record

Change = Callable[[Record], object]


def _note_id(record: Record) -> str:
    return record.notes()[0][1].id


CHANGES: dict[str, Change] = {
    "add_note": lambda r: r.add_note("look-back", "more"),
    "edit_note": lambda r: r.edit_note(_note_id(r), "rewritten"),
    "remove_note": lambda r: r.remove_note(_note_id(r)),
    "set_note_visibility": lambda r: r.set_note_visibility(_note_id(r), Visibility.SHARED),
    "add_action": lambda r: r.add_action("New", "Bo", None, done=True),
    "edit_action": lambda r: r.edit_action(r.actions[0].id, "Other", "Bo", None, True),
    "remove_action": lambda r: r.remove_action(r.actions[0].id),
    "set_follow_up": lambda r: r.set_follow_up(date(2027, 1, 1)),
    "set_schedule": lambda r: r.set_schedule(time(10, 0), 45, "Rum 1"),
    "toggle_item": lambda r: r.toggle_item("look-back", "tasks-results"),
    "complete": lambda r: r.complete(),
}


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_locked_talk_refuses_the_change_and_stays_as_it_was(name: str) -> None:
    record = build_record()
    record.lock()
    before = copy.deepcopy(record)
    with pytest.raises(RecordLockedError):
        CHANGES[name](record)
    assert record == before


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_an_open_talk_takes_the_change_and_marks_it_updated(name: str) -> None:
    record = build_record(status=Status.PLANNED)
    before = copy.deepcopy(record)
    CHANGES[name](record)
    assert record != before
    if name == "set_schedule":  # planning when and where is not holding the talk
        assert record.status is Status.PLANNED
    else:
        assert record.status is not Status.PLANNED  # a change means the talk has begun


def test_the_methods_change_what_they_say() -> None:
    record = build_record()
    note = record.notes()[0][1]
    record.edit_note(note.id, "rewritten")
    record.set_note_visibility(note.id, Visibility.HR)
    assert (note.text, note.visibility) == ("rewritten", Visibility.HR)
    action = record.add_action("Course", "Åsa", date(2027, 2, 1), done=True)
    record.edit_action(action.id, "Course B", "Bo", None, False)
    assert (action.what, action.owner, action.due, action.done) == ("Course B", "Bo", None, False)
    record.remove_action(action.id)
    assert action not in record.actions
    record.remove_note(note.id)
    assert all(n.id != note.id for _p, n in record.notes())


def test_an_unknown_note_or_action_is_an_error_that_changes_nothing() -> None:
    record = build_record()
    before = copy.deepcopy(record)
    for change in (
        lambda: record.edit_note("nope", "x"),
        lambda: record.remove_note("nope"),
        lambda: record.remove_action("nope"),
        lambda: record.edit_action("nope", "x", "y", None, False),
    ):
        with pytest.raises(DialogKitError):
            change()
    assert record == before


def test_linking_the_person_is_allowed_on_a_locked_talk_and_keeps_the_snapshot() -> None:
    # A merge of one person entered twice relinks locked talks; what was agreed stays.
    record = build_record()
    record.lock()
    before = copy.deepcopy(record)
    record.link_person("0123456789ab")
    assert record.person == "0123456789ab"
    assert record.employee == before.employee and record.updated == before.updated
