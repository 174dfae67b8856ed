"""The fast record reader accepts exactly what the precise reader accepts, and builds the same."""

from __future__ import annotations

import copy
import itertools
import uuid
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_record_property import records  # tests/core is on sys.path (rootdir import mode)

from dialog_kit import record as record_module
from dialog_kit.errors import InputError
from dialog_kit.record import Record

# Values that probe every check: wrong types, blanks, bad dates and ids, edge lengths.
AWKWARD = [
    None, "", " ", "x", 0, 1, -1, True, False, 1.5, [], {}, ["x"], {"x": 1},
    "2026-02-30", "2026-11-10", "2026-11-10T14:05:00", "2026-11-10T14:05:00+01:00",
    "a\x00b", "é" * (record_module.MAX_TEXT + 1), "not an id!", "ok-id_1",
    "SHARED", "shared", "private", "hr", "locked", "completed", "planned", "sv", "no",
    "development", "exit", str(uuid.UUID(int=7)), str(uuid.UUID(int=7)).upper(),
    "career-change", "orientation", "plan", "Plan",
]  # fmt: skip


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every container in the JSON tree, so a mutation can land anywhere."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, dict | list):
                found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, dict | list):
                found += _paths(value, (*path, index))
    return found


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    data = draw(records()).to_dict()
    for _ in range(draw(st.integers(1, 3))):
        target_path = draw(st.sampled_from(_paths(data)))
        target: Any = data
        for step in target_path:
            target = target[step]
        if isinstance(target, dict) and target:
            key = draw(st.sampled_from(sorted(target, key=str)))
            action = draw(st.sampled_from(["delete", "replace", "add"]))
            if action == "delete":
                del target[key]
            elif action == "replace":
                target[key] = draw(st.sampled_from(AWKWARD))
            else:
                target[draw(st.sampled_from(["extra", "x", "stage", key + "2"]))] = draw(
                    st.sampled_from([1, "plan"])
                )
        elif isinstance(target, list) and target:
            index = draw(st.integers(0, len(target) - 1))
            if draw(st.booleans()):
                target[index] = draw(st.sampled_from(AWKWARD))
            else:
                target.append(copy.deepcopy(target[index]))  # a duplicate id or tick
    return data


def _read_both(data: dict[str, Any]) -> tuple[Record | None, Record | None]:
    """Both readers on copies of `data`, with the same generated ids and times."""

    def read(reader: Any) -> Record | None:
        counter = itertools.count()
        fixed_uuid = uuid.UUID(int=42)
        with (
            mock.patch.object(record_module, "new_id", lambda: f"gen{next(counter)}"),
            mock.patch.object(record_module.uuid, "uuid4", lambda: fixed_uuid),
        ):
            try:
                result: Record | None = reader(copy.deepcopy(data))
            except InputError:
                return None
        if result is not None:
            # A missing created/updated is filled with the current time: not comparable.
            for field in ("created", "updated"):
                if field not in data:
                    setattr(result, field, None)
        return result

    fast = read(record_module._read_fast)
    checked = read(lambda d: Record._read_checked(d, "record"))
    return fast, checked


@settings(max_examples=100, deadline=None)
@given(records())
def test_every_valid_record_takes_the_fast_path_unchanged(record: Record) -> None:
    fast, checked = _read_both(record.to_dict())
    assert fast is not None, "a well-formed record fell back to the slow reader"
    assert fast == checked == record


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(mutated())
def test_the_fast_path_never_accepts_what_the_precise_reader_rejects(data: dict[str, Any]) -> None:
    fast, checked = _read_both(data)
    if fast is not None:
        assert checked is not None, "the fast path accepted a record the precise reader refuses"
        assert fast == checked
