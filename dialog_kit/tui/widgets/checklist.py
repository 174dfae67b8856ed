"""A phase's checklist: space ticks an item, n writes a note on it; only on an item in view."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.errors import NoWidget
from textual.geometry import Region
from textual.message import Message
from textual.widgets import ListView

from dialog_kit.guides import Item, Phase
from dialog_kit.i18n import N_, _, get_language
from dialog_kit.tui.widgets.rows import Row, fill, rows


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
    _items: tuple[Item, ...] = ()

    async def show(self, phase: Phase, ticked: list[str]) -> None:
        # The same phase again (a tick redrawn) keeps its place; another starts at the top,
        # or the highlight lands on an item the manager never looked at.
        index = self.index if phase.id == self.phase_id else 0
        if phase.id != self.phase_id:
            # The reused rows keep the last picture's places until the next layout: until
            # the new phase's highlight has been shown, a key counts as typed while settling.
            self._shown_index = None
        self.phase_id = phase.id
        self.ticked = list(ticked)
        self._items = tuple(phase.items)
        shown = min(index or 0, len(self._items) - 1) if self._items else None
        # The rows are reused: a phase change rewrites their text instead of rebuilding them.
        await fill(
            self,
            [
                (item.id, self._text(item, with_hint=number == shown))
                for number, item in enumerate(self._items)
            ],
            shown,
            markup=False,
        )
        if self._items and self.has_focus:
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
        for row, item in zip(rows(self), self._items, strict=False):
            row.set(item.id, self._text(item, with_hint=item.id == current))

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
        child = next((row for row in rows(self) if row.key == item_id), None)
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
        return child.key if isinstance(child, Row) else None

    def action_tick(self) -> None:
        self._on_visible_item(self.Toggled)

    def action_note(self) -> None:
        self._on_visible_item(self.NoteRequested)


def required_legend() -> str:
    return _("* required")
