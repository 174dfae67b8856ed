"""First-run setup, and later editing: who you are, the organisation, its country, HR contacts.

The values are written by the core (`config.save_settings`, in a thread); the
country is asked, never preselected: it decides what the documents say.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, ClassVar

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from dialog_kit.config import AGREEMENTS, COUNTRIES, MAX_HR_CONTACTS, SECTORS, HrContact
from dialog_kit.errors import DialogKitError
from dialog_kit.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, get_language
from dialog_kit.tui.app import DialogKitApp
from dialog_kit.tui.widgets.footer import LocalFooter
from dialog_kit.tui.widgets.status import ErrorLine

if TYPE_CHECKING:
    from dialog_kit.tui.session import Session

_COUNTRIES = {"se": N_("Sweden"), "dk": N_("Denmark"), "other": N_("Another country")}
_SECTORS = {
    "municipality": N_("Municipality"),
    "region": N_("Region"),
    "state": N_("State"),
    "private": N_("Private company"),
    "non-profit": N_("Non-profit"),
    "other": N_("Other"),
}
_AGREEMENTS = {
    "kom-kr": N_("KOM-KR (municipalities and regions)"),
    "trs": N_("TRS (state-funded culture and non-profits)"),
    "tsn": N_("TSN (state employers)"),
}
NO_AGREEMENT = "none"


def country_label(country: str) -> str:
    return _(_COUNTRIES.get(country, country))


def agreement_label(agreement: str) -> str:
    """An agreement in words; one the core knows and this screen does not is shown by its id."""
    return _(_AGREEMENTS[agreement]) if agreement in _AGREEMENTS else agreement.upper()


class SetupScreen(ModalScreen[bool]):
    """Dismisses with True once the settings are saved, False when left unchanged."""

    app = getters.app(DialogKitApp)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), id="setup.save"),
        Binding("escape", "cancel", N_("Cancel"), id="setup.cancel"),
    ]

    def __init__(self, *, first_run: bool = False) -> None:
        super().__init__()
        self.first_run = first_run
        self.contact_slots = 2

    @property
    def session(self) -> Session:
        return self.app.session

    def compose(self) -> ComposeResult:
        config = self.session.config
        self.contact_slots = min(MAX_HR_CONTACTS, max(1, len(config.hr_contacts)) + 1)
        with Vertical(classes="dialog wide", id="setup-box"):
            title = _("Welcome") if self.first_run else _("Settings")
            yield Label(title, classes="dialog-title")
            if self.first_run:
                yield Static(
                    _(
                        "A few things about you and your organisation. The country decides "
                        "what the employee's documents say. Change it later with s on the home."
                    ),
                    classes="hint",
                    id="setup-intro",
                )
            with VerticalScroll(id="setup-form"), Grid(classes="form"):
                yield Label(_("Your name"))
                yield Input(config.manager_name, id="manager_name", max_length=200, compact=True)
                yield ErrorLine(id="manager_name-error")
                yield Label(_("Your role"))
                yield Input(config.manager_role, id="manager_role", max_length=200, compact=True)
                yield Label(_("Organisation"))
                yield Input(config.organisation, id="organisation", max_length=200, compact=True)
                yield ErrorLine(id="organisation-error")
                yield Label(_("Country"))
                yield Select(
                    [(country_label(c), c) for c in COUNTRIES],
                    value=config.country if config.country in COUNTRIES else Select.NULL,
                    prompt=_("Choose…"),
                    compact=True,
                    id="country",
                )
                yield ErrorLine(id="country-error")
                yield Label(_("Sector"))
                yield Select(
                    [(_(_SECTORS[s]), s) for s in SECTORS],
                    value=config.sector if config.sector in SECTORS else Select.NULL,
                    prompt=_("Choose…"),
                    compact=True,
                    id="sector",
                )
                yield Label(_("Transition agreement"), classes="agreement")
                yield Select(
                    [(_("None"), NO_AGREEMENT)],
                    value=NO_AGREEMENT,
                    allow_blank=False,
                    compact=True,
                    id="agreement",
                    classes="agreement",
                )
                for n in range(self.contact_slots):
                    contact = config.hr_contacts[n] if n < len(config.hr_contacts) else None
                    yield Label(_("HR contact {n}").format(n=n + 1), classes="wide-cell hr-title")
                    yield Label(_("Name"), classes="hr-field")
                    yield Input(
                        contact.name if contact else "",
                        id=f"hr{n}_name",
                        max_length=200,
                        compact=True,
                    )
                    yield Label(_("Phone"), classes="hr-field")
                    yield Input(
                        contact.phone if contact else "",
                        id=f"hr{n}_phone",
                        max_length=60,
                        compact=True,
                    )
                    yield Label(_("E-mail"), classes="hr-field")
                    yield Input(
                        contact.email if contact else "",
                        id=f"hr{n}_email",
                        max_length=200,
                        compact=True,
                    )
                    yield ErrorLine(id=f"hr{n}-error")
                yield Label(_("Interface language"))
                yield Select(
                    [(LANGUAGE_NAMES[code], code) for code in LANGUAGES],
                    value=config.language if config.language in LANGUAGES else get_language(),
                    allow_blank=False,
                    compact=True,
                    id="language",
                )
                yield Label(_("Months between development talks"))
                yield Input(
                    str(config.cadence_months),
                    id="cadence_months",
                    max_length=2,
                    type="integer",
                    compact=True,
                )
                yield ErrorLine(id="cadence_months-error")
                yield ErrorLine(id="setup-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Cancel") + " (Esc)", id="cancel", compact=True)
                yield Button(_("Save") + " (ctrl+s)", id="save", variant="primary", compact=True)
        yield LocalFooter()

    def on_mount(self) -> None:
        self._update_agreements(self.session.config.agreement)
        self.query_one("#manager_name", Input).focus()

    async def refresh_texts(self) -> None:
        """Rebuilds the form in the new language, keeping what was typed and chosen."""
        texts = {w.id: w.value for w in self.query(Input) if w.id}
        choices = {w.id: w.value for w in self.query(Select) if w.id}
        await self.recompose()
        for field in self.query(Input):
            if field.id in texts:
                field.value = texts[field.id]
        for select in self.query(Select):
            if select.id in choices and select.id != "agreement":
                select.value = choices[select.id]
        agreement = choices.get("agreement")
        self._update_agreements(str(agreement) if agreement else "")

    # -- the form ----------------------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "country":
            current = self.query_one("#agreement", Select).value
            self._update_agreements(str(current))
            self.query_one("#country-error", ErrorLine).update("")

    def _update_agreements(self, keep: str) -> None:
        """Only the country's agreements are offered; the row hides where there are none."""
        country = self.query_one("#country", Select).value
        ids = [a for a, home in AGREEMENTS.items() if home == country]
        select = self.query_one("#agreement", Select)
        select.set_options([(_("None"), NO_AGREEMENT)] + [(agreement_label(a), a) for a in ids])
        select.value = keep if keep in ids else NO_AGREEMENT
        for widget in self.query(".agreement"):
            widget.display = bool(ids)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(False)

    def _text(self, widget_id: str) -> str:
        return " ".join(self.query_one(f"#{widget_id}", Input).value.split())

    def _error(self, widget_id: str, message: str) -> bool:
        self.query_one(f"#{widget_id}-error", ErrorLine).update(message)
        return not message

    def values(self) -> dict[str, Any] | None:
        """The settings as typed, or None (with messages by the fields) when some are wrong."""
        ok = self._error(
            "manager_name", "" if self._text("manager_name") else _("Write your name.")
        )
        ok &= self._error(
            "organisation",
            "" if self._text("organisation") else _("Write the organisation's name."),
        )
        country = self.query_one("#country", Select).value
        ok &= self._error(
            "country",
            "" if country in COUNTRIES else _("Choose the country: it decides what documents say."),
        )
        contacts: list[HrContact] = []
        for n in range(self.contact_slots):
            name, phone, email = (self._text(f"hr{n}_{f}") for f in ("name", "phone", "email"))
            message = ""
            if (phone or email) and not name:
                message = _("Write the contact's name too.")
            elif name:
                try:
                    parsed = HrContact.parse(f"{name} <{email}>" if email else name)
                except DialogKitError as exc:
                    message = exc.message
                else:
                    contacts.append(dataclasses.replace(parsed, phone=phone))
            ok &= self._error(f"hr{n}", message)
        raw_cadence = self.query_one("#cadence_months", Input).value.strip()
        cadence = int(raw_cadence) if raw_cadence.isdigit() else 0
        ok &= self._error(
            "cadence_months",
            "" if 1 <= cadence <= 60 else _("Write a number of months from 1 to 60."),
        )
        if not ok:
            return None
        sector = self.query_one("#sector", Select).value
        agreement = str(self.query_one("#agreement", Select).value)
        return {
            "manager_name": self._text("manager_name"),
            "manager_role": self._text("manager_role"),
            "organisation": self._text("organisation"),
            "country": str(country),
            "sector": str(sector) if sector in SECTORS else None,
            "agreement": None if agreement == NO_AGREEMENT else agreement,
            "hr_contacts": contacts,
            "language": str(self.query_one("#language", Select).value),
            "cadence_months": cadence,
        }

    def action_save(self) -> None:
        values = self.values()
        if values is None:
            for error in self.query(ErrorLine):
                if error.display:
                    self.call_after_refresh(error.scroll_visible)
                    break
            return
        self.query_one("#save", Button).disabled = True
        self.save(values)

    @work(thread=True, exclusive=True, exit_on_error=False, group="settings")
    def save(self, values: dict[str, Any]) -> None:
        try:
            self.app.save_settings(values)
        except DialogKitError as exc:
            self.app.call_from_thread(self._failed, f"{exc.title}: {exc.message}")
            return
        except OSError as exc:
            self.app.call_from_thread(
                self._failed, f"{exc.strerror or type(exc).__name__}: {exc.filename or ''}"
            )
            return
        self.app.call_from_thread(self._saved, values)

    def _failed(self, message: str) -> None:
        self.query_one("#save", Button).disabled = False
        self._error("setup", message)
        self.call_after_refresh(self.query_one("#setup-error").scroll_visible)

    def _saved(self, values: dict[str, Any]) -> None:
        changes = dict(values)
        changes["hr_contacts"] = tuple(values["hr_contacts"])
        changes["sector"] = values["sector"] or ""
        changes["agreement"] = values["agreement"] or ""
        session = self.session
        session.config = dataclasses.replace(session.config, **changes)
        if values["language"] != get_language():
            self.app.switch_language(values["language"])
        self.app.notify(_("Settings saved."))
        self.dismiss(True)
