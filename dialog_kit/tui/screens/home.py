"""Every talk, or every person (the team view), a filter, and what to do next."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from dialog_kit.clock import today as clock_today
from dialog_kit.errors import DialogKitError
from dialog_kit.guides import org_scope
from dialog_kit.i18n import N_, _, ngettext
from dialog_kit.names import name_contains
from dialog_kit.team import TodoEntry
from dialog_kit.tui.app import DialogKitApp
from dialog_kit.tui.autosave import run_reporting
from dialog_kit.tui.labels import kind_label, status_label
from dialog_kit.tui.todo import overdue_ids, todo_entries
from dialog_kit.tui.widgets.footer import LocalFooter
from dialog_kit.tui.widgets.team_table import SORTS, TeamTable, sort_label

if TYPE_CHECKING:
    from dialog_kit.record import Record
    from dialog_kit.tui.session import Session


_TOLD: list[object] = []
"""Grouping reports already shown (a new home after an idle lock does not repeat them)."""


class HomeScreen(Screen[None]):
    app = getters.app(DialogKitApp)

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_talk", N_("New talk"), id="home.new"),
        Binding("enter", "open_talk", N_("Open"), id="home.open"),
        # One key, two bindings: the footer names the view t goes to.
        Binding("t", "show_team", N_("People"), id="home.team"),
        Binding("t", "show_talks", N_("Talks"), id="home.talks"),
        Binding("o", "sort", N_("Sort"), id="home.sort"),
        Binding("s", "setup", N_("Setup"), id="home.setup"),
        Binding("e", "export", N_("Export"), id="home.export"),
        Binding("p", "prepare", N_("Prep sheet"), id="home.prepare"),
        Binding("d", "delete", N_("Delete"), id="home.delete"),
        Binding("slash", "filter", N_("Filter"), id="home.filter"),
        Binding("x", "dealt_with", N_("Dealt with"), id="home.dealt_with"),
        Binding("q", "app.quit", N_("Quit"), id="home.quit"),
        Binding("escape", "leave_filter", N_("Back to the list"), id="home.unfilter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.team_view = False
        """True: one row per person (t toggles); False: one row per talk."""
        self.sort = SORTS[0]
        self.todo: list[TodoEntry] = []

    @property
    def session(self) -> Session:
        return self.app.session

    def compose(self) -> ComposeResult:
        yield Static("", id="home-banner", classes="banner")
        yield Input(id="filter", compact=True)
        with Horizontal(id="home-body"):
            yield DataTable(id="talks", cursor_type="row", zebra_stripes=True)
            yield TeamTable(id="people", cursor_type="row", zebra_stripes=True)
            with Vertical(id="todo-box"):
                yield Label("", id="todo-title", classes="section-title")
                yield OptionList(id="todo", compact=True)
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one(TeamTable).display = False
        self.refresh_texts()
        self.main_table().focus()
        self._tell_groupings()
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

    def _tell_groupings(self) -> None:
        """Talks tied to people by name at unlock: what the manager should check, once."""
        grouping = self.session.grouping
        if grouping is None or not grouping.to_confirm or grouping in _TOLD:
            return
        _TOLD.append(grouping)
        self.notify(
            "\n".join(item.describe() for item in grouping.to_confirm),
            title=_("Check these people"),
            severity="warning",
            timeout=30,
            markup=False,
        )

    def on_screen_resume(self) -> None:
        self.refresh_rows()

    # -- texts and rows --------------------------------------------------------

    def main_table(self) -> DataTable[object]:
        """The table shown now: the people (team view) or the talks."""
        if self.team_view:
            return self.query_one(TeamTable)
        return self.query_one("#talks", DataTable)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "dealt_with":
            return self.highlighted_todo() is not None and not self.session.read_only
        if action in ("sort", "show_talks"):
            return self.team_view
        if action == "show_team":
            return not self.team_view
        if action in ("export", "prepare", "delete"):
            return True if not self.team_view else None
        return True

    def refresh_texts(self) -> None:
        self.query_one("#filter", Input).placeholder = (
            _("Filter by name or role  ( / )") if self.team_view else _("Filter by name  ( / )")
        )
        self.query_one("#todo-title", Label).update(_("To do"))
        self.query_one(TeamTable).set_columns()
        table = self.query_one("#talks", DataTable)
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

        needle = self.query_one("#filter", Input).value
        if self.team_view:
            self.query_one(TeamTable).show(session.team(), needle, self.sort)
        else:
            self._refresh_talks(needle)
        self._refresh_todo()

    def _refresh_talks(self, needle: str) -> None:
        session = self.session
        table = self.query_one("#talks", DataTable)
        selected = self.selected_id()
        table.clear()
        today = clock_today()
        records = session.records
        # Grouped once for the whole list: asking per talk regrouped every talk each time.
        late = overdue_ids(records, today, session.register)
        for record in records:
            if needle.strip() and not name_contains(record.employee.name, needle):
                continue
            follow = Text("")
            if record.follow_up is not None:
                if record.id in late:
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

    def _refresh_todo(self) -> None:
        """The To do as a list: Enter on an entry opens the talk or the person it is about."""
        session = self.session
        records = session.records
        country = org_scope(session.config).country
        self.todo = todo_entries(records, session.library, clock_today(), session.register, country)
        todo = self.query_one("#todo", OptionList)
        highlighted = todo.highlighted
        todo.clear_options()
        if not records and not session.register.people:
            todo.add_option(Option(_("No talks yet. Press n to start one."), disabled=True))
        elif not self.todo:
            todo.add_option(Option(_("Nothing due."), disabled=True))
        # All at once: the list re-measures itself after each addition.
        todo.add_options(
            Option(Text(entry.text, style="bold red" if entry.urgent else ""), id=str(n))
            for n, entry in enumerate(self.todo)
        )
        if self.todo and highlighted is not None:
            todo.highlighted = min(highlighted, len(self.todo) - 1)

    def selected_id(self) -> str | None:
        table = self.query_one("#talks", DataTable)
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
            self.main_table().focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_talk()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "todo" and event.option.id is not None:
            self.open_todo(self.todo[int(event.option.id)])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()  # x applies to some entries only

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def highlighted_todo(self) -> TodoEntry | None:
        """The To-do entry under the cursor while the list has focus, if it can be dealt with."""
        todo = self.query_one("#todo", OptionList)
        if not todo.has_focus or todo.highlighted is None:
            return None
        option = todo.get_option_at_index(todo.highlighted)
        if option.id is None:
            return None
        entry = self.todo[int(option.id)]
        return entry if entry.key is not None and entry.person_id is not None else None

    def action_dealt_with(self) -> None:
        """The manager dealt with a reminder some other way: it leaves To do for good."""
        entry = self.highlighted_todo()
        if entry is None or entry.key is None or entry.person_id is None:
            return
        self.mark_dealt_with(entry.person_id, entry.key)

    @work(thread=True, exit_on_error=False, group="vault")
    def mark_dealt_with(self, person_id: str, key: str) -> None:
        try:
            self.session.mark_dealt_with(person_id, key)
        except DialogKitError as exc:
            self.app.call_from_thread(self.notify, exc.message, title=exc.title, severity="error")
            return
        self.app.call_from_thread(self.refresh_rows)
        self.app.call_from_thread(self.notify, _("Marked as dealt with."))

    def open_todo(self, entry: TodoEntry) -> None:
        """A follow-up opens its talk; open actions and windows open the person."""
        is_follow_up = bool(entry.key and entry.key.startswith("follow-up:"))
        if is_follow_up and self.session.get(entry.record_id) is not None:
            self._open(entry.record_id)
        elif entry.person_id is not None:
            self._open_person(entry.person_id)
        elif self.session.get(entry.record_id) is not None:
            self._open(entry.record_id)

    # -- actions ---------------------------------------------------------------

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_leave_filter(self) -> None:
        self.main_table().focus()

    def action_show_team(self) -> None:
        if not self.team_view:
            self.action_toggle_team()

    def action_show_talks(self) -> None:
        if self.team_view:
            self.action_toggle_team()

    def action_toggle_team(self) -> None:
        self.team_view = not self.team_view
        self.query_one("#talks").display = not self.team_view
        self.query_one(TeamTable).display = self.team_view
        self.refresh_texts()
        self.main_table().focus()
        self.refresh_bindings()

    def action_sort(self) -> None:
        if not self.team_view:
            return
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.refresh_rows()
        self.notify(_("Sorted by {order}").format(order=sort_label(self.sort)))

    def action_setup(self) -> None:
        from dialog_kit.tui.screens.setup import SetupScreen

        def done(saved: bool | None) -> None:
            if saved:
                self.refresh_rows()

        self.app.push_screen(SetupScreen(), done)

    def _open_person(self, person_id: str) -> None:
        from dialog_kit.tui.screens.person import PersonScreen

        self.app.push_screen(PersonScreen(person_id))

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
        if self.team_view:
            person_id = self.query_one(TeamTable).selected_person()
            if person_id is None:
                self.notify(_("Nobody in your register yet. Press n to start a talk."))
                return
            self._open_person(person_id)
            return
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
            SystemCommand(
                _("People or talks"),
                _("Show one row per person (the team view) or one per talk"),
                self.action_toggle_team,
            ),
            SystemCommand(
                _("Settings"),
                _("Your name and role, the organisation, its country, HR contacts"),
                self.action_setup,
            ),
        ]

    def help_intro(self) -> str:
        if self.team_view:
            return _(
                "Everyone you hold talks with, the most pressing first: the last talk, when "
                "the next is due and why. '!' marks someone overdue. Enter opens the person, "
                "o changes the order, t goes back to the talks."
            )
        return _(
            "Every talk in your vault. Arrow keys move, Enter opens. "
            "Lines marked '!' need attention: an overdue follow-up or actions past their date."
        )
