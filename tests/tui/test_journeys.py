"""Whole journeys at 80x24, checked in the vault and in the PDF, not only on the screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from dialog_kit.record import Status, Visibility

from .helpers import (
    SIZE,
    create_vault,
    journey,
    make_app,
    pdf_text,
    screen_text,
    type_text,
    unlock,
    vault_records,
    wait_for,
    wait_screen,
)

pytestmark = pytest.mark.slow  # whole journeys: the longest tests of the suite


@journey
async def test_development_talk_from_first_run_to_locked_pdf(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await create_vault(pilot)
        assert "No talks yet" in screen_text(pilot)

        # A new talk, by keyboard: the kind is focused first, then tab to the name.
        await pilot.press("n")
        await wait_screen(pilot, "NewTalkScreen")
        await pilot.press("tab")
        await type_text(pilot, "Anna Berg")
        await pilot.press("tab")
        await type_text(pilot, "Nurse")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "TalkScreen")
        talk = app.screen

        # Tick the first two items of the first phase.
        await pilot.press("enter", "space", "down", "space")
        first_phase = talk.guide.phases[0]
        assert talk.record.phases[first_phase.id].ticked == [
            first_phase.items[0].id,
            first_phase.items[1].id,
        ]
        # One note of each visibility: private is the default, ctrl+t cycles.
        await pilot.press("escape", "w")
        await type_text(pilot, "PRIVX")
        await pilot.press("escape", "w", "ctrl+t")
        await type_text(pilot, "SHARX")
        await pilot.press("escape", "w", "ctrl+t", "ctrl+t")
        await type_text(pilot, "HRX")
        await pilot.press("escape")
        text = screen_text(pilot)
        assert "[private] PRIVX" in text
        assert "[shared] SHARX" in text
        assert "[HR] HRX" in text

        # Actions and the follow-up date live in the last entry of the phase list.
        for _ in talk.guide.phases:
            await pilot.press("down")
        await pilot.press("enter", "a")
        await wait_screen(pilot, "ActionScreen")
        await type_text(pilot, "ACTX")
        await pilot.press("tab", "tab")
        await type_text(pilot, "2027-01-15")
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        await pilot.press("tab")
        await type_text(pilot, "2027-03-01")
        await wait_for(pilot, lambda: "saved" in screen_text(pilot) and not talk.dirty)

        saved = {r.employee.name: r for r in vault_records(tmp_path)}["Anna Berg"]
        assert {(n.text, n.visibility) for _, n in saved.notes()} == {
            ("PRIVX", Visibility.PRIVATE),
            ("SHARX", Visibility.SHARED),
            ("HRX", Visibility.HR),
        }
        assert [(a.what, a.owner, str(a.due)) for a in saved.actions] == [
            ("ACTX", "Anna Berg", "2027-01-15")
        ]
        assert str(saved.follow_up) == "2027-03-01"

        # Review: the preview is the employee's text; then the PDF and the calendar file.
        await pilot.press("escape", "r")
        await wait_screen(pilot, "ReviewScreen")
        review = app.screen
        await wait_for(pilot, lambda: "SHARX" in str(review.query_one("#preview").render()))
        preview = str(review.query_one("#preview").render())
        assert "PRIVX" not in preview and "HRX" not in preview
        await pilot.press("p", "c")
        out = tmp_path / "out"
        short = saved.id.replace("-", "")[:8]  # the talk's short id tells twenty talks apart
        pdf = out / f"summary-{saved.date.isoformat()}-{short}-draft.pdf"
        ics = out / f"follow-up-2027-03-01-{short}.ics"
        await wait_for(pilot, lambda: pdf.exists() and ics.exists(), timeout=60)
        assert sorted(p.name for p in out.iterdir()) == [ics.name, pdf.name]
        content = pdf_text(pdf)
        assert "SHARX" in content
        assert "ACTX" in content
        assert "PRIVX" not in content and "HRX" not in content
        assert "Anna" not in pdf.name
        # The manager is told, every time, that the PDF has left the vault's protection.
        await wait_for(pilot, lambda: any("Not encrypted" in n.message for n in app._notifications))

        # Complete and lock, after confirming.
        await pilot.press("l")
        await wait_screen(pilot, "ConfirmScreen")
        await pilot.press("y")
        await wait_for(pilot, lambda: app.session.get(saved.id).locked)

    # The vault holds it all, locked; a new app on the same vault finds it again.
    (locked,) = vault_records(tmp_path)
    assert locked.status is Status.LOCKED
    assert len(locked.notes()) == 3

    app2 = make_app(tmp_path)
    async with app2.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        assert "Anna Berg" in screen_text(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        assert "Locked" in screen_text(pilot)
        await pilot.press("tab", "tab", "tab")  # the page, the checklist, then the notes
        await pilot.pause()
        assert "[shared] SHARX" in screen_text(pilot)


@journey
async def test_a_talk_of_each_kind_is_guided_by_its_own_guide(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await create_vault(pilot)
        for index, name in enumerate(["Di", "Ca", "Ex"]):
            await pilot.press("n")
            await wait_screen(pilot, "NewTalkScreen")
            # The kind list is focused: open it, move down to the kind, choose it. A career
            # conversation asks its stage next (orientation by default), so one more tab.
            tabs = ["tab", "tab"] if index == 1 else ["tab"]
            await pilot.press("enter", *["down"] * index, "enter", *tabs)
            await type_text(pilot, name)
            await pilot.press("ctrl+s")
            await wait_screen(pilot, "TalkScreen")
            first_phase = app.screen.guide.phases[0].title.en
            assert first_phase in screen_text(pilot)
            await pilot.press("enter", "space", "escape", "w", "ctrl+t")
            await type_text(pilot, f"NOTE{index}")
            await pilot.press("escape", "escape")
            await wait_screen(pilot, "HomeScreen")
        assert all(n in screen_text(pilot) for n in ("Di", "Ca", "Ex"))

    by_name = {r.employee.name: r for r in vault_records(tmp_path)}
    expected = {
        "Di": "development",
        "Ca": "career-change",
        "Ex": "exit",
    }
    for index, (name, kind) in enumerate(expected.items()):
        record = by_name[name]
        assert record.kind.value == kind
        assert record.guide.id == kind
        (_phase, state), *_ = record.phases.items()
        assert len(state.ticked) == 1
        assert [(n.text, n.visibility) for _, n in record.notes()] == [
            (f"NOTE{index}", Visibility.SHARED)
        ]
