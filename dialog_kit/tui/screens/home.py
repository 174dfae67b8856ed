"""Every talk in a table, a filter by name, and what to do next."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, Static

from dialog_kit.clock import today as clock_today
from dialog_kit.errors import DialogKitError
from dialog_kit.i18n import N_, _, ngettext
from dialog_kit.names import name_contains
from dialog_kit.tui.app import DialogKitApp
from dialog_kit.tui.autosave import run_reporting
from dialog_kit.tui.labels import kind_label, status_label
from dialog_kit.tui.todo import overdue, todo_entries
from dialog_kit.tui.widgets.footer import LocalFooter

if TYPE_CHECKING:
    from dialog_kit.record import Record
    from dialog_kit.tui.session import Session


class HomeScreen(Screen[None]):
    app = getters.app(DialogKitApp)

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_talk", N_("New talk"), id="home.new"),
        Binding("enter", "open_talk", N_("Open"), id="home.open"),
        Binding("e", "export", N_("Export"), id="home.export"),
        Binding("p", "prepare", N_("Prep sheet"), id="home.prepare"),
        Binding("d", "delete", N_("Delete"), id="home.delete"),
        Binding("slash", "filter", N_("Filter"), id="home.filter"),
        # Not in the footer (at 80 columns it would push Quit out): F1 and the palette list it.
        Binding("g", "cohorts", N_("Age groups"), id="home.cohorts", show=False),
        Binding("q", "app.quit", N_("Quit"), id="home.quit"),
        Binding("escape", "leave_filter", N_("Back to the list"), id="home.unfilter", show=False),
    ]

    @property
    def session(self) -> Session:
        return self.app.session

    def compose(self) -> ComposeResult:
        yield Static("", id="home-banner", classes="banner")
        yield Input(id="filter", compact=True)
        with Horizontal(id="home-body"):
            yield DataTable(id="talks", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="todo-box"):
                yield Label("", id="todo-title", classes="section-title")
                yield Static("", id="todo")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.refresh_texts()
        self.query_one(DataTable).focus()
        problems = self.session.library.problems if self.session.library else []
        if problems:
            self.notify(
                ngettext(
                    "{count} guide file problem; run 'dialog-kit guides validate'.",
                    "{count} guide file problems; run 'dialog-kit guides validate'.",
                    len(problems),
                ).format(count=len(problems)),
                title=_("Guides"),
                severity="warning",
            )

    def on_screen_resume(self) -> None:
        self.refresh_rows()

    # -- texts and rows --------------------------------------------------------

    def refresh_texts(self) -> None:
        self.query_one("#filter", Input).placeholder = _("Filter by name  ( / )")
        self.query_one("#todo-title", Label).update(_("To do"))
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_column(_("Employee"), key="employee")
        table.add_column(_("Talk"), key="kind")
        table.add_column(_("Date"), key="date")
        table.add_column(_("Status"), key="status")
        table.add_column(_("Follow-up"), key="follow_up")
        self.refresh_rows()

    def refresh_rows(self) -> None:
        session = self.session
        banners = []
        if session.read_only:
            banners.append(
                _("READ-ONLY: another dialog-kit is using this vault; nothing can be saved here.")
            )
        if session.damaged:
            banners.append(
                ngettext(
                    "! {count} vault file could not be read; run 'dialog-kit check'.",
                    "! {count} vault files could not be read; run 'dialog-kit check'.",
                    len(session.damaged),
                ).format(count=len(session.damaged))
            )
        banner = self.query_one("#home-banner", Static)
        banner.update("\n".join(banners))
        banner.display = bool(banners)

        table = self.query_one(DataTable)
        selected = self.selected_id()
        table.clear()
        needle = self.query_one("#filter", Input).value
        today = clock_today()
        records = session.records
        for record in records:
            if needle.strip() and not name_contains(record.employee.name, needle):
                continue
            follow = Text("")
            if record.follow_up is not None:
                if overdue(record, records, today, session.register):
                    follow = Text("! " + record.follow_up.isoformat(), style="bold red")
                else:
                    follow = Text(record.follow_up.isoformat())
            table.add_row(
                Text(record.employee.name),
                kind_label(record.kind, short=True),
                record.date.isoformat(),
                status_label(record.status),
                follow,
                key=record.id,
            )
        if not table.row_count:
            pass
        elif selected is not None and selected in {r.key.value for r in table.rows.values()}:
            table.move_cursor(row=table.get_row_index(selected))

        from dialog_kit.guides import org_scope

        country = org_scope(session.config).country
        entries = todo_entries(
            records, session.library, today, session.register, country, session.briefings
        )
        todo = Text()
        for entry in entries:
            todo.append("• " + entry.text + "\n", style="bold red" if entry.urgent else "")
        if not entries:
            todo.append(_("Nothing due."))
        if not records:
            todo = Text(_("No talks yet. Press n to start one."))
        self.query_one("#todo", Static).update(todo)

    def selected_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except Exception:  # no valid cursor yet
            return None
        return str(key.value) if key.value is not None else None

    def selected_record(self) -> Record | None:
        record_id = self.selected_id()
        return self.session.get(record_id) if record_id else None

    # -- events ----------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.refresh_rows()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self.query_one(DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_talk()

    # -- actions ---------------------------------------------------------------

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_leave_filter(self) -> None:
        self.query_one(DataTable).focus()

    def action_new_talk(self) -> None:
        from dialog_kit.tui.screens.new_talk import NewTalkScreen

        if self.session.read_only:
            self._read_only()
            return
        self.app.push_screen(NewTalkScreen(), self._talk_created)

    def _talk_created(self, record_id: str | None) -> None:
        self.refresh_rows()
        if record_id:
            self._open(record_id)

    def action_open_talk(self) -> None:
        record_id = self.selected_id()
        if record_id is None:
            self.notify(_("No talk selected. Press n to start one."))
            return
        self._open(record_id)

    def _open(self, record_id: str) -> None:
        from dialog_kit.tui.screens.talk import TalkScreen

        if self.session.library is None:
            return
        try:
            screen = TalkScreen(record_id)
        except DialogKitError as exc:  # e.g. no guide for this kind of talk any more
            self.notify(exc.message, title=exc.title, severity="error")
            return
        self.app.push_screen(screen)

    def action_export(self) -> None:
        from dialog_kit.tui.screens.review import ReviewScreen

        record_id = self.selected_id()
        if record_id is None:
            self.notify(_("No talk selected."))
            return
        self.app.push_screen(ReviewScreen(record_id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The age groups' key is there only when some group is this year's or next's.
        if action == "cohorts":
            return bool(self.session.cohorts())
        return True

    def action_cohorts(self) -> None:
        from dialog_kit.tui.screens.cohorts import CohortsScreen

        self.app.push_screen(CohortsScreen(self.session.cohorts()))

    def action_prepare(self) -> None:
        from dialog_kit.tui.screens.prepare import PrepareScreen

        record = self.selected_record()
        self.app.push_screen(PrepareScreen(record))

    def action_delete(self) -> None:
        from dialog_kit.tui.screens.confirm import ConfirmScreen

        record = self.selected_record()
        if record is None:
            self.notify(_("No talk selected."))
            return
        if self.session.read_only:
            self._read_only()
            return
        question = _(
            "Erase the {kind} with {name} of {date} from the vault? This cannot be undone."
        ).format(
            kind=kind_label(record.kind).lower(),
            name=record.employee.name,
            date=record.date.isoformat(),
        )
        record_id = record.id

        def answered(yes: bool | None) -> None:
            if yes:
                self.delete_record(record_id)

        self.app.push_screen(ConfirmScreen(_("Delete talk"), question, yes=_("Delete")), answered)

    @work(thread=True, exit_on_error=False, group="vault")
    def delete_record(self, record_id: str) -> None:
        def erased(_result: None) -> None:
            self.refresh_rows()
            self.notify(_("The talk was erased."))

        run_reporting(
            self.app,
            lambda: self.session.delete(record_id),
            erased,
            lambda title, message: self.notify(message, title=title, severity="error"),
        )

    def _read_only(self) -> None:
        self.notify(
            _("Another dialog-kit is using this vault, so changes cannot be saved here."),
            title=_("Read-only"),
            severity="warning",
        )

    def palette_commands(self) -> list[SystemCommand]:
        return [
            SystemCommand(_("New talk"), _("Start a talk with an employee"), self.action_new_talk),
            SystemCommand(_("Open talk"), _("Open the selected talk"), self.action_open_talk),
            SystemCommand(
                _("Export"), _("Preview and make the employee's documents"), self.action_export
            ),
            SystemCommand(
                _("Preparation sheet"),
                _("A PDF the employee reads before the talk"),
                self.action_prepare,
            ),
            SystemCommand(_("Delete talk"), _("Erase the selected talk"), self.action_delete),
            *(
                [SystemCommand(_("Age groups"), _("Who to inform together, and who was"),
                               self.action_cohorts)]
                if self.session.cohorts()
                else []
            ),
        ]  # fmt: skip

    def help_intro(self) -> str:
        return _(
            "Every talk in your vault. Arrow keys move, Enter opens. "
            "Lines marked '!' need attention: an overdue follow-up or actions past their date."
        )
