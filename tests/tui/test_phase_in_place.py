"""A phase change rewrites the page's lines in place: what it shows is what a fresh build shows.

The checklist and the notes keep their rows from phase to phase (only their text
changes, and rows are added or removed when the counts differ); these tests walk a
talk whose phases have different numbers of items and notes, down and back up, and at
each phase compare the page with one rebuilt from nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from dialog_kit.record import Visibility
from dialog_kit.tui.widgets.checklist import Checklist
from dialog_kit.tui.widgets.notes import NotesView
from dialog_kit.tui.widgets.rows import rows

from .helpers import SIZE, journey, make_app, seed_vault, talk, unlock, wait_for, wait_screen

NOTES = {0: 3, 1: 0, 2: 1, 3: 2, 5: 4}
"""Notes per phase (by position): counts that grow, shrink and drop to none."""


def notes_talk() -> Any:
    record = talk("Anna Berg")
    from dialog_kit.guides import load_library
    from dialog_kit.record import Kind

    guide = load_library().guide_for_kind(Kind.DEVELOPMENT)
    visibilities = [Visibility.PRIVATE, Visibility.SHARED, Visibility.HR]
    for position, count in NOTES.items():
        phase = guide.phases[position]
        for n in range(count):
            item = phase.items[n % len(phase.items)].id if n % 2 else None
            record.add_note(
                phase.id, f"Note {n + 1} in {phase.id}, long enough " * (n + 1),
                visibilities[n % 3], item,
            )  # fmt: skip
    record.phase(guide.phases[0].id).ticked = [guide.phases[0].items[1].id]
    return record


def page_state(screen: Any) -> dict[str, object]:
    """What the phase page shows, widget by widget: texts, which lines, which is highlighted."""
    checklist, notes = screen.query_one(Checklist), screen.query_one(NotesView)

    def lines(view: Any) -> list[tuple[str, str, bool]]:
        return [(row.key, str(row.label.render()), row.highlighted) for row in rows(view)]

    statics = {
        widget.id: (str(widget.render()), widget.display)
        for widget in screen.query("#phase-page > Label, #phase-page > Static")
    }
    return {
        "statics": statics,
        "checklist": (lines(checklist), checklist.index, checklist.current_item),
        "notes": (lines(notes), notes.display, notes.current_note),
        "children": [type(c).__name__ for c in screen.query_one("#phase-page").children],
    }


def picture(pilot: Pilot[None]) -> str:
    """The terminal as SVG, without the ids that change from one export to the next."""
    return re.sub(r"terminal-\d+", "terminal", pilot.app.export_screenshot())


async def rebuilt(pilot: Pilot[None]) -> tuple[dict[str, object], str]:
    """The same phase drawn on a checklist and a notes list emptied of every row first."""
    screen: Any = pilot.app.screen
    page = screen.phase_page
    for view in (screen.query_one(Checklist), screen.query_one(NotesView)):
        await view.remove_children()
    await page.show(page.phase)
    await pilot.pause()
    await pilot.pause()
    return page_state(screen), picture(pilot)


@journey
async def test_every_phase_shows_what_a_fresh_build_shows(tmp_path: Path) -> None:
    seed_vault(tmp_path, [notes_talk()])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        screen: Any = app.screen
        phases = screen.guide.phases
        counts = [len(p.items) for p in phases]
        assert len(set(counts)) > 2  # the walk really changes the number of checklist rows

        order = list(range(len(phases))) + list(range(len(phases) - 2, -1, -1))
        for step, position in enumerate(order):
            if step:
                await pilot.press("down" if position > order[step - 1] else "up")
            phase = phases[position]
            await wait_for(pilot, lambda phase=phase: screen.phase_page.phase is phase)
            await pilot.pause()
            await pilot.pause()
            in_place = page_state(screen), picture(pilot)
            checklist_rows = rows(screen.query_one(Checklist))
            assert [r.key for r in checklist_rows] == [i.id for i in phase.items]
            assert len(rows(screen.query_one(NotesView))) == NOTES.get(position, 0)
            assert in_place == await rebuilt(pilot), f"phase {phase.id} after step {step}"


@journey
async def test_the_checklist_rows_are_reused_not_rebuilt(tmp_path: Path) -> None:
    """The point of the change: moving on keeps the rows that both phases have."""
    seed_vault(tmp_path, [notes_talk()])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        screen: Any = app.screen
        first, second = screen.guide.phases[0], screen.guide.phases[1]
        before = rows(screen.query_one(Checklist))
        await pilot.press("down")
        await wait_for(pilot, lambda: screen.phase_page.phase is second)
        after = rows(screen.query_one(Checklist))
        shared = min(len(first.items), len(second.items))
        assert after[:shared] == before[:shared]
        assert all(a is b for a, b in zip(after, before[:shared], strict=False))


@journey
async def test_a_tick_after_a_phase_change_ticks_the_new_phase_first_item(tmp_path: Path) -> None:
    """Reused rows carry the new phase's items: space on row 1 ticks the new item 1."""
    seed_vault(tmp_path, [notes_talk()])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        screen: Any = app.screen
        third = screen.guide.phases[2]
        await pilot.press("down", "down", "enter", "space")
        await wait_for(pilot, lambda: screen.record.phase(third.id).ticked == [third.items[0].id])
        assert screen.record.phase(screen.guide.phases[0].id).ticked == [
            screen.guide.phases[0].items[1].id
        ]
