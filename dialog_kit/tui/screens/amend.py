"""Write a dated amendment to a locked talk, with its visibility."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from dialog_kit.i18n import N_, _
from dialog_kit.privacy import NEW_NOTE_DEFAULT, Visibility, next_visibility
from dialog_kit.tui.labels import visibility_help, visibility_marker
from dialog_kit.tui.widgets.status import ErrorLine


class AmendScreen(ModalScreen[tuple[str, Visibility] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "ok", N_("Add amendment"), id="amend.ok"),
        Binding("ctrl+t", "cycle", N_("Who sees it"), id="amend.visibility"),
        Binding("escape", "cancel", N_("Cancel"), id="amend.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")
        self.visibility = NEW_NOTE_DEFAULT

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(_("Add amendment"), classes="dialog-title")
            yield Static(
                _("The talk is locked: what was agreed stays as it was; this is added, dated."),
                classes="hint",
            )
            yield Static("", id="amend-visibility", markup=False)
            yield TextArea(id="amend-text")
            yield ErrorLine(id="amend-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Cancel") + " (Esc)", id="cancel")
                yield Button(_("Add") + " (ctrl+s)", id="ok", variant="primary")

    def on_mount(self) -> None:
        self._show_visibility()
        self.query_one(TextArea).focus()

    def _show_visibility(self) -> None:
        self.query_one("#amend-visibility", Static).update(
            f"{visibility_marker(self.visibility)} "
            f"{visibility_help(self.visibility, self.app.session.recovery_recipients())}  "  # type: ignore[attr-defined]
            + _("(ctrl+t changes)")
        )

    def action_cycle(self) -> None:
        self.visibility = next_visibility(self.visibility)
        self._show_visibility()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.action_ok()
        else:
            self.action_cancel()

    def action_ok(self) -> None:
        text = self.query_one(TextArea).text.strip()
        if not text:
            self.query_one("#amend-error", ErrorLine).update(_("Write the amendment first."))
            return
        self.dismiss((text, self.visibility))

    def action_cancel(self) -> None:
        self.dismiss(None)
