"""The age groups screen: reachable from home with g when there is a group, each person's state."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, OptionList, SelectionList

from dialog_kit.briefings import Briefing, Briefings
from dialog_kit.clock import fixed_today
from dialog_kit.people import Register
from tests.documents.conftest import pdf_text

from .helpers import (
    PASSPHRASE,
    SIZE,
    WORK_FACTOR,
    journey,
    make_app,
    screen_text,
    talk,
    unlock,
    wait_for,
    wait_screen,
)

TODAY = date(2026, 12, 2)
DAY = date(2026, 11, 30)


def _seed(tmp_path: Path, *, dancers: bool) -> None:
    from dialog_kit.vault import Vault

    vault = Vault.create(tmp_path / "vault", PASSPHRASE, work_factor=WORK_FACTOR)
    try:
        register = Register()
        record = talk("Gun Allmän")
        vault.save(record)
        register.assign(record.id, register.add("Gun Allmän", profile="general").id)
        if dancers:
            arts = {"profile": "performing-arts", "profession": "dancer"}
            alva = register.add("Alva Dans", birth_year=1993, **arts)
            bo = register.add("Bo Dans", birth_year=1994, **arts)
            briefings = Briefings()
            briefings.add(
                Briefing(DAY, "dancer-1993-1994", "performing-arts", "dancer", "se",
                         invited=[alva.id, bo.id], attended=[alva.id], informed={alva.id: DAY})
            )  # fmt: skip
            vault.save_briefings(briefings)
        vault.save_people(register)
    finally:
        vault.close()


@journey
async def test_g_opens_the_age_groups_with_each_persons_state(tmp_path: Path) -> None:
    _seed(tmp_path, dancers=True)
    with fixed_today(TODAY):
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot)
            # The briefing was held; Bo missed it: the To do says so for the group.
            await wait_for(pilot, lambda: "missed the briefing" in screen_text(pilot))
            assert "Alva" not in screen_text(pilot).split("To do")[-1]
            await pilot.press("f1")
            await wait_for(pilot, lambda: "Age groups" in screen_text(pilot))
            await pilot.press("escape")
            await wait_screen(pilot, "HomeScreen")
            await pilot.press("g")
            await wait_screen(pilot, "CohortsScreen")
            await wait_for(pilot, lambda: "Bo Dans (1994): not yet informed" in screen_text(pilot))
            text = screen_text(pilot)
            assert "dancers born 1993–1994" in text and "briefing held" in text
            assert "Alva Dans (1993): informed on 2026-11-30" in text
            # h writes the group's handout, in Swedish (the organisation's country), naming no one.
            await pilot.press("h")
            out = tmp_path / "out"
            await wait_for(pilot, lambda: list(out.glob("handout-*.pdf")))
            (pdf,) = out.glob("handout-*.pdf")
            assert pdf.name == "handout-dancer-sv-2026-12-02.pdf"
            written = pdf_text(pdf.read_bytes())
            assert "informationtilldansare" in written and "SOKstiftelsen" in written
            assert "Alva" not in written and "Bo" not in written and "MajaChef" not in written
            await pilot.press("escape")
            await wait_screen(pilot, "HomeScreen")
            # Enter on the group's To do entry opens the age groups too.
            todo = app.screen.query_one("#todo", OptionList)
            todo.focus()
            await pilot.pause()
            todo.highlighted = 0
            await pilot.press("enter")
            await wait_screen(pilot, "CohortsScreen")


@journey
async def test_without_an_age_group_the_key_is_not_there(tmp_path: Path) -> None:
    _seed(tmp_path, dancers=False)
    with fixed_today(TODAY):
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot)
            await pilot.press("f1")
            await wait_screen(pilot, "HelpScreen")
            assert "Age groups" not in screen_text(pilot)
            await pilot.press("escape")
            await wait_screen(pilot, "HomeScreen")
            await pilot.press("g")
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"


@journey
async def test_a_briefing_recorded_in_the_app_informs_who_came(tmp_path: Path) -> None:
    from dialog_kit.vault import Vault

    _seed(tmp_path, dancers=False)
    vault = Vault.open(tmp_path / "vault")
    vault.unlock(PASSPHRASE)
    register = vault.load_people()
    arts = {"profile": "performing-arts", "profession": "dancer"}
    cleo = register.add("Cleo Dans", birth_year=1993, **arts)
    register.add("Dag Dans", birth_year=1994, **arts)
    vault.save_people(register)
    vault.close()
    with fixed_today(TODAY):
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot)
            await wait_for(pilot, lambda: "Inform the dancers born 1993–1994" in screen_text(pilot))
            await pilot.press("g")
            await wait_screen(pilot, "CohortsScreen")
            await pilot.press("b")
            await wait_screen(pilot, "BriefingScreen")
            day = app.screen.query_one("#day", Input)
            day.value = "2027-01-01"
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: "not a future day" in screen_text(pilot))
            day.value = "2026-11-30"
            app.screen.query_one("#attended", SelectionList).select(cleo.id)
            await pilot.press("ctrl+s")
            await wait_screen(pilot, "CohortsScreen")
            await wait_for(pilot, lambda: "Cleo Dans (1993): informed on 2026-11-30" in
                           screen_text(pilot))  # fmt: skip
            assert "Dag Dans (1994): not yet informed" in screen_text(pilot)
    vault = Vault.open(tmp_path / "vault")
    vault.unlock(PASSPHRASE)
    (briefing,) = vault.load_briefings().items
    vault.close()
    assert briefing.cohort == "dancer-1993-1994" and briefing.attended == [cleo.id]
    assert len(briefing.invited) == 2 and briefing.handout == ["sv"]
    assert briefing.informed == {cleo.id: DAY}


@journey
async def test_the_person_screen_says_when_they_were_informed(tmp_path: Path) -> None:
    from dialog_kit.tui.screens.person import PersonScreen
    from dialog_kit.vault import Vault

    _seed(tmp_path, dancers=True)
    vault = Vault.open(tmp_path / "vault")
    vault.unlock(PASSPHRASE)
    people = {p.name: p.id for p in vault.load_people().people}
    vault.close()
    with fixed_today(TODAY):
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot)
            app.push_screen(PersonScreen(people["Alva Dans"]))
            await wait_screen(pilot, "PersonScreen")
            await wait_for(pilot, lambda: "informed on 2026-11-30" in screen_text(pilot))
            await pilot.press("escape")
            await wait_screen(pilot, "HomeScreen")
            app.push_screen(PersonScreen(people["Bo Dans"]))
            await wait_screen(pilot, "PersonScreen")
            await wait_for(pilot, lambda: "Bo Dans" in screen_text(pilot))
            assert "informed on" not in screen_text(pilot)
