"""How talks really end: follow-up ticks on a locked talk, a lock question that names what is
open, and a summary the app knows is out of date once the talk is amended."""

from __future__ import annotations

from pathlib import Path

from dialog_kit.record import Visibility

from .helpers import (
    SIZE,
    journey,
    make_app,
    screen_text,
    seed_vault,
    talk,
    type_text,
    unlock,
    vault_records,
    wait_for,
    wait_screen,
)


@journey
async def test_the_follow_up_phase_stays_tickable_on_a_locked_talk(tmp_path: Path) -> None:
    record = talk("Anna Berg")
    record.toggle_item("prepare", "book-time")
    record.lock()
    seed_vault(tmp_path, [record])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        screen = app.screen
        follow_up = screen.guide.phases[-1]
        assert follow_up.after and follow_up.id == "follow-up"

        # A during phase refuses: what was agreed stays as it was.
        await pilot.press("down", "enter", "space")
        await wait_for(
            pilot, lambda: any("This talk is locked" in n.message for n in app._notifications)
        )
        assert not screen.dirty

        # The follow-up phase takes ticks: the summary was sent.
        await pilot.press("escape")
        for _ in screen.guide.phases[1:-1]:
            await pilot.press("down")
        await pilot.press("enter")
        hint = screen.query_one("#after-hint")
        await wait_for(pilot, lambda: hint.display and "dated follow-up" in str(hint.render()))
        assert "The talk is locked; ticks here" in screen_text(pilot)
        await pilot.press("down", "space")  # the second item: send the summary
        await wait_for(pilot, lambda: any(r.after_ticks for r in vault_records(tmp_path)))
        assert "[x] Send the summary" in screen_text(pilot)

    (saved,) = vault_records(tmp_path)
    assert saved.locked
    assert [(t.phase, t.item, t.ticked) for t in saved.after_ticks] == [
        ("follow-up", "send-summary", True)
    ]
    assert saved.ticked("follow-up") == ["send-summary"]
    assert saved.phases == record.phases  # the agreed ticks are untouched
    assert saved.amendments == []


@journey
async def test_the_lock_question_names_the_required_items_still_open(tmp_path: Path) -> None:
    record = talk("Anna Berg")
    record.toggle_item("prepare", "book-time")
    seed_vault(tmp_path, [record])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        await pilot.press("r")
        await wait_screen(pilot, "ReviewScreen")
        await pilot.press("l")
        await wait_screen(pilot, "ConfirmScreen")
        question = str(app.screen.query_one(".dialog-body").render())
        assert "Required items not ticked:" in question
        assert "Prepare: Send the preparation sheet" in question
        assert "book-time" not in question and "Book the time" not in question  # ticked
        assert "Follow up:" not in question  # the after phase stays open after locking
        await pilot.press("y")
        await wait_for(pilot, lambda: vault_records(tmp_path)[0].locked)


@journey
async def test_a_summary_made_then_amended_is_said_to_be_out_of_date(tmp_path: Path) -> None:
    record = talk("Anna Berg")
    record.add_note("prepare", "Agreed text", Visibility.SHARED)
    record.lock()
    seed_vault(tmp_path, [record])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "TalkScreen")
        screen = app.screen
        await pilot.press("r")
        await wait_screen(pilot, "ReviewScreen")
        await pilot.press("p")
        await wait_for(pilot, lambda: "final, version 1" in screen_text(pilot), timeout=60)
        assert [(m.version, m.final) for m in vault_records(tmp_path)[0].summaries] == [(1, True)]
        assert "out of date" not in screen_text(pilot)

        await pilot.press("escape")
        await wait_screen(pilot, "TalkScreen")
        await pilot.press("m")
        await wait_screen(pilot, "AmendScreen")
        await pilot.press("ctrl+t")  # shared: the employee's summary changes
        await type_text(pilot, "Course moved")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "TalkScreen")
        await wait_for(pilot, lambda: "out of date" in screen_text(pilot))
        assert "Make version 2" in " ".join(screen_text(pilot).split())
        await wait_for(pilot, lambda: not screen.dirty)

        await pilot.press("r")
        await wait_screen(pilot, "ReviewScreen")
        await wait_for(pilot, lambda: "is out of" in screen_text(pilot))
        assert "Make version 2 and hand it over" in screen_text(pilot)
        await pilot.press("p")
        await wait_for(pilot, lambda: "final, version 2" in screen_text(pilot), timeout=60)
    saved = vault_records(tmp_path)[0]
    assert [(m.version, m.final) for m in saved.summaries] == [(1, True), (2, True)]
    assert not saved.summary_out_of_date
