"""The actions page: change an action, delete one, and a follow-up date that must be a date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dialog_kit.record import Action

from .helpers import (
    SIZE,
    journey,
    make_app,
    seed_vault,
    talk,
    type_text,
    unlock,
    vault_records,
    wait_for,
    wait_screen,
    wait_text,
)


@journey
async def test_change_and_delete_actions_and_check_the_follow_up_date(tmp_path: Path) -> None:
    record = talk("Anna Berg")
    record.actions += [Action("Keep", "Anna"), Action("Drop", "Anna")]
    seed_vault(tmp_path, [record])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        screen = app.screen
        for _ in screen.guide.phases:
            await pilot.press("down")
        await pilot.press("enter", "enter")  # into the table, then change the first action
        await wait_screen(pilot, "ActionScreen")
        assert app.screen.query_one("#what").value == "Keep"
        await pilot.press("tab", "tab")
        await type_text(pilot, "2027-02-01")
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        await pilot.press("down", "x")  # delete the second

        await pilot.press("tab")
        await type_text(pilot, "2027-13-01")
        await wait_text(pilot, "Write the date as YYYY-MM-DD")
        await wait_for(pilot, lambda: not screen.dirty)
        saved = vault_records(tmp_path)[0]
        assert [(a.what, a.due) for a in saved.actions] == [("Keep", date(2027, 2, 1))]
        assert saved.follow_up is None  # a wrong date changes nothing

        await pilot.press(*["backspace"] * 10)
        await type_text(pilot, "2027-03-01")
        await wait_for(pilot, lambda: vault_records(tmp_path)[0].follow_up == date(2027, 3, 1))
