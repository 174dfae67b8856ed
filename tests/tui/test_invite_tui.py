"""Invitations and handed-over summaries from the TUI.

c in the talk (and on the person screen) saves the invitation and the talk's sheet,
counting each issue in the record so a re-issue has a higher SEQUENCE; h on the review
records which version the employee received, and the talk then says when theirs is out
of date; d lists the talk's documents with their versions.
"""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar
from textual.widgets import DataTable

from dialog_kit.documents.invitation import invitation_uid
from dialog_kit.record import Visibility

from .helpers import (
    SIZE,
    journey,
    make_app,
    screen_text,
    seed_vault,
    talk,
    type_text,
    unlock,
    vault_records,
    wait_for,
    wait_screen,
    wait_text,
)


def notified(app: object, text: str) -> bool:
    return any(text in n.message or text in n.title for n in app._notifications)  # type: ignore[attr-defined]


def sequences(folder: Path) -> list[tuple[str, int]]:
    found = []
    for path in sorted(folder.glob("invitation-*.ics")):
        (event,) = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        found.append((str(event["uid"]), int(event.decoded("sequence"))))
    return found


@journey
async def test_c_in_the_talk_saves_the_invitation_and_the_sheet_and_counts_each_issue(
    tmp_path: Path,
) -> None:
    record = talk("Anna Berg")
    record.add_note("prepare", "zqprivatetui", Visibility.PRIVATE)
    seed_vault(tmp_path, [record])
    out = tmp_path / "out"
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        await pilot.press("c")
        await wait_for(pilot, lambda: notified(app, "Invitation saved"))
        await pilot.press("c")
        await wait_for(pilot, lambda: len(list(out.glob("invitation-*.ics"))) == 2)
    uid = invitation_uid(record)
    assert sequences(out) == [(uid, 1), (uid, 0)]  # invitation-…-2.ics sorts first
    assert len(list(out.glob("preparation-*.pdf"))) == 2
    assert all("Anna" not in p.name for p in out.iterdir())
    for path in out.glob("invitation-*.ics"):
        assert "zqprivatetui" not in path.read_text() and "Anna" not in path.read_text()
    (saved,) = vault_records(tmp_path)
    assert len(saved.invitations) == 2
    assert saved.status == record.status  # inviting is not holding the talk


@journey
async def test_c_on_the_person_screen_invites_to_the_selected_talk(tmp_path: Path) -> None:
    seed_vault(tmp_path, [talk("Anna Berg")])
    out = tmp_path / "out"
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("t")
        table = app.screen.query_one("#people", DataTable)
        await wait_for(pilot, lambda: table.display and table.has_focus)
        await pilot.press("enter")
        await wait_screen(pilot, "PersonScreen")
        await pilot.press("c")
        await wait_for(pilot, lambda: notified(app, "Invitation saved"))
    assert [seq for _uid, seq in sequences(out)] == [0]
    (saved,) = vault_records(tmp_path)
    assert len(saved.invitations) == 1


@journey
async def test_a_held_talk_is_not_invited_to(tmp_path: Path) -> None:
    record = talk("Anna Berg")
    record.lock()
    seed_vault(tmp_path, [record])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        await pilot.press("c")  # hidden from the footer; the key does nothing here
        await pilot.pause()
    assert not list((tmp_path / "out").glob("invitation-*"))
    assert not vault_records(tmp_path)[0].invitations


@journey
async def test_handed_over_on_the_review_and_out_of_date_after_an_amendment(
    tmp_path: Path,
) -> None:
    record = talk("Anna Berg")
    record.add_note("prepare", "Agreed text", Visibility.SHARED)
    record.lock()
    seed_vault(tmp_path, [record])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        screen = app.screen
        await pilot.press("r")
        await wait_screen(pilot, "ReviewScreen")
        await pilot.press("h")  # nothing made yet: said so, nothing recorded
        await wait_for(pilot, lambda: notified(app, "Make the summary first"))
        await pilot.press("p")
        await wait_for(pilot, lambda: "final, version 1" in screen_text(pilot), timeout=60)
        await pilot.press("h")
        await wait_screen(pilot, "ConfirmScreen")
        assert "final, version 1" in " ".join(screen_text(pilot).split())
        await pilot.press("y")
        await wait_screen(pilot, "ReviewScreen")
        await wait_for(pilot, lambda: notified(app, "last received the summary final, version 1"))
        await wait_text(pilot, "The employee has the current summary")
        assert [(h.version, h.final) for h in vault_records(tmp_path)[0].handed_over] == [(1, True)]
        await pilot.press("d")
        await wait_screen(pilot, "DocumentsScreen")
        listed = " ".join(screen_text(pilot).split())
        assert "final, version 1" in listed and "Handed over." in listed and "-v1.pdf" in listed
        await pilot.press("escape")
        await wait_screen(pilot, "ReviewScreen")

        await pilot.press("escape")
        await wait_screen(pilot, "TalkScreen")
        await pilot.press("m")
        await wait_screen(pilot, "AmendScreen")
        await pilot.press("ctrl+t")  # shared: the employee's document changes
        await type_text(pilot, "Course moved")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "TalkScreen")
        await wait_for(pilot, lambda: "out of date" in screen_text(pilot))
        banner = " ".join(screen_text(pilot).split())
        assert "The employee has the summary final, version 1" in banner
        assert "Make version 2" in banner
        await wait_for(pilot, lambda: not screen.dirty)
    saved = vault_records(tmp_path)[0]
    assert saved.handed_over_out_of_date


@journey
async def test_the_employees_answer_comes_in_from_the_review(tmp_path: Path) -> None:
    """i on the review reads the filled-in final summary with summary-import's checks."""
    from tests.documents.test_prep_form import fill

    record = talk("Anna Berg")
    record.add_note("prepare", "Agreed text", Visibility.SHARED)
    record.lock()
    seed_vault(tmp_path, [record])
    out = tmp_path / "out"
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        await pilot.press("r")
        await wait_screen(pilot, "ReviewScreen")
        await pilot.press("p")
        await wait_for(pilot, lambda: any(out.glob("summary-*.pdf")), timeout=60)
        (made,) = out.glob("summary-*.pdf")
        filled = out / "filled.pdf"
        filled.write_bytes(fill(made.read_bytes(), {"comments": "zqmycomment", "read": "/on"}))
        await pilot.press("i")
        await wait_screen(pilot, "FilePathScreen")
        app.screen.query_one("#file-path").value = ""
        await type_text(pilot, str(filled))
        await pilot.press("enter")
        await wait_screen(pilot, "ReviewScreen")
        await wait_for(pilot, lambda: notified(app, "The employee's answer imported"))
        # Their comment makes a new version, which the preview shows at once.
        await wait_text(pilot, "Final summary, version 2.")
    saved = vault_records(tmp_path)[0]
    texts = [a.text for a in saved.amendments]
    assert any("zqmycomment" in t for t in texts)
    assert any("read the summary" in t or "läst" in t for t in texts)
