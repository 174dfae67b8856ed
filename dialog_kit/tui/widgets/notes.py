"""The notes of a phase, each with its visibility marker: v changes who sees it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import ListView

from dialog_kit.i18n import N_
from dialog_kit.record import Note
from dialog_kit.tui.labels import RICH_VISIBILITY_STYLE, shorten, visibility_marker
from dialog_kit.tui.widgets.rows import Row, fill, rows

ITEM_IN_NOTE = 40
"""How much of its item's text a note's line repeats: the note itself is what matters."""


def note_text(note: Note, item_title: str | None = None) -> Text:
    text = Text()
    text.append(visibility_marker(note.visibility), style=RICH_VISIBILITY_STYLE[note.visibility])
    text.append(" ")
    if item_title:
        text.append(f"({shorten(item_title, ITEM_IN_NOTE)}) ", style="italic")
    text.append(note.text)
    return text


class NotesView(ListView):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "cycle", N_("Who sees it"), id="notes.visibility"),
        Binding("enter", "edit", N_("Edit note"), id="notes.edit"),
        Binding("delete,x", "remove", N_("Delete note"), id="notes.delete"),
    ]

    class Action(Message):
        def __init__(self, note_id: str, what: str) -> None:
            super().__init__()
            self.note_id = note_id
            self.what = what

    async def show(self, notes: list[tuple[Note, str | None]]) -> None:
        # The rows are reused: another phase's notes rewrite their text, not the widgets.
        await fill(
            self, [(note.id, note_text(note, item_title)) for note, item_title in notes], self.index
        )

    def update_note(self, note: Note, item_title: str | None) -> bool:
        """Updates one note's line in place; False when it is not shown yet."""
        row = next((row for row in rows(self) if row.key == note.id), None)
        if row is None:
            return False
        row.set(note.id, note_text(note, item_title))
        return True

    def show_note(self, note_id: str) -> None:
        """Scrolls the page so a note's line is in view (after its text or marker changed)."""
        for row in rows(self):
            if row.key == note_id:
                self.call_after_refresh(row.scroll_visible, animate=False)

    def on_focus(self) -> None:
        # Tab lands here from the checklist: the list may be below the visible part.
        self.call_after_refresh(self._show_current)

    def on_list_view_highlighted(self, event: ListView.Highlighted) -> None:
        # Only while the manager is in the list: redrawing the notes must not move the page.
        if event.list_view is self and self.has_focus:
            self.call_after_refresh(self._show_current)

    def _show_current(self) -> None:
        child = self.highlighted_child
        if child is not None and child.is_attached:
            child.scroll_visible(animate=False, immediate=True)

    @property
    def current_note(self) -> str | None:
        child = self.highlighted_child
        return child.key if isinstance(child, Row) else None

    def _post(self, what: str) -> None:
        if self.current_note:
            self.post_message(self.Action(self.current_note, what))

    def action_cycle(self) -> None:
        self._post("cycle")

    def action_edit(self) -> None:
        self._post("edit")

    def action_remove(self) -> None:
        self._post("remove")
