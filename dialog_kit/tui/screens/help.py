"""The keys of the screen the user came from, with what they do."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from dialog_kit.i18n import N_, _


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,q", "close", N_("Close"), id="help.close")
    ]

    def __init__(self, screen: Screen[object], intro: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.source = screen
        self.intro = intro

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Label(_("Keys on this screen"), classes="dialog-title")
            with VerticalScroll():
                if self.intro:
                    yield Static(self.intro, classes="help-intro", markup=False)
                yield Static(self._table(), id="help-keys", markup=False)
            yield Static(_("Esc closes this help."), classes="hint")

    def _table(self) -> str:
        """The app's own keys (each has an id) of the focused widget, the screen and the app."""
        rows: list[tuple[str, str]] = []
        seen: set[str] = set()
        nodes = [self.source.focused, self.source, self.app]
        for node in nodes:
            if node is None:
                continue
            for bindings in node._bindings.key_to_bindings.values():
                for binding in bindings:
                    if not binding.id or not binding.description or binding.id in seen:
                        continue
                    if binding.action == "command_palette":
                        continue  # the last row says more than the footer's one word
                    if not self.source.check_action(binding.action, ()):
                        continue
                    seen.add(binding.id)
                    rows.append((self.app.get_key_display(binding), _(binding.description)))
        rows.append(("tab", _("Next part of the screen (shift+tab: back)")))
        rows.append(("ctrl+p", _("All commands (palette)")))
        width = max(len(k) for k, _d in rows)
        return "\n".join(f"{k.ljust(width)}  {d}" for k, d in rows)

    def action_close(self) -> None:
        self.dismiss(None)
