"""A phase's checklist: space ticks an item, n writes a note on it."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Label, ListItem, ListView

from dialog_kit.guides import Item, Phase
from dialog_kit.i18n import N_, _, get_language


class Checklist(ListView):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", N_("Tick"), id="checklist.toggle"),
        Binding("n", "note", N_("Note on item"), id="checklist.note"),
    ]

    class Toggled(Message):
        def __init__(self, item_id: str) -> None:
            super().__init__()
            self.item_id = item_id

    class NoteRequested(Message):
        def __init__(self, item_id: str) -> None:
            super().__init__()
            self.item_id = item_id

    async def show(self, phase: Phase, ticked: list[str]) -> None:
        index = self.index
        self.ticked = list(ticked)
        self._labels = {}
        await self.clear()
        labels: dict[str, tuple[Item, Label]] = {}
        items = []
        for item in phase.items:
            label = Label(self._text(item, with_hint=False), markup=False)
            labels[item.id] = (item, label)
            items.append(ListItem(label, name=item.id))
        self._labels = labels
        await self.extend(items)
        if items:
            self.index = min(index or 0, len(items) - 1)
            self._show_hints()

    def _text(self, item: Item, with_hint: bool) -> str:
        lang = get_language()
        box = "[x]" if item.id in self.ticked else "[ ]"
        required = " *" if item.required and item.id not in self.ticked else ""
        text = f"{box} {item.text.get(lang)}{required}"
        if with_hint and item.hint is not None:
            text += "\n    " + item.hint.get(lang)
        return text

    def _show_hints(self) -> None:
        """Only the highlighted item shows its hint: the list stays short at 80x24."""
        current = self.current_item
        for item_id, (item, label) in getattr(self, "_labels", {}).items():
            label.update(self._text(item, with_hint=item_id == current))

    def on_list_view_highlighted(self, event: ListView.Highlighted) -> None:
        if event.list_view is self:
            self._show_hints()

    @property
    def current_item(self) -> str | None:
        child = self.highlighted_child
        return child.name if child is not None else None

    def action_tick(self) -> None:
        if self.current_item:
            self.post_message(self.Toggled(self.current_item))

    def action_note(self) -> None:
        if self.current_item:
            self.post_message(self.NoteRequested(self.current_item))


def required_legend() -> str:
    return _("* required")
