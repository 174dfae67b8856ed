"""Locking, amendments and the next talk starting from the last one's open actions."""

from __future__ import annotations

from datetime import date

import pytest

from dialog_kit.errors import DialogKitError, InputError
from dialog_kit.record import (
    GuideRef,
    Kind,
    Person,
    Record,
    RecordLockedError,
    Status,
    Visibility,
    carry_over_actions,
    latest_for_employee,
    new_record,
)


def _talk(on: date = date(2027, 3, 1), name: str = "Karin Holm", locale: str = "sv") -> Record:
    return new_record(
        Kind.DEVELOPMENT, GuideRef("development", 1), Person(name), Person("Per Ek"), locale, on
    )


def test_a_talk_moves_from_planned_to_in_progress_on_the_first_edit() -> None:
    record = _talk()
    assert record.status is Status.PLANNED
    record.toggle_item("prepare", "book-room")
    assert record.status is Status.IN_PROGRESS
    assert record.phase("prepare").ticked == ["book-room"]
    assert record.toggle_item("prepare", "book-room") is False


def test_a_locked_talk_refuses_edits_but_takes_amendments() -> None:
    record = _talk()
    record.add_note("agree", "Kurs i höst", Visibility.SHARED)
    record.add_action("Anmäl till kursen", "Karin", date(2027, 5, 1))
    record.complete()
    record.lock()
    assert record.locked and record.locked_at is not None

    with pytest.raises(RecordLockedError):
        record.add_note("agree", "Ändrat mig")
    with pytest.raises(RecordLockedError):
        record.toggle_item("agree", "plan")
    with pytest.raises(RecordLockedError):
        record.add_action("Ny sak", "Per")
    with pytest.raises(RecordLockedError):
        record.complete()
    assert [n.text for _, n in record.notes()] == ["Kurs i höst"]

    amendment = record.amend("Kursen flyttad till våren", Visibility.SHARED)
    assert record.amendments == [amendment]
    again = Record.from_json(record.to_json())
    assert again == record and again.locked


def test_an_open_talk_takes_no_amendments() -> None:
    with pytest.raises(DialogKitError):
        _talk().amend("x")


def test_marking_an_action_done_after_lock_records_a_dated_amendment() -> None:
    record = _talk(locale="da")
    action = record.add_action("Tilmeld kurset", "Karin")
    record.lock()

    record.set_action_done(action.id)

    assert action.done
    [amendment] = record.amendments
    assert amendment.visibility is Visibility.SHARED
    assert "Tilmeld kurset" in amendment.text
    assert amendment.at.tzinfo is not None
    record.set_action_done(action.id)  # already done: nothing more is recorded
    assert len(record.amendments) == 1
    record.set_action_done(action.id, done=False)
    assert len(record.amendments) == 2 and not action.done


def test_marking_an_action_done_before_lock_is_no_amendment() -> None:
    record = _talk()
    action = record.add_action("Boka kurs", "Karin")
    record.set_action_done(action.id)
    assert action.done and record.amendments == []
    with pytest.raises(DialogKitError):
        record.set_action_done("no-such-id")


def test_carry_over_brings_open_actions_once() -> None:
    last = _talk(date(2026, 3, 1))
    open_one = last.add_action("Handledarutbildning", "Karin", date(2026, 12, 1))
    done_one = last.add_action("Läsa policyn", "Karin")
    last.set_action_done(done_one.id)
    last.lock()
    this = _talk(date(2027, 3, 1))

    carried = carry_over_actions(last, this)
    again = carry_over_actions(last, this)

    assert [a.what for a in this.actions] == ["Handledarutbildning"]
    assert carried == this.actions and again == []
    assert this.actions[0].carried_from == last.id
    assert this.actions[0].due == open_one.due and not this.actions[0].done
    assert this.actions[0].id != open_one.id
    assert Record.from_json(this.to_json()) == this


def test_latest_for_employee_ignores_case_spacing_and_the_talk_itself() -> None:
    old, new, other = (
        _talk(date(2025, 3, 1)),
        _talk(date(2026, 3, 1), "karin  holm"),
        _talk(date(2027, 1, 1), "Bo Berg"),
    )
    current = _talk(date(2027, 3, 1))
    records = [old, new, other, current]
    assert latest_for_employee(records, "Karin Holm", before=current) is new
    assert latest_for_employee(records, "Nobody") is None


def test_a_record_that_could_not_be_read_back_is_not_written() -> None:
    record = _talk()
    note = record.add_note("open", "x")
    note.text = "y" * 20_001
    with pytest.raises(InputError, match=r"notes\[0\]\.text"):
        record.to_json()
