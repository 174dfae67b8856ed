"""The career-path catalogue in a talk: search it, see a path's steps, attach what interests.

Opened from a development or career-change talk. The list starts with the
paths that fit the person's profile and role (the check box widens it to the
whole catalogue); the pane beside it shows the highlighted path or step. What
is attached goes into the record at once, shared by default (the privacy
policy: it is the employee's own plans); the attached list below lets the
manager change who sees one, or take it off again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from dialog_kit.career.attached import AttachedPath
from dialog_kit.career.model import CareerCatalogue, CareerPath, Step
from dialog_kit.career.search import search
from dialog_kit.i18n import N_, _, get_language
from dialog_kit.record import MAX_TEXT, Record
from dialog_kit.tui.labels import visibility_marker
from dialog_kit.tui.widgets.footer import LocalFooter


class CareerPathsScreen(ModalScreen[None]):
    """Changes the record it is given (through its methods); `on_change` saves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close"), id="career.close"),
        Binding("ctrl+a", "attach", N_("Attach"), id="career.attach"),
        Binding("ctrl+t", "cycle_visibility", N_("Who sees it"), id="career.visibility"),
        Binding("ctrl+d", "detach", N_("Take off"), id="career.detach"),
    ]

    def __init__(
        self, record: Record, catalogue: CareerCatalogue, on_change: Callable[[], None]
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.record = record
        self.catalogue = catalogue
        self.on_change = on_change
        self.lang = get_language()

    def compose(self) -> ComposeResult:
        person = self.record.employee
        with Vertical(classes="dialog career"):
            yield Label(_("Career paths"), classes="dialog-title")
            with Horizontal(id="career-filters"):
                yield Input(
                    placeholder=_("Search paths"), id="career-search", max_length=200, compact=True
                )
                yield Checkbox(
                    _("Fits {name}").format(name=person.name or _("the employee")),
                    value=True,
                    id="career-fit",
                    compact=True,
                )
            with Horizontal(id="career-body"):
                yield OptionList(id="career-list", compact=True)
                with VerticalScroll(id="career-detail-box"):
                    yield Static("", id="career-detail", markup=False)
            yield Label(_("Next step (goes into the summary with the path):"))
            yield Input(id="career-next", max_length=MAX_TEXT, compact=True)
            yield Label(_("Attached to this talk:"))
            yield OptionList(id="career-attached", compact=True)
        yield LocalFooter()

    def on_mount(self) -> None:
        self._fill()
        self._fill_attached()
        self.query_one("#career-list", OptionList).focus()

    # -- the catalogue list ------------------------------------------------------------

    def _found(self) -> list[CareerPath]:
        fit = self.query_one("#career-fit", Checkbox).value
        query = self.query_one("#career-search", Input).value
        return search(
            self.catalogue.paths.values(),
            query,
            profile=self.record.profile if fit else None,
            role=self.record.employee.role if fit else None,
            programmes=self.catalogue.programmes,
        )

    def _fill(self) -> None:
        options = self.query_one("#career-list", OptionList)
        options.clear_options()
        found = self._found()
        for path in found:
            options.add_option(Option(Content(path.title.get(self.lang)), id=f"path:{path.id}"))
            for n, step in enumerate(path.steps, start=1):
                options.add_option(
                    Option(
                        Content(f"   {n}. {step.title.get(self.lang)}"),
                        id=f"step:{path.id}:{step.id}",
                    )
                )
        if found:
            options.highlighted = 0
        self._show_detail()

    def _chosen(self) -> tuple[CareerPath, Step | None] | None:
        options = self.query_one("#career-list", OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        option_id = options.get_option_at_index(options.highlighted).id or ""
        parts = option_id.split(":")
        path = self.catalogue.path(parts[1]) if len(parts) > 1 else None
        if path is None:
            return None
        return path, path.step(parts[2]) if len(parts) > 2 else None

    def _show_detail(self) -> None:
        detail = self.query_one("#career-detail", Static)
        chosen = self._chosen()
        if chosen is None:
            detail.update(_("No path matches. Try other words, or untick the box to see all."))
            return
        path, step = chosen
        lang = self.lang
        if step is None:
            lines = [path.title.get(lang), "", path.summary.get(lang), ""]
            lines += [f"{n}. {s.title.get(lang)}" for n, s in enumerate(path.steps, start=1)]
        else:
            lines = [step.title.get(lang), "", step.what.get(lang)]
            if step.competences:
                lines += ["", _("Competences:")] + [f"- {c.get(lang)}" for c in step.competences]
            lines += ["", _("How to get there: {text}").format(text=step.how.get(lang))]
            if step.time:
                lines.append(_("Typical time: {text}").format(text=step.time.get(lang)))
            if step.pay:
                lines.append(_("Pay: {text}").format(text=step.pay.get(lang)))
            for pid in step.programmes:
                if pid in self.catalogue.programmes:
                    lines.append("* " + self.catalogue.programmes[pid].title.get(lang))
        detail.update("\n".join(lines))

    @on(Input.Changed, "#career-search")
    @on(Checkbox.Changed, "#career-fit")
    def _refilter(self) -> None:
        self._fill()

    @on(OptionList.OptionHighlighted, "#career-list")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(OptionList.OptionSelected, "#career-list")
    def _selected(self) -> None:
        self.query_one("#career-next", Input).focus()

    @on(Input.Submitted, "#career-next")
    def _next_submitted(self) -> None:
        self.action_attach()

    @on(Input.Submitted, "#career-search")
    def _search_submitted(self) -> None:
        self.query_one("#career-list", OptionList).focus()

    # -- attaching ---------------------------------------------------------------------

    def action_attach(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            self.notify(_("Choose a path or a step first."), severity="warning")
            return
        path, step = chosen
        next_box = self.query_one("#career-next", Input)
        attached = self.record.attach_path(
            AttachedPath.of(path, step.id if step else None, next_box.value)
        )
        if next_box.value.strip() and attached.next_step != next_box.value.strip():
            self.record.update_path(attached.id, next_step=next_box.value)  # attached before
        next_box.value = ""
        self._changed()
        self.notify(
            _("Attached {visibility}: {title}").format(
                visibility=visibility_marker(attached.visibility),
                title=attached.title_in(self.lang),
            )
        )
        self.query_one("#career-list", OptionList).focus()

    def _fill_attached(self) -> None:
        attached = self.query_one("#career-attached", OptionList)
        keep = attached.highlighted
        attached.clear_options()
        for entry in self.record.career_paths:
            text = f"{visibility_marker(entry.visibility)} {entry.title_in(self.lang)}"
            if entry.next_step:
                text += f" – {entry.next_step}"
            attached.add_option(Option(Content(text), id=entry.id))
        if not self.record.career_paths:
            attached.add_option(Option(Content(_("(none yet)")), id="none", disabled=True))
        else:
            attached.highlighted = min(keep or 0, attached.option_count - 1)

    def _attached_entry(self) -> AttachedPath | None:
        attached = self.query_one("#career-attached", OptionList)
        if attached.highlighted is None or not self.record.career_paths:
            return None
        option_id = attached.get_option_at_index(attached.highlighted).id
        return next((p for p in self.record.career_paths if p.id == option_id), None)

    def action_cycle_visibility(self) -> None:
        entry = self._attached_entry()
        if entry is None:
            self.notify(_("Choose an attached path in the list below first."), severity="warning")
            return
        self.record.update_path(entry.id, visibility=entry.visibility.next())
        self._changed()

    def action_detach(self) -> None:
        entry = self._attached_entry()
        if entry is None:
            self.notify(_("Choose an attached path in the list below first."), severity="warning")
            return
        self.record.detach_path(entry.id)
        self._changed()

    def _changed(self) -> None:
        self._fill_attached()
        self.on_change()

    def action_close(self) -> None:
        self.dismiss(None)
