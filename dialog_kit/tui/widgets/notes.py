"""The notes of a phase, each with its visibility marker: v changes who sees it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Label, ListItem, ListView

from dialog_kit.i18n import N_
from dialog_kit.record import Note
from dialog_kit.tui.labels import RICH_VISIBILITY_STYLE, visibility_marker


def note_text(note: Note, item_title: str | None = None) -> Text:
    text = Text()
    text.append(visibility_marker(note.visibility), style=RICH_VISIBILITY_STYLE[note.visibility])
    text.append(" ")
    if item_title:
        text.append(f"({item_title}) ", style="italic")
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
        index = self.index
        await self.clear()
        self._labels: dict[str, Label] = {}
        items = []
        for note, item_title in notes:
            label = Label(note_text(note, item_title))
            self._labels[note.id] = label
            items.append(ListItem(label, name=note.id))
        await self.extend(items)
        if items:
            self.index = min(index or 0, len(items) - 1)

    def update_note(self, note: Note, item_title: str | None) -> bool:
        """Updates one note's line in place; False when it is not shown yet."""
        label = getattr(self, "_labels", {}).get(note.id)
        if label is None:
            return False
        label.update(note_text(note, item_title))
        return True

    @property
    def current_note(self) -> str | None:
        child = self.highlighted_child
        return child.name if child is not None else None

    def _post(self, what: str) -> None:
        if self.current_note:
            self.post_message(self.Action(self.current_note, what))

    def action_cycle(self) -> None:
        self._post("cycle")

    def action_edit(self) -> None:
        self._post("edit")

    def action_remove(self) -> None:
        self._post("remove")
