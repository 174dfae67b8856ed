"""The app in a browser tab locks itself when left alone, and saves when it is told to exit.

The clock is passed in (`check_idle_lock(now=...)`), so no test waits for real minutes.
"""

from __future__ import annotations

from pathlib import Path

from textual import messages

from .helpers import (
    PASSPHRASE,
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

IDLE = 600.0


def _vault_lock_is_free(tmp_path: Path) -> bool:
    from dialog_kit.vault import Vault, VaultBusyError

    other = Vault.open(tmp_path / "vault")
    other.unlock(PASSPHRASE)
    try:
        other.acquire_write_lock()
    except VaultBusyError:
        return False
    finally:
        other.close()
    return True


@journey
async def test_left_alone_the_vault_saves_locks_and_asks_for_the_passphrase(
    tmp_path: Path,
) -> None:
    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path, idle_lock=IDLE)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        await write_note(pilot)
        # type_text returns once the editor has taken every key, and the app sees each key
        # before the editor does: no key is still on its way to move the last activity on.
        await type_text(pilot, "IDLENOTE")
        last = app._last_activity

        assert not await app.check_idle_lock(now=last + IDLE - 1)
        assert type(app.screen).__name__ == "TalkScreen"

        assert await app.check_idle_lock(now=last + IDLE)
        await wait_screen(pilot, "UnlockScreen")
        # What was typed is on disk, the key is forgotten, the vault's lock is free.
        assert [note.text for _phase, note in vault_records(tmp_path)[0].notes()] == ["IDLENOTE"]
        assert app.session.vault is None
        assert app.session.records == []
        assert _vault_lock_is_free(tmp_path)
        assert any("Locked after 10 min" in n.message for n in app._notifications)
        assert "Anna Berg" not in screen_text(pilot)
        assert [type(s).__name__ for s in app.screen_stack][1:] == ["UnlockScreen"]

        # The passphrase opens it again, with the talk and its note.
        await unlock(pilot)
        assert "Anna Berg" in screen_text(pilot)
        assert not app.session.read_only


@journey
async def test_a_key_or_a_click_postpones_the_lock(tmp_path: Path) -> None:
    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path, idle_lock=IDLE)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        before = app._last_activity
        await pilot.press("down")
        await wait_for(pilot, lambda: app._last_activity > before)
        assert not await app.check_idle_lock(now=before + IDLE)
        clicked = app._last_activity
        await pilot.click("DataTable")
        await wait_for(pilot, lambda: app._last_activity > clicked)
        assert not await app.check_idle_lock(now=clicked + IDLE)
        assert type(app.screen).__name__ == "HomeScreen"


@journey
async def test_the_terminal_app_has_no_idle_lock_unless_asked(tmp_path: Path) -> None:
    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        assert not await app.check_idle_lock(now=app._last_activity + 10 * IDLE)
        assert type(app.screen).__name__ == "HomeScreen"


@journey
async def test_told_to_exit_as_when_the_tab_closes_the_app_saves_first(tmp_path: Path) -> None:
    # The autosave waits an hour here: only the save on exit can put the note on disk.
    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path, save_delay=3600)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        await write_note(pilot)
        await type_text(pilot, "LASTWORDS")
        await wait_for(pilot, lambda: app.screen.dirty)  # type: ignore[attr-defined]
        assert vault_records(tmp_path)[0].notes() == []
        # What Textual's web driver posts when the browser tab closes or the server stops.
        app.post_message(messages.ExitApp())
    assert [note.text for _phase, note in vault_records(tmp_path)[0].notes()] == ["LASTWORDS"]
