"""A Footer that shows binding descriptions in the current interface language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.app import ComposeResult
from textual.reactive import Reactive
from textual.widgets import Footer

from dialog_kit.i18n import _, get_language

if TYPE_CHECKING:
    from textual.screen import Screen


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
            # A binding's key starts compact and is bound to the footer's (not compact) only
            # once mounted: its class is set and removed again, each a restyle of the key (a
            # large part of the TUI's CPU in the tests). Starting with the footer's value, the
            # binding finds nothing to change. The palette key is not bound: it stays compact.
            compact = getattr(type(widget), "compact", None)
            if isinstance(compact, Reactive) and not widget.has_class("-command-palette"):
                widget.set_reactive(compact, self.compact)
            yield widget

    _shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        # Textual rebuilds every key of the footer whenever a screen asks (each phase
        # change, each focus move); rebuild only when what it would show has changed.
        shown = (
            get_language(),
            tuple(
                (key, binding.action, binding.description, binding.show, enabled, tooltip)
                for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
            ),
        )
        if shown == self._shown and self._bindings_ready and screen is self.screen:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown
        super().bindings_changed(screen)
