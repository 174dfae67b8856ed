"""The checklist ticks the item the manager sees: the highlight starts on a phase's first item,
in view, and a key never acts on an item scrolled out of sight."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from textual.widget import Widget

from dialog_kit.tui.widgets.checklist import Checklist

from .helpers import SIZE, journey, make_app, seed_vault, talk, unlock, wait_for, wait_screen


def fully_visible(widget: Widget | None) -> bool:
    assert widget is not None
    geometry = widget.screen.find_widget(widget)
    return bool(geometry.region) and geometry.visible_region == geometry.region


def phase_line(screen: object, phase_id: str) -> str:
    list_view = screen.query_one("#phases")  # type: ignore[attr-defined]
    item = next(i for i in list_view.children if i.name == phase_id)
    return str(item.query_one("Label").render())


@journey
async def test_ticking_through_opening_after_prepare_ticks_each_item_once(tmp_path: Path) -> None:
    seed_vault(tmp_path, [talk("Anna Berg", kind="career-change")])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        screen = app.screen
        prepare, opening = screen.guide.phases[0], screen.guide.phases[1]
        assert (prepare.id, len(prepare.items), len(opening.items)) == ("prepare", 6, 4)

        # Prepare: down to item 6 and tick it.
        await pilot.press("enter", "down", "down", "down", "down", "down", "space")
        sixth = prepare.items[5].id
        await wait_for(pilot, lambda: screen.record.phase("prepare").ticked == [sixth])

        # Back to the phase list, one down, into Opening.
        await pilot.press("escape", "down", "enter")
        checklist = screen.query_one(Checklist)
        await wait_for(pilot, lambda: checklist.has_focus and checklist.phase_id == opening.id)
        await pilot.pause()
        assert checklist.index == 0  # the first item, not the fourth
        assert fully_visible(checklist.highlighted_child)

        await pilot.press("space", "down", "space", "down", "space", "down", "space")
        await wait_for(pilot, lambda: len(screen.record.phase(opening.id).ticked) == 4)
        assert screen.record.phase(opening.id).ticked == [i.id for i in opening.items]
        assert "4/4" in phase_line(screen, opening.id)


@journey
async def test_a_key_on_an_item_scrolled_out_of_sight_only_brings_it_into_view(
    tmp_path: Path,
) -> None:
    seed_vault(tmp_path, [talk("Anna Berg", kind="career-change")])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        screen = app.screen
        checklist = screen.query_one(Checklist)
        await pilot.press("enter")
        await wait_for(pilot, lambda: checklist.has_focus and fully_visible(checklist.children[0]))

        # The page is scrolled away (mouse wheel, page keys): the first item is out of sight.
        screen.query_one("#phase-page").scroll_end(animate=False, immediate=True)
        await wait_for(pilot, lambda: not checklist.item_is_visible(checklist.current_item or ""))

        await pilot.press("space")
        await wait_for(pilot, lambda: checklist.item_is_visible(checklist.current_item or ""))
        await pilot.pause()
        assert screen.record.phase("prepare").ticked == []  # seen now, but not ticked unseen

        await pilot.press("space")
        first = screen.guide.phases[0].items[0].id
        await wait_for(pilot, lambda: screen.record.phase("prepare").ticked == [first])


@journey
async def test_the_phase_list_and_title_follow_every_change_and_only_a_change(
    tmp_path: Path,
) -> None:
    # The phase list and the title are redrawn only when their text differs (they are
    # asked after every change, each key typed in a note): a tick and an untick show.
    seed_vault(tmp_path, [talk("Anna Berg", kind="career-change")])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        screen = app.screen
        title = screen.query_one("#talk-title")
        assert "0/6" in phase_line(screen, "prepare")
        await pilot.press("enter", "space")
        await wait_for(pilot, lambda: "1/6" in phase_line(screen, "prepare"))
        drawn = str(title.render())
        await pilot.press("space")
        await wait_for(pilot, lambda: "0/6" in phase_line(screen, "prepare"))
        assert str(title.render()) == drawn  # nothing in it changed

        screen.record.employee = dataclasses.replace(screen.record.employee, name="Anna Berg-Ek")
        screen.record_changed()
        await wait_for(pilot, lambda: "Anna Berg-Ek" in str(title.render()))
