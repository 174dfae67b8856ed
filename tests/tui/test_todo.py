"""The to-do list's rules and the neutral document names, without a terminal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dialog_kit import i18n
from dialog_kit.guides import load_library
from dialog_kit.matching import group_unassigned
from dialog_kit.people import Register
from dialog_kit.record import Action, Record, Status
from dialog_kit.tui.outputs import neutral_path
from dialog_kit.tui.todo import overdue, todo_entries

from .helpers import talk

TODAY = date(2026, 11, 22)


def register_with(records: list[Record], professions: dict[str, str]) -> Register:
    """The register the vault would build from these talks, with each person's profession."""
    register = Register()
    group_unassigned(register, records)
    for record_id, profession in professions.items():
        person_id = register.person_of(record_id)
        assert person_id is not None
        register.edit(person_id, profession=profession)
    return register


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
    assert "Anna Berg: 2 open actions (1 past due)" in entry.text


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("en", "! Anna Berg: 1 open action (1 past due)", "Anna Berg: 2 open actions (1 past due)"),
        ("sv", "! Anna Berg: 1 öppen åtgärd (1 försenad)",
         "Anna Berg: 2 öppna åtgärder (1 försenad)"),
        ("da", "! Anna Berg: 1 åben handling (1 forsinket)",
         "Anna Berg: 2 åbne handlinger (1 forsinket)"),
    ],
)  # fmt: skip
def test_open_actions_are_counted_with_the_languages_plural(lang: str, one: str, two: str) -> None:
    i18n.set_language(lang)
    record = talk("Anna Berg")
    record.actions.append(Action("Late", "Anna", date(2026, 1, 1)))
    (entry,) = todo_entries([record], None, TODAY)
    assert entry.text == one
    record.actions.append(Action("Fine", "Anna"))
    (entry,) = todo_entries([record], None, TODAY)
    assert entry.text.endswith(two)


def test_transition_windows_need_a_birth_year_and_respect_the_horizon() -> None:
    library = load_library()
    horizon = library.profiles["performing-arts"].horizon_years
    no_year = talk("No Year", kind="career-change", profile="performing-arts")
    soon = talk("Soon", profile="performing-arts", birth_year=TODAY.year - 35 + horizon)
    far = talk("Far", profile="performing-arts", birth_year=TODAY.year - 35 + horizon + 1)
    general = talk("General", birth_year=TODAY.year - 34)
    records = [no_year, soon, far, general]
    dancers = {r.id: "dancer" for r in records}
    texts = [
        e.text
        for e in todo_entries(
            records, library, TODAY, register=register_with(records, dancers), country="se"
        )
    ]
    assert any(t.startswith("Soon: Dancer window opens") for t in texts)
    assert not any(t.startswith(("No Year", "Far", "General")) for t in texts)


def test_only_the_window_of_the_persons_profession_and_country_is_shown() -> None:
    library = load_library()
    # Dana and Sara are 43: past the dancers' window, two years before the singers' opens.
    dancer = talk("Dana", profile="performing-arts", birth_year=TODAY.year - 43)
    violinist = talk("Viola", profile="performing-arts", birth_year=TODAY.year - 53)
    singer = talk("Sara", profile="performing-arts", birth_year=TODAY.year - 43)
    jobs = {dancer.id: "dancer", violinist.id: "musician", singer.id: "singer"}
    records = [dancer, violinist, singer]

    texts = [
        e.text
        for e in todo_entries(
            records, library, TODAY, register=register_with(records, jobs), country="se"
        )
    ]

    assert not any(t.startswith("Dana") for t in texts), texts  # no singers' window for a dancer
    assert any(t.startswith("Viola: Musician window opens") for t in texts), texts
    assert not any("Singer" in t for t in texts if t.startswith("Viola")), texts
    assert any(t.startswith("Sara: Singer") for t in texts), texts
    # An unknown profession gets no window rather than someone else's.
    assert not [e for e in todo_entries(records, library, TODAY, country="se")]
    # The Swedish scheme's windows never reach a Danish organisation, nor an unknown country.
    for elsewhere in ("dk", None):
        entries = todo_entries(
            records, library, TODAY, register=register_with(records, jobs), country=elsewhere
        )
        assert not entries, elsewhere


def test_document_names_are_neutral_and_never_overwrite(tmp_path: Path) -> None:
    first = neutral_path(tmp_path, "summary", date(2026, 11, 22), ".pdf")
    assert first.name == "summary-2026-11-22.pdf"
    first.write_bytes(b"x")
    second = neutral_path(tmp_path, "summary", date(2026, 11, 22), ".pdf")
    assert second.name == "summary-2026-11-22-2.pdf"
