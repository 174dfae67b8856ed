"""A phase's checklist: space ticks an item, n writes a note on it; only on an item in view."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.errors import NoWidget
from textual.geometry import Region
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

    phase_id: str | None = None
    """The phase shown; a new phase starts on its first item."""
    _scroll_pending = False
    _shown_index: int | None = None  # the item last scrolled into view

    async def show(self, phase: Phase, ticked: list[str]) -> None:
        # The same phase again (a tick redrawn) keeps its place; another starts at the top,
        # or the highlight lands on an item the manager never looked at.
        index = self.index if phase.id == self.phase_id else 0
        self.phase_id = phase.id
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
            if self.has_focus:
                self._follow_highlight()

    def set_ticked(self, ticked: list[str]) -> None:
        """Redraws the boxes in place: rebuilding the list would drop keys typed meanwhile."""
        self.ticked = list(ticked)
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
            # ListView scrolls only itself; the page around it must follow too.
            if self.has_focus:
                self._follow_highlight()

    def on_focus(self) -> None:
        self._follow_highlight()

    def _follow_highlight(self) -> None:
        """Brings the highlighted item into view once the layout is current."""
        self._scroll_pending = True
        self.call_after_refresh(self.show_current)

    def show_current(self) -> None:
        """Scrolls every container so the highlighted item is in view."""
        self._scroll_pending = False
        self._shown_index = self.index
        child = self.highlighted_child
        if child is not None and child.is_attached:
            child.scroll_visible(animate=False, immediate=True)

    def _geometry(self, item_id: str) -> tuple[Region, Region] | None:
        """The item's region and the part of it on the screen, as last laid out."""
        items = (c for c in self.children if isinstance(c, ListItem) and c.name == item_id)
        child = next(items, None)
        if child is None:
            return None
        try:
            geometry = self.screen.find_widget(child)
        except NoWidget:
            return None
        return (geometry.region, geometry.visible_region) if geometry.region else None

    def item_is_visible(self, item_id: str) -> bool:
        """Whether the item's first line is on the screen (a long hint may run below)."""
        geometry = self._geometry(item_id)
        return geometry is not None and bool(geometry[1]) and geometry[1].y == geometry[0].y

    def _on_visible_item(self, message: type[Toggled] | type[NoteRequested]) -> None:
        """Posts `message` for the highlighted item if the manager can see it.

        An item scrolled out of sight (the page scrolled away from it) is only brought
        into view: the key does nothing to it. Right after a phase is entered or the
        highlight moved, the last picture is not current yet; then the item is scrolled
        into view at once and the key acts on it, so keys typed quickly are not lost.
        """
        item_id = self.current_item
        if item_id is None:
            return
        # Keys typed quickly can arrive before the highlight's move has been drawn.
        settling = (
            self._scroll_pending
            or self.index != self._shown_index
            or self._geometry(item_id) is None
        )
        if self.item_is_visible(item_id) and not settling:
            self.post_message(message(item_id))
            return
        self.show_current()
        if settling:
            self.post_message(message(item_id))

    @property
    def current_item(self) -> str | None:
        child = self.highlighted_child
        return child.name if child is not None else None

    def action_tick(self) -> None:
        self._on_visible_item(self.Toggled)

    def action_note(self) -> None:
        self._on_visible_item(self.NoteRequested)


def required_legend() -> str:
    return _("* required")
