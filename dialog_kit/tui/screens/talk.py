"""The talk itself: the phase list beside one page, a phase's or the actions', saved by itself.

The screen composes the parts and owns what they share: the record being changed, the
guide, refusing changes a locked or read-only talk cannot take, and the autosave engine
(`AutoSaver`: a save in a thread shortly after the last change).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import ContentSwitcher, ListItem, Static

from dialog_kit.continuity import LookBack
from dialog_kit.errors import DialogKitError
from dialog_kit.guides import Guide, Phase, org_scope
from dialog_kit.i18n import N_, _, get_language, ngettext
from dialog_kit.record import Kind, Record, Status, Visibility
from dialog_kit.tui.app import DialogKitApp
from dialog_kit.tui.autosave import AutoSaver, SaveState
from dialog_kit.tui.labels import kind_label, status_label, summary_state
from dialog_kit.tui.widgets.actions_page import ActionsPage
from dialog_kit.tui.widgets.footer import LocalFooter
from dialog_kit.tui.widgets.last_time import last_time_for
from dialog_kit.tui.widgets.phase_list import ACTIONS_PAGE, PREPARATION_PAGE, PhaseList
from dialog_kit.tui.widgets.phase_page import PhasePage
from dialog_kit.tui.widgets.preparation_page import PreparationPage
from dialog_kit.tui.widgets.status import SavedIndicator

if TYPE_CHECKING:
    from dialog_kit.documents.prep_import import PreparationAnswer
    from dialog_kit.tui.session import Session


_NOT_HELD = (Status.PLANNED, Status.IN_PROGRESS)
"""A talk one can still invite to."""
CAREER_PATH_KINDS = (Kind.DEVELOPMENT, Kind.CAREER_CHANGE)
"""The talks that can look at the career-path catalogue (an exit talk looks elsewhere)."""


class TalkScreen(Screen[None]):
    app = getters.app(DialogKitApp)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), id="talk.back"),
        Binding("w", "write", N_("Write note"), id="talk.write"),
        Binding("ctrl+t", "cycle_visibility", N_("Who sees it"), id="talk.visibility"),
        Binding("r", "review", N_("Review"), id="talk.review"),
        Binding("m", "amend", N_("Amendment"), id="talk.amend"),
        Binding("a", "add_action", N_("Add action"), id="talk.add_action"),
        Binding("i", "import_preparation", N_("Import preparation"), id="talk.import", show=False),
        Binding("c", "invite", N_("Invitation"), id="talk.invite", show=False),
        Binding("p", "career_paths", N_("Career paths"), id="talk.career_paths"),
        Binding("ctrl+s", "save_now", N_("Save now"), id="talk.save", show=False),
    ]

    def __init__(self, record_id: str) -> None:
        super().__init__()
        self.record_id = record_id
        record = self.session.working_copy(record_id)
        assert record is not None
        self.record: Record = record
        self.guide: Guide = self._guide_for(record)
        self.saver = AutoSaver(
            self,
            lambda: self.record,
            self.session.save,
            delay=self.session.save_delay,
            on_state=self._save_state,
        )

    @property
    def session(self) -> Session:
        return self.app.session

    def _guide_for(self, record: Record) -> Guide:
        library = self.session.library
        assert library is not None
        try:
            guide = library.guide(record.guide.id)
        except DialogKitError:
            guide = library.guide_for_kind(record.kind)
        # A career-change talk shows only its stage's phase with the opening and closing.
        country = org_scope(self.session.config).country
        return (
            library.with_profile(guide, record.profile).for_stage(record.stage).for_country(country)
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Hide keys that do nothing here, so the footer shows only what works.
        if action == "amend":
            return self.record.locked
        if action == "add_action":
            return not self.read_only and self.page == ACTIONS_PAGE
        if action in ("write", "cycle_visibility", "import_preparation"):
            return not self.read_only
        if action == "invite":
            return not self.session.read_only and self.record.status in _NOT_HELD
        if action == "career_paths":
            return not self.read_only and self.record.kind in CAREER_PATH_KINDS
        return True

    # -- what the pages share (TalkHost) ------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.record.locked or self.session.read_only

    @property
    def vault_read_only(self) -> bool:
        return self.session.read_only

    @property
    def dirty(self) -> bool:
        """Changes not yet saved."""
        return self.saver.dirty

    def refuse_if_vault_read_only(self) -> bool:
        if self.session.read_only:
            self.notify(
                _("Another dialog-kit is using this vault, so changes cannot be saved here."),
                title=_("Read-only"),
                severity="warning",
            )
            return True
        return False

    def refuse_if_read_only(self) -> bool:
        if self.record.locked:
            self.notify(_("This talk is locked. Press m to add an amendment."), severity="warning")
            return True
        return self.refuse_if_vault_read_only()

    def record_changed(self, *, delay: float | None = None) -> None:
        self.query_one(PhaseList).refresh_progress()
        self._refresh_head()
        if not self.session.read_only:
            self.saver.changed(delay)

    def recovery_keys(self) -> list[str]:
        return self.session.recovery_recipients()

    def last_time(self) -> LookBack | None:
        session = self.session
        return last_time_for(session.register, session.records, self.record)

    def item_title(self, item_id: str | None) -> str | None:
        if item_id is None:
            return None
        for phase in self.guide.phases:
            for item in phase.items:
                if item.id == item_id:
                    return item.text.get(get_language())
        return item_id

    # -- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="talk-head"):
            yield Static("", id="talk-title", markup=False)
            yield SavedIndicator(id="saved")
        yield Static("", id="talk-banner", classes="banner", markup=False)
        with Horizontal(id="talk-body"):
            yield PhaseList(self.guide, self.record, id="phases")
            with ContentSwitcher(initial="phase-page", id="pages"):
                yield PhasePage(self, id="phase-page")
                yield ActionsPage(self, id="actions-page")
                yield PreparationPage(self, id="prep-page")
        yield LocalFooter()

    @property
    def phase_page(self) -> PhasePage:
        return self.query_one(PhasePage)

    @property
    def actions_page(self) -> ActionsPage:
        return self.query_one(ActionsPage)

    @property
    def preparation_page(self) -> PreparationPage:
        return self.query_one(PreparationPage)

    async def on_mount(self) -> None:
        await self.refresh_all()
        self.query_one(PhaseList).focus()

    async def refresh_all(self) -> None:
        self.refresh_bindings()
        self._refresh_head()
        self.query_one(PhaseList).refresh_progress(self.record)
        await self._show_page()

    async def refresh_texts(self) -> None:
        await self.refresh_all()

    _head: tuple[str, str, str] | None = None
    """The talk's title line and banner as last drawn."""

    def _refresh_head(self) -> None:
        r = self.record
        about = f" · {kind_label(r.kind)} · {r.date.isoformat()} · {status_label(r.status)}"
        if r.locked:
            from dialog_kit.documents.made import summary_stale

            text = _("Locked: this talk is completed. Press m to add a dated amendment.")
            state = summary_state(r)
            if state is not None and summary_stale(r):
                text += "\n" + state
        elif self.session.read_only:
            text = _("READ-ONLY: another dialog-kit is using this vault.")
        else:
            text = ""
        # Called on every change (each key typed in a note): redrawn only when it differs.
        head = (r.employee.name, about, text)
        banner = self.query_one("#talk-banner", Static)
        if head != self._head:
            self._head = head
            title = Text()
            title.append(r.employee.name, style="bold")
            title.append(about)
            self.query_one("#talk-title", Static).update(title)
            banner.update(text)
        if banner.display != self.read_only:
            banner.display = self.read_only

    @property
    def page(self) -> str:
        return self.query_one(PhaseList).current_page

    def current_phase(self) -> Phase | None:
        return self.guide.phase(self.page)

    async def _show_page(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        if self.page == ACTIONS_PAGE:
            switcher.current = "actions-page"
            self.actions_page.show()
            return
        if self.page == PREPARATION_PAGE:
            switcher.current = "prep-page"
            await self.preparation_page.show(self.preparation_questions())
            return
        switcher.current = "phase-page"
        phase = self.current_phase()
        if phase is not None:
            await self.phase_page.show(phase)

    # -- phase navigation --------------------------------------------------------------

    @on(PhaseList.Highlighted, "#phases")
    async def phase_changed(self) -> None:
        self.phase_page.finish_note()
        await self._show_page()
        self.refresh_bindings()

    @on(PhaseList.Selected, "#phases")
    def phase_selected(self) -> None:
        if self.page == ACTIONS_PAGE:
            self.actions_page.table.focus()
        elif self.page == PREPARATION_PAGE:
            self.preparation_page.answers.focus()
        else:
            # The checklist itself scrolls its highlighted item into view; focusing it with
            # Textual's default scroll would push the phase's title and purpose out of sight.
            self.query_one("#checklist").focus(scroll_visible=False)

    # -- keys of the screen ------------------------------------------------------------

    def action_write(self) -> None:
        if self.refuse_if_read_only():
            return
        if self.page in (ACTIONS_PAGE, PREPARATION_PAGE):
            self.query_one(PhaseList).index = self.first_phase_index()
        self.phase_page.write()

    def first_phase_index(self) -> int:
        """Where the guide's first phase is in the list (the preparation may come before it)."""
        phases = self.query_one(PhaseList)
        names = [child.name for child in phases.children if isinstance(child, ListItem)]
        return names.index(self.guide.phases[0].id) if self.guide.phases[0].id in names else 0

    def action_cycle_visibility(self) -> None:
        if self.refuse_if_read_only():
            return
        if self.page == PREPARATION_PAGE:
            self.preparation_page.cycle()
            return
        self.phase_page.cycle_visibility()

    # -- the invitation ----------------------------------------------------------------

    def action_invite(self) -> None:
        """The invitation (.ics) and the talk's preparation sheet, saved in the output folder.

        The invitation's count goes up and is saved first, so a re-issue always carries
        a higher SEQUENCE, even if writing the files then fails.
        """
        if self.refuse_if_vault_read_only():
            return
        if self.record.status not in _NOT_HELD:
            self.notify(_("This talk has been held: there is nothing to invite to."))
            return
        sequence = self.record.invitation_issued()
        self.record_changed(delay=0)
        if not self.flush_save():
            return
        self.notify(_("Making the invitation and the preparation sheet…"))
        self.make_invitation(copy.deepcopy(self.record), sequence)

    @work(thread=True, exit_on_error=False, group="documents")
    def make_invitation(self, record: Record, sequence: int) -> None:
        from dialog_kit.tui.autosave import failure
        from dialog_kit.tui.invitation import write_invitation
        from dialog_kit.tui.outputs import output_dir

        folder = Path(self.app.output_folder) if self.app.output_folder else output_dir()
        try:
            paths, all_day = write_invitation(self.session, record, sequence, folder)
        except (DialogKitError, OSError) as exc:
            title, message = failure(exc)
            self.app.call_from_thread(
                self.notify, message, title=title, severity="error", timeout=10
            )
            return
        self.app.call_from_thread(self._invited, paths, all_day)

    def _invited(self, paths: list[Path], all_day: bool) -> None:
        from dialog_kit.tui.invitation import invited_message

        for path in paths:
            getattr(self.app, "deliver_document", lambda _path: None)(path)
        self.notify(invited_message(paths, all_day), title=_("Invitation saved"), timeout=10)

    # -- the employee's preparation -----------------------------------------------------

    def preparation_questions(self) -> dict[str, str]:
        """Each answer field of this talk's sheet (answer-N) with its question, as the sheet
        put it in the employee's language (the answers are in it too)."""
        from dialog_kit.documents.context import build_preparation_for_talk

        try:
            sheet = build_preparation_for_talk(
                self.record, self.session.guides(), self.session.config
            )
        except DialogKitError:
            return {}
        return {f.name: f.question for f in sheet.fields}

    def action_import_preparation(self) -> None:
        from dialog_kit.tui.screens.file_path import FilePathScreen

        if self.refuse_if_read_only():
            return

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.read_preparation(path, copy.deepcopy(self.record))

        self.app.push_screen(
            FilePathScreen(
                _("Import the employee's preparation"),
                _(
                    "The preparation sheet for this talk, filled in by the employee (a PDF). "
                    "Their answers come in as their own words, shared with them; you can "
                    "change that per answer."
                ),
                self.app.output_folder,
            ),
            chosen,
        )

    @work(thread=True, exit_on_error=False, group="import")
    def read_preparation(self, path: Path, record: Record) -> None:
        """Reads and checks the sheet (the command line's prep-import checks) off the UI thread."""
        from dialog_kit.documents.forms import read_form
        from dialog_kit.documents.prep_import import preparation_answers

        try:
            form = read_form(path)
            answers = preparation_answers(record, form, self.session.guides(), self.session.config)
        except DialogKitError as exc:
            self.app.call_from_thread(
                self.notify, exc.message, title=exc.title, severity="error", timeout=10
            )
            return
        self.app.call_from_thread(self._take_preparation, answers)

    def _take_preparation(self, answers: list[PreparationAnswer]) -> None:
        from dialog_kit.documents.prep_import import import_preparation

        if self.refuse_if_read_only():
            return
        try:
            import_preparation(self.record, answers)
        except DialogKitError as exc:
            self.notify(exc.message, title=exc.title, severity="error", timeout=10)
            return
        self.record_changed(delay=0)  # marked unsaved at once, before the list is redrawn
        self.call_later(self._show_preparation)
        self.notify(
            ngettext(
                "{count} answer imported as the employee's own words, shared with them.",
                "{count} answers imported as the employee's own words, shared with them.",
                len(answers),
            ).format(count=len(answers)),
            title=_("Preparation imported"),
        )

    async def _show_preparation(self) -> None:
        await self.query_one(PhaseList).rebuild(PREPARATION_PAGE)
        await self._show_page()

    def action_add_action(self) -> None:
        self.actions_page.edit(None)

    def action_career_paths(self) -> None:
        from dialog_kit.career.load import load_catalogue
        from dialog_kit.tui.screens.career_paths import CareerPathsScreen

        if self.refuse_if_read_only() or self.record.kind not in CAREER_PATH_KINDS:
            return
        catalogue = load_catalogue(self.session.config.guides_dir)
        if catalogue.problems:
            self.notify(
                _("Some career-path files have problems; run: dialog-kit guides validate"),
                severity="warning",
            )
        self.app.push_screen(
            CareerPathsScreen(self.record, catalogue, lambda: self.record_changed(delay=0))
        )

    def action_amend(self) -> None:
        from dialog_kit.tui.screens.amend import AmendScreen

        if not self.record.locked:
            self.notify(_("Amendments are for locked talks; change this talk directly."))
            return
        if self.refuse_if_vault_read_only():
            return

        def done(result: tuple[str, Visibility] | None) -> None:
            if result is None:
                return
            self.record.amend(result[0], result[1])
            self.actions_page.show()
            self.record_changed(delay=0)
            self.notify(_("Amendment added."))

        self.app.push_screen(AmendScreen(), done)

    # -- saving ------------------------------------------------------------------------

    def _save_state(self, state: SaveState) -> None:
        indicator = self.query_one(SavedIndicator)
        if state == "saved":
            indicator.mark_saved()
        else:
            indicator.state = state

    def flush_save(self) -> bool:
        """Saves now, on this thread; False (and a message) when it failed."""
        if self.session.read_only:
            return True
        return self.saver.flush()

    def action_save_now(self) -> None:
        self.flush_save()

    # -- leaving -----------------------------------------------------------------------

    def action_back(self) -> None:
        """Escape goes up one level: from the phase's content to the list, then home."""
        phases = self.query_one(PhaseList)
        if not phases.has_focus:
            if self.phase_page.editor.has_focus:
                self.phase_page.finish_note()
            phases.focus()
            return
        if not self.flush_save():
            return
        self.app.pop_screen()

    def action_review(self) -> None:
        from dialog_kit.tui.screens.review import ReviewScreen

        if not self.flush_save():
            return
        self.app.push_screen(ReviewScreen(self.record_id))

    async def on_screen_resume(self) -> None:
        # The review screen may have locked the talk or made a summary: take that back.
        # (Changes here mark the saver dirty before any await, so they are never dropped.)
        saved = self.session.get(self.record_id)
        if saved is not None and not self.dirty and saved.updated != self.record.updated:
            self.record = copy.deepcopy(saved)
            self.phase_page.editing = None
            await self.refresh_all()

    def palette_commands(self) -> list[SystemCommand]:
        return [
            SystemCommand(_("Write note"), _("A new note in this phase"), self.action_write),
            SystemCommand(
                _("Review"), _("Preview the summary and make documents"), self.action_review
            ),
            SystemCommand(_("Add action"), _("An agreed action"), self.action_add_action),
            SystemCommand(
                _("Invitation"),
                _("The invitation (.ics) and the preparation sheet for this talk"),
                self.action_invite,
            ),
            SystemCommand(
                _("Import preparation"),
                _("The employee's filled-in preparation sheet (PDF)"),
                self.action_import_preparation,
            ),
            SystemCommand(
                _("Career paths"),
                _("Look at the career paths and attach the ones of interest"),
                self.action_career_paths,
            ),
            SystemCommand(
                _("Add amendment"), _("A dated addition to a locked talk"), self.action_amend
            ),
            SystemCommand(_("Save now"), _("Save the talk at once"), self.action_save_now),
        ]

    def help_intro(self) -> str:
        private = (
            _("yours and the recovery key's")
            if self.session.recovery_recipients()
            else _("only you")
        )
        return _(
            "Up and down choose a phase; Enter or Tab goes into it. Space ticks an item. "
            "Every note is marked [private] ({private}), [shared] (in the employee's summary) "
            "or [HR] (may be passed on). The last entry in the list holds actions and the "
            "follow-up date. Everything is saved by itself. Before the talk, c saves the "
            "invitation and the preparation sheet; i imports the sheet the employee filled in."
        ).format(private=private)
