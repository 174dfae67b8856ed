"""The review screen: the preview is the employee's PDF, word for word; the warnings stay apart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from dialog_kit.documents import build_summary_document
from dialog_kit.record import Action, Record, Visibility
from tests.documents.same_text import comparable, pdf_content

from .helpers import (
    SIZE,
    journey,
    make_app,
    seed_vault,
    talk,
    unlock,
    wait_for,
    wait_screen,
)


def preview_text(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#preview", Static).render())


def swedish_talk() -> Record:
    record: Record = talk("Bo Lind", kind="career-change", profile="performing-arts")
    record.locale = "sv"
    record.add_note("prepare", "zqshared Vi pratade om dansen och vad som kommer sen.",
                    Visibility.SHARED)  # fmt: skip
    record.add_note("prepare", "[bold]zqmarkup[/bold] [shared]", Visibility.SHARED)
    record.add_note("prepare", "zqprivate verkar trött", Visibility.PRIVATE)
    record.add_note("prepare", "zqhr sjukskrivning i våras", Visibility.HR)
    record.actions.append(Action("Boka tid hos SOK", "Bo Lind", date(2027, 1, 15)))
    return record


async def open_review(pilot: Pilot[None]) -> None:
    await unlock(pilot)
    await pilot.press("enter")
    await wait_screen(pilot, "TalkScreen")
    await pilot.press("r")
    await wait_screen(pilot, "ReviewScreen")
    await wait_for(pilot, lambda: not pilot.app.screen.query_one("#preview-busy").display)


@journey
async def test_the_preview_is_the_pdf_and_the_warnings_are_apart(tmp_path: Path) -> None:
    record = swedish_talk()
    seed_vault(tmp_path, [record])
    app = make_app(tmp_path, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        review = app.screen
        title = str(review.query_one("#preview", Static).border_title)
        # The document's language named in the interface language, not in its own.
        assert "(in Swedish)" in title and "Svenska" not in title
        preview = preview_text(pilot)
        assert "zqshared" in preview
        assert "[bold]zqmarkup[/bold] [shared]" in preview  # text, never markup
        assert "zqprivate" not in preview and "zqhr" not in preview
        assert "Utkast: samtalet är inte avslutat" in preview  # a draft until locked
        # The manager's warnings are in their own frame, not in the employee's document.
        warnings = review.query_one("#review-warnings", Static)
        assert warnings.display and "follow-up" in str(warnings.render())
        assert warnings.border_title and "not in the document" in str(warnings.border_title)
        assert "follow-up date is set" not in preview and "!" not in preview
        # The guide's "When:" advice to the manager is not in what the employee receives.
        assert "När:" not in preview and "When:" not in preview

        session = app.session
        held = session.get(record.id)
        assert held is not None and session.library is not None
        doc = build_summary_document(held, session.library, session.config)
        await pilot.press("p")
        out = tmp_path / "out"
        await wait_for(pilot, lambda: any(out.glob("summary-*.pdf")), timeout=60)
        (pdf,) = out.glob("summary-*.pdf")
        assert comparable(preview) == comparable(pdf_content(pdf.read_bytes(), doc))

        # Locking makes it final, version 1, in the preview as in the next PDF.
        await pilot.press("l")
        await wait_screen(pilot, "ConfirmScreen")
        await pilot.press("y")
        final = "Slutgiltig sammanfattning, version 1."
        await wait_for(pilot, lambda: final in preview_text(pilot))
        assert "Utkast" not in preview_text(pilot)


@journey
async def test_a_swedish_interface_names_the_language_in_swedish(tmp_path: Path) -> None:
    record = swedish_talk()
    record.locale = "da"
    seed_vault(tmp_path, [record])
    app = make_app(tmp_path, language="sv")
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        title = str(app.screen.query_one("#preview", Static).border_title)
        assert "(på danska)" in title
        assert "Udkast: samtalen er ikke afsluttet" in preview_text(pilot)


@journey
async def test_the_preview_rewraps_to_a_wider_terminal(tmp_path: Path) -> None:
    seed_vault(tmp_path, [swedish_talk()])
    app = make_app(tmp_path, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)

        def widest() -> int:
            return max(len(line) for line in preview_text(pilot).splitlines())

        assert 60 < widest() <= SIZE[0] - 8
        await pilot.resize_terminal(120, 30)
        await wait_for(pilot, lambda: widest() > SIZE[0])
        assert widest() <= 120 - 8


def test_an_orientation_talk_is_not_warned_about_the_handover() -> None:
    """Required items count only in the phases the talk's stage shows (issue 11)."""
    from dialog_kit.guides import load_library
    from dialog_kit.record import Kind
    from dialog_kit.review import review_warnings

    library = load_library()
    guide = library.guide_for_kind(Kind.CAREER_CHANGE)
    whole = talk("Olle Orient", kind="career-change")
    staged = talk("Olle Orient", kind="career-change")
    staged.set_stage("orientation")
    for record in (whole, staged):
        for phase, item in guide.required_items_for("orientation"):
            record.phase(phase.id).ticked.append(item.id)
    assert any("not ticked" in w for w in review_warnings(whole, library))
    assert not any("not ticked" in w for w in review_warnings(staged, library))
