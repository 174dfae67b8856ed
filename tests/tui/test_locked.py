"""A locked talk opens read-only; amendments and following up actions are still recorded."""

from __future__ import annotations

from pathlib import Path

from dialog_kit.record import Action, Visibility

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


@journey
async def test_locked_talk_takes_amendments_not_changes(tmp_path: Path) -> None:
    record = talk("Anna Berg")
    record.add_note("prepare", "Agreed text", Visibility.SHARED)
    record.actions.append(Action("Course", "Anna"))
    record.lock()
    seed_vault(tmp_path, [record])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        screen = app.screen
        assert "Locked" in screen_text(pilot)
        assert not screen.query_one("#editor-box").display  # no editor for a locked talk
        await pilot.press("enter", "space")  # ticking is refused
        await pilot.pause()
        assert not screen.dirty

        await pilot.press("m")
        await wait_screen(pilot, "AmendScreen")
        await pilot.press("ctrl+t")  # shared
        await type_text(pilot, "AMENDX")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "TalkScreen")

        # Following up an action stays possible: it is recorded as an amendment too.
        await pilot.press("escape")  # from the checklist back to the list of phases
        for _ in screen.guide.phases:
            await pilot.press("down")
        await pilot.press("enter", "space")
        await wait_for(pilot, lambda: not screen.dirty and "saved" in screen_text(pilot))

    (saved,) = vault_records(tmp_path)
    assert saved.locked
    assert [(n.text, n.visibility) for _, n in saved.notes()] == [
        ("Agreed text", Visibility.SHARED)
    ]
    assert saved.actions[0].done
    texts = [(m.text, m.visibility) for m in saved.amendments]
    assert ("AMENDX", Visibility.SHARED) in texts
    assert any("Course" in t for t, _ in texts)
