"""Unlocking: a wrong passphrase can be retried, a busy vault opens read-only, damage is named."""

from __future__ import annotations

import threading
from pathlib import Path

from dialog_kit.vault import Vault

from .helpers import (
    PASSPHRASE,
    SIZE,
    error_text,
    journey,
    make_app,
    screen_text,
    seed_vault,
    talk,
    type_text,
    unlock,
    wait_for,
    wait_screen,
    wait_text,
)


@journey
async def test_wrong_passphrase_says_so_and_the_right_one_then_opens(tmp_path: Path) -> None:
    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.mode == "unlock")
        await type_text(pilot, "not-it")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Wrong passphrase" in screen_text(pilot))
        # The field is emptied and focused again: just type the right one.
        assert app.screen.query_one("#passphrase").value == ""
        assert type(app.screen).__name__ == "UnlockScreen"
        await unlock(pilot)
        assert "Anna Berg" in screen_text(pilot)


@journey
async def test_first_run_checks_the_passphrase_is_typed_the_same_twice(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_text(pilot, "cannot be recovered")
        assert "recipients add" in screen_text(pilot)
        # Textual applies focus after the repaint: type only once the field has it.
        await wait_for(pilot, lambda: getattr(app.focused, "id", None) == "passphrase")
        await type_text(pilot, "one")
        await pilot.press("enter")
        await type_text(pilot, "two")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "differ" in screen_text(pilot))
        assert not Vault.exists(tmp_path / "vault")
        await type_text(pilot, "one")
        await pilot.press("enter")
        # "one" is easy to guess: the app says so, and only a second Enter keeps it.
        await wait_for(pilot, lambda: "Press Enter again to use it anyway." in error_text(pilot))
        assert "very easy to guess" in error_text(pilot)
        assert "very easy" in screen_text(pilot)
        assert not Vault.exists(tmp_path / "vault")
        await pilot.press("enter")
        await wait_screen(pilot, "HomeScreen")
    vault = Vault.open(tmp_path / "vault")
    vault.unlock("one")
    vault.close()


@journey
async def test_a_vault_held_by_another_process_opens_read_only(tmp_path: Path) -> None:
    seed_vault(tmp_path, [talk("Anna Berg")])
    other = Vault.open(tmp_path / "vault")
    other.unlock(PASSPHRASE)
    other.acquire_write_lock()
    try:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot)
            text = screen_text(pilot)
            assert "READ-ONLY" in text and "Anna Berg" in text
            await pilot.press("n")  # refused with a message, no form
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"
            await pilot.press("enter")
            await wait_screen(pilot, "TalkScreen")
            assert "READ-ONLY" in screen_text(pilot)
            await pilot.press("enter", "space")  # ticking is refused
            await pilot.pause()
            assert not app.screen.record.phases
            assert not app.screen.dirty
    finally:
        other.close()


@journey
async def test_a_damaged_vault_file_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    seed_vault(tmp_path, [talk("Anna Berg")])
    (tmp_path / "vault" / "records" / "0f0e0d0c-0b0a-4908-8706-050403020100.age").write_bytes(
        b"age-encryption.org/v1\ngarbage"
    )
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        text = screen_text(pilot)
        assert "! 1 vault file could not be read" in text
        assert "Anna Berg" in text


@journey
async def test_a_passphrase_typed_before_the_vault_is_found_is_not_lost(tmp_path: Path) -> None:
    """Typing starts at once; an Enter pressed during the vault check is acted on after it."""
    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path)
    checked = threading.Event()
    real_prepare = app.session.prepare

    def slow_prepare() -> bool:
        checked.wait(timeout=10)  # the vault check takes as long as the test wants
        return real_prepare()

    app.session.prepare = slow_prepare  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app.focused, "id", None) == "passphrase")
        assert app.screen.mode == "checking"
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        assert type(app.screen).__name__ == "UnlockScreen"
        checked.set()
        await wait_screen(pilot, "HomeScreen")
        assert "Anna Berg" in screen_text(pilot)


@journey
async def test_a_vault_made_by_0_1_0_shows_its_settings_once_when_the_app_authenticates_them(
    tmp_path: Path,
) -> None:
    import shutil

    sample = Path(__file__).resolve().parent.parent / "data" / "vaults" / "v0.1.0"
    target = tmp_path / "vault"
    shutil.copytree(sample, target)
    for path in [target, *target.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot, "sample vault v0.1.0")
        await wait_for(
            pilot, lambda: any("made by dialog_kit 0.1.0" in n.message for n in app._notifications)
        )
        shown = next(n.message for n in app._notifications if "0.1.0" in n.message)
        assert "your own key: age1" in shown and "work factor: 18" in shown
    assert "[authentication]" in (target / "vault.toml").read_text()
