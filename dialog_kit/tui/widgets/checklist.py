"""A phase's checklist: space ticks an item, n writes a note on it."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Label, ListItem, ListView

from dialog_kit.guides import Phase
from dialog_kit.i18n import N_, _, get_language


class Checklist(ListView):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle", N_("Tick"), id="checklist.toggle"),
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
        lang = get_language()
        index = self.index
        await self.clear()
        items = []
        for item in phase.items:
            box = "[x]" if item.id in ticked else "[ ]"
            required = " *" if item.required and item.id not in ticked else ""
            text = f"{box} {item.text.get(lang)}{required}"
            if item.hint is not None:
                text += "\n    " + item.hint.get(lang)
            items.append(ListItem(Label(text, markup=False), name=item.id))
        await self.extend(items)
        if items:
            self.index = min(index or 0, len(items) - 1)

    @property
    def current_item(self) -> str | None:
        child = self.highlighted_child
        return child.name if child is not None else None

    def action_toggle(self) -> None:
        if self.current_item:
            self.post_message(self.Toggled(self.current_item))

    def action_note(self) -> None:
        if self.current_item:
            self.post_message(self.NoteRequested(self.current_item))


def required_legend() -> str:
    return _("* required")
