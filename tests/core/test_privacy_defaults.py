"""Text without a stated visibility stays with the manager: guide items and both record readers."""

from __future__ import annotations

import copy
import uuid
from pathlib import Path
from typing import Any

import pytest

from dialog_kit.config import Config
from dialog_kit.documents import build_summary
from dialog_kit.guides import load_library
from dialog_kit.privacy import Visibility
from dialog_kit.record import Record
from tests.guides.guidefiles import copy_mini_folder

LOCKED_TALK: dict[str, Any] = {
    "schema": 1,
    "id": "0b6c8d3e-6f0a-4c1e-9d6b-2f4e5a7b8c9d",
    "kind": "development",
    "guide": {"id": "development", "version": 1},
    "employee": {"name": "Anna Berg", "role": "Undersköterska"},
    "manager": {"name": "Bo Ek", "role": "Enhetschef"},
    "locale": "en",
    "date": "2026-03-02",
    "status": "locked",
    "phases": {
        "look-back": {"ticked": [], "notes": [{"id": "n1", "text": "NOTE-WITHOUT-LEVEL"}]},
    },
    "amendments": [
        {"id": "m1", "at": "2026-03-09T10:00:00+01:00", "text": "AMENDMENT-WITHOUT-LEVEL"},
    ],
    "locked_at": "2026-03-02T15:00:00+01:00",
    "created": "2026-03-02T14:00:00+01:00",
    "updated": "2026-03-09T10:00:00+01:00",
}


@pytest.mark.parametrize("schema", [1, 2])
def test_a_note_read_without_visibility_is_private(schema: int) -> None:
    record = Record.from_dict({**copy.deepcopy(LOCKED_TALK), "schema": schema})
    [(_phase, note)] = record.notes()
    assert note.visibility is Visibility.PRIVATE


@pytest.mark.parametrize("schema", [1, 2])
def test_an_amendment_read_without_visibility_is_private(schema: int) -> None:
    record = Record.from_dict({**copy.deepcopy(LOCKED_TALK), "schema": schema})
    [amendment] = record.amendments
    assert amendment.visibility is Visibility.PRIVATE


def test_an_upper_case_id_is_read_canonicalised_with_the_same_defaults() -> None:
    data = copy.deepcopy(LOCKED_TALK)
    data["id"] = str(uuid.UUID(data["id"])).upper()
    record = Record.from_dict(data)
    assert record.id == LOCKED_TALK["id"]
    assert [m.visibility for m in record.amendments] == [Visibility.PRIVATE]
    assert [n.visibility for _p, n in record.notes()] == [Visibility.PRIVATE]


def test_text_without_visibility_never_reaches_the_summary() -> None:
    record = Record.from_dict(copy.deepcopy(LOCKED_TALK))
    context = repr(build_summary(record, load_library(), Config(), "en"))
    assert "NOTE-WITHOUT-LEVEL" not in context
    assert "AMENDMENT-WITHOUT-LEVEL" not in context


def test_a_guide_item_without_visibility_gives_private_notes(tmp_path: Path) -> None:
    library = load_library(copy_mini_folder(tmp_path / "guides"))
    assert not library.problems, library.problems
    phase = library.guide("mini").phases[0]
    items = {item.id: item.visibility for item in phase.items}
    # mini.toml: book-room says nothing, read-plan says shared.
    assert items == {"book-room": Visibility.PRIVATE, "read-plan": Visibility.SHARED}
