"""The dialog_kit Textual app: global keys, language and theme, and the screen flow."""

from __future__ import annotations

import dataclasses
import inspect
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from dialog_kit.config import Config
from dialog_kit.errors import DialogKitError
from dialog_kit.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, get_language, set_language
from dialog_kit.tui.session import Session
from dialog_kit.tui.widgets.footer import LocalFooter


class DialogKitApp(App[None]):
    """Unlock -> home (every talk) -> the talk, phase by phase -> review and documents."""

    CSS_PATH = "app.tcss"
    TITLE = "dialog_kit"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,question_mark", "help", N_("Help"), id="app.help"),
        Binding("f2,ctrl+l", "next_language", N_("Language"), id="app.language"),
        Binding("ctrl+q", "quit", N_("Quit"), id="app.quit", show=False, priority=True),
        # Textual's own palette binding has an English description; this one is translated.
        Binding(
            "ctrl+p",
            "command_palette",
            N_("palette"),
            id="app.palette",
            show=False,
            priority=True,
            tooltip=N_("Open the command palette"),
        ),
    ]

    def __init__(
        self,
        config: Config | None = None,
        vault_path: Path | None = None,
        *,
        work_factor: int = 18,
        hint: str = "",
        language: str | None = None,
        output_folder: Path | None = None,
        settings_path: Path | None = None,
    ) -> None:
        super().__init__()
        from dialog_kit.config import default_vault_dir

        config = config or Config()
        self.session = Session(
            config=config,
            vault_path=vault_path or config.vault or default_vault_dir(),
            work_factor=work_factor,
        )
        self.unlock_hint = hint
        self.output_folder = output_folder
        """Where documents go; None means ~/Documents or the home folder."""
        self.settings_path = settings_path
        """The settings file the chosen language is remembered in; None means config_path()."""
        self._settings_lock = threading.Lock()
        if language in LANGUAGES:
            set_language(language)

    def on_mount(self) -> None:
        from dialog_kit.tui.screens.unlock import UnlockScreen

        self.push_screen(UnlockScreen())

    # -- language ------------------------------------------------------------

    def action_next_language(self) -> None:
        current = get_language()
        self.switch_language(LANGUAGES[(LANGUAGES.index(current) + 1) % len(LANGUAGES)])

    def switch_language(self, lang: str) -> None:
        """Changes the interface language, redraws every open screen and remembers the choice."""
        set_language(lang)
        self.run_worker(self._redraw_texts(lang), exclusive=True, group="language")
        self.run_worker(self._remember_language, thread=True, group="settings", exit_on_error=False)

    def _remember_language(self) -> None:
        """Writes the current language to the settings file (thread: it fsyncs).

        Each run writes the language current when it gets the lock, so quick
        presses of F2 end with the last choice on disk, whatever order they run in.
        """
        from dialog_kit.config import save_setting

        with self._settings_lock:
            lang = get_language()
            try:
                save_setting("language", lang, self.settings_path)
            except (DialogKitError, OSError) as exc:
                if isinstance(exc, DialogKitError):
                    problem = f"{exc.title}: {exc.message}"
                else:
                    problem = exc.strerror or type(exc).__name__
                self.call_from_thread(
                    self.notify,
                    problem,
                    title=_("The language is not remembered"),
                    severity="warning",
                    timeout=10,
                    markup=False,
                )
            else:
                self.session.config = dataclasses.replace(self.session.config, language=lang)

    async def _redraw_texts(self, lang: str) -> None:
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_texts", None)
            if callable(refresh):
                result = refresh()
                if inspect.isawaitable(result):
                    await result
            for footer in screen.query(LocalFooter):
                footer.refresh(recompose=True)
        self.refresh_bindings()
        self.notify(_("Interface language: {name}").format(name=LANGUAGE_NAMES[lang]))

    # -- palette and help ------------------------------------------------------

    def action_command_palette(self) -> None:
        """Textual's palette, with its search prompt in the interface language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(
                CommandPalette(placeholder=_("Search for commands…"), id="--command-palette")
            )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand(_("Help"), _("The keys of this screen"), self.action_help)
        for lang in LANGUAGES:
            yield SystemCommand(
                _("Language: {name}").format(name=LANGUAGE_NAMES[lang]),
                _("Switch the interface language"),
                lambda lang=lang: self.switch_language(lang),
            )
        yield SystemCommand(
            _("Light theme"),
            _("Dark text on a light background"),
            lambda: setattr(self, "theme", "textual-light"),
        )
        yield SystemCommand(
            _("Dark theme"),
            _("Light text on a dark background"),
            lambda: setattr(self, "theme", "textual-dark"),
        )
        yield from getattr(screen, "palette_commands", lambda: [])()
        yield SystemCommand(_("Quit"), _("Save and leave the app"), self.action_quit)

    def action_help(self) -> None:
        from dialog_kit.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        intro = getattr(self.screen, "help_intro", lambda: "")()
        self.push_screen(HelpScreen(self.screen, intro))

    async def action_quit(self) -> None:
        """Saves any open talk first; if that fails, asks before leaving."""
        failed = False
        for screen in self.screen_stack:
            flush = getattr(screen, "flush_save", None)
            if callable(flush) and not flush():
                failed = True
        if not failed:
            self.exit()
            return
        from dialog_kit.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit()

        self.push_screen(
            ConfirmScreen(
                _("Not saved"),
                _("The last changes could not be saved. Quit anyway and lose them?"),
                yes=_("Quit without saving"),
            ),
            answered,
        )

    def on_unmount(self) -> None:
        self.session.close()
