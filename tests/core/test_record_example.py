"""docs/examples/record.json is a real record: it loads and fits the shipped guides."""

from __future__ import annotations

import json
import re
from pathlib import Path

from dialog_kit.guides import load_library
from dialog_kit.record import Kind, Record, Status, Visibility


def test_the_documented_example_loads_and_uses_real_guide_ids(repo_root: Path) -> None:
    path = repo_root / "docs" / "examples" / "record.json"
    record = Record.from_json(path.read_bytes(), source=str(path))

    assert record.kind is Kind.CAREER_CHANGE and record.profile == "performing-arts"
    assert record.status is Status.LOCKED and record.amendments
    assert record.follow_up is not None and record.actions
    assert {v for _, n in record.notes() for v in [n.visibility]} == set(Visibility)
    assert len({phase for phase, _ in record.notes()}) >= 3

    library = load_library()
    guide = library.with_profile(library.guide(record.guide.id), record.profile)
    assert record.profile in library.profiles
    for phase_id, state in record.phases.items():
        phase = guide.phase(phase_id)
        assert phase is not None, phase_id
        items = {i.id for i in phase.items}
        assert set(state.ticked) <= items, phase_id
        assert {n.item for n in state.notes if n.item} <= items, phase_id
    assert record.after_ticks and record.summaries
    for tick in record.after_ticks:
        phase = guide.phase(tick.phase)
        assert phase is not None and phase.after, tick.phase
        assert tick.item in {i.id for i in phase.items}, tick.item
    assert record.summary_out_of_date  # version 1 was handed over; an amendment came after
    assert Record.from_json(record.to_json()) == record


def test_the_record_format_doc_example_loads_and_every_field_is_described(
    repo_root: Path,
) -> None:
    doc = (repo_root / "docs" / "record-format.md").read_text(encoding="utf-8")
    [block] = re.findall(r"```json\n(.*?)```", doc, re.DOTALL)
    record = Record.from_json(block)
    for field in json.loads(record.to_json()):
        assert f"`{field}`" in doc, field
    for field in ("birth_year", "ticked", "notes", "visibility", "item", "what", "owner", "due",
                  "done", "carried_from", "at"):  # fmt: skip
        assert f"`{field}`" in doc, field
