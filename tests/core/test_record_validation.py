"""Reading a record from JSON is strict: every fault is refused with the field path named."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from dialog_kit.errors import InputError
from dialog_kit.record import SCHEMA, Record, Status, Visibility

VALID: dict[str, Any] = {
    "schema": 1,
    "id": "3f1c2a9e-5b7d-4c1e-9a2b-6d8e0f1a2b3c",
    "kind": "development",
    "guide": {"id": "development", "version": 2},
    "profile": "welfare",
    "employee": {"name": "Karin Holm", "role": "Undersköterska", "birth_year": 1984},
    "manager": {"name": "Per Ek", "role": "Enhetschef"},
    "locale": "sv",
    "date": "2027-03-01",
    "status": "completed",
    "phases": {
        "look-back": {
            "ticked": ["results"],
            "notes": [
                {"id": "n1", "text": "Stolt över handledningen", "visibility": "shared"},
                {"id": "n2", "text": "Trött i perioder", "visibility": "private", "item": "health"},
            ],
        }
    },
    "actions": [
        {
            "id": "a1",
            "what": "Kurs i palliativ vård",
            "owner": "Karin",
            "due": "2027-09-30",
            "done": False,
        },
    ],
    "follow_up": "2027-10-01",
    "amendments": [],
    "locked_at": None,
    "created": "2027-03-01T09:00:00+01:00",
    "updated": "2027-03-01T10:15:00+01:00",
}


def _with(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    change(data)
    return data


def test_the_valid_example_reads() -> None:
    record = Record.from_dict(copy.deepcopy(VALID))
    assert record.status is Status.COMPLETED
    assert [n.text for _, n in record.notes(Visibility.SHARED)] == ["Stolt över handledningen"]


CASES: list[tuple[str, Callable[[dict[str, Any]], object], str]] = [
    ("unknown top-level field", lambda d: d.update(mood="good"), "record.mood: is not a known"),
    ("unknown note field", lambda d: d["phases"]["look-back"]["notes"][0].update(colour="red"),
     "record.phases.look-back.notes[0].colour: is not a known"),
    ("unknown person field", lambda d: d["employee"].update(salary=1),
     "record.employee.salary: is not a known"),
    ("wrong type of done", lambda d: d["actions"][0].update(done="no"),
     "record.actions[0].done: must be true or false"),
    ("wrong type of notes", lambda d: d["phases"]["look-back"].update(notes={}),
     "record.phases.look-back.notes: must be a list"),
    ("wrong type of employee", lambda d: d.update(employee="Karin"),
     "record.employee: must be an object"),
    ("wrong type of birth year", lambda d: d["employee"].update(birth_year="1984"),
     "record.employee.birth_year: must be a whole number"),
    ("boolean as version", lambda d: d["guide"].update(version=True),
     "record.guide.version: must be a whole number"),
    ("bad date", lambda d: d.update(date="01/03/2027"), "record.date: must be a date"),
    ("date not in the calendar", lambda d: d.update(date="2027-02-30"),
     "record.date: is not a date in the calendar"),
    ("compact ISO date", lambda d: d.update(date="20270301"), "record.date: must be a date"),
    ("bad due date", lambda d: d["actions"][0].update(due="next week"),
     "record.actions[0].due: must be a date"),
    ("time without offset", lambda d: d.update(created="2027-03-01T09:00:00"),
     "record.created: must be a date and time"),
    ("missing employee name", lambda d: d["employee"].pop("name"),
     "record.employee.name: is missing"),
    ("blank employee name", lambda d: d["employee"].update(name="  "),
     "record.employee.name: must not be empty"),
    ("missing kind", lambda d: d.pop("kind"), "record.kind: is missing"),
    ("bad kind", lambda d: d.update(kind="appraisal"), "record.kind: must be one of"),
    ("bad visibility", lambda d: d["phases"]["look-back"]["notes"][0].update(visibility="public"),
     "record.phases.look-back.notes[0].visibility: must be one of private, shared, hr"),
    ("bad status", lambda d: d.update(status="done"), "record.status: must be one of"),
    ("bad locale", lambda d: d.update(locale="fi"), "record.locale: must be one of sv, da, en"),
    ("bad id", lambda d: d.update(id="42"), "record.id: must be a UUID"),
    ("duplicate note id", lambda d: d["phases"]["look-back"]["notes"][1].update(id="n1"),
     "record.phases.look-back.notes[1].id: the id 'n1' is also used at "
     "record.phases.look-back.notes[0].id"),
    ("duplicate action and note id", lambda d: d["actions"][0].update(id="n2"),
     "record.actions[0].id: the id 'n2' is also used"),
    ("ticked twice", lambda d: d["phases"]["look-back"].update(ticked=["a", "a"]),
     "record.phases.look-back.ticked[1]: 'a' is ticked twice"),
    ("bad ticked id", lambda d: d["phases"]["look-back"].update(ticked=["a b"]),
     "record.phases.look-back.ticked[0]: must be an id"),
    ("bad phase id", lambda d: d["phases"].update({"look back": {}}),
     "record.phases.look back: a phase id uses"),
    ("NUL in a note", lambda d: d["phases"]["look-back"]["notes"][0].update(text="a\x00b"),
     "record.phases.look-back.notes[0].text: contains a NUL"),
    ("huge note", lambda d: d["phases"]["look-back"]["notes"][0].update(text="x" * 20_001),
     "record.phases.look-back.notes[0].text: is longer than"),
    ("amendment on an open talk",
     lambda d: d.update(amendments=[{"at": "2027-03-02T10:00:00+01:00", "text": "x"}]),
     "record.amendments: only a locked talk"),
    ("locked_at without lock", lambda d: d.update(locked_at="2027-03-02T10:00:00+01:00"),
     "record.locked_at: is set, but the status is not locked"),
    ("schema as text", lambda d: d.update(schema="1"), "record.schema: must be a whole number"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_refused_naming_the_field(
    change: Callable[[dict[str, Any]], object], expected: str
) -> None:
    with pytest.raises(InputError) as caught:
        Record.from_json(json.dumps(_with(change)))
    assert expected in caught.value.message
    assert caught.value.exit_code == 2


def test_a_newer_schema_says_update() -> None:
    with pytest.raises(InputError) as caught:
        Record.from_dict(_with(lambda d: d.update(schema=SCHEMA + 1)))
    assert caught.value.title == "Newer record"
    assert "Update dialog_kit" in caught.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [("{", "line 1, column 2"), ('{"kind": "exit",}', "line 1"), ("[]", "JSON object"),
     (b"{\"kind\": \"\xff\"}", "not UTF-8"), ("", "not valid JSON")],
)  # fmt: skip
def test_what_is_not_json_is_refused(text: str | bytes, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        Record.from_json(text, source="talk.json")
    assert "talk.json" in caught.value.message
    assert expected in caught.value.message


def test_errors_never_quote_the_confidential_text() -> None:
    secret = "Misstänker att hon söker annat jobb"
    data = _with(lambda d: d["phases"]["look-back"]["notes"][0].update(text=secret, mood=1))
    with pytest.raises(InputError) as caught:
        Record.from_dict(data)
    assert secret not in str(caught.value)
    assert "Karin" not in str(caught.value)


def test_a_missing_manager_name_is_allowed_but_an_employee_name_is_not() -> None:
    record = Record.from_dict(_with(lambda d: d["manager"].update(name="")))
    assert record.manager.name == ""


# -- the stage of a career-change talk (issue 11) ------------------------------------------


def _career_change() -> Record:
    from datetime import date as _date

    from dialog_kit.record import GuideRef, Kind, Person, new_record

    return new_record(
        Kind.CAREER_CHANGE, GuideRef("career-change", 1), Person("Åsa"), Person("Karin"), "sv",
        _date(2027, 3, 3),
    )  # fmt: skip


def test_the_stage_is_kept() -> None:
    record = _career_change()
    record.set_stage("exploration")
    data = record.to_dict()
    assert data["stage"] == "exploration"
    assert Record.from_dict(data).stage == "exploration"
    record.set_stage(None)
    assert "stage" not in record.to_dict()  # older files stay as they were
    assert Record.from_dict(record.to_dict()).stage is None


@pytest.mark.parametrize(
    ("kind", "stage", "words"),
    [
        ("career-change", "decision", "must be one of orientation, exploration, plan, transition"),
        ("career-change", 3, "must be"),
        ("development", "plan", "only a career-change talk has a stage"),
    ],
)
def test_a_bad_stage_is_refused_naming_the_field(kind: str, stage: object, words: str) -> None:
    data = _career_change().to_dict()
    data["kind"] = kind
    data["stage"] = stage
    with pytest.raises(InputError) as caught:
        Record.from_dict(data)
    assert "stage" in caught.value.message and words in caught.value.message


def test_set_stage_refuses_a_locked_talk_and_a_talk_without_stages() -> None:
    from dialog_kit.record import RecordLockedError, Status

    record = _career_change()
    with pytest.raises(InputError):
        record.set_stage("retirement")
    record.status = Status.LOCKED
    with pytest.raises(RecordLockedError):
        record.set_stage("plan")
    assert record.stage is None
