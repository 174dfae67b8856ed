"""The language chosen with F2 is remembered in the settings file, which keeps everything else."""

from __future__ import annotations

import stat
from pathlib import Path

from dialog_kit.config import load_config

from .helpers import SIZE, journey, make_app, screen_text, seed_vault, talk, unlock, wait_for

SETTINGS = """\
# Our unit's settings (kept by Per)
organisation = "Malmö stad, äldreomsorgen"  # shown on every document
manager_name = "Per Ek"

# Swedish until someone presses F2
language = "en"
retention_months = 36
"""


def _language_in(path: Path) -> str | None:
    try:
        return load_config(path).language
    except Exception:  # half-written: a test of atomicity would see it here
        return "unreadable"


@journey
async def test_f2_writes_the_language_and_keeps_the_comments_and_other_keys(
    tmp_path: Path,
) -> None:
    settings = tmp_path / "config.toml"
    settings.write_text(SETTINGS, encoding="utf-8")
    settings.chmod(0o640)
    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path, language="en", settings_path=settings)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("f2")  # en -> sv
        await wait_for(pilot, lambda: _language_in(settings) == "sv")
        assert settings.read_text(encoding="utf-8") == SETTINGS.replace(
            'language = "en"', 'language = "sv"'
        )
        config = load_config(settings)
        assert config.organisation == "Malmö stad, äldreomsorgen"
        assert config.manager_name == "Per Ek" and config.retention_months == 36
        assert stat.S_IMODE(settings.stat().st_mode) == 0o640
        await pilot.press("f2")  # sv -> da
        await wait_for(pilot, lambda: _language_in(settings) == "da")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@journey
async def test_a_missing_settings_file_is_created_with_the_language(tmp_path: Path) -> None:
    settings = tmp_path / "settings" / "config.toml"
    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path, language="sv", settings_path=settings)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("f2")  # sv -> da
        await wait_for(pilot, lambda: settings.exists() and _language_in(settings) == "da")
    assert settings.read_text(encoding="utf-8") == 'language = "da"\n'
    assert stat.S_IMODE(settings.stat().st_mode) == 0o600


@journey
async def test_a_broken_settings_file_is_not_overwritten(tmp_path: Path) -> None:
    settings = tmp_path / "config.toml"
    broken = '# half edited\nlanguage = "sv\nmanager_name = "Per Ek"\n'
    settings.write_text(broken, encoding="utf-8")
    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path, language="da", settings_path=settings)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await unlock(pilot)
        await pilot.press("f2")  # da -> en: the interface switches, the file stays as it is
        await wait_for(pilot, lambda: "not remembered" in screen_text(pilot))
        assert "is not valid TOML" in screen_text(pilot)
        assert "New talk" in screen_text(pilot)
    assert settings.read_text(encoding="utf-8") == broken
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
