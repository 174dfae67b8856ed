"""The employee's preparation from the TUI: a file dialog, the CLI's checks, their words on screen.

The sheet is made with the same function as `prep --talk`, filled with pypdf as
a PDF reader would, and imported from the talk screen (i). The answers show
beside their questions marked as the employee's words, shared by default; v
makes one private; a sheet of another talk is refused and changes nothing.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pypdf import PdfWriter

from dialog_kit.config import Config
from dialog_kit.documents import talk_preparation_pdf
from dialog_kit.documents.forms import EMPLOYEE_PREPARATION
from dialog_kit.guides import load_library
from dialog_kit.record import Status, Visibility

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

CONFIG = Config(organisation="Test Municipality", manager_name="Maja Chef", country="se")


def filled_sheet(record: Any, answers: dict[str, str]) -> bytes:
    data = talk_preparation_pdf(record, load_library(), CONFIG)
    writer = PdfWriter(clone_from=io.BytesIO(data))
    for page in writer.pages:
        writer.update_page_form_field_values(page, answers, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


async def open_talk(pilot: Any) -> Any:
    await unlock(pilot)
    await pilot.press("enter")
    await wait_screen(pilot, "TalkScreen")
    return pilot.app.screen


async def import_file(pilot: Any, path: Path) -> None:
    await pilot.press("i")
    await wait_screen(pilot, "FilePathScreen")
    field = pilot.app.screen.query_one("#file-path")
    field.value = ""
    await type_text(pilot, str(path))
    await pilot.press("enter")
    await wait_screen(pilot, "TalkScreen")


@journey
async def test_a_filled_sheet_comes_in_as_the_employees_words_beside_the_questions(
    tmp_path: Path,
) -> None:
    record = talk("Anna Berg")
    seed_vault(tmp_path, [record])
    sheet = tmp_path / "out" / "filled.pdf"
    sheet.parent.mkdir(exist_ok=True)
    sheet.write_bytes(
        filled_sheet(record, {"answer-1": "ZQFIRST answer", "answer-2": "ZQSECOND one"})
    )
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_talk(pilot)
        assert "employee's preparation" not in screen_text(pilot)  # nothing imported yet
        await import_file(pilot, sheet)
        await wait_text(pilot, "ZQFIRST answer")
        assert any("2 answers imported" in n.message for n in app._notifications)
        shown = screen_text(pilot)
        # Each answer under its question, as the sheet asked it (the employee's language).
        questions = screen.preparation_questions()
        assert (
            questions["answer-1"]
            == "How did last year's plan go? What got done, what didn't happen, and why?"
        )
        assert "How did last year's plan go?" in shown
        assert "In the employee's words:" in shown
        assert "[shared] In the employee's words: ZQFIRST answer" in shown
        assert "The employee's preparation (2)" in shown
        await wait_for(pilot, lambda: not screen.dirty and "saved" in screen_text(pilot))
        (saved,) = vault_records(tmp_path)
        notes = saved.phases[EMPLOYEE_PREPARATION].notes
        assert [(n.item, n.text, n.visibility) for n in notes] == [
            ("answer-1", "ZQFIRST answer", Visibility.SHARED),
            ("answer-2", "ZQSECOND one", Visibility.SHARED),
        ]
        assert saved.status is Status.PLANNED  # importing is not holding the talk

        # The manager makes the first answer private: v on the highlighted answer.
        await pilot.press("enter")  # into the answers
        await wait_for(pilot, lambda: screen.preparation_page.answers.has_focus)
        await pilot.press("v", "v")  # shared -> HR -> private
        await wait_text(pilot, "[private] In the employee's words: ZQFIRST answer")
        await wait_for(pilot, lambda: not screen.dirty and "saved" in screen_text(pilot))
    (saved,) = vault_records(tmp_path)
    notes = saved.phases[EMPLOYEE_PREPARATION].notes
    assert [n.visibility for n in notes] == [Visibility.PRIVATE, Visibility.SHARED]


@journey
async def test_another_talks_sheet_is_refused_in_the_tui_and_changes_nothing(
    tmp_path: Path,
) -> None:
    record, other = talk("Anna Berg"), talk("Bo Ek", on="2026-09-01")
    seed_vault(tmp_path, [record, other])
    sheet = tmp_path / "out" / "other.pdf"
    sheet.parent.mkdir(exist_ok=True)
    sheet.write_bytes(filled_sheet(other, {"answer-1": "ZQWRONG"}))
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_talk(pilot)
        assert screen.record.id == record.id  # the newest talk is first on the home screen
        await import_file(pilot, sheet)
        await wait_for(
            pilot,
            lambda: any(n.title == "Sheet of another talk" for n in app._notifications),
        )
        assert "ZQWRONG" not in screen_text(pilot)
        assert not screen.dirty
    saved = {r.id: r for r in vault_records(tmp_path)}
    assert EMPLOYEE_PREPARATION not in saved[record.id].phases


@journey
async def test_the_dialog_keeps_a_path_that_names_no_file(tmp_path: Path) -> None:
    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_talk(pilot)
        await pilot.press("i")
        await wait_screen(pilot, "FilePathScreen")
        app.screen.query_one("#file-path").value = ""
        await type_text(pilot, str(tmp_path / "nothing.pdf"))
        await pilot.press("enter")
        await wait_text(pilot, "There is no file")
        assert type(app.screen).__name__ == "FilePathScreen"
        await pilot.press("escape")
        await wait_screen(pilot, "TalkScreen")
