"""The form for a new talk: who (a person from the register, or a new one), which kind, when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import events, getters, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from dialog_kit.clock import today
from dialog_kit.continuity import talk_defaults
from dialog_kit.errors import DialogKitError
from dialog_kit.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, get_language, ngettext
from dialog_kit.names import same_name
from dialog_kit.people import NoSuchPersonError, PersonEntry
from dialog_kit.record import (
    GuideRef,
    Kind,
    Person,
    Record,
    carry_over_actions,
    new_record,
)
from dialog_kit.team import talks_by_person
from dialog_kit.tui.app import DialogKitApp
from dialog_kit.tui.autosave import run_reporting
from dialog_kit.tui.labels import kind_label, profession_label
from dialog_kit.tui.widgets.footer import LocalFooter
from dialog_kit.tui.widgets.status import ErrorLine

if TYPE_CHECKING:
    from dialog_kit.tui.session import Session


COUNTRY_LANGUAGE = {"se": "sv", "dk": "da"}


@dataclass(frozen=True)
class NewPerson:
    """The register entry a talk with someone new adds."""

    name: str
    role: str
    language: str
    profile: str
    profession: str | None
    birth_year: int | None


NEW_PERSON = "new"
"""The picker's option for someone not in the register yet."""
MAX_MATCHES = 6


def person_option_text(person: PersonEntry) -> str:
    parts = [person.name]
    if person.role:
        parts.append(person.role)
    if person.birth_year:
        parts.append(str(person.birth_year))
    if not person.active:
        parts.append(_("no longer works for you"))
    return " · ".join(parts)


