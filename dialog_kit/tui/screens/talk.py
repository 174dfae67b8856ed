"""The talk itself: phases with checklist, questions, cautions and notes; actions; follow-up.

Every change is saved by itself, a second after the last keystroke, in a thread.
"""

from __future__ import annotations

import copy
import threading
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, DataTable, Input, Label, Static, TextArea

from dialog_kit.errors import DialogKitError
from dialog_kit.guides import Guide, Phase
from dialog_kit.i18n import N_, _, get_language
from dialog_kit.privacy import next_visibility, note_default
from dialog_kit.record import Action, Note, Record, Visibility
from dialog_kit.tui.app import DialogKitApp
from dialog_kit.tui.labels import (
    RICH_VISIBILITY_STYLE,
    kind_label,
    status_label,
    visibility_help,
    visibility_marker,
)
from dialog_kit.tui.widgets.actions_table import ActionsTable
from dialog_kit.tui.widgets.checklist import Checklist, required_legend
from dialog_kit.tui.widgets.footer import LocalFooter
from dialog_kit.tui.widgets.last_time import LOOK_BACK_PHASE, LastTimePanel, last_time_for
from dialog_kit.tui.widgets.notes import NotesView
from dialog_kit.tui.widgets.phase_list import ACTIONS_PAGE, PhaseList
from dialog_kit.tui.widgets.status import ErrorLine, SavedIndicator

if TYPE_CHECKING:
    from dialog_kit.tui.session import Session

