"""Add or change one agreed action: what, who, by when, done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label

from dialog_kit.i18n import N_, _
from dialog_kit.record import MAX_TEXT, Action
from dialog_kit.tui.widgets.status import ErrorLine


@dataclass(frozen=True)
class ActionValues:
    what: str
    owner: str
    due: date | None
    done: bool


class ActionScreen(ModalScreen[ActionValues | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "ok", N_("Save action"), id="action.ok"),
        Binding("escape", "cancel", N_("Cancel"), id="action.cancel"),
    ]

    def __init__(self, action: Action | None, default_owner: str) -> None:
        super().__init__(classes="dialog-screen")
        self.existing = action
        self.default_owner = default_owner

    def compose(self) -> ComposeResult:
        a = self.existing
        with Vertical(classes="dialog wide"):
            yield Label(_("Change action") if a else _("New action"), classes="dialog-title")
            yield Label(_("What"))
            yield Input(a.what if a else "", id="what", max_length=MAX_TEXT)
            yield Label(_("Who is responsible"))
            yield Input(a.owner if a else self.default_owner, id="owner", max_length=200)
            yield Label(_("By when (YYYY-MM-DD, optional)"))
            yield Input(a.due.isoformat() if a and a.due else "", id="due", max_length=10)
            yield Checkbox(_("Done"), a.done if a else False, id="done")
            yield ErrorLine(id="action-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Cancel") + " (Esc)", id="cancel")
                yield Button(_("Save") + " (ctrl+s)", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#what", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "due":
            self.action_ok()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.action_ok()
        else:
            self.action_cancel()

    def action_ok(self) -> None:
        error = self.query_one("#action-error", ErrorLine)
        what = self.query_one("#what", Input).value.strip()
        if not what:
            error.update(_("Write what is to be done."))
            self.query_one("#what", Input).focus()
            return
        raw = self.query_one("#due", Input).value.strip()
        due = None
        if raw:
            try:
                due = date.fromisoformat(raw)
            except ValueError:
                error.update(_("Write the date as YYYY-MM-DD, or leave it empty."))
                self.query_one("#due", Input).focus()
                return
        self.dismiss(
            ActionValues(
                what=what,
                owner=self.query_one("#owner", Input).value.strip(),
                due=due,
                done=self.query_one("#done", Checkbox).value,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
