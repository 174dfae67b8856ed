"""The talk itself: the phase list beside one page, a phase's or the actions', saved by itself.

The screen composes the parts and owns what they share: the record being changed, the
guide, refusing changes a locked or read-only talk cannot take, and the autosave engine
(`AutoSaver`: a save in a thread shortly after the last change).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static

from dialog_kit.continuity import LookBack
from dialog_kit.errors import DialogKitError
from dialog_kit.guides import Guide, Phase, org_scope
from dialog_kit.i18n import N_, _, get_language
from dialog_kit.record import Record, Visibility
from dialog_kit.tui.app import DialogKitApp
from dialog_kit.tui.autosave import AutoSaver, SaveState
from dialog_kit.tui.labels import kind_label, status_label, summary_state
from dialog_kit.tui.widgets.actions_page import ActionsPage
from dialog_kit.tui.widgets.footer import LocalFooter
from dialog_kit.tui.widgets.last_time import last_time_for
from dialog_kit.tui.widgets.phase_list import ACTIONS_PAGE, PhaseList
from dialog_kit.tui.widgets.phase_page import PhasePage
from dialog_kit.tui.widgets.status import SavedIndicator

if TYPE_CHECKING:
    from dialog_kit.tui.session import Session


class TalkScreen(Screen[None]):
    app = getters.app(DialogKitApp)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), id="talk.back"),
        Binding("w", "write", N_("Write note"), id="talk.write"),
        Binding("ctrl+t", "cycle_visibility", N_("Who sees it"), id="talk.visibility"),
        Binding("r", "review", N_("Review"), id="talk.review"),
        Binding("m", "amend", N_("Amendment"), id="talk.amend"),
        Binding("a", "add_action", N_("Add action"), id="talk.add_action"),
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
        if action in ("write", "cycle_visibility"):
            return not self.read_only
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
        yield LocalFooter()

    @property
    def phase_page(self) -> PhasePage:
        return self.query_one(PhasePage)

    @property
    def actions_page(self) -> ActionsPage:
        return self.query_one(ActionsPage)

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

    def _refresh_head(self) -> None:
        r = self.record
        title = Text()
        title.append(r.employee.name, style="bold")
        title.append(f" · {kind_label(r.kind)} · {r.date.isoformat()} · {status_label(r.status)}")
        self.query_one("#talk-title", Static).update(title)
        banner = self.query_one("#talk-banner", Static)
        if r.locked:
            text = _("Locked: this talk is completed. Press m to add a dated amendment.")
            state = summary_state(r)
            if state is not None and r.summary_out_of_date:
                text += "\n" + state
            banner.update(text)
        elif self.session.read_only:
            banner.update(_("READ-ONLY: another dialog-kit is using this vault."))
        else:
            banner.update("")
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
        else:
            # The checklist itself scrolls its highlighted item into view; focusing it with
            # Textual's default scroll would push the phase's title and purpose out of sight.
            self.query_one("#checklist").focus(scroll_visible=False)

    # -- keys of the screen ------------------------------------------------------------

    def action_write(self) -> None:
        if self.refuse_if_read_only():
            return
        if self.page == ACTIONS_PAGE:
            self.query_one(PhaseList).index = 0
        self.phase_page.write()

    def action_cycle_visibility(self) -> None:
        if self.refuse_if_read_only():
            return
        self.phase_page.cycle_visibility()

    def action_add_action(self) -> None:
        self.actions_page.edit(None)

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
            "follow-up date. Everything is saved by itself."
        ).format(private=private)
