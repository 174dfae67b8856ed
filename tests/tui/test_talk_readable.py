"""What the talk screen shows can be read and is what the keys act on: notes, the note editor,
actions in full, phase titles, and a done box that is more than a colour."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widget import Widget
from textual.widgets import TextArea

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

LONG_ACTION = "Apply for the wound-care course at the regional college before the spring term"
LONG_OWNER = "Anna-Karin Berglund-Svensson"


def fully_visible(widget: Widget | None) -> bool:
    assert widget is not None
    geometry = widget.screen.find_widget(widget)
    return bool(geometry.region) and geometry.visible_region == geometry.region


def page_text(text: str) -> str:
    """The right-hand page of the talk screen as one line: phase list cut off, lines joined."""
    lines = [line.split("│", 1)[1] for line in text.splitlines() if "│" in line]
    return " ".join(" ".join(lines).split())


@journey
async def test_notes_come_into_view_change_visibly_and_edit_at_the_end(tmp_path: Path) -> None:
    record = talk("Anna Berg", kind="career-change")
    record.add_note("prepare", "First")
    record.add_note("prepare", "Second")
    seed_vault(tmp_path, [record])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        screen = app.screen
        notes = screen.query_one("#notes")
        assert not notes.children or not fully_visible(notes.children[0])  # below the fold

        await pilot.press("tab", "tab", "tab")  # the page, the checklist, the notes
        await wait_for(pilot, lambda: notes.has_focus and fully_visible(notes.children[0]))
        assert "[private] First" in screen_text(pilot)

        await pilot.press("v")
        await pilot.pause()
        assert "[shared] First" in screen_text(pilot)  # seen at once, not after a save

        await pilot.press("down", "enter")
        editor = screen.query_one("#editor", TextArea)
        await wait_for(pilot, lambda: editor.has_focus)
        assert editor.cursor_location == editor.document.end
        await type_text(pilot, " more")  # no End key needed
        await wait_for(pilot, lambda: ("Second more", Visibility.PRIVATE) in saved(tmp_path))
        assert fully_visible(editor)


def saved(tmp_path: Path) -> list[tuple[str, Visibility]]:
    return [(n.text, n.visibility) for _, n in vault_records(tmp_path)[0].notes()]


@journey
async def test_a_note_on_a_long_item_keeps_its_editor_in_view_at_80x24(tmp_path: Path) -> None:
    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        screen = app.screen
        item = screen.guide.phases[0].items[2]  # "Read last year's development plan and ..."
        assert len(item.text.get("en")) > 80
        await pilot.press("enter", "down", "down", "n")
        editor = screen.query_one("#editor", TextArea)
        await wait_for(pilot, lambda: editor.has_focus)
        await pilot.pause()
        label = screen.query_one("#editor-label")
        assert label.region.height == 1
        assert "New note (Read last year's" in screen_text(pilot)
        assert fully_visible(label) and fully_visible(editor)

        await type_text(pilot, "Plan was half done")
        await wait_for(pilot, lambda: "Plan was half done" in screen_text(pilot))
        # Saved by itself: the test's own exit does not go through the app's quit.
        await wait_for(pilot, lambda: vault_records(tmp_path)[0].notes())
    ((_, note),) = vault_records(tmp_path)[0].notes()
    assert (note.text, note.item) == ("Plan was half done", item.id)


async def _open_actions(pilot: object, app: object) -> None:
    await unlock(pilot)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await wait_screen(pilot, "TalkScreen")  # type: ignore[arg-type]
    screen = app.screen  # type: ignore[attr-defined]
    for _ in screen.guide.phases:
        await pilot.press("down")  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: screen.query_one("#actions").has_focus)  # type: ignore[arg-type]


@journey
async def test_an_action_can_be_read_in_full_at_80_and_120_columns(tmp_path: Path) -> None:
    record = talk("Anna Berg")
    record.actions = [
        Action("Short one", "Maja Chef", date(2026, 12, 1), done=True),
        Action(LONG_ACTION, LONG_OWNER, date(2027, 2, 1)),
    ]
    seed_vault(tmp_path, [record])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open_actions(pilot, app)
        await pilot.press("down")  # the long one
        for width, height in ((80, 24), (120, 30)):
            await pilot.resize_terminal(width, height)
            await wait_for(pilot, lambda w=width: app.screen.size.width == w)
            await pilot.pause()
            text = page_text(screen_text(pilot))
            assert LONG_ACTION in text, (width, text)
            assert f"Who: {LONG_OWNER} · By when: 2027-02-01" in text, (width, text)


@journey
async def test_the_done_box_differs_without_colour(tmp_path: Path) -> None:
    record = talk("Anna Berg")
    record.actions = [
        Action("Finished task", "Anna", None, done=True),
        Action("Open task", "Anna", None),
    ]
    seed_vault(tmp_path, [record])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open_actions(pilot, app)
        lines = screen_text(pilot).splitlines()
        done = next(line for line in lines if "Finished task" in line and "[" in line)
        open_ = next(line for line in lines if "Open task" in line and "[" in line)
        assert "[x]" in done and "[ ]" not in done
        assert "[ ]" in open_ and "[x]" not in open_

        await pilot.press("down", "space")  # marking done changes the box itself
        await wait_for(pilot, lambda: all(a.done for a in vault_records(tmp_path)[0].actions))
        lines = screen_text(pilot).splitlines()
        assert any("[x]" in line and "Open task" in line for line in lines)


@journey
async def test_phase_titles_are_whole_in_the_phase_list_at_120_columns(tmp_path: Path) -> None:
    seed_vault(tmp_path, [talk("Anna Berg"), talk("Bo Ek", kind="exit", on="2026-09-01")])
    for lang in ("en", "sv", "da"):
        app = make_app(tmp_path, language=lang)
        async with app.run_test(size=(120, 30)) as pilot:
            await unlock(pilot)
            for _row in range(2):
                await pilot.press("enter")
                await wait_screen(pilot, "TalkScreen")
                screen = app.screen
                lines = [line.split("│", 1)[0] for line in screen_text(pilot).splitlines()]
                for phase in screen.guide.phases:
                    title = phase.title.get(lang)
                    assert any(line.rstrip().endswith(title) for line in lines), (lang, title)
                await pilot.press("escape")
                await wait_screen(pilot, "HomeScreen")
                await pilot.press("down")
