"""Record schema 2: the person's id, time, duration and place, written, read back and checked.

And the step from schema 1: every field of a schema-1 record means the same after it.
"""

from __future__ import annotations

import copy
import json
from datetime import date, time
from typing import Any

import pytest

from dialog_kit.errors import InputError
from dialog_kit.record import (
    MAX_DURATION_MINUTES,
    MAX_PLACE,
    SCHEMA,
    GuideRef,
    Kind,
    Person,
    Record,
    Visibility,
    migrate,
    new_record,
)
from tests.people.conftest import sample_sources
from tests.vault.conftest import build_record

PERSON = "0123456789ab"


def _full() -> Record:
    """A record with every field set, locked, with an amendment and an after-talk tick."""
    record = new_record(
        Kind.CAREER_CHANGE,
        GuideRef("career-change", 2),
        Person("Zoë Lund", "Dansare", 1973),
        Person("Karin Lind", "Enhetschef"),
        "da",
        date(2027, 3, 4),
        profile="performing-arts",
        stage="exploration",
        person=PERSON,
    )
    record.set_schedule(time(14, 30), 90, "Rum 4.12, Rådhuset")
    record.toggle_item("look-back", "tasks-results")
    record.add_note("look-back", "delt", Visibility.SHARED, item="tasks-results")
    record.add_note("look-back", "privat", Visibility.PRIVATE)
    record.add_note("look-ahead", "hr", Visibility.HR)
    record.add_action("Kursus", "Zoë", date(2027, 6, 1))
    record.set_follow_up(date(2027, 9, 1))
    record.summary_was_made()
    record.lock()
    record.amend("tilføjelse", Visibility.SHARED)
    record.tick_after_talk("follow-up", "check-in")
    record.summary_was_made()
    record.actions[0].carried_from = "4b7c1f0e-0000-4000-8000-000000000000"
    return record


def test_every_field_goes_round_the_codec() -> None:
    record = _full()
    text = record.to_json()
    data = json.loads(text)
    assert data["schema"] == SCHEMA == 2
    assert data["person"] == PERSON
    assert (data["time"], data["duration_minutes"], data["place"]) == (
        "14:30",
        90,
        "Rum 4.12, Rådhuset",
    )
    back = Record.from_json(text)
    assert back == record
    assert back.to_json() == text


def test_the_new_fields_are_left_out_when_unset() -> None:
    data = build_record().to_dict()
    assert data["schema"] == 2
    assert not {"person", "time", "duration_minutes", "place"} & data.keys()
    assert Record.from_dict(data).to_dict() == data


def _with(**changes: Any) -> dict[str, Any]:
    data = build_record().to_dict()
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("time", "25:00", r"record\.time: must be a time of day written HH:MM.*'25:00'"),
        ("time", "9:30", r"record\.time: must be a time of day written HH:MM"),
        ("time", "14:30:00", r"record\.time: must be a time of day written HH:MM"),
        ("time", "14:60", r"record\.time: must be a time of day"),
        ("time", 1430, r"record\.time: must be a time of day"),
        ("duration_minutes", -30, r"record\.duration_minutes: must be between 1 and 480 minutes"),
        ("duration_minutes", 0, r"record\.duration_minutes: must be between 1 and 480"),
        ("duration_minutes", MAX_DURATION_MINUTES + 1, r"duration_minutes: must be between"),
        ("duration_minutes", 60.0, r"record\.duration_minutes: must be a whole number"),
        ("duration_minutes", True, r"record\.duration_minutes: must be a whole number"),
        ("duration_minutes", "60", r"record\.duration_minutes: must be a whole number"),
        ("place", "x" * (MAX_PLACE + 1), r"record\.place: is longer than 200 characters"),
        ("place", "Rum 4\nRådhuset", r"record\.place: must be one line"),
        ("place", "  ", r"record\.place: must not be empty"),
        ("place", 12, r"record\.place: must be a text"),
        ("person", "Anna Berg", r"record\.person: must be a person's id in the register"),
        ("person", "0123456789AB", r"record\.person: must be a person's id"),
        ("person", None, r"record\.person: must be a person's id"),
    ],
)
def test_a_bad_new_field_is_refused_naming_it(field: str, value: Any, message: str) -> None:
    data = _with(**{field: value})
    before = copy.deepcopy(data)
    with pytest.raises(InputError, match=message):
        Record.from_dict(data)
    assert data == before  # the reader never changes what it was given


def test_the_longest_place_and_duration_are_accepted() -> None:
    data = _with(place="x" * MAX_PLACE, duration_minutes=MAX_DURATION_MINUTES, time="23:59")
    record = Record.from_dict(data)
    assert record.place == "x" * MAX_PLACE and record.time == time(23, 59)


def test_a_schema_1_record_cannot_hold_a_schema_2_field() -> None:
    data = _with(schema=1, person=PERSON)
    with pytest.raises(InputError, match=r"record\.person: is not a field of schema 1"):
        Record.from_dict(data)


def test_a_record_of_a_newer_schema_is_refused() -> None:
    with pytest.raises(InputError, match="newer dialog_kit"):
        Record.from_dict(_with(schema=3))


def test_the_setter_refuses_a_bad_schedule_and_changes_nothing() -> None:
    record = build_record()
    record.set_schedule(time(9, 0), 60, "Rum 2")
    for bad in (
        {"at": time(9, 0), "duration_minutes": 0, "place": None},
        {"at": time(9, 0), "duration_minutes": 60, "place": "x" * 201},
        {"at": time(9, 0, 30), "duration_minutes": 60, "place": None},
    ):
        with pytest.raises(InputError):
            record.set_schedule(**bad)  # type: ignore[arg-type]
        assert (record.time, record.duration_minutes, record.place) == (time(9, 0), 60, "Rum 2")


# -- schema 1 -> 2 ------------------------------------------------------------------


@pytest.mark.parametrize("record_id", sorted(sample_sources()))
def test_migrating_a_schema_1_record_keeps_every_field(record_id: str) -> None:
    source = sample_sources()[record_id]
    assert source["schema"] == 1
    migrated = migrate(copy.deepcopy(source))
    # The step changes nothing but the version: every value means what it meant.
    assert migrated == {**source, "schema": 2}
    written = Record.from_dict(copy.deepcopy(source)).to_dict()
    assert "person" not in written  # tied to a person by the vault, from the register
    # Every field the 0.1.0 file held is written back with the same value.
    for key, value in source.items():
        if key == "schema":
            continue
        assert _same(written[key], value), key
    # And the schema-2 form reads back to the same record.
    assert Record.from_dict(written) == Record.from_dict(copy.deepcopy(source))


def _same(written: Any, source: Any) -> bool:
    """Equal, where the writer may add fields the source left to their default."""
    if isinstance(source, dict) and isinstance(written, dict):
        return all(k in written and _same(written[k], v) for k, v in source.items())
    if isinstance(source, list) and isinstance(written, list):
        return len(source) == len(written) and all(map(_same, written, source))
    return bool(written == source)


def test_migrating_does_not_change_the_callers_dict() -> None:
    source = next(iter(sample_sources().values()))
    before = copy.deepcopy(source)
    migrate(source)
    Record.from_dict(source)
    assert source == before
