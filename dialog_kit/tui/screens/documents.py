"""The documents made for a talk, with their versions and which one the employee has."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from dialog_kit.documents.made import document_lines
from dialog_kit.i18n import N_, _
from dialog_kit.record import Record


class DocumentsScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    DocumentsScreen #documents-list {
        height: auto;
        max-height: 14;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "close", N_("Close"), id="documents.close"),
    ]

    def __init__(self, record: Record) -> None:
        super().__init__(classes="dialog-screen")
        self.record = record

    def compose(self) -> ComposeResult:
        lines = document_lines(self.record) or [_("No document has been made for this talk yet.")]
        with Vertical(classes="dialog wide"):
            yield Label(_("Documents of this talk"), classes="dialog-title")
            with VerticalScroll(id="documents-list"):
                yield Static("\n".join(f"• {line}" for line in lines), markup=False)
            yield Static(
                _("File names carry the date, the talk's short id and the version."),
                classes="hint",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Close") + " (Esc)", id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
