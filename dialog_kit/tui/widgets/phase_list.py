"""The talk's phases as a list with progress: ticked of total, '!' when required items are open."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Label, ListItem, ListView

from dialog_kit.guides import Guide
from dialog_kit.i18n import N_, _, get_language
from dialog_kit.progress import phase_progress
from dialog_kit.record import Record

ACTIONS_PAGE = "__actions__"
PREPARATION_PAGE = "__preparation__"
"""The employee's imported preparation: listed first, once there is any."""


class PhaseList(ListView):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", N_("Go to phase"), id="phases.select", show=False),
    ]

    def __init__(self, guide: Guide, record: Record, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.guide = guide
        self.record = record
        self._labels: dict[str, Label] = {}
        self._shown: dict[str, str] = {}  # each label's text, as last given

    def compose_items(self) -> list[ListItem]:
        items = []
        self._labels = {}
        self._shown = {}
        pages = [PREPARATION_PAGE] if self._preparation_count() else []
        pages += [phase.id for phase in self.guide.phases] + [ACTIONS_PAGE]
        for page in pages:
            text = self._page_text(page)
            label = Label(text, markup=False)
            self._labels[page] = label
            self._shown[page] = text
            items.append(ListItem(label, name=page))
        return items

    async def on_mount(self) -> None:
        await self.extend(self.compose_items())
        self.index = 0

    async def rebuild(self, page: str | None = None) -> None:
        """Lists the pages again (after a preparation was imported), on `page` if given."""
        current = page or self.current_page
        await self.clear()
        items = self.compose_items()
        await self.extend(items)
        names = [item.name for item in items]
        self.index = names.index(current) if current in names else 0

    def _preparation_count(self) -> int:
        from dialog_kit.documents.forms import EMPLOYEE_PREPARATION

        state = self.record.phases.get(EMPLOYEE_PREPARATION)
        return len(state.notes) if state is not None else 0

    def _preparation_text(self) -> str:
        return "  " + _("The employee's preparation ({count})").format(
            count=self._preparation_count()
        )

    def _text(self, phase_id: str) -> str:
        phase = self.guide.phase(phase_id)
        assert phase is not None
        ticked, total, missing = phase_progress(self.guide, self.record, phase_id)
        mark = "!" if missing else ("✓" if total and ticked == total else " ")
        return f"{mark} {ticked}/{total} {phase.title.get(get_language())}"

    def _actions_text(self) -> str:
        open_count = len(self.record.open_actions())
        return "  " + _("Actions, follow-up ({count})").format(count=open_count)

    def refresh_progress(self, record: Record | None = None) -> None:
        if record is not None:
            self.record = record
        for page, label in self._labels.items():
            text = self._page_text(page)
            # Called on every change (each key typed in a note): a label is redrawn, and
            # the screen laid out again, only when its text is new.
            if self._shown.get(page) != text:
                self._shown[page] = text
                label.update(text)

    def _page_text(self, page: str) -> str:
        if page == ACTIONS_PAGE:
            return self._actions_text()
        if page == PREPARATION_PAGE:
            return self._preparation_text()
        return self._text(page)

    @property
    def current_page(self) -> str:
        item = self.highlighted_child
        return item.name if item is not None and item.name else self.guide.phases[0].id
