"""The conversation record: its model, its JSON form and the migrations between its schemas.

model: the dataclasses, every change as a method that checks the lock;
schedule: time, duration and place checked; codec: the strict JSON form;
reader: the field-by-field reader; strict_json: duplicate keys, long numbers;
migrations: schema 1 -> 2; history: the previous talk and carrying over.
Everything callers used from the one-module `dialog_kit.record` is here too.
"""

from __future__ import annotations

from .codec import PERSON_ID, record_from_dict, record_from_json, record_to_dict, record_to_json
from .history import carry_over_actions, latest_for_employee, latest_for_person
from .migrations import MIGRATIONS, SCHEMA, migrate
from .model import (
    CAREER_STAGES,
    MAX_RECORD_BYTES,
    MAX_TEXT,
    MAX_YEAR,
    MIN_YEAR,
    Action,
    AfterTick,
    Amendment,
    Date,
    GuideRef,
    HandedOver,
    Invitation,
    Kind,
    Note,
    Person,
    PhaseRecord,
    Record,
    RecordLockedError,
    Status,
    SummaryMade,
    Visibility,
    check_stage,
    new_id,
    new_record,
    now,
)
from .schedule import MAX_DURATION_MINUTES, MAX_PLACE, format_time, parse_time
from .strict_json import MAX_INT_DIGITS, StrictJSONError, loads

__all__ = [
    "CAREER_STAGES",
    "MAX_DURATION_MINUTES",
    "MAX_INT_DIGITS",
    "MAX_PLACE",
    "MAX_RECORD_BYTES",
    "MAX_TEXT",
    "MAX_YEAR",
    "MIGRATIONS",
    "MIN_YEAR",
    "PERSON_ID",
    "SCHEMA",
    "Action",
    "AfterTick",
    "Amendment",
    "Date",
    "GuideRef",
    "HandedOver",
    "Invitation",
    "Kind",
    "Note",
    "Person",
    "PhaseRecord",
    "Record",
    "RecordLockedError",
    "Status",
    "StrictJSONError",
    "SummaryMade",
    "Visibility",
    "carry_over_actions",
    "check_stage",
    "format_time",
    "latest_for_employee",
    "latest_for_person",
    "loads",
    "migrate",
    "new_id",
    "new_record",
    "now",
    "parse_time",
    "record_from_dict",
    "record_from_json",
    "record_to_dict",
    "record_to_json",
]