class NewTalkScreen(ModalScreen[str | None]):
    """Dismisses with the id of the saved new talk, or None when cancelled.

    The talk is tied to a person by id: one picked from the register (type to
    search, down arrow to the list), or a new person added with the talk.
    """

    app = getters.app(DialogKitApp)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "create", N_("Create"), id="new.create"),
        Binding("escape", "cancel", N_("Cancel"), id="new.cancel"),
    ]

    def __init__(self, person_id: str | None = None) -> None:
        super().__init__()
        self.person_id = person_id
        """The person picked from the register; None: a new person (or not chosen yet)."""
        self.new_person = False
        """'New person' was chosen explicitly: added even if a namesake exists."""
        self._filling = False

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
            with VerticalScroll(id="new-form"):
                with Grid(classes="form"):
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
                # Who it is, in one block outside the grids: a grid row sized itself to the
                # options list's maximum height, not to the options shown.
                with Vertical(id="picker"):
                    yield Static("", id="person-line", classes="hint", markup=False)
                    yield OptionList(id="matches", compact=True)
                    yield ErrorLine(id="name-error")
                    # Right under the person: what is carried over depends on who it is.
                    yield Checkbox(_("Carry over open actions"), id="carry", value=True)
                with Grid(classes="form"):
                    yield Label(_("Role (optional)"))
                    yield Input(id="role", max_length=200, compact=True)
                    yield Label(_("Profile"))
                    yield Select(
                        [(p.title.get(lang), p.id) for p in profiles]
                        or [(_("General"), "general")],
                        value="general"
                        if "general" in profile_ids or not profiles
                        else profile_ids[0],
                        allow_blank=False,
                        compact=True,
                        id="profile",
                    )
                    yield Label(_("Profession"), classes="profession")
                    yield Select(
                        [],
                        prompt=_("Choose…"),
                        compact=True,
                        id="profession",
                        classes="profession",
                    )
                    yield Label(_("Employee's language"))
                    yield Select(
                        [(LANGUAGE_NAMES[code], code) for code in LANGUAGES],
                        # A Danish organisation's employees speak Danish unless told otherwise.
                        value=COUNTRY_LANGUAGE.get(self.session.config.country or "", lang),
                        allow_blank=False,
                        compact=True,
                        id="locale",
                    )
                    yield Label(_("Date (YYYY-MM-DD)"))
                    yield Input(today().isoformat(), id="date", max_length=10, compact=True)
                    yield ErrorLine(id="date-error")
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
        if self.person_id is not None:
            self._fill_from(self.person_id)
        self._update_matches()
        self._update_carry()

    async def refresh_texts(self) -> None:
        """Rebuilds the form in the new language, keeping what was typed and chosen."""
        texts = {w.id: w.value for w in self.query(Input) if w.id}
        choices = {w.id: w.value for w in self.query(Select) if w.id}
        ticks = {w.id: w.value for w in self.query(Checkbox) if w.id}
        await self.recompose()
        self._filling = True
        try:
            for field in self.query(Input):
                if field.id in texts:
                    field.value = texts[field.id]
            for select in self.query(Select):
                if select.id in choices and select.id != "profession":
                    select.value = choices[select.id]
            for box in self.query(Checkbox):
                if box.id in ticks:
                    box.value = ticks[box.id]
            self._update_stage_fields()
            self._update_profile_fields()
            profession = choices.get("profession")
            if profession is not None and profession != Select.NULL:
                self._set_profession(str(profession))
        finally:
            self._filling = False
        self._update_matches()
        self._update_carry()

    # -- the person ----------------------------------------------------------------

    def chosen(self) -> PersonEntry | None:
        if self.person_id is None:
            return None
        try:
            return self.session.register.get(self.person_id)
        except NoSuchPersonError:
            return None

    def _namesakes(self) -> list[PersonEntry]:
        name = self.query_one("#name", Input).value
        if not name.strip():
            return []
        return [p for p in self.session.register.people if same_name(p.name, name)]

    def _fill_from(self, person_id: str) -> None:
        """Takes the person's name, role, language, profile, profession and birth year."""
        try:
            person = self.session.register.get(person_id)
        except NoSuchPersonError:
            self.person_id = None
            return
        self.person_id, self.new_person = person.id, False
        defaults = talk_defaults(person, self.session.register, self.session.records)
        self._filling = True
        try:
            self.query_one("#kind", Select).value = defaults.kind.value
            self.query_one("#name", Input).value = person.name
            self.query_one("#role", Input).value = person.role
            self.query_one("#locale", Select).value = person.language
            library = self.session.library
            if library is not None and library.profile(person.profile) is not None:
                self.query_one("#profile", Select).value = person.profile
            self._update_profile_fields()
            if person.profession:
                self._set_profession(person.profession)
            self.query_one("#birth_year", Input).value = (
                str(person.birth_year) if person.birth_year else ""
            )
        finally:
            self._filling = False
        self._update_matches()
        self._update_carry()

    def _update_matches(self) -> None:
        """The people whose name contains what is typed (case and diacritics ignored)."""
        matches = self.query_one("#matches", OptionList)
        line = self.query_one("#person-line", Static)
        chosen = self.chosen()
        name = " ".join(self.query_one("#name", Input).value.split())
        matches.clear_options()
        if chosen is not None:
            line.update(_("From your register: {person}").format(person=person_option_text(chosen)))
            matches.display = False
            return
        found = self.session.register.search(name)[:MAX_MATCHES] if name else []
        for person in found:
            matches.add_option(Option(person_option_text(person), id=person.id))
        if found:
            matches.add_option(Option(_("New person: {name}").format(name=name), id=NEW_PERSON))
        matches.display = bool(found)
        # As many lines as options: an OptionList's auto height takes its whole maximum.
        matches.styles.height = matches.option_count or 1
        if self.new_person:
            line.update(_("A new person, added to your register with this talk."))
        elif found:
            line.update(_("Down arrow: pick someone from your register, or a new person."))
        else:
            line.update(_("A new person, added to your register with this talk.") if name else "")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == NEW_PERSON:
            self.person_id, self.new_person = None, True
            self._update_matches()
            self._update_carry()
            self.query_one("#name-error", ErrorLine).update("")
            self.query_one("#role", Input).focus()
        elif event.option.id is not None:
            self._fill_from(event.option.id)
            self.query_one("#name-error", ErrorLine).update("")
            self.query_one("#date", Input).focus()

    # -- live form ---------------------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "profile" and not self._filling:
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
        if event.input.id == "name" and not self._filling:
            chosen = self.chosen()
            if chosen is not None and event.value != chosen.name:
                self.person_id = None  # typing another name: no longer that person
            # A "New person" choice stays while the name is corrected.
            self._update_matches()
            self._update_carry()
            self.query_one("#name-error", ErrorLine).update("")

    def _update_profile_fields(self) -> None:
        profile_id = self.query_one("#profile", Select).value
        library = self.session.library
        profile = library.profile(str(profile_id)) if library else None
        for widget in self.query(".birth"):
            widget.display = bool(profile and profile.windows)
        professions = profile.professions if profile else ()
        select = self.query_one("#profession", Select)
        current = select.value
        select.set_options([(profession_label(p), p) for p in professions])
        if current in professions:
            select.value = current
        for widget in self.query(".profession"):
            widget.display = bool(professions)

    def _set_profession(self, profession: str) -> None:
        profile_id = str(self.query_one("#profile", Select).value)
        library = self.session.library
        profile = library.profile(profile_id) if library else None
        if profile is not None and profession in profile.professions:
            self.query_one("#profession", Select).value = profession

    def _previous(self) -> Record | None:
        """The latest talk with the chosen person (or the one namesake the talk will join)."""
        person = self.chosen()
        if person is None and not self.new_person:
            namesakes = self._namesakes()
            person = namesakes[0] if len(namesakes) == 1 else None
        if person is None:
            return None
        register = self.session.register
        talks = talks_by_person(register, self.session.records).by_person.get(person.id, [])
        return talks[0] if talks else None

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
        matches = self.query_one("#matches", OptionList)
        if event.input.id == "name" and matches.display:
            matches.focus()
            matches.highlighted = 0
            return
        self.focus_next()

    def on_key(self, event: events.Key) -> None:
        matches = self.query_one("#matches", OptionList)
        name = self.query_one("#name", Input)
        if event.key == "down" and self.focused is name and matches.display:
            event.stop()
            matches.focus()
            matches.highlighted = 0

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _validate(self) -> Record | None:
        ok = True
        name = " ".join(self.query_one("#name", Input).value.split())
        if not name:
            self.query_one("#name-error", ErrorLine).update(_("Write the employee's name."))
            ok = False
        elif self.chosen() is None and not self.new_person and len(self._namesakes()) > 1:
            self.query_one("#name-error", ErrorLine).update(
                _(
                    "Several people in your register have this name: pick one from the list, "
                    "or 'New person'."
                )
            )
            ok = False
        raw_date = self.query_one("#date", Input).value.strip()
        try:
            on = date.fromisoformat(raw_date)
            self.query_one("#date-error", ErrorLine).update("")
        except ValueError:
            self.query_one("#date-error", ErrorLine).update(
                _("Write the date as YYYY-MM-DD, for example {example}.").format(
                    example=today().isoformat()
                )
            )
            ok = False
            on = today()
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
            if not 1900 <= birth_year <= today().year:
                self.query_one("#birth-error", ErrorLine).update(
                    _("Write a year between 1900 and {year}, or leave it empty.").format(
                        year=today().year
                    )
                )
                ok = False
            else:
                self.query_one("#birth-error", ErrorLine).update("")
        if not ok:
            return None
        library = self.session.library
        assert library is not None
        kind = Kind(str(self.query_one("#kind", Select).value))
        try:
            guide = library.guide_for_kind(kind)
        except DialogKitError as exc:
            self.notify(exc.message, title=exc.title, severity="error")
            return None
        person = self.chosen()
        if person is None and not self.new_person:
            namesakes = self._namesakes()
            person = namesakes[0] if len(namesakes) == 1 else None
        if person is not None:
            name = person.name  # the register's spelling, not "anna berg" as typed
            if birth_year is None:
                birth_year = person.birth_year
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
        previous = self._previous()
        carry = self.query_one("#carry", Checkbox)
        if previous is not None and carry.display and carry.value:
            carry_over_actions(previous, record)
        return record

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
        self._create_tied(record)

    def _show_first_error(self) -> None:
        """Moves to the first field with a message, so it is seen even in a small terminal."""
        for error in self.query(ErrorLine):
            if error.display:
                field = {
                    "name-error": "#name",
                    "date-error": "#date",
                    "manager-error": "#manager",
                    "birth-error": "#birth_year",
                }.get(error.id or "")
                if field:
                    self.query_one(field).focus()
                self.call_after_refresh(error.scroll_visible)
                return

    def _new_entry_fields(self, record: Record) -> NewPerson:
        profession = self.query_one("#profession", Select)
        chosen = profession.display and profession.value != Select.NULL
        return NewPerson(
            name=record.employee.name,
            role=record.employee.role,
            language=record.locale,
            profile=record.profile,
            profession=str(profession.value) if chosen else None,
            birth_year=record.employee.birth_year,
        )

    def _create_tied(self, record: Record) -> None:
        person = self.chosen()
        if person is None and not self.new_person:
            namesakes = self._namesakes()
            person = namesakes[0] if len(namesakes) == 1 else None
        new_fields = None if person is not None else self._new_entry_fields(record)
        self.query_one("#create", Button).disabled = True
        self.save(record, person.id if person else None, new_fields)

    @work(thread=True, exclusive=True, exit_on_error=False, group="vault")
    def save(self, record: Record, person_id: str | None, new_fields: NewPerson | None) -> None:
        run_reporting(
            self.app,
            lambda: self._save_tied(record, person_id, new_fields),
            lambda _saved: self.dismiss(record.id),
            self._save_failed,
        )

    def _save_tied(
        self, record: Record, person_id: str | None, new_fields: NewPerson | None
    ) -> None:
        # The register first: the talk is saved already tied to its person, so it is
        # never grouped by name with a namesake.
        register = self.session.register.copy()
        if person_id is None:
            assert new_fields is not None
            person_id = register.add(
                new_fields.name,
                new_fields.role,
                new_fields.language,
                new_fields.profile,
                new_fields.profession,
                new_fields.birth_year,
            ).id
        register.assign(record.id, person_id)
        self.session.save_register(register)
        self.session.save(record)

    def _save_failed(self, title: str, message: str) -> None:
        self.query_one("#create", Button).disabled = False
        self.notify(message, title=title, severity="error")
