"""Review a talk: what the employee will receive, the manager's warnings apart, documents, lock."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, getters, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import LoadingIndicator, Static

from dialog_kit.documents.made import summary_stale
from dialog_kit.errors import DialogKitError
from dialog_kit.guides import org_scope
from dialog_kit.i18n import N_, _, get_language
from dialog_kit.record import Record
from dialog_kit.review import language_in, review_warnings
from dialog_kit.tui.app import DialogKitApp
from dialog_kit.tui.autosave import failure, run_reporting
from dialog_kit.tui.labels import kind_label, shorten, status_label, summary_state
from dialog_kit.tui.widgets.footer import LocalFooter

if TYPE_CHECKING:
    from dialog_kit.guides import GuideLibrary
    from dialog_kit.tui.session import Session


LOCK_LIST_MAX = 6
"""Open items named in the lock question, a line each; more would push its buttons off 80x24."""
LOCK_LINE = 56


def lock_question(record: Record, library: object) -> str:
    """The question before locking, with the required items still open in the talk's phases.

    The after phase (sending the summary, following up) is left out: it stays tickable.
    """
    from dialog_kit.documents.context import summary_guide
    from dialog_kit.progress import unticked_before_lock

    question = _(
        "Lock this talk? What was agreed can no longer be changed; later "
        "additions are kept as dated amendments."
    )
    guide = summary_guide(record, library)  # type: ignore[arg-type]
    open_items = unticked_before_lock(guide, record) if guide is not None else []
    if not open_items:
        return question
    lang = get_language()
    shown = [
        "• " + shorten(f"{p.title.get(lang)}: {i.text.get(lang)}", LOCK_LINE)
        for p, items in open_items
        for i in items
    ]
    lines = [question, "", _("Required items not ticked:"), *shown[:LOCK_LIST_MAX]]
    if len(shown) > LOCK_LIST_MAX:
        lines.append(_("… and {count} more").format(count=len(shown) - LOCK_LIST_MAX))
    return "\n".join(lines)


class ReviewScreen(Screen[None]):
    app = getters.app(DialogKitApp)

    # The manager's warnings are set apart from the employee's document by a frame of
    # their own, so nobody takes them for part of what is handed over.
    DEFAULT_CSS = """
    ReviewScreen #review-warnings {
        border: round $warning;
        padding: 0 1;
    }
    ReviewScreen #preview {
        border-title-style: bold;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), id="review.back"),
        Binding("p", "make_pdf", N_("Make PDF"), id="review.pdf"),
        Binding("c", "make_ics", N_("Calendar file"), id="review.ics"),
        Binding("l", "lock", N_("Complete and lock"), id="review.lock"),
        Binding("h", "handed_over", N_("Handed over"), id="review.handed_over", show=False),
        Binding("d", "documents", N_("Documents"), id="review.documents", show=False),
        Binding("i", "import_answer", N_("Import answer"), id="review.import", show=False),
    ]

    def __init__(self, record_id: str) -> None:
        super().__init__()
        self.record_id = record_id
        self._preview_width = 0  # the width the preview was last wrapped to

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "lock":
            return not self.record.locked and not self.session.read_only
        return True

    @property
    def session(self) -> Session:
        return self.app.session

    @property
    def library(self) -> GuideLibrary:
        return self.session.guides()

    @property
    def record(self) -> Record:
        record = self.session.get(self.record_id)
        assert record is not None
        return record

    def compose(self) -> ComposeResult:
        yield Static("", id="review-title", classes="section-title", markup=False)
        with VerticalScroll(id="review-body"):
            yield Static("", id="review-warnings", classes="warnings", markup=False)
            yield LoadingIndicator(id="preview-busy")
            yield Static("", id="preview", classes="preview", markup=False)
        yield Static("", id="review-status", classes="hint", markup=False)
        yield LocalFooter()

    def on_mount(self) -> None:
        self.refresh_texts()
        self.query_one("#review-body").focus()

    def on_resize(self, event: events.Resize) -> None:
        # The preview is wrapped to the width (its notes are indented); rewrap on a new one.
        if self._preview_width and self._width_for(event.size.width) != self._preview_width:
            self.query_one("#preview-busy").display = True
            self._start_preview()

    @staticmethod
    def _width_for(columns: int) -> int:
        # Body padding, the frame, its padding and the scroll bar: 8 columns.
        return max(40, columns - 8)

    def _start_preview(self) -> None:
        self._preview_width = self._width_for(self.app.size.width)
        self.build_preview(copy.deepcopy(self.record), self._preview_width)

    def refresh_texts(self) -> None:
        record = self.record
        title = Text()
        title.append(_("Review") + ": ", style="bold")
        title.append(record.employee.name, style="bold")
        title.append(f" · {kind_label(record.kind)} · {record.date.isoformat()}")
        title.append(f" · {status_label(record.status)}")
        self.query_one("#review-title", Static).update(title)
        warnings = review_warnings(record, self.library, org_scope(self.session.config).country)
        state = summary_state(record)
        if state is not None and summary_stale(record):
            warnings.insert(0, state)
        box = self.query_one("#review-warnings", Static)
        box.border_title = _("For you only, not in the document")
        box.update("\n".join(f"! {w}" for w in warnings))
        box.display = bool(warnings)
        self._status(state if state is not None and not summary_stale(record) else "")
        # The document's frame is titled with what it is, so the first lines of the
        # employee's notes still fit on an 80x24 screen under the warnings.
        self.query_one("#preview", Static).border_title = _(
            "What the employee will receive (in {language})"
        ).format(language=language_in(record.locale, get_language()))
        self.query_one("#preview-busy").display = True
        self._start_preview()

    @work(thread=True, exclusive=True, exit_on_error=False, group="preview")
    def build_preview(self, record: Record, width: int) -> None:
        from dialog_kit.documents import build_summary_document
        from dialog_kit.tui.summary_text import summary_text

        try:
            # The same document model summary_pdf renders: the preview is the PDF's text.
            doc = build_summary_document(record, self.library, self.session.config)
            text: Text | str = summary_text(doc, width)
        except DialogKitError as exc:
            text = f"{exc.title}: {exc.message}"
        self.app.call_from_thread(self._show_preview, text)

    def _show_preview(self, text: Text | str) -> None:
        self.query_one("#preview-busy").display = False
        self.query_one("#preview", Static).update(text)

    # -- documents ---------------------------------------------------------------

    def _folder(self) -> Path:
        from dialog_kit.tui.outputs import output_dir

        folder = self.app.output_folder
        return Path(folder) if folder else output_dir()

    def action_make_pdf(self) -> None:
        self._status(_("Making the PDF…"))
        self.make_document("pdf", copy.deepcopy(self.record))

    def action_make_ics(self) -> None:
        if self.record.follow_up is None:
            self.notify(
                _("Set a follow-up date first (in the talk, under Actions, follow-up)."),
                severity="warning",
            )
            return
        self._status(_("Making the calendar file…"))
        self.make_document("ics", copy.deepcopy(self.record))

    def _status(self, text: str) -> None:
        self.query_one("#review-status", Static).update(text)

    @work(thread=True, exit_on_error=False, group="documents")
    def make_document(self, what: str, record: Record) -> None:
        from dialog_kit.documents import follow_up_ics, summary_pdf, write_document
        from dialog_kit.documents.naming import follow_up_name, summary_name
        from dialog_kit.tui.outputs import free_path

        session = self.session
        try:
            if what == "pdf":
                data = summary_pdf(record, self.library, session.config, in_child=True)
                name = summary_name(record)
            else:
                data = follow_up_ics(record, session.config)
                name = follow_up_name(record)
            for _attempt in range(5):
                path = free_path(self._folder(), name)
                try:
                    written = write_document(path, data)
                    break
                except DialogKitError:
                    if not path.exists():
                        raise
            else:  # pragma: no cover - five races in a row
                raise DialogKitError(_("Could not save"), _("No free file name was found."))
            if what == "pdf" and not session.read_only:
                # Which version was handed over, so a later amendment can say it is out of date.
                record.summary_was_made()
                session.save(record)
        except (DialogKitError, OSError) as exc:
            self.app.call_from_thread(self._failed, *failure(exc))
            return
        self.app.call_from_thread(self._made, written)

    def _made(self, path: Path) -> None:
        self.refresh_texts()
        status = _("Saved: {path}").format(path=path)
        state = summary_state(self.record) if path.suffix == ".pdf" else None
        self._status(status + ("\n" + state if state else ""))
        # In a browser the file also arrives as a download (the folder may be out of reach).
        getattr(self.app, "deliver_document", lambda _path: None)(path)
        message = str(path)
        if path.suffix == ".pdf":
            # The summary leaves the vault's protection here: say so every time.
            message += "\n" + _("Not encrypted: hand it over, then delete it from this computer.")
        self.notify(message, title=_("Document saved"), timeout=10)

    def _failed(self, title: str, message: str) -> None:
        self._status("")
        self.notify(message, title=title, severity="error", timeout=10)

    # -- lock ----------------------------------------------------------------------

    def action_lock(self) -> None:
        from dialog_kit.tui.screens.confirm import ConfirmScreen

        if self.record.locked:
            self.notify(_("This talk is already locked."))
            return
        if self.session.read_only:
            self.notify(
                _("Another dialog-kit is using this vault, so changes cannot be saved here."),
                title=_("Read-only"),
                severity="warning",
            )
            return

        def answered(yes: bool | None) -> None:
            if yes:
                record = copy.deepcopy(self.record)
                record.lock()
                self.save_locked(record)

        self.app.push_screen(
            ConfirmScreen(
                _("Complete and lock"),
                lock_question(self.record, self.library),
                yes=_("Lock"),
            ),
            answered,
        )

    @work(thread=True, exit_on_error=False, group="vault")
    def save_locked(self, record: Record) -> None:
        run_reporting(
            self.app, lambda: self.session.save(record), lambda _r: self._locked(), self._failed
        )

    def _locked(self) -> None:
        self.refresh_texts()
        self.refresh_bindings()
        self.notify(_("The talk is completed and locked."))

    # -- handed over ---------------------------------------------------------------

    def action_documents(self) -> None:
        from dialog_kit.tui.screens.documents import DocumentsScreen

        self.app.push_screen(DocumentsScreen(self.record))

    def action_handed_over(self) -> None:
        """Notes that the employee received the last summary made (which version is recorded)."""
        from dialog_kit.tui.screens.confirm import ConfirmScreen

        if self.session.read_only:
            self.notify(
                _("Another dialog-kit is using this vault, so changes cannot be saved here."),
                title=_("Read-only"),
                severity="warning",
            )
            return
        record = self.record
        if not record.summaries:
            self.notify(_("Make the summary first (p), then hand it over."), severity="warning")
            return
        last = record.summaries[-1]
        version = (
            _("final, version {version}").format(version=last.version) if last.final else _("draft")
        )

        def answered(yes: bool | None) -> None:
            if yes:
                changed = copy.deepcopy(self.record)
                changed.hand_over()
                self.save_handed_over(changed)

        self.app.push_screen(
            ConfirmScreen(
                _("Handed over"),
                _(
                    "Has the employee received the summary made {at} ({version})? "
                    "The app then shows that version as theirs."
                ).format(at=last.at.strftime("%Y-%m-%d %H:%M"), version=version),
                yes=_("Handed over"),
            ),
            answered,
        )

    @work(thread=True, exit_on_error=False, group="vault")
    def save_handed_over(self, record: Record) -> None:
        run_reporting(
            self.app,
            lambda: self.session.save(record),
            lambda _r: self._handed_over(),
            self._failed,
        )

    def _handed_over(self) -> None:
        from dialog_kit.documents.made import summary_received

        self.refresh_texts()
        self.notify(summary_received(self.record), title=_("Handed over"))

    # -- the employee's answer ------------------------------------------------------

    def action_import_answer(self) -> None:
        """The summary the employee filled in: their comments and acknowledgement come in."""
        from dialog_kit.tui.screens.file_path import FilePathScreen

        if self.session.read_only:
            self.notify(
                _("Another dialog-kit is using this vault, so changes cannot be saved here."),
                title=_("Read-only"),
                severity="warning",
            )
            return
        if not self.record.locked:
            self.notify(_("The employee answers a final summary: lock the talk first."))
            return

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.read_answer(path, copy.deepcopy(self.record))

        self.app.push_screen(
            FilePathScreen(
                _("Import the employee's answer"),
                _(
                    "The final summary the employee filled in (a PDF): their comments come in "
                    "as a dated amendment in their words, and their 'I have read it' is noted."
                ),
                self.app.output_folder,
            ),
            chosen,
        )

    @work(thread=True, exit_on_error=False, group="vault")
    def read_answer(self, path: Path, record: Record) -> None:
        """The same checks as `dialog-kit summary-import`, then the amendments saved."""
        from dialog_kit.documents.forms import read_form
        from dialog_kit.documents.summary_import import import_summary_answer, summary_answer

        def job() -> list[str]:
            recorded = import_summary_answer(record, summary_answer(record, read_form(path)))
            self.session.save(record)
            return recorded

        run_reporting(self.app, job, self._answer_imported, self._failed)

    def _answer_imported(self, recorded: list[str]) -> None:
        self.refresh_texts()
        self.notify("\n".join(recorded), title=_("The employee's answer imported"), timeout=10)

    def action_back(self) -> None:
        self.app.pop_screen()

    def palette_commands(self) -> list[SystemCommand]:
        return [
            SystemCommand(
                _("Make PDF"), _("The employee's summary as a PDF"), self.action_make_pdf
            ),
            SystemCommand(
                _("Make calendar file"), _("The follow-up as an .ics event"), self.action_make_ics
            ),
            SystemCommand(
                _("Complete and lock"), _("No more changes, only amendments"), self.action_lock
            ),
            SystemCommand(
                _("Handed over"),
                _("The employee has received the last summary made"),
                self.action_handed_over,
            ),
            SystemCommand(
                _("Import answer"),
                _("The employee's comments on a final summary (PDF)"),
                self.action_import_answer,
            ),
            SystemCommand(
                _("Documents"),
                _("What was made for this talk, its versions, what the employee has"),
                self.action_documents,
            ),
        ]

    def help_intro(self) -> str:
        return _(
            "Above, in their own frame: warnings for you, not part of the document. Below: "
            "exactly what the employee's PDF will say, in the employee's language, marked "
            "as a draft until the talk is locked. Only notes marked [shared] appear. Files "
            "get neutral names such as summary-2026-11-22-6f0c8a52-v2.pdf (date, the talk's "
            "short id, version), never the employee's name. Once you have given the "
            "employee the summary, press h (handed over): the app then says which version "
            "they have and when it is out of date; d lists the talk's documents; i imports the "
            "summary the employee filled in (their comments and acknowledgement)."
        )
