"""Career paths in a talk: the catalogue filtered for the person, a step attached with its next
step (shared), then made private and gone from the summary's preview; never in an exit talk."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, Input, OptionList

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


def _listed(app: object) -> list[str]:
    options = app.screen.query_one("#career-list", OptionList)  # type: ignore[attr-defined]
    return [str(options.get_option_at_index(i).id) for i in range(options.option_count)]


@journey
async def test_attach_a_step_with_its_next_step_then_make_it_private(tmp_path: Path) -> None:
    seed_vault(tmp_path, [talk("Anna Berg", profile="welfare")])  # a nurse, by role
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        await pilot.press("p")
        await wait_screen(pilot, "CareerPathsScreen")
        listed = _listed(app)
        assert (
            "path:nurse-specialist" in listed and "step:nurse-specialist:specialist-nurse" in listed
        )
        assert "path:teacher-first-teacher" not in listed  # not a teacher
        assert "path:dancer-repetiteur" not in listed  # not the performing-arts profile

        await pilot.press("shift+tab", "shift+tab")  # from the list to the search box
        await type_text(pilot, "specialist")
        await wait_for(pilot, lambda: _listed(app)[0] == "path:nurse-specialist"
                       and len(_listed(app)) == 3)  # fmt: skip
        await pilot.press("enter", "down", "down")  # into the list, to the second step
        await wait_text(pilot, "Specialist nurse")
        await pilot.press("enter")  # chosen: on to its next step
        await type_text(pilot, "Ask about the study agreement")
        await pilot.press("enter")
        await wait_text(pilot, "[shared] Registered nurse to specialist nurse: Specialist nurse")

        def saved_paths() -> list[tuple[str, str | None, str, Visibility]]:
            return [(p.path, p.step, p.next_step, p.visibility)
                    for p in vault_records(tmp_path)[0].career_paths]  # fmt: skip

        await wait_for(pilot, lambda: saved_paths() == [
            ("nurse-specialist", "specialist-nurse", "Ask about the study agreement",
             Visibility.SHARED)])  # fmt: skip

        # With the search emptied, unticking "Fits Anna Berg" shows the whole catalogue.
        app.screen.query_one("#career-search", Input).value = ""
        await wait_for(pilot, lambda: "path:welfare-first-manager" in _listed(app))
        assert "path:teacher-first-teacher" not in _listed(app)
        app.screen.query_one("#career-fit", Checkbox).value = False
        await wait_for(pilot, lambda: "path:teacher-first-teacher" in _listed(app))

        app.screen.query_one("#career-attached", OptionList).focus()
        await pilot.press("ctrl+t")  # shared -> HR
        await pilot.press("ctrl+t")  # HR -> private
        await wait_for(pilot, lambda: saved_paths()[0][3] is Visibility.PRIVATE)
        await pilot.press("escape")
        await wait_screen(pilot, "TalkScreen")
        await pilot.press("r")
        await wait_screen(pilot, "ReviewScreen")
        await wait_text(pilot, "What we talked about")
        shown = screen_text(pilot)
        assert "Paths we looked at" not in shown and "study agreement" not in shown


@journey
async def test_an_exit_talk_has_no_career_paths(tmp_path: Path) -> None:
    seed_vault(tmp_path, [talk("Anna Berg", kind="exit")])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        assert "Career paths" not in screen_text(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert type(app.screen).__name__ == "TalkScreen"
