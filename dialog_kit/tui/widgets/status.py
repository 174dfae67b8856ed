"""Quiet one-line indicators: 'saved 14:02', a read-only banner."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual.reactive import reactive
from textual.widgets import Static

from dialog_kit.i18n import _

if TYPE_CHECKING:
    from textual.visual import VisualType


class SavedIndicator(Static):
    """Says when the talk was last saved, that a save is pending, or that it failed."""

    state: reactive[str] = reactive("idle")
    saved_at: reactive[datetime | None] = reactive(None)

    def render(self) -> str:
        if self.state == "pending":
            return _("saving…")
        if self.state == "error":
            return _("! not saved")
        if self.saved_at is not None:
            return _("saved {time}").format(time=self.saved_at.strftime("%H:%M"))
        return ""

    def watch_state(self, state: str) -> None:
        self.set_class(state == "error", "-error")

    def mark_saved(self) -> None:
        self.saved_at = datetime.now()
        self.state = "saved"


class ErrorLine(Static):
    """An inline error message that takes no room while there is nothing to say."""

    DEFAULT_CLASSES = "error"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.display = False
        self._shown: str | None = ""

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        # The same words again (Enter pressed twice, a key held down): nothing to lay out
        # or paint. Only plain text is compared; anything else is always shown anew.
        if isinstance(content, str) and content == self._shown:
            return
        self._shown = content if isinstance(content, str) else None
        super().update(content, layout=layout)
        self.display = bool(content)
