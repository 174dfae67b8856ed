"""The form for a new talk: who, which kind, which profile, the employee's language, when."""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING, ClassVar

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from dialog_kit.errors import DialogKitError
from dialog_kit.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, get_language, ngettext
from dialog_kit.matching import candidates
from dialog_kit.record import (
    MAX_DURATION_MINUTES,
    MAX_PLACE,
    GuideRef,
    Kind,
    Person,
    Record,
    carry_over_actions,
    latest_for_employee,
    latest_for_person,
    new_record,
)
from dialog_kit.tui.app import DialogKitApp
from dialog_kit.tui.autosave import run_reporting
from dialog_kit.tui.labels import kind_label
from dialog_kit.tui.widgets.footer import LocalFooter
from dialog_kit.tui.widgets.status import ErrorLine

if TYPE_CHECKING:
    from dialog_kit.tui.session import Session


class NewTalkScreen(ModalScreen[str | None]):
    """Dismisses with the id of the saved new talk, or None when cancelled."""

    app = getters.app(DialogKitApp)

    DEFAULT_CSS = """
    NewTalkScreen #when-where {
        height: auto;
    }
    NewTalkScreen #when-where Input {
        margin-right: 1;
    }
    NewTalkScreen #when-where #time {
        width: 8;
    }
    NewTalkScreen #when-where #duration {
        width: 10;
    }
    NewTalkScreen #when-where #place {
        width: 1fr;
        margin-right: 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "create", N_("Create"), id="new.create"),
        Binding("escape", "cancel", N_("Cancel"), id="new.cancel"),
    ]

    @property
    def session(self) -> Session:
        return self.app.session

    def compose(self) -> ComposeResult:
        library = self.session.library
        profiles = list(library.profiles.values()) if library else []
        lang = get_language()
        profile_ids = [p.id for p in profiles]
        with Vertical(classes="dialog wide"):
            yield Label(_("New talk"), classes="dialog-title")
            with VerticalScroll(id="new-form"), Grid(classes="form"):
                yield Label(_("Kind of talk"))
                yield Select(
                    [(kind_label(k), k.value) for k in Kind],
                    value=Kind.DEVELOPMENT.value,
                    allow_blank=False,
                    compact=True,
                    id="kind",
                )
                stages = self._stage_options()
                if stages:
                    yield Label(_("Stage of change"), classes="stage")
                    yield Select(
                        stages,
                        value=stages[0][1],
                        allow_blank=False,
                        compact=True,
                        id="stage",
                        classes="stage",
                    )
                yield Label(_("Employee's name"))
                yield Input(id="name", max_length=200, compact=True)
                yield ErrorLine(id="name-error")
                yield Label(_("Role (optional)"))
                yield Input(id="role", max_length=200, compact=True)
                yield Label(_("Profile"))
                yield Select(
                    [(p.title.get(lang), p.id) for p in profiles] or [(_("General"), "general")],
                    value="general" if "general" in profile_ids or not profiles else profile_ids[0],
                    allow_blank=False,
                    compact=True,
                    id="profile",
                )
                yield Label(_("Employee's language"))
                yield Select(
                    [(LANGUAGE_NAMES[code], code) for code in LANGUAGES],
                    value=lang,
                    allow_blank=False,
                    compact=True,
                    id="locale",
                )
                yield Label(_("Date (YYYY-MM-DD)"))
                yield Input(date.today().isoformat(), id="date", max_length=10, compact=True)
                yield ErrorLine(id="date-error")
                # One row for all three: the form must keep its buttons in view at 80x24.
                yield Label(_("When, where (optional)"))
                with Horizontal(id="when-where"):
                    yield Input(placeholder=_("HH:MM"), id="time", max_length=5, compact=True)
                    yield Input(
                        placeholder=_("minutes"),
                        id="duration",
                        max_length=3,
                        type="integer",
                        compact=True,
                    )
                    yield Input(
                        placeholder=_("place"), id="place", max_length=MAX_PLACE, compact=True
                    )
                yield ErrorLine(id="time-error")
                yield ErrorLine(id="duration-error")
                yield ErrorLine(id="place-error")
                yield Label(_("Your name"))
                yield Input(
                    self.session.config.manager_name, id="manager", max_length=200, compact=True
                )
                yield ErrorLine(id="manager-error")
                yield Label(_("Birth year (optional)"), classes="birth")
                yield Input(
                    id="birth_year", max_length=4, type="integer", compact=True, classes="birth"
                )
                yield Static(
                    _(
                        "Only for performing arts: used to show when a career-transition "
                        "window opens. Leave it empty otherwise."
                    ),
                    classes="hint birth wide-cell",
                )
                yield ErrorLine(id="birth-error")
                yield Checkbox(
                    _("Carry over open actions"), id="carry", value=True, classes="wide-cell"
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Cancel") + " (Esc)", id="cancel", compact=True)
                yield Button(
                    _("Create") + " (ctrl+s)", id="create", variant="primary", compact=True
                )
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#kind", Select).focus()
        self._update_stage_fields()
        self._update_profile_fields()
        self._update_carry()

    async def refresh_texts(self) -> None:
        """Rebuilds the form in the new language, keeping what was typed and chosen."""
        texts = {w.id: w.value for w in self.query(Input) if w.id}
        choices = {w.id: w.value for w in self.query(Select) if w.id}
        ticks = {w.id: w.value for w in self.query(Checkbox) if w.id}
        await self.recompose()
        for field in self.query(Input):
            if field.id in texts:
                field.value = texts[field.id]
        for select in self.query(Select):
            if select.id in choices:
                select.value = choices[select.id]
        for box in self.query(Checkbox):
            if box.id in ticks:
                box.value = ticks[box.id]
        self._update_stage_fields()
        self._update_profile_fields()
        self._update_carry()

    # -- live form ---------------------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "profile":
            self._update_profile_fields()
        elif event.select.id == "kind":
            self._update_stage_fields()

    def _stage_options(self) -> list[tuple[str, str]]:
        """(title, id) of the career-change guide's stages: the phases a talk can be about."""
        library = self.session.library
        if library is None:
            return []
        try:
            guide = library.guide_for_kind(Kind.CAREER_CHANGE)
        except DialogKitError:
            return []
        lang = get_language()
        return [
            (phase.title.get(lang), phase.id)
            for phase in (guide.phase(stage) for stage in guide.talk_stages)
            if phase is not None
        ]

    def _update_stage_fields(self) -> None:
        career_change = self.query_one("#kind", Select).value == Kind.CAREER_CHANGE.value
        for widget in self.query(".stage"):
            widget.display = career_change

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("name", "role"):
            self._update_carry()
            self.query_one("#name-error", ErrorLine).update("")

    def _update_profile_fields(self) -> None:
        profile_id = self.query_one("#profile", Select).value
        library = self.session.library
        profile = library.profile(str(profile_id)) if library else None
        for widget in self.query(".birth"):
            widget.display = bool(profile and profile.windows)

    def _previous(self) -> Record | None:
        """The last talk with the person of this name: by their register id, never by the
        name alone (two people called Anna Berg do not share their open actions)."""
        name = self.query_one("#name", Input).value
        if not name.strip():
            return None
        register = self.session.register
        people = register.find(name)
        if len(people) > 1:
            role = Person(name, " ".join(self.query_one("#role", Input).value.split()))
            people = candidates(register, role)
        if len(people) == 1:
            return latest_for_person(self.session.records, people[0].id)
        if people:
            return None  # several people of this name: the person picker decides
        return latest_for_employee(self.session.records, name)  # talks not tied to anyone

    def _update_carry(self) -> None:
        box = self.query_one("#carry", Checkbox)
        previous = self._previous()
        open_actions = previous.open_actions() if previous else []
        box.display = bool(open_actions)
        if previous is not None and open_actions:
            box.label = ngettext(
                "Carry over {count} open action from the talk of {date}",
                "Carry over {count} open actions from the talk of {date}",
                len(open_actions),
            ).format(count=len(open_actions), date=previous.date.isoformat())

    # -- create --------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "create":
            self.action_create()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _validate(self) -> Record | None:
        ok = True
        name = " ".join(self.query_one("#name", Input).value.split())
        if not name:
            self.query_one("#name-error", ErrorLine).update(_("Write the employee's name."))
            ok = False
        raw_date = self.query_one("#date", Input).value.strip()
        try:
            on = date.fromisoformat(raw_date)
            self.query_one("#date-error", ErrorLine).update("")
        except ValueError:
            self.query_one("#date-error", ErrorLine).update(
                _("Write the date as YYYY-MM-DD, for example {example}.").format(
                    example=date.today().isoformat()
                )
            )
            ok = False
            on = date.today()
        manager = " ".join(self.query_one("#manager", Input).value.split())
        if not manager:
            self.query_one("#manager-error", ErrorLine).update(
                _("Write your name: it appears on the employee's summary.")
            )
            ok = False
        else:
            self.query_one("#manager-error", ErrorLine).update("")
        birth_year = None
        raw_birth = self.query_one("#birth_year", Input).value.strip()
        if raw_birth and self.query_one("#birth_year").display:
            try:
                birth_year = int(raw_birth)
            except ValueError:
                birth_year = -1
            if not 1900 <= birth_year <= date.today().year:
                self.query_one("#birth-error", ErrorLine).update(
                    _("Write a year between 1900 and {year}, or leave it empty.").format(
                        year=date.today().year
                    )
                )
                ok = False
            else:
                self.query_one("#birth-error", ErrorLine).update("")
        schedule = self._schedule()
        if not ok or schedule is None:
            return None
        library = self.session.library
        assert library is not None
        kind = Kind(str(self.query_one("#kind", Select).value))
        try:
            guide = library.guide_for_kind(kind)
        except DialogKitError as exc:
            self.notify(exc.message, title=exc.title, severity="error")
            return None
        record = new_record(
            kind,
            GuideRef(guide.id, guide.version),
            Person(name, " ".join(self.query_one("#role", Input).value.split()), birth_year),
            Person(manager, self.session.config.manager_role),
            str(self.query_one("#locale", Select).value),
            on,
            profile=str(self.query_one("#profile", Select).value),
            stage=self._chosen_stage(kind),
        )
        record.set_schedule(*schedule)
        previous = self._previous()
        carry = self.query_one("#carry", Checkbox)
        if previous is not None and carry.display and carry.value:
            carry_over_actions(previous, record)
        return record

    def _schedule(self) -> tuple[time | None, int | None, str | None] | None:
        """(time, minutes, place) as typed, each optional; None after showing what is wrong."""
        from dialog_kit.record.schedule import duration_problem, parse_time, place_problem

        ok = True
        raw_time = self.query_one("#time", Input).value.strip()
        at = None
        try:
            at = parse_time(raw_time) if raw_time else None
            self.query_one("#time-error", ErrorLine).update("")
        except ValueError:
            self.query_one("#time-error", ErrorLine).update(
                _("Write the time as HH:MM, for example 14:30, or leave it empty.")
            )
            ok = False
        raw_minutes = self.query_one("#duration", Input).value.strip()
        minutes = int(raw_minutes) if raw_minutes.lstrip("-").isdigit() else None
        if raw_minutes and (minutes is None or duration_problem(minutes)):
            self.query_one("#duration-error", ErrorLine).update(
                _("Write the length in minutes, 1 to {most}, or leave it empty.").format(
                    most=MAX_DURATION_MINUTES
                )
            )
            ok = False
        else:
            self.query_one("#duration-error", ErrorLine).update("")
        place = " ".join(self.query_one("#place", Input).value.split()) or None
        problem = place_problem(place) if place is not None else None
        self.query_one("#place-error", ErrorLine).update(
            _("The place {problem}").format(problem=problem) if problem else ""
        )
        if not ok or problem:
            return None
        return at, minutes, place

    def _chosen_stage(self, kind: Kind) -> str | None:
        if kind is not Kind.CAREER_CHANGE:
            return None
        found = self.query("#stage")
        return str(found.first(Select).value) if found else None

    def action_create(self) -> None:
        record = self._validate()
        if record is None:
            self._show_first_error()
            return
        self.query_one("#create", Button).disabled = True
        self.save(record)

    def _show_first_error(self) -> None:
        """Moves to the first field with a message, so it is seen even in a small terminal."""
        for error in self.query(ErrorLine):
            if error.display:
                field = {
                    "name-error": "#name",
                    "date-error": "#date",
                    "time-error": "#time",
                    "duration-error": "#duration",
                    "place-error": "#place",
                    "manager-error": "#manager",
                    "birth-error": "#birth_year",
                }.get(error.id or "")
                if field:
                    self.query_one(field).focus()
                self.call_after_refresh(error.scroll_visible)
                return

    @work(thread=True, exclusive=True, exit_on_error=False, group="vault")
    def save(self, record: Record) -> None:
        run_reporting(
            self.app,
            lambda: self.session.save(record),
            lambda _saved: self.dismiss(record.id),
            self._save_failed,
        )

    def _save_failed(self, title: str, message: str) -> None:
        self.query_one("#create", Button).disabled = False
        self.notify(message, title=title, severity="error")
