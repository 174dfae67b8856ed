"""Notes in the list: v changes who sees one, Enter edits it, x removes it after asking."""

from __future__ import annotations

from pathlib import Path

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
)


def saved_notes(tmp_path: Path) -> list[tuple[str, Visibility]]:
    return [(n.text, n.visibility) for _, n in vault_records(tmp_path)[0].notes()]


@journey
async def test_change_visibility_edit_and_delete_a_note(tmp_path: Path) -> None:
    record = talk("Anna Berg")
    record.add_note("prepare", "First")
    record.add_note("prepare", "Second")
    seed_vault(tmp_path, [record])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        screen = app.screen
        await pilot.press("tab", "tab", "tab")  # the page, the checklist, the notes
        assert screen.query_one("#notes").has_focus

        await pilot.press("v")  # private -> shared
        await wait_for(pilot, lambda: "[shared] First" in screen_text(pilot))
        await wait_for(pilot, lambda: ("First", Visibility.SHARED) in saved_notes(tmp_path))

        await pilot.press("down", "enter")  # edit the second note
        assert screen.query_one("#editor").text == "Second"
        await pilot.press("end")
        await type_text(pilot, " more")
        await wait_for(pilot, lambda: ("Second more", Visibility.PRIVATE) in saved_notes(tmp_path))

        # Back to the list (the cursor is still on the second note) and remove it.
        await pilot.press("escape", "tab", "tab", "tab", "x")
        await wait_screen(pilot, "ConfirmScreen")
        await pilot.press("y")
        await wait_screen(pilot, "TalkScreen")
        await wait_for(pilot, lambda: len(saved_notes(tmp_path)) == 1)
    assert saved_notes(tmp_path) == [("First", Visibility.SHARED)]
