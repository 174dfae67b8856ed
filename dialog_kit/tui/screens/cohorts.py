"""The age groups to inform about career transition this year or next, and who was informed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from dialog_kit.i18n import N_, _, get_language, ngettext
from dialog_kit.tui.app import DialogKitApp
from dialog_kit.tui.autosave import run_reporting
from dialog_kit.tui.widgets.footer import LocalFooter

if TYPE_CHECKING:
    from dialog_kit.cohorts import Cohort
    from dialog_kit.tui.screens.briefing_add import BriefingValues


class CohortsScreen(Screen[None]):
    """One row per age group; the highlighted group's people below, each informed or not.

    A briefing is recorded with `dialog-kit briefing add` (docs/cohorts.md); here the
    group's handout can be made, in the language of the organisation's country.
    """

    app = getters.app(DialogKitApp)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "briefing", N_("Record briefing"), id="cohorts.briefing"),
        Binding("h", "handout", N_("Group handout"), id="cohorts.handout"),
        Binding("escape", "back", N_("Back"), id="cohorts.back"),
    ]

    def __init__(self, cohorts: list[Cohort]) -> None:
        super().__init__()
        self.cohorts = cohorts

    def compose(self) -> ComposeResult:
        yield Label(_("Age groups to inform"), classes="section-title")
        yield Static(
            _(
                "Tell each group the same way at the same time, before talking to anyone alone, "
                "then record the briefing here (b)."
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
        table.add_column(_("Briefing"), key="state")
        self._fill()
        table.focus()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
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
        if self.cohorts:
            table.move_cursor(row=min(max(row, 0), len(self.cohorts) - 1))
        self._show(table.cursor_row)

    def action_back(self) -> None:
        self.app.pop_screen()

    def _highlighted(self) -> Cohort | None:
        if not self.cohorts:
            return None
        row = self.query_one(DataTable).cursor_row
        return self.cohorts[min(max(row, 0), len(self.cohorts) - 1)]

    def action_briefing(self) -> None:
        from dialog_kit.clock import today
        from dialog_kit.tui.screens.briefing_add import BriefingScreen

        cohort = self._highlighted()
        if cohort is None:
            return
        if self.app.session.read_only:
            self.notify(_("Read-only: nothing can be saved here."), severity="warning")
            return

        def answered(values: BriefingValues | None) -> None:
            if values is not None:
                self.save_briefing(cohort, values)

        group = cohort.group(get_language())
        self.app.push_screen(BriefingScreen(cohort, group, today()), answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="briefings")
    def save_briefing(self, cohort: Cohort, values: BriefingValues) -> None:
        from dialog_kit.briefings import Briefing

        session = self.app.session
        invited = [m.person.id for m in cohort.members]
        lang = {"se": "sv", "dk": "da"}.get(cohort.country or "", get_language())
        briefing = Briefing(
            date=values.day,
            cohort=cohort.id,
            profile=cohort.profile.id,
            window=cohort.window.id,
            country=cohort.country or "other",
            invited=invited,
            attended=list(values.attended),
            handout=[lang] if values.handout else [],
            informed=dict.fromkeys(values.attended, values.day),
        )
        run_reporting(self.app, lambda: session.add_briefing(briefing), self._saved,
                      self._not_saved)  # fmt: skip

    def _saved(self, _result: object) -> None:
        self.cohorts = self.app.session.cohorts()
        self._fill()
        self.notify(_("Briefing saved."))

    def _not_saved(self, title: str, message: str) -> None:
        self.notify(message, title=title, severity="error")

    def action_handout(self) -> None:
        cohort = self._highlighted()
        if cohort is not None:
            self.make_handout(cohort)

    @work(thread=True, exclusive=True, exit_on_error=False, group="documents")
    def make_handout(self, cohort: Cohort) -> None:
        from dialog_kit.clock import today
        from dialog_kit.documents import write_document
        from dialog_kit.documents.handout import handout_pdf
        from dialog_kit.tui.outputs import neutral_path, output_dir

        session = self.app.session
        folder = Path(self.app.output_folder) if self.app.output_folder else output_dir()
        lang = {"se": "sv", "dk": "da"}.get(cohort.country or "", get_language())
        profession = cohort.window.profession or None

        def make() -> Path:
            data = handout_pdf(session.guides(), session.config, lang, cohort.profile.id,
                               profession)  # fmt: skip
            # The window's id, never anyone's name: a documents folder is often shared.
            path = neutral_path(folder, f"handout-{cohort.window.id}-{lang}", today(), ".pdf")
            return write_document(path, data)

        run_reporting(self.app, make, self._written, self._failed)

    def _written(self, path: Path) -> None:
        self.notify(str(path), title=_("Document saved"), timeout=8)
        getattr(self.app, "deliver_document", lambda _path: None)(path)

    def _failed(self, title: str, message: str) -> None:
        self.notify(f"{title}: {message}", title=_("Could not make the handout"), severity="error")

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
