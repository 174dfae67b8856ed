"""One person: their register entry, every talk with them over the years, and open actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from dialog_kit.clock import today as clock_today
from dialog_kit.errors import DialogKitError
from dialog_kit.guides import org_scope
from dialog_kit.i18n import LANGUAGE_NAMES, N_, _, get_language
from dialog_kit.people import NoSuchPersonError, PersonEntry
from dialog_kit.team import TeamRow, person_row, talks_by_person
from dialog_kit.tui.app import DialogKitApp
from dialog_kit.tui.labels import kind_label, profession_label, status_label
from dialog_kit.tui.widgets.footer import LocalFooter
from dialog_kit.tui.widgets.team_table import why_text

if TYPE_CHECKING:
    from dialog_kit.record import Record
    from dialog_kit.tui.session import Session


class PersonScreen(Screen[None]):
    """Enter opens a talk; n starts a new one prefilled from the person."""

    app = getters.app(DialogKitApp)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), id="person.back"),
        Binding("enter", "open_talk", N_("Open talk"), id="person.open"),
        Binding("n", "new_talk", N_("New talk"), id="person.new"),
        Binding("c", "invite", N_("Invitation"), id="person.invite", show=False),
    ]

    def __init__(self, person_id: str) -> None:
        super().__init__()
        self.person_id = person_id

    @property
    def session(self) -> Session:
        return self.app.session

    def compose(self) -> ComposeResult:
        yield Static("", id="person-title", markup=False)
        with VerticalScroll(id="person-body"):
            yield Static("", id="person-facts", markup=False)
            yield Static("", id="person-due", markup=False)
            yield Label("", id="person-talks-title", classes="section-title")
            yield DataTable(id="person-talks", cursor_type="row", zebra_stripes=True)
            yield Label("", id="person-actions-title", classes="section-title")
            yield Static("", id="person-actions", markup=False)
        yield LocalFooter()

    def on_mount(self) -> None:
        self.refresh_texts()
        self.query_one("#person-talks", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_texts()

    def person(self) -> PersonEntry | None:
        try:
            return self.session.register.get(self.person_id)
        except NoSuchPersonError:
            return None

    def row(self, person: PersonEntry) -> TeamRow[Record]:
        session = self.session
        talks = talks_by_person(session.register, session.records).by_person.get(person.id, [])
        return person_row(
            person, talks, session.library, session.config.cadence_months, clock_today(),
            org_scope(session.config).country, briefings=session.briefings,
        )  # fmt: skip

    def refresh_texts(self) -> None:
        person = self.person()
        if person is None:  # forgotten meanwhile (another screen, the CLI)
            self.query_one("#person-title", Static).update(_("This person is no longer here."))
            return
        row = self.row(person)
        title = Text()
        title.append(person.name, style="bold")
        if person.role:
            title.append(f" · {person.role}")
        if not person.active:
            title.append(" · " + _("no longer works for you"), style="italic")
        self.query_one("#person-title", Static).update(title)

        facts = [_("Language: {name}").format(name=LANGUAGE_NAMES.get(person.language, "?"))]
        library = self.session.library
        profile = library.profile(person.profile) if library else None
        if profile is not None:
            facts.append(_("Profile: {title}").format(title=profile.title.get(get_language())))
        if person.profession:
            facts.append(_("Profession: {name}").format(name=profession_label(person.profession)))
        if person.birth_year:
            facts.append(_("Born {year}").format(year=person.birth_year))
        titles = {w.id: w.title.get(get_language()) for w in profile.windows} if profile else {}
        for window_id, day in row.informed:
            facts.append(
                _("{window}: informed on {date} (group briefing)").format(
                    window=titles.get(window_id, window_id), date=day.isoformat()
                )
            )
        facts.append(_("id {id}").format(id=person.id))
        self.query_one("#person-facts", Static).update(" · ".join(facts))

        due = Text()
        if row.next_due is not None:
            due.append(
                ("! " if row.overdue else "")
                + _("Next due: {date}").format(date=row.next_due.isoformat()),
                style="bold red" if row.overdue else "bold",
            )
            why = why_text(row)
            if why:
                due.append(f" ({why})")
        self.query_one("#person-due", Static).update(due)

        self.query_one("#person-talks-title", Label).update(
            _("Talks ({count})").format(count=len(row.talks))
        )
        table = self.query_one("#person-talks", DataTable)
        selected = self.selected_talk()
        table.clear(columns=True)
        table.add_column(_("Date"), key="date")
        table.add_column(_("Talk"), key="kind")
        table.add_column(_("Status"), key="status")
        table.add_column(_("Follow-up"), key="follow_up")
        table.add_column(_("Actions"), key="actions")
        pending = {r.id for r in row.follow_ups}
        today = clock_today()
        for record in row.talks:
            follow = Text("")
            if record.follow_up is not None:
                late = record.id in pending and record.follow_up < today
                follow = Text(
                    ("! " if late else "") + record.follow_up.isoformat(),
                    style="bold red" if late else "",
                )
            done = sum(1 for a in record.actions if a.done)
            table.add_row(
                record.date.isoformat(),
                kind_label(record.kind, short=True),
                status_label(record.status),
                follow,
                f"{done}/{len(record.actions)}" if record.actions else "",
                key=record.id,
            )
        if selected is not None and selected in {r.key.value for r in table.rows.values()}:
            table.move_cursor(row=table.get_row_index(selected))

        self.query_one("#person-actions-title", Label).update(
            _("Open actions ({count})").format(count=len(row.open_actions))
        )
        actions = Text()
        for record, action in row.open_actions:
            late = action.due is not None and action.due < today
            line = ("! " if late else "• ") + action.what
            if action.owner:
                line += f" · {action.owner}"
            if action.due:
                line += " · " + _("by {date}").format(date=action.due.isoformat())
            line += " " + _("(talk of {date})").format(date=record.date.isoformat())
            actions.append(line + "\n", style="bold red" if late else "")
        if not row.open_actions:
            actions.append(_("None."))
        self.query_one("#person-actions", Static).update(actions)

    def selected_talk(self) -> str | None:
        table = self.query_one("#person-talks", DataTable)
        if not table.row_count:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except Exception:  # no valid cursor yet
            return None
        return str(key.value) if key.value is not None else None

    # -- actions ---------------------------------------------------------------

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_talk()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_open_talk(self) -> None:
        from dialog_kit.tui.screens.talk import TalkScreen

        record_id = self.selected_talk()
        if record_id is None:
            self.notify(_("No talks with this person yet. Press n to start one."))
            return
        try:
            screen = TalkScreen(record_id)
        except DialogKitError as exc:
            self.notify(exc.message, title=exc.title, severity="error")
            return
        self.app.push_screen(screen)

    def action_new_talk(self) -> None:
        from dialog_kit.tui.screens.new_talk import NewTalkScreen

        if self.session.read_only:
            self.notify(
                _("Another dialog-kit is using this vault, so changes cannot be saved here."),
                title=_("Read-only"),
                severity="warning",
            )
            return
        if self.person() is None:
            return

        def created(record_id: str | None) -> None:
            self.refresh_texts()
            if record_id:
                from dialog_kit.tui.screens.talk import TalkScreen

                self.app.push_screen(TalkScreen(record_id))

        self.app.push_screen(NewTalkScreen(person_id=self.person_id), created)

    def action_invite(self) -> None:
        """The invitation and the sheet for the selected talk, if it is still to be held."""
        from dialog_kit.record import Status

        if self.session.read_only:
            self.notify(
                _("Another dialog-kit is using this vault, so changes cannot be saved here."),
                title=_("Read-only"),
                severity="warning",
            )
            return
        record_id = self.selected_talk()
        record = self.session.working_copy(record_id) if record_id else None
        if record is None:
            self.notify(_("No talks with this person yet. Press n to start one."))
            return
        if record.status not in (Status.PLANNED, Status.IN_PROGRESS):
            self.notify(_("This talk has been held: there is nothing to invite to."))
            return
        sequence = record.invitation_issued()
        self.notify(_("Making the invitation and the preparation sheet…"))
        self.make_invitation(record, sequence)

    @work(thread=True, exit_on_error=False, group="documents")
    def make_invitation(self, record: Record, sequence: int) -> None:
        from pathlib import Path

        from dialog_kit.tui.autosave import failure
        from dialog_kit.tui.invitation import invited_message, write_invitation
        from dialog_kit.tui.outputs import output_dir

        folder = Path(self.app.output_folder) if self.app.output_folder else output_dir()
        try:
            self.session.save(record)  # the count first: a re-issue then has a higher SEQUENCE
            paths, all_day = write_invitation(self.session, record, sequence, folder)
        except (DialogKitError, OSError) as exc:
            title, message = failure(exc)
            self.app.call_from_thread(
                self.notify, message, title=title, severity="error", timeout=10
            )
            return
        for path in paths:
            self.app.call_from_thread(
                getattr(self.app, "deliver_document", lambda _path: None), path
            )
        self.app.call_from_thread(
            self.notify, invited_message(paths, all_day), title=_("Invitation saved"), timeout=10
        )

    def palette_commands(self) -> list[SystemCommand]:
        return [
            SystemCommand(_("New talk"), _("Start a talk with this person"), self.action_new_talk),
            SystemCommand(
                _("Invitation"),
                _("The invitation (.ics) and the preparation sheet for this talk"),
                self.action_invite,
            ),
            SystemCommand(_("Open talk"), _("Open the selected talk"), self.action_open_talk),
        ]

    def help_intro(self) -> str:
        return _(
            "Every talk with this person over the years, newest first, and the actions "
            "still open. Enter opens a talk; n starts a new one with the person's role, "
            "language and profile filled in; c saves the invitation to the selected talk "
            "and its preparation sheet."
        )
