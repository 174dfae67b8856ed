"""Ask for the path of a file to read (a filled-in sheet): a modal dialog that returns the path.

The dialog only checks that the answer names a regular file; what is in it is
the caller's to check (with the same core functions the command line uses).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from dialog_kit.i18n import N_, _
from dialog_kit.tui.widgets.status import ErrorLine

MAX_PATH = 4096


class FilePathScreen(ModalScreen[Path | None]):
    """Dismisses with the file's path (~ expanded, relative to `folder`), or None on Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="file_path.cancel"),
        Binding("ctrl+s", "ok", N_("Open"), id="file_path.ok"),
    ]

    def __init__(self, title: str, hint: str, folder: Path | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.hint = hint
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.hint, classes="hint", markup=False)
            start = f"{self.folder}/" if self.folder is not None else ""
            yield Input(start, id="file-path", max_length=MAX_PATH, placeholder=_("File path"))
            yield ErrorLine(id="file-path-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Cancel") + " (Esc)", id="cancel")
                yield Button(_("Open") + " (Enter)", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_ok()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.action_ok()
        else:
            self.action_cancel()

    def chosen(self) -> Path | None:
        """The path typed, or None (and the reason shown) when it names no regular file."""
        error = self.query_one("#file-path-error", ErrorLine)
        text = self.query_one(Input).value.strip()
        if not text:
            error.update(_("Type the path of the file."))
            return None
        path = Path(text).expanduser()
        if not path.is_absolute() and self.folder is not None:
            path = self.folder / path
        # A link is refused later by the reader too; saying so here keeps the dialog open.
        if path.is_symlink() or not path.is_file():
            error.update(
                _("{path} is not a file.").format(path=path)
                if path.exists() or path.is_symlink()
                else _("There is no file {path}.").format(path=path)
            )
            return None
        return path

    def action_ok(self) -> None:
        path = self.chosen()
        if path is not None:
            self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
