"""The age groups to inform about career transition this year or next, and who was informed."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from dialog_kit.i18n import N_, _, get_language, ngettext
from dialog_kit.tui.app import DialogKitApp
from dialog_kit.tui.widgets.footer import LocalFooter

if TYPE_CHECKING:
    from dialog_kit.cohorts import Cohort


class CohortsScreen(Screen[None]):
    """One row per age group; the highlighted group's people below, each informed or not.

    Read-only: a briefing is recorded with `dialog-kit briefing add` (docs/cohorts.md).
    """

    app = getters.app(DialogKitApp)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), id="cohorts.back"),
    ]

    def __init__(self, cohorts: list[Cohort]) -> None:
        super().__init__()
        self.cohorts = cohorts

    def compose(self) -> ComposeResult:
        yield Label(_("Age groups to inform"), classes="section-title")
        yield Static(
            _(
                "Tell each group the same way at the same time, before talking to anyone alone. "
                "Record a briefing with 'dialog-kit briefing add'."
            ),
            classes="hint",
        )
        yield DataTable(id="cohorts", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="cohort-members"):
            yield Static("", id="members")
        yield LocalFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(_("Group"), key="group")
        table.add_column(_("Window opens"), key="opens")
        table.add_column(_("People"), key="people")
        table.add_column(_("State"), key="state")
        lang = get_language()
        for cohort in self.cohorts:
            first, last = cohort.opens
            state = _("to inform") if cohort.pending else _("briefing held")
            table.add_row(
                Text(cohort.group(lang)),
                f"{first}–{last}",
                str(len(cohort.members)),
                Text(("! " if cohort.pending else "") + state),
                key=cohort.id,
            )
        table.focus()
        self._show(0)

    def action_back(self) -> None:
        self.app.pop_screen()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(event.cursor_row)

    def _show(self, row: int) -> None:
        if not self.cohorts:
            empty = _("No age group to inform this year or next.")
            self.query_one("#members", Static).update(empty)
            return
        cohort = self.cohorts[min(max(row, 0), len(self.cohorts) - 1)]
        lines = Text()
        count = len(cohort.members)
        lines.append(
            ngettext("{count} person", "{count} people", count).format(count=count) + "\n",
            style="bold",
        )
        for member in cohort.members:
            if member.informed_on is not None:
                state = _("informed on {date}").format(date=member.informed_on.isoformat())
            else:
                state = _("not yet informed")
            lines.append(f"• {member.person.name} ({member.person.birth_year}): {state}\n")
        self.query_one("#members", Static).update(lines)
