"""List lines that are reused in place: a new phase changes their text, not the widgets."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Label, ListItem, ListView

Content = str | Text


class Row(ListItem):
    """One line of a list, keyed by what it shows (an item id, a note id)."""

    def __init__(self, key: str, content: Content, *, markup: bool = True) -> None:
        self.label = Label(content, markup=markup)
        super().__init__(self.label)
        self.key = key
        self._content = content

    def set(self, key: str, content: Content) -> None:
        """Shows another key's line; the label is redrawn only when its text changed."""
        self.key = key
        if content != self._content:
            self._content = content
            self.label.update(content)


def rows(view: ListView) -> list[Row]:
    return [child for child in view.children if isinstance(child, Row)]


async def fill(
    view: ListView, lines: list[tuple[str, Content]], index: int | None, *, markup: bool = True
) -> list[Row]:
    """Makes `view` show `lines`, highlighting `index`: reuses its rows, adds or removes the rest.

    Mounting and removing widgets is what makes a phase change slow; most phases differ
    only in their lines' text, so the rows stay and only their labels change.
    """
    current = rows(view)
    keep = min(len(current), len(lines))
    for row, (key, content) in zip(current, lines, strict=False):
        row.set(key, content)
    wanted = None if not lines else min(index or 0, len(lines) - 1)
    if len(current) > keep:
        # Move the highlight off the rows that go before they go.
        if wanted is not None and view.index is not None and view.index >= keep:
            view.index = wanted
        await view.remove_children(current[keep:])
    if len(lines) > keep:
        await view.mount_all(Row(key, content, markup=markup) for key, content in lines[keep:])
    if len(lines) != len(current):
        view.call_after_refresh(_drop_needless_scrollbar, view)
    if wanted is None:
        view.index = None
    elif view.index != wanted:
        view.index = wanted
    elif (child := view.highlighted_child) is not None and not child.highlighted:
        # The same index on rows mounted just now: ListView highlights only on a change.
        view.watch_index(None, wanted)
    return rows(view)


def _drop_needless_scrollbar(view: ListView) -> None:
    """Takes away a scrollbar the lines do not need at the view's full width.

    A list of `height: auto` that once needed a scrollbar can keep it: the scrollbar
    narrows the lines, they wrap onto one more line, and that line seems to need it.
    Rebuilding every line hid this; lines that stay and grow by one can show it.
    """
    if not view.is_attached or not view.show_vertical_scrollbar:
        return
    size = view.size
    needed = sum(row.get_content_height(size, view.app.size, size.width) for row in rows(view))
    if needed <= size.height:
        view.show_vertical_scrollbar = False
        view.refresh(layout=True)
