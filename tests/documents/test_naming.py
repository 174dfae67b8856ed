"""Document names tell talks and versions apart and never name the employee."""

from __future__ import annotations

from pathlib import Path

from dialog_kit.documents.naming import follow_up_name, preparation_name, summary_name
from dialog_kit.record import Visibility
from dialog_kit.tui.outputs import free_path

from .conftest import MakeTalk


def test_names_carry_date_short_id_and_version_but_no_name(make_talk: MakeTalk) -> None:
    first, second = make_talk().record, make_talk().record
    short = first.id.replace("-", "")[:8]
    assert summary_name(first) == f"summary-2027-03-03-{short}-draft.pdf"
    assert summary_name(first) != summary_name(second)  # same day, another talk
    first.lock()
    assert summary_name(first) == f"summary-2027-03-03-{short}-v1.pdf"
    first.amend("zq later", Visibility.SHARED)
    assert summary_name(first) == f"summary-2027-03-03-{short}-v2.pdf"
    first.amend("zq mine", Visibility.PRIVATE)  # the employee's document did not change
    assert summary_name(first).endswith("-v2.pdf")
    assert preparation_name(first) == f"preparation-2027-03-03-{short}.pdf"
    assert follow_up_name(first) == f"follow-up-2027-09-15-{short}.ics"
    for name in (summary_name(first), preparation_name(first), follow_up_name(first)):
        assert "Åsa" not in name and "Lindqvist" not in name and "Karin" not in name


def test_a_taken_name_gets_a_number(tmp_path: Path) -> None:
    first = free_path(tmp_path, "summary-2027-03-03-6f0c8a52-v2.pdf")
    assert first.name == "summary-2027-03-03-6f0c8a52-v2.pdf"
    first.write_bytes(b"x")
    assert free_path(tmp_path, first.name).name == "summary-2027-03-03-6f0c8a52-v2-2.pdf"
