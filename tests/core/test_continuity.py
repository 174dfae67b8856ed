"""Last time's plan for the new talk: by person, held talks only, only what reached the employee."""

from __future__ import annotations

from datetime import date

from dialog_kit.continuity import look_back, talk_defaults
from dialog_kit.people import Register
from dialog_kit.record import (
    Action,
    GuideRef,
    Kind,
    Note,
    Person,
    Record,
    Status,
    Visibility,
    new_record,
)  # fmt: skip


def _talk(
    register: Register, person_id: str, on: str, status: Status, locale: str = "sv"
) -> Record:
    person = register.get(person_id)
    record = new_record(
        Kind.DEVELOPMENT, GuideRef("development", 1), Person(person.name, "Old role"),
        Person("Maja"), locale, date.fromisoformat(on),
    )  # fmt: skip
    record.status = status
    register.assign(record.id, person_id)
    return record


def test_the_look_back_is_the_same_persons_last_held_talk_and_only_what_was_shared() -> None:
    register = Register()
    anna = register.add("Anna Berg", "Nurse", language="da", profile="welfare")
    other = register.add("Anna Berg", "Assistant")
    last = _talk(register, anna.id, "2025-11-01", Status.LOCKED)
    last.phase("agree").notes.clear()
    # A locked talk takes no new notes: build it as it was when it was locked.
    last.phase("agree").notes += [
        Note("zqshared", Visibility.SHARED),
        Note("zqprivate", Visibility.PRIVATE),
        Note("zqhr", Visibility.HR),
    ]
    last.actions += [Action("Course", "Anna", done=True), Action("Mentor", "Anna")]
    last.follow_up = date(2026, 5, 1)
    namesake = _talk(register, other.id, "2026-10-01", Status.COMPLETED)
    namesake.phase("agree").notes.append(Note("zqnamesake", Visibility.SHARED))
    planned = _talk(register, anna.id, "2026-12-01", Status.PLANNED)
    records = [last, namesake, planned]
    seen = look_back(register, records, anna.id, before=planned)
    assert seen is not None and seen.talk is last
    assert [n.text for _p, n in seen.shared_notes] == ["zqshared"]
    assert [(a.what, a.done) for a in seen.actions] == [("Course", True), ("Mentor", False)]
    assert [a.what for a in seen.open_actions] == ["Mentor"]
    assert seen.follow_up == date(2026, 5, 1)
    assert look_back(register, records, other.id).talk is namesake  # type: ignore[union-attr]
    nobody = register.add("New")
    assert look_back(register, records, nobody.id) is None


def test_a_new_talk_takes_the_register_entry_not_the_old_snapshot() -> None:
    register = Register()
    anna = register.add("Anna Berg", "Nurse", language="da", profile="welfare", birth_year=1980)
    _talk(register, anna.id, "2025-11-01", Status.COMPLETED, locale="sv")
    defaults = talk_defaults(anna, register, [])
    assert defaults.employee == Person("Anna Berg", "Nurse", 1980)
    assert defaults.locale == "da" and defaults.profile == "welfare"
    assert defaults.kind is Kind.DEVELOPMENT