SAVE_DELAY = 1.0
"""Seconds after the last change before saving: one save per pause, not per keystroke."""


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
        self.editing: Note | None = None
        self.draft_item: str | None = None
        self.draft_visibility = note_default()
        self.dirty = False
        self._timer: Timer | None = None
        self._seq = 0
        self._saved_seq = 0
        self._save_lock = threading.Lock()

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
        return library.with_profile(guide, record.profile)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Hide keys that do nothing here, so the footer shows only what works.
        if action == "amend":
            return self.record.locked
        if action == "add_action":
            return not self.read_only and self.page == ACTIONS_PAGE
        if action in ("write", "cycle_visibility"):
            return not self.read_only
        return True

    @property
    def read_only(self) -> bool:
        return self.record.locked or self.session.read_only

    # -- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="talk-head"):
            yield Static("", id="talk-title", markup=False)
            yield SavedIndicator(id="saved")
        yield Static("", id="talk-banner", classes="banner", markup=False)
        with Horizontal(id="talk-body"):
            yield PhaseList(self.guide, self.record, id="phases")
            with ContentSwitcher(initial="phase-page", id="pages"):
                with VerticalScroll(id="phase-page"):
                    yield Label("", id="phase-title", classes="section-title", markup=False)
                    yield Static("", id="phase-purpose", markup=False)
                    yield LastTimePanel(id="last-time")
                    yield Label("", id="checklist-title", classes="section-title", markup=False)
                    yield Checklist(id="checklist")
                    yield Label("", id="prompts-title", classes="section-title", markup=False)
                    yield Static("", id="prompts", markup=False)
                    yield Label("", id="cautions-title", classes="section-title", markup=False)
                    yield Static("", id="cautions", markup=False)
                    yield Label("", id="notes-title", classes="section-title", markup=False)
                    yield NotesView(id="notes")
                    with Vertical(id="editor-box"):
                        yield Static("", id="editor-label", markup=False)
                        yield TextArea(id="editor", soft_wrap=True)
                with VerticalScroll(id="actions-page"):
                    yield Label("", id="actions-title", classes="section-title", markup=False)
                    yield ActionsTable(id="actions", cursor_type="row")
                    yield Static("", id="actions-hint", classes="hint", markup=False)
                    yield Label("", id="follow-label", classes="section-title", markup=False)
                    yield Input(id="follow-up", max_length=10, compact=True)
                    yield ErrorLine(id="follow-error")
                    yield Label("", id="amendments-title", classes="section-title", markup=False)
                    yield Static("", id="amendments", markup=False)
        yield LocalFooter()

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
            banner.update(_("Locked: this talk is completed. Press m to add a dated amendment."))
        elif self.session.read_only:
            banner.update(_("READ-ONLY: another dialog-kit is using this vault."))
        else:
            banner.update("")
        banner.display = self.read_only
        self.query_one("#editor-box").display = not self.read_only

    @property
    def page(self) -> str:
        return self.query_one(PhaseList).current_page

    def current_phase(self) -> Phase | None:
        return self.guide.phase(self.page)

    async def _show_page(self) -> None:
        page = self.page
        switcher = self.query_one(ContentSwitcher)
        if page == ACTIONS_PAGE:
            switcher.current = "actions-page"
            self._show_actions()
            return
        switcher.current = "phase-page"
        phase = self.guide.phase(page)
        if phase is None:
            return
        lang = get_language()
        self.query_one("#phase-title", Label).update(
            f"{phase.title.get(lang)}  ({self._stage(phase.stage)})"
        )
        self.query_one("#phase-purpose", Static).update(phase.purpose.get(lang))
        session = self.session
        self.query_one(LastTimePanel).show(
            last_time_for(session.register, session.records, self.record)
            if page == LOOK_BACK_PHASE
            else None
        )
        has_required = any(i.required for i in phase.items)
        legend = f"  {required_legend()}" if has_required else ""
        # The keys (space, n) are in the footer while the checklist has focus.
        self.query_one("#checklist-title", Label).update(_("Checklist") + legend)
        ticked = self.record.phases[page].ticked if page in self.record.phases else []
        await self.query_one(Checklist).show(phase, ticked)
        self.query_one("#prompts-title", Label).update(_("Questions you can ask"))
        self.query_one("#prompts", Static).update(
            "\n".join(f"• {p.text.get(lang)}" for p in phase.prompts)
        )
        self.query_one("#cautions-title", Label).update(_("Take care"))
        self.query_one("#cautions-title").display = bool(phase.cautions)
        self.query_one("#cautions").display = bool(phase.cautions)
        self.query_one("#cautions", Static).update(
            "\n".join(f"⚠ {c.text.get(lang)}" for c in phase.cautions)
        )
        await self._show_notes()
        self._show_editor_label()

    def _stage(self, stage: str) -> str:
        return {"before": _("before"), "during": _("during"), "after": _("after")}.get(stage, stage)

    def _item_title(self, item_id: str | None) -> str | None:
        if item_id is None:
            return None
        for phase in self.guide.phases:
            for item in phase.items:
                if item.id == item_id:
                    return item.text.get(get_language())
        return item_id

    async def _show_notes(self) -> None:
        page = self.page
        notes = self.record.phases[page].notes if page in self.record.phases else []
        self.query_one("#notes-title", Label).update(
            _("Notes ({count})").format(count=len(notes))
            + ("" if not notes or self.read_only else "  " + _("v: who sees it, enter: edit"))
        )
        view = self.query_one(NotesView)
        await view.show([(n, self._item_title(n.item)) for n in notes])
        view.display = bool(notes)

    def _show_editor_label(self) -> None:
        visibility = self.editing.visibility if self.editing else self.draft_visibility
        text = Text()
        if self.editing is not None:
            text.append(_("Editing note") + " ")
        else:
            text.append(_("New note") + " ")
        if (self.draft_item and self.editing is None) or (
            self.editing is not None and self.editing.item
        ):
            item = self.editing.item if self.editing else self.draft_item
            text.append(f"({self._item_title(item)}) ", style="italic")
        text.append(visibility_marker(visibility), style=RICH_VISIBILITY_STYLE[visibility])
        text.append(f" {visibility_help(visibility, self.session.recovery_recipients())} · ")
        text.append(_("ctrl+t changes · saved by itself · esc leaves"))
        self.query_one("#editor-label", Static).update(text)

    # -- phase navigation -------------------------------------------------------------

    @on(PhaseList.Highlighted, "#phases")
    async def phase_changed(self) -> None:
        self._finish_note()
        await self._show_page()
        self.refresh_bindings()

    @on(PhaseList.Selected, "#phases")
    def phase_selected(self) -> None:
        if self.page == ACTIONS_PAGE:
            self.query_one("#actions", DataTable).focus()
        else:
            self.query_one(Checklist).focus()

    # -- checklist -------------------------------------------------------------------

    def _refuse_if_read_only(self) -> bool:
        if self.record.locked:
            self.notify(_("This talk is locked. Press m to add an amendment."), severity="warning")
            return True
        if self.session.read_only:
            self.notify(
                _("Another dialog-kit is using this vault, so changes cannot be saved here."),
                title=_("Read-only"),
                severity="warning",
            )
            return True
        return False

    async def on_checklist_toggled(self, event: Checklist.Toggled) -> None:
        event.stop()
        if self._refuse_if_read_only():
            return
        phase = self.current_phase()
        if phase is None:
            return
        self.record.toggle_item(phase.id, event.item_id)
        await self.query_one(Checklist).show(phase, self.record.phase(phase.id).ticked)
        self.query_one(PhaseList).refresh_progress()
        self._refresh_head()
        self.schedule_save()

    def on_checklist_note_requested(self, event: Checklist.NoteRequested) -> None:
        event.stop()
        if self._refuse_if_read_only():
            return
        phase = self.current_phase()
        item = next((i for i in phase.items if i.id == event.item_id), None) if phase else None
        self._finish_note()
        self.draft_item = event.item_id
        self.draft_visibility = note_default(item.visibility if item else None)
        self._show_editor_label()
        self.query_one("#editor", TextArea).focus()

    # -- notes -----------------------------------------------------------------------------

    def action_write(self) -> None:
        if self._refuse_if_read_only():
            return
        if self.page == ACTIONS_PAGE:
            self.query_one(PhaseList).index = 0
        if self.editing is not None or self.query_one("#editor", TextArea).text:
            self._finish_note()
        self.draft_item = None
        self.draft_visibility = note_default()
        self._show_editor_label()
        self.query_one("#editor", TextArea).focus()

    def _finish_note(self) -> None:
        """Detaches the editor from its note (already in the record) and empties it."""
        editor = self.query_one("#editor", TextArea)
        self.editing = None
        self.draft_item = None
        self.draft_visibility = note_default()
        if editor.text:
            with editor.prevent(TextArea.Changed):
                editor.clear()
        self._show_editor_label()

    @on(TextArea.Changed, "#editor")
    async def editor_changed(self) -> None:
        if self.read_only:
            return
        phase = self.current_phase()
        if phase is None:
            return
        text = self.query_one("#editor", TextArea).text
        state = self.record.phase(phase.id)
        rebuild = False
        if self.editing is None:
            if not text.strip():
                return
            self.editing = self.record.add_note(
                phase.id, text, self.draft_visibility, self.draft_item
            )
            rebuild = True
        elif text.strip():
            self.editing.text = text
            self.record.touch()
        else:
            # An emptied note is removed: the record holds no blank notes.
            if self.editing in state.notes:
                state.notes.remove(self.editing)
            self.draft_visibility = self.editing.visibility
            self.draft_item = self.editing.item
            self.editing = None
            rebuild = True
            self.record.touch()
        if rebuild:
            await self._show_notes()
        elif self.editing is not None:
            self.query_one(NotesView).update_note(self.editing, self._item_title(self.editing.item))
        self._show_editor_label()
        self.schedule_save()

    async def on_notes_view_action(self, event: NotesView.Action) -> None:
        event.stop()
        phase = self.current_phase()
        if phase is None:
            return
        note = next((n for n in self.record.phase(phase.id).notes if n.id == event.note_id), None)
        if note is None:
            return
        if self._refuse_if_read_only():
            return
        if event.what == "cycle":
            note.visibility = next_visibility(note.visibility)
            self.record.touch()
            self.query_one(NotesView).update_note(note, self._item_title(note.item))
            if self.editing is note:
                self._show_editor_label()
            self.schedule_save()
        elif event.what == "edit":
            self._finish_note()
            self.editing = note
            editor = self.query_one("#editor", TextArea)
            with editor.prevent(TextArea.Changed):
                editor.load_text(note.text)
            self._show_editor_label()
            editor.focus()
        elif event.what == "remove":
            from dialog_kit.tui.screens.confirm import ConfirmScreen

            def answered(yes: bool | None) -> None:
                if yes:
                    self.call_later(self._remove_note, note)

            self.app.push_screen(
                ConfirmScreen(_("Delete note"), _("Delete this note?"), yes=_("Delete")), answered
            )

    async def _remove_note(self, note: Note) -> None:
        for state in self.record.phases.values():
            if note in state.notes:
                state.notes.remove(note)
        if self.editing is note:
            self._finish_note()
        self.record.touch()
        await self._show_notes()
        self.schedule_save()

    def action_cycle_visibility(self) -> None:
        if self._refuse_if_read_only():
            return
        notes = self.query_one(NotesView)
        if notes.has_focus and notes.current_note:
            notes.action_cycle()
            return
        if self.editing is not None:
            self.editing.visibility = next_visibility(self.editing.visibility)
            self.record.touch()
            self.query_one(NotesView).update_note(self.editing, self._item_title(self.editing.item))
            self.schedule_save()
        else:
            self.draft_visibility = next_visibility(self.draft_visibility)
        self._show_editor_label()

    # -- actions and follow-up ---------------------------------------------------------

    def _show_actions(self) -> None:
        self.query_one("#actions-title", Label).update(_("Agreed actions"))
        table = self.query_one("#actions", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        # Narrow columns so all four fit at 80 columns; enter shows an action in full.
        table.add_column(_("Done"), key="done", width=4)
        table.add_column(_("What"), key="what", width=19)
        table.add_column(_("Who"), key="owner", width=9)
        table.add_column(_("By when"), key="due", width=12)
        today = date.today()
        for action in self.record.actions:
            late = not action.done and action.due is not None and action.due < today
            due = Text(("! " if late else "") + (action.due.isoformat() if action.due else ""))
            if late:
                due.stylize("bold red")
            table.add_row(
                Text("[x]" if action.done else "[ ]"),
                Text(action.what),
                Text(action.owner),
                due,
                key=action.id,
            )
        if table.row_count:
            table.move_cursor(row=min(max(cursor, 0), table.row_count - 1))
        if self.record.locked:
            hint = _("space marks done (recorded as an amendment)")
        else:
            hint = _("a adds, Enter changes, space marks done, x deletes")
        if not self.record.actions:
            hint = _("No actions yet.") + " " + hint
        self.query_one("#actions-hint", Static).update(hint)
        self.query_one("#follow-label", Label).update(_("Follow-up date (YYYY-MM-DD)"))
        follow = self.query_one("#follow-up", Input)
        value = self.record.follow_up.isoformat() if self.record.follow_up else ""
        if follow.value != value and not follow.has_focus:
            with follow.prevent(Input.Changed):
                follow.value = value
        follow.disabled = self.read_only
        amendments = self.record.amendments
        self.query_one("#amendments-title", Label).update(_("Amendments"))
        self.query_one("#amendments-title").display = bool(amendments) or self.record.locked
        body = Text()
        for m in amendments:
            body.append(f"{m.at.strftime('%Y-%m-%d %H:%M')} ")
            body.append(visibility_marker(m.visibility), style=RICH_VISIBILITY_STYLE[m.visibility])
            body.append(f" {m.text}\n")
        if not amendments and self.record.locked:
            body.append(_("None yet. Press m to add one."))
        self.query_one("#amendments", Static).update(body)

    def _selected_action(self) -> Action | None:
        table = self.query_one("#actions", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((a for a in self.record.actions if a.id == key), None)

    def on_actions_table_request(self, event: ActionsTable.Request) -> None:
        event.stop()
        if event.what == "done":
            self._toggle_action_done()
        elif event.what == "delete":
            self._delete_action()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        action = self._selected_action()
        if action is not None:
            self._edit_action(action)

    def action_add_action(self) -> None:
        self._edit_action(None)

    def _edit_action(self, action: Action | None) -> None:
        from dialog_kit.tui.screens.action_edit import ActionScreen, ActionValues

        if self._refuse_if_read_only():
            return

        def done(values: ActionValues | None) -> None:
            if values is None:
                return
            if action is None:
                self.record.actions.append(
                    Action(values.what, values.owner, values.due, values.done)
                )
            else:
                action.what, action.owner, action.due = values.what, values.owner, values.due
                action.done = values.done
            self.record.touch()
            self._after_action_change()

        self.app.push_screen(ActionScreen(action, self.record.employee.name), done)

    def _toggle_action_done(self) -> None:
        action = self._selected_action()
        if action is None or self.session.read_only:
            if self.session.read_only:
                self._refuse_if_read_only()
            return
        self.record.set_action_done(action.id, not action.done)
        self._after_action_change()

    def _delete_action(self) -> None:
        action = self._selected_action()
        if action is None or self._refuse_if_read_only():
            return
        self.record.actions.remove(action)
        self.record.touch()
        self._after_action_change()

    def _after_action_change(self) -> None:
        self._show_actions()
        self.query_one(PhaseList).refresh_progress()
        self._refresh_head()
        self.schedule_save()

    @on(Input.Changed, "#follow-up")
    def follow_up_changed(self, event: Input.Changed) -> None:
        if self.read_only:
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
        if new != self.record.follow_up:
            self.record.follow_up = new
            self.record.touch()
            self.schedule_save()

    # -- amendments --------------------------------------------------------------------

    def action_amend(self) -> None:
        from dialog_kit.tui.screens.amend import AmendScreen

        if not self.record.locked:
            self.notify(_("Amendments are for locked talks; change this talk directly."))
            return
        if self.session.read_only:
            self._refuse_if_read_only()
            return

        def done(result: tuple[str, Visibility] | None) -> None:
            if result is None:
                return
            self.record.amend(result[0], result[1])
            self._show_actions()
            self.schedule_save(delay=0)
            self.notify(_("Amendment added."))

        self.app.push_screen(AmendScreen(), done)

    # -- saving ----------------------------------------------------------------------

    def schedule_save(self, delay: float = SAVE_DELAY) -> None:
        if self.session.read_only:
            return
        self.dirty = True
        self._seq += 1
        self.query_one(SavedIndicator).state = "pending"
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(max(delay, 0.01), self._save_soon)

    def _save_soon(self) -> None:
        self._timer = None
        if not self.dirty:
            return
        self.dirty = False
        self.save_in_thread(copy.deepcopy(self.record), self._seq)

    @work(thread=True, exit_on_error=False, group="save")
    def save_in_thread(self, snapshot: Record, seq: int) -> None:
        with self._save_lock:
            if seq <= self._saved_seq:
                return  # a newer snapshot was saved already
            try:
                self.session.save(snapshot)
            except DialogKitError as exc:
                self.app.call_from_thread(self._save_failed, exc.title, exc.message)
                return
            except OSError as exc:
                self.app.call_from_thread(
                    self._save_failed, _("Could not save"), exc.strerror or type(exc).__name__
                )
                return
            self._saved_seq = seq
        self.app.call_from_thread(self._saved, seq)

    def _saved(self, seq: int) -> None:
        if seq == self._seq and not self.dirty:
            self.query_one(SavedIndicator).mark_saved()

    def _save_failed(self, title: str, message: str) -> None:
        # Nothing is thrown away: the editor keeps its text and the next change retries.
        self.dirty = True
        self.query_one(SavedIndicator).state = "error"
        self.notify(message, title=title, severity="error", timeout=10)

    def flush_save(self) -> bool:
        """Saves now, on this thread; False (and a message) when it failed."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.dirty or self.session.read_only:
            return True
        snapshot = copy.deepcopy(self.record)
        with self._save_lock:
            try:
                self.session.save(snapshot)
            except (DialogKitError, OSError) as exc:
                title = getattr(exc, "title", _("Could not save"))
                message = getattr(exc, "message", None) or getattr(exc, "strerror", "") or ""
                self._save_failed(title, message)
                return False
            self._saved_seq = self._seq
        self.dirty = False
        self.query_one(SavedIndicator).mark_saved()
        return True

    def action_save_now(self) -> None:
        self.flush_save()

    # -- leaving -----------------------------------------------------------------------

    def action_back(self) -> None:
        """Escape goes up one level: from the phase's content to the list, then home."""
        phases = self.query_one(PhaseList)
        if not phases.has_focus:
            if self.query_one("#editor", TextArea).has_focus:
                self._finish_note()
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
        # The review screen may have locked the talk: take the saved version back.
        saved = self.session.get(self.record_id)
        if saved is not None and not self.dirty and saved.updated != self.record.updated:
            self.record = copy.deepcopy(saved)
            self.editing = None
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
