"""A Footer that shows binding descriptions in the current interface language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from dialog_kit.i18n import _


class LocalFooter(Footer):
    """Binding descriptions are English source texts (N_); translate them when shown."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.description:
                widget.description = _(widget.description)
            yield widget
