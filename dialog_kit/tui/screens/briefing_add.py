"""Record a group briefing that was held: the day, who came, whether the handout was given."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, SelectionList

from dialog_kit.i18n import N_, _
from dialog_kit.tui.widgets.status import ErrorLine

if TYPE_CHECKING:
    from dialog_kit.cohorts import Cohort


@dataclass(frozen=True)
class BriefingValues:
    day: date
    attended: tuple[str, ...]
    """Person ids; everyone in the group counts as invited."""
    handout: bool


class BriefingScreen(ModalScreen[BriefingValues | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "ok", N_("Save briefing"), id="briefing.ok"),
        Binding("escape", "cancel", N_("Cancel"), id="briefing.cancel"),
    ]

    def __init__(self, cohort: Cohort, group: str, today: date) -> None:
        super().__init__(classes="dialog-screen")
        self.cohort = cohort
        self.group = group
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(
                _("Briefing for the {group}").format(group=self.group), classes="dialog-title"
            )
            yield Label(_("The day it was held (YYYY-MM-DD)"))
            yield Input(self.today.isoformat(), id="day", max_length=10)
            yield Label(_("Who came (space ticks; everyone in the group was invited)"))
            yield SelectionList[str](
                *[(m.person.name, m.person.id) for m in self.cohort.members], id="attended"
            )
            yield Checkbox(_("The handout was given out"), True, id="handout")
            yield ErrorLine(id="briefing-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Cancel") + " (Esc)", id="cancel")
                yield Button(_("Save") + " (ctrl+s)", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#day", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.action_ok()
        else:
            self.action_cancel()

    def action_ok(self) -> None:
        error = self.query_one("#briefing-error", ErrorLine)
        raw = self.query_one("#day", Input).value.strip()
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            error.update(_("Write the date as YYYY-MM-DD."))
            self.query_one("#day", Input).focus()
            return
        if day > self.today:
            error.update(_("A briefing is recorded once it has been held: not a future day."))
            self.query_one("#day", Input).focus()
            return
        attended = tuple(self.query_one("#attended", SelectionList).selected)
        handout = self.query_one("#handout", Checkbox).value
        self.dismiss(BriefingValues(day, attended, handout))

    def action_cancel(self) -> None:
        self.dismiss(None)
