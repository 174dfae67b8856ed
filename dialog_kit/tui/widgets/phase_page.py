"""One phase of the talk: purpose, checklist, questions, cautions, its notes and the note editor."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static, TextArea

from dialog_kit.guides import Phase
from dialog_kit.i18n import _, get_language
from dialog_kit.privacy import next_visibility, note_default
from dialog_kit.record import Note
from dialog_kit.tui.labels import (
    RICH_VISIBILITY_STYLE,
    shorten,
    visibility_help,
    visibility_marker,
)
from dialog_kit.tui.widgets.checklist import Checklist, required_legend
from dialog_kit.tui.widgets.last_time import LOOK_BACK_PHASE, LastTimePanel
from dialog_kit.tui.widgets.notes import NotesView
from dialog_kit.tui.widgets.talk_host import TalkHost

ITEM_IN_LABEL = 28
"""How much of an item's text the editor's one-line label shows: the editor stays in view."""


class PhasePage(VerticalScroll):
    """The page for one phase; the talk screen chooses the phase and saves what changes."""

    def __init__(self, host: TalkHost, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.host = host
        self.phase: Phase | None = None
        self.editing: Note | None = None
        self.draft_item: str | None = None
        self.draft_visibility = note_default()

    def compose(self) -> ComposeResult:
        yield Label("", id="phase-title", classes="section-title", markup=False)
        yield Static("", id="phase-purpose", markup=False)
        yield LastTimePanel(id="last-time")
        yield Label("", id="checklist-title", classes="section-title", markup=False)
        yield Static("", id="after-hint", classes="hint", markup=False)
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

    @property
    def editor(self) -> TextArea:
        return self.query_one("#editor", TextArea)

    # -- showing -----------------------------------------------------------------------

    async def show(self, phase: Phase) -> None:
        """Shows `phase`; a different phase than before starts at the top of the page."""
        entering = self.phase is None or self.phase.id != phase.id
        self.phase = phase
        lang = get_language()
        self.query_one("#phase-title", Label).update(
            f"{phase.title.get(lang)}  ({_stage(phase.stage)})"
        )
        self.query_one("#phase-purpose", Static).update(phase.purpose.get(lang))
        self.query_one(LastTimePanel).show(
            self.host.last_time() if phase.id == LOOK_BACK_PHASE else None
        )
        legend = f"  {required_legend()}" if any(i.required for i in phase.items) else ""
        # The keys (space, n) are in the footer while the checklist has focus.
        self.query_one("#checklist-title", Label).update(_("Checklist") + legend)
        after_hint = self.query_one("#after-hint", Static)
        after_hint.display = phase.after and self.host.record.locked
        after_hint.update(
            _("The talk is locked; ticks here are kept as dated follow-up beside what was agreed.")
        )
        await self.query_one(Checklist).show(phase, self.host.record.ticked(phase.id))
        self.query_one("#prompts-title", Label).update(_("Questions you can ask"))
        self.query_one("#prompts", Static).update(
            "\n".join(f"• {p.text.get(lang)}" for p in phase.prompts)
        )
        self.query_one("#cautions-title", Label).update(_("Cautions"))
        self.query_one("#cautions-title").display = bool(phase.cautions)
        self.query_one("#cautions").display = bool(phase.cautions)
        self.query_one("#cautions", Static).update(
            "\n".join(f"⚠ {c.text.get(lang)}" for c in phase.cautions)
        )
        self.query_one("#editor-box").display = not self.host.read_only
        await self.show_notes()
        self.show_editor_label()
        if entering:
            self.scroll_home(animate=False, immediate=True)

    async def show_notes(self) -> None:
        notes = self._notes()
        self.query_one("#notes-title", Label).update(
            _("Notes ({count})").format(count=len(notes))
            + ("" if not notes or self.host.read_only else "  " + _("v: who sees it, enter: edit"))
        )
        view = self.query_one(NotesView)
        await view.show([(n, self.host.item_title(n.item)) for n in notes])
        view.display = bool(notes)

    def _notes(self) -> list[Note]:
        phases = self.host.record.phases
        return phases[self.phase.id].notes if self.phase and self.phase.id in phases else []

    def show_editor_label(self) -> None:
        """One line, so the editor under it stays in view at 80x24."""
        visibility = self.editing.visibility if self.editing else self.draft_visibility
        item = self.editing.item if self.editing else self.draft_item
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(_("Editing note") if self.editing is not None else _("New note"))
        if item:
            title = self.host.item_title(item) or item
            text.append(f" ({shorten(title, ITEM_IN_LABEL)})", style="italic")
        text.append(" ")
        text.append(visibility_marker(visibility), style=RICH_VISIBILITY_STYLE[visibility])
        text.append(f" {visibility_help(visibility, self.host.recovery_keys())} · ")
        text.append(_("ctrl+t changes · saved by itself · esc leaves"))
        self.query_one("#editor-label", Static).update(text)

    def _update_note_line(self, note: Note) -> None:
        view = self.query_one(NotesView)
        view.update_note(note, self.host.item_title(note.item))
        view.show_note(note.id)

    # -- the checklist -----------------------------------------------------------------

    async def on_checklist_toggled(self, event: Checklist.Toggled) -> None:
        event.stop()
        phase, record = self.phase, self.host.record
        if phase is None:
            return
        if phase.after and record.locked:
            # Following up (sending the summary, doing what was promised) goes on after the
            # talk is locked, as dated events that leave what was agreed as it was.
            if self.host.refuse_if_vault_read_only():
                return
            record.tick_after_talk(phase.id, event.item_id)
        else:
            if self.host.refuse_if_read_only():
                return
            record.toggle_item(phase.id, event.item_id)
        self.host.record_changed()
        self.query_one(Checklist).set_ticked(record.ticked(phase.id))

    def on_checklist_note_requested(self, event: Checklist.NoteRequested) -> None:
        event.stop()
        if self.host.refuse_if_read_only():
            return
        phase = self.phase
        item = next((i for i in phase.items if i.id == event.item_id), None) if phase else None
        self.finish_note()
        self.draft_item = event.item_id
        self.draft_visibility = note_default(item.visibility if item else None)
        self.show_editor_label()
        self.editor.focus()

    # -- notes -------------------------------------------------------------------------

    def write(self) -> None:
        """A new note in this phase, not tied to an item."""
        if self.editing is not None or self.editor.text:
            self.finish_note()
        self.draft_item = None
        self.draft_visibility = note_default()
        self.show_editor_label()
        self.editor.focus()

    def finish_note(self) -> None:
        """Detaches the editor from its note (already in the record) and empties it."""
        editor = self.editor
        self.editing = None
        self.draft_item = None
        self.draft_visibility = note_default()
        if editor.text:
            with editor.prevent(TextArea.Changed):
                editor.clear()
        self.show_editor_label()

    @on(TextArea.Changed, "#editor")
    async def editor_changed(self) -> None:
        phase, record = self.phase, self.host.record
        if self.host.read_only or phase is None:
            return
        text = self.editor.text
        rebuild = False
        if self.editing is None:
            if not text.strip():
                return
            self.editing = record.add_note(phase.id, text, self.draft_visibility, self.draft_item)
            rebuild = True
        elif text.strip():
            self.editing.text = text
            record.touch()
        else:
            # An emptied note is removed: the record holds no blank notes.
            state = record.phase(phase.id)
            if self.editing in state.notes:
                state.notes.remove(self.editing)
            self.draft_visibility = self.editing.visibility
            self.draft_item = self.editing.item
            self.editing = None
            rebuild = True
            record.touch()
        self.host.record_changed()  # before any await: the change is marked unsaved at once
        if rebuild:
            await self.show_notes()
        elif self.editing is not None:
            self.query_one(NotesView).update_note(
                self.editing, self.host.item_title(self.editing.item)
            )
        self.show_editor_label()

    async def on_notes_view_action(self, event: NotesView.Action) -> None:
        event.stop()
        note = next((n for n in self._notes() if n.id == event.note_id), None)
        if note is None or self.host.refuse_if_read_only():
            return
        if event.what == "cycle":
            self._cycle(note)
        elif event.what == "edit":
            self.finish_note()
            self.editing = note
            editor = self.editor
            with editor.prevent(TextArea.Changed):
                editor.load_text(note.text)
            editor.move_cursor(editor.document.end)  # go on writing where the note ends
            self.show_editor_label()
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
        for state in self.host.record.phases.values():
            if note in state.notes:
                state.notes.remove(note)
        if self.editing is note:
            self.finish_note()
        self.host.record.touch()
        self.host.record_changed()
        await self.show_notes()

    def _cycle(self, note: Note) -> None:
        note.visibility = next_visibility(note.visibility)
        self.host.record.touch()
        self._update_note_line(note)
        if self.editing is note:
            self.show_editor_label()
        self.host.record_changed()

    def cycle_visibility(self) -> None:
        """ctrl+t: the highlighted note in the list, else the note being written."""
        notes = self.query_one(NotesView)
        current = notes.current_note if notes.has_focus else None
        note = next((n for n in self._notes() if n.id == current), None) if current else None
        if note is not None:
            self._cycle(note)
            return
        if self.editing is not None:
            self._cycle(self.editing)
        else:
            self.draft_visibility = next_visibility(self.draft_visibility)
            self.show_editor_label()


def _stage(stage: str) -> str:
    return {"before": _("before"), "during": _("during"), "after": _("after")}.get(stage, stage)
