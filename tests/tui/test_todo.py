"""The to-do list's rules and the neutral document names, without a terminal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dialog_kit.guides import load_library
from dialog_kit.record import Action, Status
from dialog_kit.tui.outputs import neutral_path
from dialog_kit.tui.todo import overdue, todo_entries

from .helpers import talk

TODAY = date(2026, 11, 22)


def test_a_follow_up_is_done_once_a_later_talk_took_place() -> None:
    first = talk("Anna Berg", on="2026-01-10")
    first.follow_up = date(2026, 6, 1)
    assert overdue(first, [first], TODAY)
    later = talk("Anna Berg", on="2026-06-03")
    # Merely planned, the later talk does not settle the follow-up (issue 10).
    assert overdue(first, [first, later], TODAY)
    later.status = Status.IN_PROGRESS
    assert not overdue(first, [first, later], TODAY)


def test_open_actions_past_due_are_marked_urgent() -> None:
    record = talk("Anna Berg")
    record.actions += [Action("Late", "Anna", date(2026, 1, 1)), Action("Fine", "Anna")]
    (entry,) = todo_entries([record], None, TODAY)
    assert entry.urgent and entry.text.startswith("! ")
    assert "2 open action(s)" in entry.text and "(1 past due)" in entry.text


def test_transition_windows_need_a_birth_year_and_respect_the_horizon() -> None:
    library = load_library()
    horizon = library.profiles["performing-arts"].horizon_years
    no_year = talk("No Year", kind="career-change", profile="performing-arts")
    soon = talk("Soon", profile="performing-arts", birth_year=TODAY.year - 35 + horizon)
    far = talk("Far", profile="performing-arts", birth_year=TODAY.year - 35 + horizon + 1)
    general = talk("General", birth_year=TODAY.year - 34)
    texts = [e.text for e in todo_entries([no_year, soon, far, general], library, TODAY)]
    assert any(t.startswith("Soon: Dancer window opens") for t in texts)
    assert not any(t.startswith(("No Year", "Far", "General")) for t in texts)


def test_document_names_are_neutral_and_never_overwrite(tmp_path: Path) -> None:
    first = neutral_path(tmp_path, "summary", date(2026, 11, 22), ".pdf")
    assert first.name == "summary-2026-11-22.pdf"
    first.write_bytes(b"x")
    second = neutral_path(tmp_path, "summary", date(2026, 11, 22), ".pdf")
    assert second.name == "summary-2026-11-22-2.pdf"
