"""The talk's last page: agreed actions (the highlighted one in full), follow-up, amendments."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input, Label, Static

from dialog_kit.i18n import _
from dialog_kit.record import Action
from dialog_kit.tui import session as session_module
from dialog_kit.tui.labels import RICH_VISIBILITY_STYLE, visibility_marker
from dialog_kit.tui.widgets.actions_table import ActionsTable
from dialog_kit.tui.widgets.status import ErrorLine
from dialog_kit.tui.widgets.talk_host import TalkHost

NARROW_TABLE = 4 + 19 + 9 + 12 + 4 * 2 + 2
"""The actions table at 80 columns: its four columns, their padding and the scroll bar."""

DONE_BOX = {True: "[x]", False: "[ ]"}
"""The done column: a cross or an empty box, so it never depends on colour alone."""


class ActionsPage(VerticalScroll):
    """Actions, follow-up date and amendments; the talk screen saves what changes."""

    def __init__(self, host: TalkHost, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.host = host

    def compose(self) -> ComposeResult:
        yield Label("", id="actions-title", classes="section-title", markup=False)
        yield ActionsTable(id="actions", cursor_type="row")
        yield Static("", id="action-detail", markup=False)
        yield Static("", id="actions-hint", classes="hint", markup=False)
        yield Label("", id="follow-label", classes="section-title", markup=False)
        yield Input(id="follow-up", max_length=10, compact=True)
        yield ErrorLine(id="follow-error")
        yield Label("", id="amendments-title", classes="section-title", markup=False)
        yield Static("", id="amendments", markup=False)

    @property
    def table(self) -> ActionsTable:
        return self.query_one("#actions", ActionsTable)

    def show(self) -> None:
        record = self.host.record
        self.query_one("#actions-title", Label).update(_("Agreed actions"))
        table = self.table
        cursor = table.cursor_row
        table.clear(columns=True)
        # All four columns fit at 80 columns; a wider terminal gives "what" and "who" the
        # room; the line below the table shows the highlighted action in full anyway.
        spare = max(0, self.content_size.width - NARROW_TABLE)
        table.add_column(_("Done"), key="done", width=4)
        table.add_column(_("What"), key="what", width=19 + spare * 3 // 4)
        table.add_column(_("Who"), key="owner", width=9 + spare // 4)
        table.add_column(_("By when"), key="due", width=12)
        today = session_module.today()
        for action in record.actions:
            late = _late(action, today)
            due = Text(("! " if late else "") + (action.due.isoformat() if action.due else ""))
            if late:
                due.stylize("bold red")
            table.add_row(
                Text(DONE_BOX[action.done]),
                Text(action.what),
                Text(action.owner),
                due,
                key=action.id,
            )
        if table.row_count:
            table.move_cursor(row=min(max(cursor, 0), table.row_count - 1))
        self.show_detail()
        if record.locked:
            hint = _("space marks done (recorded as an amendment)")
        else:
            hint = _("a adds, Enter changes, space marks done, x deletes")
        if not record.actions:
            hint = _("No actions yet.") + " " + hint
        self.query_one("#actions-hint", Static).update(hint)
        self.query_one("#follow-label", Label).update(_("Follow-up date (YYYY-MM-DD)"))
        follow = self.query_one("#follow-up", Input)
        value = record.follow_up.isoformat() if record.follow_up else ""
        if follow.value != value and not follow.has_focus:
            with follow.prevent(Input.Changed):
                follow.value = value
        follow.disabled = self.host.read_only
        amendments = record.amendments
        self.query_one("#amendments-title", Label).update(_("Amendments"))
        self.query_one("#amendments-title").display = bool(amendments) or record.locked
        body = Text()
        for m in amendments:
            body.append(f"{m.at.strftime('%Y-%m-%d %H:%M')} ")
            body.append(visibility_marker(m.visibility), style=RICH_VISIBILITY_STYLE[m.visibility])
            body.append(f" {m.text}\n")
        if not amendments and record.locked:
            body.append(_("None yet. Press m to add one."))
        self.query_one("#amendments", Static).update(body)

    def show_detail(self) -> None:
        """The highlighted action in full (the table cuts long texts): what, who, by when."""
        action = self.selected_action()
        detail = self.query_one("#action-detail", Static)
        detail.display = action is not None
        if action is None:
            return
        text = Text()
        text.append(DONE_BOX[action.done] + " ", style="bold")
        text.append(action.what)
        text.append("\n" + _("Who") + ": ", style="bold")
        text.append(action.owner or "–")
        text.append(" · " + _("By when") + ": ", style="bold")
        text.append(action.due.isoformat() if action.due else "–")
        if _late(action, session_module.today()):
            text.append(" !", style="bold red")
        detail.update(text)

    def on_resize(self) -> None:
        if self.display and self.is_attached:
            self.show()

    @on(DataTable.RowHighlighted, "#actions")
    def _highlighted(self) -> None:
        self.show_detail()

    def selected_action(self) -> Action | None:
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((a for a in self.host.record.actions if a.id == key), None)

    # -- changes ---------------------------------------------------------------------

    def on_actions_table_request(self, event: ActionsTable.Request) -> None:
        event.stop()
        if event.what == "done":
            self._toggle_done()
        elif event.what == "delete":
            self._delete()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        action = self.selected_action()
        if action is not None:
            self.edit(action)

    def edit(self, action: Action | None) -> None:
        """The action dialog for `action`, or for a new one when None."""
        from dialog_kit.tui.screens.action_edit import ActionScreen, ActionValues

        if self.host.refuse_if_read_only():
            return
        record = self.host.record

        def done(values: ActionValues | None) -> None:
            if values is None:
                return
            if action is None:
                record.add_action(values.what, values.owner, values.due, values.done)
            else:
                record.edit_action(action.id, values.what, values.owner, values.due, values.done)
            self._changed()

        self.app.push_screen(ActionScreen(action, record.employee.name), done)

    def _toggle_done(self) -> None:
        # Marking done is follow-up, so a locked talk takes it (as an amendment).
        action = self.selected_action()
        if action is None or self.host.refuse_if_vault_read_only():
            return
        self.host.record.set_action_done(action.id, not action.done)
        self._changed()

    def _delete(self) -> None:
        action = self.selected_action()
        if action is None or self.host.refuse_if_read_only():
            return
        self.host.record.remove_action(action.id)
        self._changed()

    def _changed(self, delay: float | None = None) -> None:
        self.show()
        self.host.record_changed(delay=delay)

    @on(Input.Changed, "#follow-up")
    def follow_up_changed(self, event: Input.Changed) -> None:
        if self.host.read_only:
            return
        error = self.query_one("#follow-error", ErrorLine)
        raw = event.value.strip()
        if not raw:
            new = None
        else:
            try:
                new = date.fromisoformat(raw)
            except ValueError:
                error.update(_("Write the date as YYYY-MM-DD, for example 2027-03-01."))
                return
        error.update("")
        record = self.host.record
        if new != record.follow_up:
            record.set_follow_up(new)
            self.host.record_changed()


def _late(action: Action, today: date) -> bool:
    return not action.done and action.due is not None and action.due < today
