"""The bare Textual baselines of bench_tui: an unlock form, and a talk page updated in place.

Neither imports dialog_kit. Each does the same visible work as ours with plain
Textual: the form shows the same widgets and answers Enter on an empty field with the
same error line; the page shows the same phases, texts, checklist and notes (from a
JSON file of the guide's texts), updating its widgets in place as a careful Textual
programmer would, and adding or removing rows when a phase has more or fewer.
`python bare_tui.py start` runs the form (for the start-up figure, in a pty).
"""

from __future__ import annotations

import sys
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Label, ListItem, ListView, LoadingIndicator, Static

EMPTY = "The passphrase must not be empty."


class BareStart(App[None]):
    """The unlock screen's widgets; Enter on the empty field shows the error line."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "quit", "Quit")]
    CSS = "#box { width: 76; height: auto; border: round $accent; } #busy { display: none; }"

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label("dialog_kit")
            yield Static("Enter your passphrase to open your talks.")
            yield Input(password=True, id="passphrase", placeholder="Passphrase")
            yield Input(password=True, id="again", placeholder="The same passphrase again")
            yield Static("", id="note")
            yield Static("", id="error")
            yield LoadingIndicator(id="busy")
            yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#again").display = False
        self.query_one("#passphrase", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not event.value:
            self.query_one("#error", Static).update(EMPTY)


class BarePage(App[None]):
    """The talk screen's phase list and page, updated in place on each phase change."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "quit", "Back"),
        Binding("w", "bell", "Write note"),
        Binding("ctrl+t", "bell", "Who sees it"),
        Binding("r", "bell", "Review"),
    ]
    CSS = """
    #phases { width: 28; }
    #page { padding: 0 1; }
    ListView.rows { height: auto; max-height: 100%; }
    ListView.rows > ListItem { height: auto; }
    ListView.rows Label { width: 1fr; }
    #editor-box { height: auto; }
    """

    def __init__(self, phases: list[dict[str, Any]]) -> None:
        super().__init__()
        self.phases = phases
        self.shown: dict[str, str | Text] = {}

    def compose(self) -> ComposeResult:
        yield Static("Anna Berg · Development review · in progress", id="head")
        with Horizontal():
            yield ListView(
                *(ListItem(Label(f"  0/{len(p['items'])} {p['title']}")) for p in self.phases),
                id="phases",
            )
            with VerticalScroll(id="page"):
                yield Label("", id="phase-title")
                yield Static("", id="phase-purpose")
                yield Label("Checklist  * required")
                yield ListView(id="checklist", classes="rows")
                yield Label("Questions you can ask")
                yield Static("", id="prompts")
                yield Label("Cautions", id="cautions-title")
                yield Static("", id="cautions")
                yield Label("", id="notes-title")
                yield ListView(id="notes", classes="rows")
                with Vertical(id="editor-box"):
                    yield Static("New note [private]")
                    yield Static("", id="editor")
        yield Footer()

    async def on_mount(self) -> None:
        self.query_one("#phases", ListView).focus()
        await self.show(0)

    async def on_list_view_highlighted(self, event: ListView.Highlighted) -> None:
        if event.list_view.id == "phases" and event.list_view.index is not None:
            await self.show(event.list_view.index)

    async def show(self, index: int) -> None:
        phase = self.phases[index]
        self.put("#phase-title", f"{phase['title']}  ({phase['stage']})")
        self.put("#phase-purpose", phase["purpose"])
        await self.lines("#checklist", [f"[ ] {item}" for item in phase["items"]])
        self.put("#prompts", "\n".join(f"• {p}" for p in phase["prompts"]))
        self.query_one("#cautions-title").display = bool(phase["cautions"])
        self.query_one("#cautions").display = bool(phase["cautions"])
        self.put("#cautions", "\n".join(f"⚠ {c}" for c in phase["cautions"]))
        self.put("#notes-title", f"Notes ({len(phase['notes'])})")
        await self.lines(
            "#notes",
            [Text.assemble((mark, style), " ", text) for mark, style, text in phase["notes"]],
        )
        self.query_one("#page", VerticalScroll).scroll_home(animate=False, immediate=True)

    def put(self, selector: str, text: str | Text) -> None:
        """Updates a widget only when its text changes (as ours does)."""
        if self.shown.get(selector) != text:
            self.shown[selector] = text
            self.query_one(selector, Static).update(text)

    async def lines(self, selector: str, texts: list[str] | list[Text]) -> None:
        view = self.query_one(selector, ListView)
        items = list(view.query_children(ListItem))
        for item, text in zip(items, texts, strict=False):
            if getattr(item, "text", None) != text:
                item.text = text  # type: ignore[attr-defined]
                item.query_one(Label).update(text)
        if len(items) > len(texts):
            await view.remove_children(items[len(texts) :])
        elif len(texts) > len(items):
            new = [ListItem(Label(text, markup=False)) for text in texts[len(items) :]]
            for item, text in zip(new, texts[len(items) :], strict=True):
                item.text = text  # type: ignore[attr-defined]
            await view.mount_all(new)
        view.display = bool(texts)
        if view.index != (0 if texts else None):
            view.index = 0 if texts else None


if __name__ == "__main__":
    if sys.argv[1:] == ["start"]:
        BareStart().run()
