"""The app facing a hostile vault folder: it opens read-only instead of writing through a link."""

from __future__ import annotations

from pathlib import Path

from tests.tui.helpers import SIZE, journey, make_app, screen_text, seed_vault, talk, unlock


@journey
async def test_a_lock_file_replaced_by_a_link_opens_the_vault_read_only(tmp_path: Path) -> None:
    seed_vault(tmp_path, [talk("Anna Berg")])
    victim = tmp_path / "precious.txt"
    victim.write_text("the user's own file\n")
    lock = tmp_path / "vault" / ".lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(victim)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        text = screen_text(pilot)
        assert "READ-ONLY" in text and "Anna Berg" in text
    assert victim.read_text() == "the user's own file\n"
    assert lock.is_symlink()
