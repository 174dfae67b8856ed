"""Unlock the vault with the passphrase, or create one on first run."""

from __future__ import annotations

from typing import ClassVar

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, LoadingIndicator, Static

from dialog_kit.errors import DialogKitError, WrongPassphraseError
from dialog_kit.i18n import N_, _
from dialog_kit.tui.app import DialogKitApp
from dialog_kit.tui.widgets.footer import LocalFooter
from dialog_kit.tui.widgets.status import ErrorLine

WARM_UP_AFTER = 1.0
"""Seconds after the vault check before the guides and the vault's code load if no key came
first (a key starts the loading once it has been answered on the screen)."""


class UnlockScreen(Screen[None]):
    """Shows at once; the guides load and the vault is looked for in a thread."""

    app = getters.app(DialogKitApp)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.quit", N_("Quit"), id="unlock.quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.mode = "checking"  # checking | unlock | create | busy
        self.vault_exists = False
        # Enter pressed while the vault is still being looked for: acted on once it is found.
        self._submit_when_ready = False
        # A weak new passphrase the user has been told about and chose to keep.
        self._weak_accepted: str | None = None
        self._warming = False

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="unlock-box", classes="dialog"):
            yield Label("dialog_kit", classes="dialog-title")
            yield Static("", id="unlock-intro")
            yield Input(password=True, id="passphrase")
            yield Input(password=True, id="passphrase2")
            yield Static("", id="unlock-note", classes="hint")
            yield ErrorLine(id="unlock-error")
            yield LoadingIndicator(id="unlock-busy")
            yield Static("", id="unlock-status", classes="hint")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.refresh_texts()
        # Typing can start at once; only submitting waits for the vault check.
        self.query_one("#passphrase", Input).focus()
        # The check is one stat in a thread (a slow disk must not hold the screen); started
        # now, it is usually done before the first paint, which then needs no second layout.
        # The guides and crypto load later, in load_guides.
        self.prepare()

    def refresh_texts(self) -> None:
        intro = self.query_one("#unlock-intro", Static)
        note = self.query_one("#unlock-note", Static)
        first = self.query_one("#passphrase", Input)
        second = self.query_one("#passphrase2", Input)
        first.placeholder = _("Passphrase")
        second.placeholder = _("The same passphrase again")
        second.display = self.mode == "create"
        if self.mode == "create":
            intro.update(
                _("No vault yet at {path}. Choose a passphrase to create one.").format(
                    path=self.app.session.vault_path
                )
            )
            note.update(
                _(
                    "Write the passphrase down somewhere safe. If it is lost, your notes "
                    "cannot be recovered, unless a recovery recipient has been set "
                    "(dialog-kit recipients add)."
                )
            )
        elif self.mode == "checking":
            intro.update(_("Looking for your vault…"))
            note.update("")
        else:
            intro.update(_("Enter your passphrase to open your talks."))
            hint = self.app.unlock_hint
            note.update(hint)
        status = self.query_one("#unlock-status", Static)
        status.update(_("Opening the vault…") if self.mode in ("busy", "checking") else "")
        self.query_one("#unlock-busy").display = self.mode in ("busy", "checking")
        first.disabled = self.mode == "busy"
        second.disabled = self.mode == "busy"

    def _set_mode(self, mode: str) -> None:
        self.mode = mode
        self.refresh_texts()
        if mode in ("unlock", "create"):
            first = self.query_one("#passphrase", Input)
            if self._submit_when_ready:
                self._submit_when_ready = False
                self._submit(first)
            elif self.focused is not self.query_one("#passphrase2", Input):
                first.focus()

    def _error(self, text: str) -> None:
        self.query_one("#unlock-error", ErrorLine).update(text)

    @work(thread=True, exit_on_error=False)
    def prepare(self) -> None:
        session = self.app.session
        try:
            exists = session.prepare()
        except DialogKitError as exc:
            self.app.call_from_thread(self._error, f"{exc.title}: {exc.message}")
            return
        self.vault_exists = exists
        self.app.call_from_thread(self._set_mode, "unlock" if exists else "create")
        self.app.call_from_thread(self.set_timer, WARM_UP_AFTER, self._warm_up)

    def _warm_up(self) -> None:
        """Starts loading the guides and the vault's code, once, after the next paint.

        They load while the passphrase is typed: Enter (and what it shows) need not wait
        for them, and unlocking does if they are not there yet. Loading holds the
        interpreter for a while, so it starts only once the first key has been answered
        on the screen (or after WARM_UP_AFTER without a key), never while a key waits.
        """
        if not self._warming:
            self._warming = True
            self.call_after_refresh(self.load_guides)

    @work(thread=True, exit_on_error=False, group="guides")
    def load_guides(self) -> None:
        try:
            self.app.session.warm_up()
        except DialogKitError as exc:
            self.app.call_from_thread(self._error, f"{exc.title}: {exc.message}")

    def on_input_changed(self, _event: Input.Changed) -> None:
        if self.mode != "checking":
            self._warm_up()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.mode == "checking":
            self._submit_when_ready = True
            return
        if self.mode in ("unlock", "create"):
            self._submit(event.input)

    def _submit(self, source: Input) -> None:
        self._warm_up()
        first = self.query_one("#passphrase", Input)
        second = self.query_one("#passphrase2", Input)
        if not first.value:
            self._error(_("The passphrase must not be empty."))
            if self.focused is not first:  # focus() repaints even a focused field
                first.focus()
            return
        if self.mode == "create":
            warning = self._weakness(first.value)
            if source is first:
                self._error(warning or "")
                second.focus()
                return
            if second.value != first.value:
                self._error(_("The two passphrases differ; try again."))
                second.value = ""
                second.focus()
                return
            if warning and self._weak_accepted != first.value:
                # Said plainly once more; a second Enter keeps it, as the CLI's "anyway?".
                self._weak_accepted = first.value
                self._error(warning + " " + _("Press Enter again to use it anyway."))
                return
        self._error("")
        creating = self.mode == "create"
        self._set_mode("busy")
        self.open_vault(first.value, creating)

    def _weakness(self, passphrase: str) -> str | None:
        from dialog_kit.passphrase import estimate, weakness_message

        config = self.app.session.config
        context = tuple(w for w in (config.manager_name, config.organisation) if w)
        return weakness_message(estimate(passphrase, context))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def open_vault(self, passphrase: str, creating: bool) -> None:
        session = self.app.session
        try:
            if creating:
                session.create(passphrase)
            else:
                session.unlock(passphrase)
        except WrongPassphraseError:
            self.app.call_from_thread(self._failed, _("Wrong passphrase. Try again."), creating)
            return
        except DialogKitError as exc:
            self.app.call_from_thread(self._failed, f"{exc.title}: {exc.message}", creating)
            return
        except OSError as exc:
            self.app.call_from_thread(
                self._failed,
                f"{exc.strerror or type(exc).__name__}: {exc.filename or ''}",
                creating,
            )
            return
        self.app.call_from_thread(self._opened)

    def _failed(self, message: str, creating: bool) -> None:
        self._error(message)
        first = self.query_one("#passphrase", Input)
        first.value = ""
        self.query_one("#passphrase2", Input).value = ""
        self._set_mode("create" if creating else "unlock")

    def _opened(self) -> None:
        from dialog_kit.config import needs_setup
        from dialog_kit.tui.screens.home import HomeScreen
        from dialog_kit.tui.screens.setup import SetupScreen
        from dialog_kit.vault.notices import unlock_notices

        vault = self.app.session.vault
        home = HomeScreen()
        self.app.switch_screen(home)
        # What the unlock did or found (a 0.1.0 vault's settings authenticated, settings
        # changed outside dialog_kit): the same words as on the command line.
        for warning, text in unlock_notices(vault):
            if warning:
                self.app.notify(text, severity="warning", timeout=60, markup=False)
            else:
                self.app.notify(text, timeout=60, markup=False)
        if self.app.ask_setup and needs_setup(self.app.session.config):
            # First run (or never finished): who you are and the country, before any talk.
            self.app.push_screen(SetupScreen(first_run=True), lambda _saved: home.refresh_rows())
