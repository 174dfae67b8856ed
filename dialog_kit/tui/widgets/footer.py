"""A Footer that shows binding descriptions in the current interface language."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from textual.app import ComposeResult
from textual.widgets import Footer

from dialog_kit.i18n import _


@runtime_checkable
class _Described(Protocol):
    """A footer key: Textual's key widget is private, so it is recognised by what it has."""

    description: str


class LocalFooter(Footer):
    """Binding descriptions are English source texts (N_); translate them when shown."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, _Described) and widget.description:
                widget.description = _(widget.description)
            if isinstance(widget.tooltip, str) and widget.tooltip:
                widget.tooltip = _(widget.tooltip)  # the palette key's, for one
            yield widget
