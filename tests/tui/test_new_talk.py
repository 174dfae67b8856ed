"""The new-talk form: inline validation, carry-over of open actions, birth year for dancers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dialog_kit.record import Action

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
async def test_missing_name_and_bad_date_are_explained_inline(tmp_path: Path) -> None:
    seed_vault(tmp_path, [])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await wait_screen(pilot, "NewTalkScreen")
        form = app.screen
        form.query_one("#date").value = "22/11/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = screen_text(pilot)
        assert "Write the employee's name." in text
        assert "Write the date as YYYY-MM-DD" in text
        assert app.screen is form  # still open, nothing saved
        assert vault_records(tmp_path) == []


@journey
async def test_open_actions_of_the_last_talk_are_offered_and_carried_over(tmp_path: Path) -> None:
    previous = talk("Anna Berg", on="2025-10-01")
    previous.actions += [Action("Open step", "Anna"), Action("Done step", "Anna", done=True)]
    seed_vault(tmp_path, [previous])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await wait_screen(pilot, "NewTalkScreen")
        await pilot.press("tab")
        await type_text(pilot, "anna  berg")  # case and spacing do not matter
        await wait_for(pilot, lambda: "Carry over 1 open action from" in screen_text(pilot))
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "TalkScreen")
    new = next(r for r in vault_records(tmp_path) if r.id != previous.id)
    assert [(a.what, a.carried_from) for a in new.actions] == [("Open step", previous.id)]
    # The one person of that name in the register: the talk is theirs, spelt as there.
    assert new.employee.name == "Anna Berg"
    register = app.session.register
    assert register.person_of(new.id) == register.person_of(previous.id) is not None


@journey
async def test_birth_year_is_asked_only_for_performing_arts(tmp_path: Path) -> None:
    seed_vault(tmp_path, [])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await wait_screen(pilot, "NewTalkScreen")
        form = app.screen
        assert not form.query_one("#birth_year").display
        form.query_one("#profile").value = "performing-arts"
        await wait_for(pilot, lambda: form.query_one("#birth_year").display)
        form.query_one("#name").value = "Dana Dancer"
        form.query_one("#birth_year").value = "1850"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Write a year between 1900" in screen_text(pilot))
        form.query_one("#birth_year").value = str(date.today().year - 30)
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "TalkScreen")
    (record,) = vault_records(tmp_path)
    assert record.profile == "performing-arts"
    assert record.employee.birth_year == date.today().year - 30


@journey
async def test_a_career_change_talk_gets_a_stage_and_shows_only_that_stage(
    tmp_path: Path,
) -> None:
    seed_vault(tmp_path, [])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await wait_screen(pilot, "NewTalkScreen")
        form = app.screen
        assert not form.query_one("#stage").display  # not for a development talk
        form.query_one("#kind").value = "career-change"
        await wait_for(pilot, lambda: form.query_one("#stage").display)
        assert form.query_one("#stage").value == "orientation"  # the default: opening the door
        form.query_one("#stage").value = "plan"
        form.query_one("#name").value = "Pia Plan"
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "TalkScreen")
        phases = [item.name for item in app.screen.query("PhaseList ListItem")]
        assert phases == ["prepare", "open", "plan", "close", "follow-up", "__actions__"], phases
    (record,) = vault_records(tmp_path)
    assert record.stage == "plan"


@journey
async def test_a_development_talk_has_no_stage(tmp_path: Path) -> None:
    seed_vault(tmp_path, [])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await wait_screen(pilot, "NewTalkScreen")
        app.screen.query_one("#name").value = "Dev Person"
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "TalkScreen")
    (record,) = vault_records(tmp_path)
    assert record.stage is None
