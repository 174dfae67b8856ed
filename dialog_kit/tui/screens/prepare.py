"""Make the employee's preparation sheet: kind, profile and language, then a PDF."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, LoadingIndicator, Select, Static

from dialog_kit.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, get_language
from dialog_kit.record import Kind, Record
from dialog_kit.tui.app import DialogKitApp
from dialog_kit.tui.autosave import run_reporting
from dialog_kit.tui.labels import kind_label

if TYPE_CHECKING:
    from dialog_kit.tui.session import Session


class PrepareScreen(ModalScreen[None]):
    app = getters.app(DialogKitApp)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "make", N_("Make PDF"), id="prepare.make"),
        Binding("escape", "close", N_("Close"), id="prepare.close"),
    ]

    def __init__(self, record: Record | None) -> None:
        super().__init__(classes="dialog-screen")
        self.record = record

    @property
    def session(self) -> Session:
        return self.app.session

    def compose(self) -> ComposeResult:
        lang = get_language()
        library = self.session.library
        profiles = list(library.profiles.values()) if library else []
        r = self.record
        profile_ids = [p.id for p in profiles]
        profile = r.profile if r and r.profile in profile_ids else (profile_ids or ["general"])[0]
        if not r and "general" in profile_ids:
            profile = "general"
        with Vertical(classes="dialog wide"):
            yield Label(_("Preparation sheet"), classes="dialog-title")
            yield Static(
                _("A PDF with questions the employee can think about before the talk."),
                classes="hint",
            )
            yield Label(_("Kind of talk"))
            yield Select(
                [(kind_label(k), k.value) for k in Kind],
                value=(r.kind if r else Kind.DEVELOPMENT).value,
                allow_blank=False,
                id="prep-kind",
            )
            yield Label(_("Profile"))
            yield Select(
                [(p.title.get(lang), p.id) for p in profiles] or [(_("General"), "general")],
                value=profile,
                allow_blank=False,
                id="prep-profile",
            )
            yield Label(_("Language of the sheet"))
            yield Select(
                [(LANGUAGE_NAMES[c], c) for c in LANGUAGES],
                value=r.locale if r else lang,
                allow_blank=False,
                id="prep-lang",
            )
            yield LoadingIndicator(id="prep-busy")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Close") + " (Esc)", id="close")
                yield Button(_("Make PDF") + " (ctrl+s)", id="make", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#prep-busy").display = False
        self.query_one("#prep-kind", Select).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "make":
            self.action_make()
        else:
            self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_make(self) -> None:
        self.query_one("#prep-busy").display = True
        self.query_one("#make", Button).disabled = True
        self.make(
            str(self.query_one("#prep-kind", Select).value),
            str(self.query_one("#prep-profile", Select).value),
            str(self.query_one("#prep-lang", Select).value),
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="documents")
    def make(self, kind: str, profile: str, lang: str) -> None:
        from datetime import date

        from dialog_kit.documents import preparation_pdf, write_document
        from dialog_kit.tui.outputs import neutral_path, output_dir

        session = self.session
        folder = self.app.output_folder

        def make_sheet() -> Path:
            data = preparation_pdf(
                kind, profile, session.guides(), session.config, lang, in_child=True
            )
            path = neutral_path(
                Path(folder) if folder else output_dir(),
                f"preparation-{kind}-{lang}",
                date.today(),
                ".pdf",
            )
            return write_document(path, data)

        run_reporting(
            self.app,
            make_sheet,
            lambda written: self._done(written, ""),
            lambda title, message: self._done(None, f"{title}: {message}"),
        )

    def _done(self, path: Path | None, error: str) -> None:
        self.query_one("#prep-busy").display = False
        self.query_one("#make", Button).disabled = False
        if path is None:
            self.notify(error, title=_("Could not make the sheet"), severity="error")
            return
        self.notify(str(path), title=_("Document saved"), timeout=8)
        getattr(self.app, "deliver_document", lambda _path: None)(path)
        self.dismiss(None)
