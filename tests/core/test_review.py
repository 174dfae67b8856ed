"""The review's warnings come from the core: what the manager may have forgotten, line by line."""

from __future__ import annotations

from datetime import date

from dialog_kit.guides import load_library
from dialog_kit.i18n import get_language, set_language
from dialog_kit.record import Visibility
from dialog_kit.review import review_warnings
from tests.vault.conftest import build_record


def test_each_warning_goes_when_its_cause_is_put_right() -> None:
    library = load_library()
    record = build_record()
    for _phase, note in record.notes():
        record.set_note_visibility(note.id, Visibility.PRIVATE)
    previous = get_language()
    set_language("en")
    try:
        warnings = review_warnings(record, library)
        assert "No note is marked [shared]: the summary has no notes." in warnings
        assert "No follow-up date is set." in warnings
        assert any("required item" in w and "not ticked" in w for w in warnings)
        record.add_note("look-ahead", "shared now", Visibility.SHARED)
        record.set_follow_up(date(2027, 1, 1))
        guide = library.guide(record.guide.id)
        for phase in guide.phases:
            for item in phase.required_items():
                if item.id not in record.phase(phase.id).ticked:
                    record.toggle_item(phase.id, item.id)
        assert review_warnings(record, library) == []
    finally:
        set_language(previous)
