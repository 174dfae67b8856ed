"""Journeys of issue 10 in the app: setup on first run, the team view, the person, continuity."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, OptionList, Select

from dialog_kit.clock import set_today
from dialog_kit.config import Config
from dialog_kit.record import Action, Record, Status, Visibility
from dialog_kit.tui.app import DialogKitApp

from .helpers import (
    PASSPHRASE,
    SIZE,
    WORK_FACTOR,
    create_vault,
    journey,
    make_app,
    pdf_text,
    screen_text,
    seed_vault,
    talk,
    type_text,
    unlock,
    vault_records,
    wait_for,
    wait_screen,
    wait_text,
)

TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def fixed_clock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(TODAY)
    monkeypatch.setenv("DIALOG_KIT_CONFIG", str(tmp_path / "config.toml"))
    yield
    set_today(None)


def people_of(tmp_path: Path) -> object:
    from dialog_kit.vault import Vault

    vault = Vault.open(tmp_path / "vault")
    vault.unlock(PASSPHRASE)
    try:
        return vault.load_people()
    finally:
        vault.close()


async def team_view(pilot: Pilot[None]) -> DataTable[object]:
    await pilot.press("t")
    table = pilot.app.screen.query_one("#people", DataTable)
    await wait_for(pilot, lambda: table.display and table.has_focus)
    return table


def fresh_app(tmp_path: Path, language: str = "en") -> DialogKitApp:
    """An app as on a new machine: no settings yet (needs_setup is true)."""
    (tmp_path / "out").mkdir(exist_ok=True)
    app = DialogKitApp(
        Config(),
        tmp_path / "vault",
        work_factor=WORK_FACTOR,
        output_folder=tmp_path / "out",
        language=language,
    )
    app.animation_level = "none"
    return app


async def choose(pilot: Pilot[None], select_id: str, value: str) -> None:
    """Picks an option of a Select by keyboard: focus, open, arrow down to it, Enter."""
    select = pilot.app.screen.query_one(f"#{select_id}", Select)
    select.focus()
    await pilot.pause()
    await pilot.press("enter")
    await wait_for(pilot, lambda: select.expanded)
    for _step in range(10):
        if select.value == value:
            break
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: not select.expanded)
        if select.value == value:
            break
        await pilot.press("enter")
        await wait_for(pilot, lambda: select.expanded)
    assert select.value == value


# -- setup -------------------------------------------------------------------------------


@journey
async def test_a_danish_organisation_set_up_on_first_run_gets_danish_documents(
    tmp_path: Path,
) -> None:
    app = fresh_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await create_vault(pilot, then="SetupScreen")  # first, before any talk
        form = app.screen
        # The country is asked, never preselected: saving without it is refused.
        assert form.query_one("#country", Select).value == Select.NULL
        await type_text(pilot, "Mette Leder")
        await pilot.press("tab")
        await type_text(pilot, "Afdelingsleder")
        await pilot.press("tab")
        await type_text(pilot, "Region Syd")
        await pilot.press("ctrl+s")
        await wait_text(pilot, "Choose the country")
        assert app.screen is form and not (tmp_path / "config.toml").exists()
        await choose(pilot, "country", "dk")
        # No Swedish agreement is offered for a Danish organisation.
        assert not form.query_one("#agreement").display
        form.query_one("#hr0_name", Input).focus()
        await type_text(pilot, "Hanne HR")
        await pilot.press("tab")
        await type_text(pilot, "+45 12 34 56 78")
        await pilot.press("tab")
        await type_text(pilot, "hanne@example.dk")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "HomeScreen")

        saved = tomllib.loads((tmp_path / "config.toml").read_text(encoding="utf-8"))
        assert saved["country"] == "dk" and saved["organisation"] == "Region Syd"
        assert saved["manager_name"] == "Mette Leder"
        assert saved["hr_contacts"] == [
            {"name": "Hanne HR", "email": "hanne@example.dk", "phone": "+45 12 34 56 78"}
        ]
        assert saved["cadence_months"] == 12  # the default, yearly
        assert app.session.config.country == "dk"

        # A new talk: the employee's language is Danish, and so is the document.
        await pilot.press("n")
        await wait_screen(pilot, "NewTalkScreen")
        assert app.screen.query_one("#locale", Select).value == "da"
        assert app.screen.query_one("#manager", Input).value == "Mette Leder"
        app.screen.query_one("#name", Input).focus()
        await type_text(pilot, "Søren Sygeplejerske")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "TalkScreen")
        await pilot.press("r")
        await wait_screen(pilot, "ReviewScreen")
        await pilot.press("p")
        out = tmp_path / "out"
        await wait_for(pilot, lambda: any(out.glob("summary-*.pdf")), timeout=60)
    (pdf,) = out.glob("summary-*.pdf")
    text = " ".join(pdf_text(pdf).split())
    assert "Personalesager er undtaget fra aktindsigt" in text  # Danish law, in Danish
    assert "allmän handling" not in text and "offentlig akt" not in text
    assert "Region Syd" in text


@journey
async def test_setup_can_be_changed_later_from_the_home(tmp_path: Path) -> None:
    seed_vault(tmp_path, [])
    app = make_app(tmp_path, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)  # set up already: no setup screen on the way
        await pilot.press("s")
        await wait_screen(pilot, "SetupScreen")
        form = app.screen
        assert form.query_one("#country", Select).value == "se"
        assert form.query_one("#agreement").display  # Swedish agreements exist
        await choose(pilot, "agreement", "kom-kr")
        cadence = form.query_one("#cadence_months", Input)
        cadence.value = "0"
        await pilot.press("ctrl+s")
        await wait_text(pilot, "from 1 to 60")
        assert not (tmp_path / "config.toml").exists()
        cadence.value = "6"
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "HomeScreen")
    saved = tomllib.loads((tmp_path / "config.toml").read_text(encoding="utf-8"))
    assert saved["agreement"] == "kom-kr" and saved["cadence_months"] == 6
    assert app.session.config.cadence_months == 6


def test_the_setup_names_every_agreement_the_guides_know() -> None:
    """An agreement added to the core is offered in words, not as a bare id (TSN came so)."""
    from dialog_kit.config import AGREEMENTS
    from dialog_kit.tui.screens.setup import agreement_label

    for agreement in AGREEMENTS:
        assert agreement_label(agreement) != agreement.upper(), agreement


# -- the team view and the person ------------------------------------------------------------


@journey
async def test_two_people_called_anna_berg_stay_two_people(tmp_path: Path) -> None:
    nurse = talk("Anna Berg", on="2026-03-01")
    nurse.status = Status.COMPLETED
    nurse.actions.append(Action("Wound-care course", "Anna Berg"))
    seed_vault(tmp_path, [nurse])
    app = make_app(tmp_path, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        # A second Anna Berg, a midwife: picked as a new person, not the nurse.
        await pilot.press("n")
        await wait_screen(pilot, "NewTalkScreen")
        form = app.screen
        form.query_one("#name", Input).focus()
        await type_text(pilot, "anna berg")
        matches = form.query_one("#matches", OptionList)
        await wait_for(pilot, lambda: matches.display and matches.option_count == 2)
        await pilot.press("down")
        assert matches.has_focus
        await pilot.press("down", "enter")  # "New person: anna berg"
        await wait_text(pilot, "A new person")
        assert not form.query_one("#carry").display  # the nurse's action is not hers
        await type_text(pilot, "Midwife")
        form.query_one("#name", Input).value = "Anna Berg"  # corrected: still a new person
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "TalkScreen")
        await pilot.press("escape", "escape")
        await wait_screen(pilot, "HomeScreen")

        table = await team_view(pilot)
        await wait_for(pilot, lambda: table.row_count == 2)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(2)]
        assert sorted(r[1:3] for r in rows) == [["Anna Berg", "Midwife"], ["Anna Berg", "Nurse"]]

        seen = {}
        for index in range(2):
            table.move_cursor(row=index)
            await pilot.press("enter")
            await wait_screen(pilot, "PersonScreen")
            screen = app.screen
            talks = screen.query_one("#person-talks", DataTable)
            role = rows[index][2]
            seen[role] = (talks.row_count, screen_text(pilot))
            await pilot.press("escape")
            await wait_screen(pilot, "HomeScreen")
        assert seen["Nurse"][0] == 1 and "Wound-care course" in seen["Nurse"][1]
        assert seen["Midwife"][0] == 1 and "Wound-care course" not in seen["Midwife"][1]
    register = people_of(tmp_path)
    assert len(register.people) == 2  # type: ignore[attr-defined]
    ids = {register.person_of(r.id) for r in vault_records(tmp_path)}  # type: ignore[attr-defined]
    assert len(ids) == 2


@journey
async def test_the_team_view_shows_who_is_due_and_why_sorts_and_filters(tmp_path: Path) -> None:
    old = talk("Zoë Åberg", on="2025-09-01")  # last development talk over a year ago
    old.status = Status.COMPLETED
    recent = talk("Bo Lind", on="2026-10-01")
    recent.status = Status.COMPLETED
    seed_vault(tmp_path, [old, recent])
    app = make_app(tmp_path, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        table = await team_view(pilot)
        await wait_for(pilot, lambda: table.row_count == 2)
        first = [str(c) for c in table.get_row_at(0)]
        # The overdue person first, marked '!' as well as in colour, with the reason in words.
        assert first[0] == "!" and first[1] == "Zoë Åberg"
        assert first[3] == "2026-09-01" and "talk due" in first[4]
        assert first[5] == "Development 2025-09-01"
        second = [str(c) for c in table.get_row_at(1)]
        assert second[0] == "" and second[3] == "2027-10-01"
        await pilot.press("o")  # by name
        await wait_for(pilot, lambda: str(table.get_row_at(0)[1]) == "Bo Lind")
        await pilot.press("slash")
        await type_text(pilot, "zoe aberg")  # diacritics and case ignored
        await wait_for(pilot, lambda: table.row_count == 1)
        assert str(table.get_row_at(0)[1]) == "Zoë Åberg"
        await pilot.press("enter")  # back to the table
        await wait_for(pilot, lambda: table.has_focus)
        await pilot.press("enter")
        await wait_screen(pilot, "PersonScreen")
        await wait_text(pilot, "! Next due: 2026-09-01")


@journey
async def test_the_team_view_shows_the_career_window_of_each_persons_profession(
    tmp_path: Path,
) -> None:
    from dataclasses import replace

    from dialog_kit.vault import Vault

    talks = {
        "Dana Dahl": ("dancer", 1994),  # 32: the dancers' window opens at 35, within 3 years
        "Ebba Ek": ("dancer", 1988),  # 38: open, until the year before she turns 43
        "Viola Vik": ("musician", 1994),  # 32: the musicians' window is two decades away
    }
    records = []
    for name, (_profession, born) in talks.items():
        record = talk(name, on="2026-10-01", profile="performing-arts", birth_year=born)
        record.status = Status.COMPLETED
        records.append(record)
    seed_vault(tmp_path, records)
    vault = Vault.open(tmp_path / "vault")
    vault.unlock(PASSPHRASE)
    try:
        register, _report = vault.sync_people(records)
        for record, (profession, _born) in zip(records, talks.values(), strict=True):
            person_id = register.person_of(record.id)
            assert person_id is not None
            register.edit(person_id, profession=profession)
        vault.save_people(register)
    finally:
        vault.close()

    def why_by_name(table: DataTable[object]) -> dict[str, str]:
        rows = (table.get_row_at(i) for i in range(table.row_count))
        return {str(row[1]): str(row[4]) for row in rows}

    app = make_app(tmp_path, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        table = await team_view(pilot)
        await wait_for(pilot, lambda: table.row_count == 3)
        why = why_by_name(table)
        assert why["Dana Dahl"] == "Dancer opens 2029"
        assert why["Ebba Ek"] == "Dancer open until 2030"
        assert why["Viola Vik"] == ""  # never another profession's window
    # The Swedish scheme's windows are not a Danish organisation's.
    app = make_app(tmp_path, language="en")
    app.session.config = replace(app.session.config, country="dk")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        table = await team_view(pilot)
        await wait_for(pilot, lambda: table.row_count == 3)
        assert set(why_by_name(table).values()) == {""}


@journey
async def test_a_new_talk_from_the_person_is_prefilled_and_tied_by_id(tmp_path: Path) -> None:
    dancer = talk("Cecilia Dahl", on="2026-02-01", profile="performing-arts", birth_year=1990)
    dancer.employee.role = "Dancer"
    dancer.locale = "da"
    seed_vault(tmp_path, [dancer])
    app = make_app(tmp_path, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        register = app.session.register.copy()
        (person,) = register.people
        register.edit(person.id, profession="dancer")
        app.session.save_register(register)
        await team_view(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "PersonScreen")
        await wait_text(pilot, "Profession: Dancer")
        await pilot.press("n")
        await wait_screen(pilot, "NewTalkScreen")
        form = app.screen
        assert form.query_one("#name", Input).value == "Cecilia Dahl"
        assert form.query_one("#role", Input).value == "Dancer"
        assert form.query_one("#locale", Select).value == "da"
        assert form.query_one("#profile", Select).value == "performing-arts"
        assert form.query_one("#profession", Select).value == "dancer"
        assert form.query_one("#birth_year", Input).value == "1990"
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "TalkScreen")
        new_id = app.screen.record_id  # type: ignore[attr-defined]
    saved = people_of(tmp_path)
    assert saved.person_of(new_id) == person.id  # type: ignore[attr-defined]
    (new,) = [r for r in vault_records(tmp_path) if r.id == new_id]
    assert (new.employee.role, new.locale, new.profile) == ("Dancer", "da", "performing-arts")


# -- continuity and To do ---------------------------------------------------------------------


def last_years_talk() -> Record:
    record: Record = talk("Anna Berg", on="2025-11-10")
    record.status = Status.COMPLETED
    record.actions = [
        Action("Wound-care course", "Anna Berg", date(2026, 3, 1)),
        Action("Shadow the night team", "Maja Chef", done=True),
    ]
    record.add_note("look-back", "zqshared Wants more responsibility", Visibility.SHARED)
    record.add_note("look-back", "zqprivate seemed tired", Visibility.PRIVATE)
    record.add_note("look-back", "zqhr asked about leave", Visibility.HR)
    record.follow_up = date(2026, 5, 15)
    return record


@journey
async def test_the_look_back_phase_shows_what_was_agreed_last_time(tmp_path: Path) -> None:
    previous = last_years_talk()
    namesake = talk("Anna Berg", on="2026-01-10")  # another Anna: a cook
    namesake.employee.role = "Cook"
    namesake.status = Status.COMPLETED
    namesake.add_note("look-back", "zqnamesake shared", Visibility.SHARED)
    seed_vault(tmp_path, [previous, namesake])
    app = make_app(tmp_path, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        table = await team_view(pilot)
        await wait_for(pilot, lambda: table.row_count == 2)
        nurse = next(i for i in range(2) if str(table.get_row_at(i)[2]) == "Nurse")
        table.move_cursor(row=nurse)
        await pilot.press("enter")
        await wait_screen(pilot, "PersonScreen")
        await pilot.press("n")
        await wait_screen(pilot, "NewTalkScreen")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "TalkScreen")
        talk_screen = app.screen
        phases = talk_screen.guide.phases  # type: ignore[attr-defined]
        steps = [p.id for p in phases].index("look-back")
        for _step in range(steps):
            await pilot.press("down")
        await wait_text(pilot, "Last time: Development review of 2025-11-10")
        panel = str(talk_screen.query_one("#last-time").render())
        assert "[ ] Wound-care course · Anna Berg · by 2026-03-01" in panel
        assert "[x] Shadow the night team" in panel
        assert "zqshared Wants more responsibility" in panel
        assert "Follow-up: 2026-05-15" in panel
        # Only what was shared; never the namesake's talk.
        assert "zqprivate" not in panel and "zqhr" not in panel and "zqnamesake" not in panel
        # Carried over as well (by person): the open action is in the new talk.
        new = app.session.get(talk_screen.record_id)  # type: ignore[attr-defined]
        assert [a.what for a in new.actions] == ["Wound-care course"]
        # Other phases do not show it.
        await pilot.press("up")
        await wait_for(pilot, lambda: not talk_screen.query_one("#last-time").display)


@journey
async def test_a_reminder_survives_an_empty_later_planned_talk(tmp_path: Path) -> None:
    previous = last_years_talk()  # follow-up 2026-05-15, overdue on TODAY
    seed_vault(tmp_path, [previous])
    app = make_app(tmp_path, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        overdue = "! Anna Berg: follow-up overdue since 2026-05-15"
        await wait_text(pilot, overdue)
        # A talk planned for next month, nothing in it yet.
        await pilot.press("n")
        await wait_screen(pilot, "NewTalkScreen")
        form = app.screen
        form.query_one("#name", Input).focus()
        await type_text(pilot, "Anna")
        matches = form.query_one("#matches", OptionList)
        await wait_for(pilot, lambda: matches.display)
        await pilot.press("down", "enter")
        await wait_text(pilot, "From your register: Anna Berg")
        form.query_one("#date", Input).value = "2026-12-10"
        form.query_one("#carry", Checkbox).value = False
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "TalkScreen")
        await pilot.press("escape", "escape")
        await wait_screen(pilot, "HomeScreen")
        assert len(app.session.records) == 2
        await wait_text(pilot, overdue)  # still there: the later talk has not been held
        assert "open action" in screen_text(pilot)


@journey
async def test_enter_on_a_to_do_entry_opens_what_it_is_about(tmp_path: Path) -> None:
    previous = last_years_talk()
    seed_vault(tmp_path, [previous])
    app = make_app(tmp_path, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await wait_text(pilot, "follow-up overdue")
        await pilot.press("tab")
        todo = app.screen.query_one("#todo", OptionList)
        await wait_for(pilot, lambda: todo.has_focus)
        todo.highlighted = 0
        entries = app.screen.todo  # type: ignore[attr-defined]
        assert "follow-up overdue" in entries[0].text
        await pilot.press("enter")  # a follow-up: its talk
        await wait_screen(pilot, "TalkScreen")
        assert app.screen.record_id == previous.id  # type: ignore[attr-defined]
        await pilot.press("escape", "escape")
        await wait_screen(pilot, "HomeScreen")
        actions = next(i for i, e in enumerate(entries) if "open action" in e.text)
        todo.focus()
        todo.highlighted = actions
        await pilot.press("enter")  # open actions: the person
        await wait_screen(pilot, "PersonScreen")
        assert app.screen.person_id == app.session.register.person_of(previous.id)  # type: ignore[attr-defined]


@journey
async def test_namesakes_grouped_at_unlock_are_named_for_the_manager_to_check(
    tmp_path: Path,
) -> None:
    nurse = talk("Anna Berg", on="2026-03-01")
    cook = talk("Anna Berg", on="2026-04-01")
    cook.employee.role = "Cook"
    seed_vault(tmp_path, [nurse, cook])  # talks by name only, as a 0.1.0 vault holds them
    app = make_app(tmp_path, language="en")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await unlock(pilot)
        await wait_text(pilot, "Check these people")
        await wait_text(pilot, "dialog-kit people merge")
        register = app.session.register
        assert len(register.people) == 2
        assert register.person_of(nurse.id) != register.person_of(cook.id)


@journey
async def test_x_marks_a_follow_up_dealt_with_and_it_stays_dealt_with(tmp_path: Path) -> None:
    previous = last_years_talk()
    seed_vault(tmp_path, [previous])
    app = make_app(tmp_path, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        overdue = "follow-up overdue since 2026-05-15"
        await wait_text(pilot, overdue)
        todo = app.screen.query_one("#todo", OptionList)
        todo.focus()
        await pilot.pause()
        todo.highlighted = 0
        await pilot.press("x")
        await wait_for(pilot, lambda: overdue not in screen_text(pilot))
        assert "open action" in screen_text(pilot)  # only that reminder went
    register = people_of(tmp_path)  # in the vault, so it stays gone at the next start
    person = register.get(register.person_of(previous.id))  # type: ignore[attr-defined]
    assert f"follow-up:{previous.id}" in person.dealt_with
