"""The dialog_kit Textual app: global keys, language and theme, and the screen flow."""

from __future__ import annotations

import dataclasses
import inspect
import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import ClassVar

from textual import events, messages
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
        idle_lock: float | None = None,
        ask_setup: bool = True,
        save_delay: float = 1.0,
    ) -> None:
        super().__init__()
        from dialog_kit.config import default_vault_dir

        config = config or Config()
        self.session = Session(
            config=config,
            vault_path=vault_path or config.vault or default_vault_dir(),
            work_factor=work_factor,
            save_delay=save_delay,
        )
        self.unlock_hint = hint
        self.output_folder = output_folder
        """Where documents go; None means ~/Documents or the home folder."""
        self.settings_path = settings_path
        """The settings file the chosen language is remembered in; None means config_path()."""
        self._settings_lock = threading.Lock()
        self.idle_lock = idle_lock
        """Seconds without a key or a click before the vault locks; None: never."""
        self._last_activity = time.monotonic()
        self.ask_setup = ask_setup
        """Show the setup screen after unlocking while needs_setup(config) (not in the demo)."""
        if language in LANGUAGES:
            set_language(language)

    def save_settings(self, values: Mapping[str, object]) -> None:
        """Writes several settings at once (the setup screen; call from a thread).

        Under the same lock as F2's language, so the two never overwrite each other.
        """
        from dialog_kit.config import save_settings

        with self._settings_lock:
            save_settings(values, self.settings_path)

    def on_mount(self) -> None:
        from dialog_kit.tui.screens.unlock import UnlockScreen

        self.push_screen(UnlockScreen())
        if self.idle_lock is not None:
            self.set_interval(min(max(self.idle_lock / 4, 0.05), 5.0), self.check_idle_lock)

    # -- idle lock (the browser: a tab left open on a shared desk) -----------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown | events.MouseScrollDown
                      | events.MouseScrollUp | events.Paste):  # fmt: skip
            self._last_activity = time.monotonic()
        await super().on_event(event)

    async def check_idle_lock(self, now: float | None = None) -> bool:
        """Locks the vault when it has been idle for `idle_lock` seconds; True if it did."""
        from dialog_kit.tui.screens.unlock import UnlockScreen

        if self.idle_lock is None or self.session.vault is None:
            return False
        if isinstance(self.screen, UnlockScreen):
            return False  # nothing is open yet (or a passphrase was wrong)
        now = time.monotonic() if now is None else now
        if now - self._last_activity < self.idle_lock:
            return False
        return await self.lock_vault()

    async def lock_vault(self) -> bool:
        """Saves, forgets the key and asks for the passphrase again; False if saving failed."""
        from dialog_kit.tui.screens.unlock import UnlockScreen

        if not self._flush_all():
            return False  # the talk screen said why; the next check tries again
        self.session.close()
        self.session.vault = None
        self.session.records = []
        self.session.damaged = []
        self.session.read_only = False
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        await self.push_screen(UnlockScreen())
        minutes = max(1, round((self.idle_lock or 0) / 60))
        self.notify(
            _("Locked after {minutes} min without use. Enter the passphrase to go on.").format(
                minutes=minutes
            ),
            title=_("Vault locked"),
            timeout=30,
        )
        return True

    # -- documents in the browser --------------------------------------------------

    def deliver_document(self, path: Path) -> None:
        """In a browser, also hands a saved document to the browser as a download."""
        if self.is_web:
            self.deliver_binary(path, open_method="download")

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

    def _flush_all(self) -> bool:
        """Saves what every open screen has not saved yet; False if any save failed."""
        failed = False
        for screen in self.screen_stack:
            flush = getattr(screen, "flush_save", None)
            if callable(flush) and not flush():
                failed = True
        return not failed

    def on_exit_app(self, _message: messages.ExitApp) -> None:
        # Also when the browser tab closes or the server stops: the app is told to exit,
        # without going through action_quit, and must not lose the last typing.
        self._flush_all()

    async def action_quit(self) -> None:
        """Saves any open talk first; if that fails, asks before leaving."""
        if self._flush_all():
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
