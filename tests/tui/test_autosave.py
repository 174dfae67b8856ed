"""Every change is saved by itself; a failed save is shown and nothing typed is lost."""

from __future__ import annotations

from pathlib import Path

from dialog_kit.errors import DialogKitError
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
    write_note,
)


@journey
async def test_a_failed_save_is_shown_the_text_stays_and_the_next_save_keeps_it(
    tmp_path: Path,
) -> None:
    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        screen = app.screen
        vault = app.session.vault
        real_save = vault.save
        attempts = []

        def disk_full(record: object) -> None:
            attempts.append(record)
            raise DialogKitError("Disk full", "There is no room left on the disk.")

        vault.save = disk_full
        await write_note(pilot)
        await type_text(pilot, "KEEPME")

        def told() -> bool:  # the notification is a message of its own, handled a moment later
            return any("Disk full" in n.title for n in app._notifications)

        await wait_for(pilot, lambda: attempts and "! not saved" in screen_text(pilot) and told())
        assert screen.query_one("#editor").text == "KEEPME"  # and the text is still there
        assert vault_records(tmp_path)[0].notes() == []

        # Leaving is refused while the talk is unsaved: escape twice stays on the talk.
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.screen is screen

        # The disk has room again: the next change saves everything typed so far.
        vault.save = real_save
        await write_note(pilot)
        await type_text(pilot, "MORE")
        await wait_for(pilot, lambda: not screen.dirty and "saved" in screen_text(pilot))
        await wait_for(pilot, lambda: len(vault_records(tmp_path)[0].notes()) == 2)
    notes = sorted((n.text, n.visibility) for _, n in vault_records(tmp_path)[0].notes())
    assert notes == [("KEEPME", Visibility.PRIVATE), ("MORE", Visibility.PRIVATE)]


@journey
async def test_quitting_right_after_typing_saves_first(tmp_path: Path) -> None:
    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path, save_delay=3600)  # the autosave would never come in time
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        await write_note(pilot)
        await type_text(pilot, "LAST")
        assert app.screen.dirty  # typed, not saved yet
        await pilot.press("ctrl+q")
    assert [n.text for _, n in vault_records(tmp_path)[0].notes()] == ["LAST"]


@journey
async def test_a_slow_save_is_followed_by_the_newest_text_never_an_older_one(
    tmp_path: Path,
) -> None:
    import threading

    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        screen = app.screen
        vault = app.session.vault
        real_save = vault.save
        gate = threading.Event()
        saved_texts: list[str] = []

        def slow_first(record: object) -> None:
            if not saved_texts:
                gate.wait(20)  # the disk is slow this once
            real_save(record)
            saved_texts.append(record.notes()[0][1].text)  # type: ignore[attr-defined]

        vault.save = slow_first
        await write_note(pilot)
        await type_text(pilot, "ONE")
        await wait_for(pilot, lambda: not screen.dirty)  # its save has started, and waits
        await type_text(pilot, " TWO")
        await wait_for(pilot, lambda: not screen.dirty)
        gate.set()
        await wait_for(pilot, lambda: saved_texts and saved_texts[-1] == "ONE TWO")
        await wait_for(pilot, lambda: "saved" in screen_text(pilot))
    assert [n.text for _, n in vault_records(tmp_path)[0].notes()] == ["ONE TWO"]
