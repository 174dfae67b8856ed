"""What the talk screen says about who reads a note, and the level a new note starts at."""

from __future__ import annotations

from pathlib import Path

from dialog_kit import age
from dialog_kit.config import Config
from dialog_kit.record import GuideRef, Visibility
from dialog_kit.tui.app import DialogKitApp
from dialog_kit.tui.widgets.checklist import Checklist
from dialog_kit.vault import Vault
from tests.guides.guidefiles import copy_mini_folder

from .helpers import (
    PASSPHRASE,
    SIZE,
    WORK_FACTOR,
    journey,
    make_app,
    seed_vault,
    talk,
    unlock,
    wait_for,
    wait_screen,
)


def _editor_label(app: DialogKitApp) -> str:
    return str(app.screen.query_one("#editor-label").content)


def _add_recovery_key(tmp_path: Path) -> str:
    _secret, public = age.generate_identity()
    vault = Vault.open(tmp_path / "vault")
    try:
        vault.unlock(PASSPHRASE)
        vault.add_recipient(public)
    finally:
        vault.close()
    return public


@journey
async def test_a_private_note_says_only_you_without_a_recovery_key(tmp_path: Path) -> None:
    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        await pilot.press("w")
        await wait_for(pilot, lambda: "[private]" in _editor_label(app))
        assert "only you can read it" in _editor_label(app)
        assert "only you" in app.screen.help_intro()  # type: ignore[attr-defined]


@journey
async def test_with_a_recovery_key_a_private_note_names_who_else_reads_it(tmp_path: Path) -> None:
    seed_vault(tmp_path, [talk("Anna Berg")])
    key = _add_recovery_key(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        await pilot.press("w")
        await wait_for(pilot, lambda: "[private]" in _editor_label(app))
        label = _editor_label(app)
        assert "only you" not in label
        assert f"you and the holder of the recovery key {key[:9]}…{key[-4:]} can read it" in label
        assert "only you" not in app.screen.help_intro()  # type: ignore[attr-defined]
        await pilot.press("ctrl+t")  # shared: the recovery key is no longer the news
        await wait_for(pilot, lambda: "[shared]" in _editor_label(app))
        assert "goes into the employee's summary" in _editor_label(app)


@journey
async def test_a_note_on_an_item_starts_at_the_items_level_and_private_without_one(
    tmp_path: Path,
) -> None:
    guides = copy_mini_folder(tmp_path / "guides")
    record = talk("Anna Berg")
    record.guide = GuideRef("mini", 1)
    seed_vault(tmp_path, [record])
    (tmp_path / "out").mkdir()
    config = Config(organisation="Test", manager_name="Maja Chef", country="se", guides_dir=guides)
    app = DialogKitApp(
        config, tmp_path / "vault", work_factor=WORK_FACTOR, output_folder=tmp_path / "out"
    )
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        screen = app.screen
        page = screen.query_one("#phase-page")  # the phase page holds the note being written
        checklist = screen.query_one(Checklist)
        checklist.focus()
        await wait_for(pilot, lambda: checklist.has_focus)
        # mini.toml, phase "prepare": book-room says no visibility, read-plan says shared.
        await pilot.press("n")
        await wait_for(pilot, lambda: getattr(page, "draft_item", None) == "book-room")
        assert page.draft_visibility is Visibility.PRIVATE  # type: ignore[attr-defined]
        assert "[private]" in _editor_label(app)
        checklist.focus()
        await wait_for(pilot, lambda: checklist.has_focus)
        await pilot.press("down", "n")
        await wait_for(pilot, lambda: getattr(page, "draft_item", None) == "read-plan")
        assert page.draft_visibility is Visibility.SHARED  # type: ignore[attr-defined]
        assert "[shared]" in _editor_label(app)
