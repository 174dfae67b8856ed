"""The agreed actions as a table: a adds, enter changes, space marks done, x deletes."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from dialog_kit.i18n import N_


class ActionsTable(DataTable[object]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "request('done')", N_("Done / not done"), id="actions.done"),
        Binding("x,delete", "request('delete')", N_("Delete action"), id="actions.delete"),
    ]

    class Request(Message):
        """The user asked to mark done (or not) or to delete the highlighted action."""

        def __init__(self, what: str) -> None:
            super().__init__()
            self.what = what

    def action_request(self, what: str) -> None:
        if self.row_count:
            self.post_message(self.Request(what))
