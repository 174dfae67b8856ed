"""The interface language switches at run time, from a key and from the command palette."""

from __future__ import annotations

from pathlib import Path

from dialog_kit import i18n

from .helpers import SIZE, journey, make_app, screen_text, seed_vault, talk, unlock, wait_for


@journey
async def test_f2_switches_the_visible_texts_and_back(tmp_path: Path) -> None:
    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        text = screen_text(pilot)
        assert "Employee" in text and "New talk" in text and "To do" in text
        await pilot.press("f2")  # en -> sv
        await wait_for(pilot, lambda: "Medarbetare" in screen_text(pilot))
        text = screen_text(pilot)
        assert "Nytt samtal" in text  # the footer too
        assert "Att göra" in text
        assert "Anna Berg" in text  # the data stays
        await pilot.press("f2", "f2")  # sv -> da -> en
        await wait_for(pilot, lambda: "Employee" in screen_text(pilot))
        assert i18n.get_language() == "en"


@journey
async def test_the_palette_offers_languages_themes_and_the_screens_actions(
    tmp_path: Path,
) -> None:
    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Language: Svenska", "Language: Dansk", "Light theme", "New talk"):
            assert title in titles
        light = next(c for c in app.get_system_commands(app.screen) if c.title == "Light theme")
        light.callback()
        assert app.theme == "textual-light"
        swedish = next(c for c in app.get_system_commands(app.screen) if "Svenska" in c.title)
        swedish.callback()
        await wait_for(pilot, lambda: "Medarbetare" in screen_text(pilot))


@journey
async def test_help_lists_the_keys_of_the_current_screen(tmp_path: Path) -> None:
    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("f1")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        text = screen_text(pilot)
        for line in ("New talk", "Delete", "Filter", "Language"):
            assert line in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")


@journey
async def test_the_guide_follows_the_interface_language_during_a_talk(tmp_path: Path) -> None:
    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "TalkScreen")
        phase = app.screen.guide.phases[0]
        await wait_for(pilot, lambda: phase.title.en in screen_text(pilot))
        await pilot.press("f2")  # Swedish: the guide's own Swedish texts
        await wait_for(pilot, lambda: phase.title.sv in screen_text(pilot))
        assert phase.purpose.sv.split()[0] in screen_text(pilot)


@journey
async def test_the_palette_key_and_the_palette_speak_the_interface_language(
    tmp_path: Path,
) -> None:
    from textual.command import CommandInput, CommandPalette

    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path, language="sv")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await wait_for(pilot, lambda: "palett" in screen_text(pilot).splitlines()[-1])
        assert "palette" not in screen_text(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        prompt = app.screen.query_one(CommandInput)
        assert prompt.placeholder == "Sök efter kommandon…"
        await pilot.press("escape")
        await pilot.press("f2")  # sv -> da: the footer follows
        await wait_for(pilot, lambda: "palet " in screen_text(pilot).splitlines()[-1] + " ")
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        assert app.screen.query_one(CommandInput).placeholder == "Søg efter kommandoer…"


@journey
async def test_the_palette_key_s_tooltip_is_translated_too(tmp_path: Path) -> None:
    from dialog_kit.tui.widgets.footer import LocalFooter

    seed_vault(tmp_path, [talk("Anna Berg")])
    app = make_app(tmp_path, language="da")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        footer = app.screen.query_one(LocalFooter)
        tooltips = lambda: [key.tooltip for key in footer.children]  # noqa: E731
        await wait_for(pilot, lambda: "Åbn kommandopaletten" in tooltips())
