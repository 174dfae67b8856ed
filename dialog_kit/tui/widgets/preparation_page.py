"""The employee's own preparation, beside the questions they answered: their words, marked so.

The answers come from a filled-in preparation sheet (`documents.prep_import`);
the manager may change who sees each one (v or ctrl+t), never their words.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Label, ListItem, ListView, Static

from dialog_kit.i18n import N_, _
from dialog_kit.privacy import next_visibility
from dialog_kit.record import Note, Record, now
from dialog_kit.tui.labels import RICH_VISIBILITY_STYLE, visibility_help, visibility_marker
from dialog_kit.tui.widgets.talk_host import TalkHost


def preparation_notes(record: Record) -> list[Note]:
    """The imported answers, in the order of the sheet's questions."""
    from dialog_kit.documents.forms import EMPLOYEE_PREPARATION  # the documents load late

    state = record.phases.get(EMPLOYEE_PREPARATION)
    return list(state.notes) if state is not None else []


def answer_text(note: Note, question: str) -> Text:
    text = Text()
    text.append(question, style="bold")
    text.append("\n")
    text.append(visibility_marker(note.visibility), style=RICH_VISIBILITY_STYLE[note.visibility])
    text.append(" " + _("In the employee's words:") + " ", style="italic")
    text.append(note.text)
    return text


class AnswersView(ListView):
    """One entry per answer; v changes who sees it (nothing else: the words are theirs)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "cycle", N_("Who sees it"), id="preparation.visibility"),
    ]

    class Cycle(Message):
        def __init__(self, note_id: str) -> None:
            super().__init__()
            self.note_id = note_id

    @property
    def current_note(self) -> str | None:
        child = self.highlighted_child
        return child.name if child is not None else None

    def action_cycle(self) -> None:
        if self.current_note:
            self.post_message(self.Cycle(self.current_note))


class PreparationPage(VerticalScroll):
    """What the employee wrote before the talk, under the question each answer belongs to."""

    def __init__(self, host: TalkHost, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.host = host
        self.questions: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Label("", id="preparation-title", classes="section-title", markup=False)
        yield Static("", id="preparation-hint", classes="hint", markup=False)
        yield AnswersView(id="answers")

    @property
    def answers(self) -> AnswersView:
        return self.query_one(AnswersView)

    async def show(self, questions: dict[str, str]) -> None:
        """Shows the answers; `questions` maps each field (answer-N) to its question."""
        self.questions = questions
        notes = preparation_notes(self.host.record)
        self.query_one("#preparation-title", Label).update(
            _("The employee's preparation ({count})").format(count=len(notes))
        )
        hint = _(
            "What the employee wrote on their preparation sheet, in their own words. Shared "
            "answers go into their summary; v changes who sees one."
        )
        if not notes:
            hint = _("No preparation has been imported yet: press i to import a filled-in sheet.")
        self.query_one("#preparation-hint", Static).update(hint)
        view = self.answers
        index = view.index
        await view.clear()
        await view.extend(
            ListItem(Label(answer_text(n, self._question(n)), markup=False), name=n.id)
            for n in notes
        )
        if notes:
            view.index = min(index or 0, len(notes) - 1)

    def _question(self, note: Note) -> str:
        return self.questions.get(note.item or "", note.item or "")

    def cycle(self, note_id: str | None = None) -> None:
        """Changes who sees the highlighted answer (or `note_id`) to the next level."""
        note_id = note_id or self.answers.current_note
        note = next((n for n in preparation_notes(self.host.record) if n.id == note_id), None)
        if note is None or self.host.refuse_if_read_only():
            return
        note.visibility = next_visibility(note.visibility)
        # Not record.touch(): a planned talk stays planned until it is held.
        self.host.record.updated = now()
        for child in self.answers.children:
            if isinstance(child, ListItem) and child.name == note.id:
                child.query_one(Label).update(answer_text(note, self._question(note)))
        self.host.record_changed()
        self.notify(
            f"{visibility_marker(note.visibility)} "
            f"{visibility_help(note.visibility, self.host.recovery_keys())}"
        )

    def on_answers_view_cycle(self, event: AnswersView.Cycle) -> None:
        event.stop()
        self.cycle(event.note_id)
