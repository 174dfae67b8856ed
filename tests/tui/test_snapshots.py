"""Every screen of the app at 80x24 as an SVG snapshot: a change in what users see is reviewed.

Regenerate with `pytest tests/tui/test_snapshots.py --snapshot-update`, then look at every
changed SVG in tests/tui/__snapshots__/test_snapshots/ before committing it.

The pictures must not change with the clock or the machine: "today" is frozen, records have
fixed ids and timestamps, and the vault is a relative folder name, so no temporary path shows.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, TextArea

from dialog_kit.config import Config
from dialog_kit.record import (
    Action,
    Amendment,
    GuideRef,
    Kind,
    Note,
    Person,
    Record,
    Status,
    Visibility,
    new_record,
)
from dialog_kit.tui.app import DialogKitApp

from .helpers import PASSPHRASE, SAVE_DELAY, WORK_FACTOR, screen_text, type_text, wait_for

SIZE = (80, 24)
TODAY = date(2026, 11, 22)
STAMP = datetime(2026, 11, 20, 9, 30, tzinfo=timezone(timedelta(hours=1)))

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[None]], Awaitable[None]]


class FrozenDate(date):
    """`date` whose today() is TODAY: overdue marks and to-do entries stay put."""

    @classmethod
    def today(cls) -> FrozenDate:
        return cls(TODAY.year, TODAY.month, TODAY.day)


class FrozenDatetime(datetime):
    @classmethod
    def now(cls, tz: Any = None) -> FrozenDatetime:  # type: ignore[override]
        return cls(2026, 11, 22, 14, 2, tzinfo=tz)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # The session's clock is set; screens that still call date.today() themselves get
    # their module's `date` and `datetime` names replaced for the test.
    import dialog_kit.tui.screens.new_talk as new_talk
    import dialog_kit.tui.session as session
    import dialog_kit.tui.widgets.status as status
    from dialog_kit.clock import fixed_today

    for module in (new_talk,):
        monkeypatch.setattr(module, "date", FrozenDate)
    monkeypatch.setattr(session, "today", FrozenDate.today)
    monkeypatch.setattr(status, "datetime", FrozenDatetime)
    with fixed_today(FrozenDate.today()):
        yield


@pytest.fixture
def snap_compare(snap_compare: SnapCompare) -> SnapCompare:
    """pytest-textual-snapshot's snap_compare, with steady text cursors in the picture.

    A blinking cursor is drawn or not depending on how long ago the last key was, which a
    loaded machine (or a parallel run) changes: before the picture, every field of the
    screen stops blinking, so its cursor shows exactly when it has the focus.
    """

    def compare(app: DialogKitApp, run_before: RunBefore | None = None, **kwargs: Any) -> bool:
        async def steady(pilot: Pilot[None]) -> None:
            if run_before is not None:
                await run_before(pilot)
            for field in pilot.app.screen.query("Input, TextArea"):
                field.cursor_blink = False  # type: ignore[attr-defined]
            await pilot.pause()

        return snap_compare(app, run_before=steady, **kwargs)

    return compare


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The vault is the relative folder 'vault', so the create screen shows no tmp path."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    return tmp_path


# -- data ---------------------------------------------------------------------------------


def record(
    n: int,
    name: str,
    kind: str = "development",
    on: str = "2026-10-01",
    profile: str = "general",
    birth_year: int | None = None,
    role: str = "Nurse",
) -> Record:
    """A record with a fixed id and fixed timestamps."""
    r = new_record(
        Kind(kind),
        GuideRef(kind, 1),
        Person(name, role, birth_year),
        Person("Maja Chef"),
        "en",
        date.fromisoformat(on),
        profile=profile,
    )
    r.id = f"00000000-0000-4000-8000-{n:012d}"
    r.created = r.updated = STAMP + timedelta(minutes=n)
    return r


def note(n: int, text: str, visibility: Visibility, item: str | None = None) -> Note:
    return Note(text, visibility, item, id=f"note{n:08d}")


def action(n: int, what: str, owner: str, due: str | None, done: bool = False) -> Action:
    return Action(what, owner, date.fromisoformat(due) if due else None, done, id=f"act{n:09d}")


def talk_with_notes() -> Record:
    """A development talk in progress: ticks, one note of each visibility, two actions."""
    r = record(1, "Anna Berg", on="2026-11-20")
    r.status = Status.IN_PROGRESS
    prepare = r.phase("prepare")
    prepare.ticked = ["book-time", "send-preparation"]
    prepare.notes = [
        note(1, "Wants to talk about night shifts", Visibility.PRIVATE),
        note(2, "Agreed to look at the wound-care course", Visibility.SHARED, "gather-options"),
        note(3, "Asked about parental leave next spring", Visibility.HR),
    ]
    r.actions = [
        action(1, "Wound-care course", "Anna Berg", "2027-02-01"),
        action(2, "Shadow the night team", "Maja Chef", "2026-11-01"),
        action(3, "Book follow-up", "Maja Chef", "2026-11-10", done=True),
    ]
    r.follow_up = date(2027, 3, 1)
    return r


def several_talks() -> list[Record]:
    """An overdue follow-up, one due soon, open actions, a dancer (no window: her profession is
    not recorded before the people register), a locked talk."""
    anna = record(2, "Anna Berg", on="2026-05-12")
    anna.status = Status.COMPLETED
    anna.follow_up = date(2026, 11, 2)  # overdue: no later talk with Anna

    bo = record(3, "Bo Lind", kind="career-change", on="2026-11-03", role="Assistant nurse")
    bo.status = Status.IN_PROGRESS
    bo.follow_up = date(2026, 12, 1)  # within two weeks
    bo.actions = [
        action(4, "Talk to the union about the course", "Bo Lind", "2026-11-15"),
        action(5, "Update the CV", "Bo Lind", None),
    ]

    cecilia = record(
        4,
        "Cecilia Dahl",
        on="2026-09-14",
        profile="performing-arts",
        birth_year=1994,
        role="Dancer",
    )
    cecilia.status = Status.COMPLETED

    dan = record(5, "Dan Ek", kind="exit", on="2026-08-29", role="Cook")
    dan.phase("prepare").notes = [note(4, "Leaving for a job nearer home", Visibility.SHARED)]
    dan.lock()
    dan.locked_at = dan.updated = STAMP

    eva = record(6, "Eva Holm", on="2026-12-03", role="Physiotherapist")
    return [anna, bo, cecilia, dan, eva]


def locked_talk() -> Record:
    r = record(7, "Dan Ek", kind="exit", on="2026-08-29", role="Cook")
    r.phase("prepare").notes = [note(5, "Leaving for a job nearer home", Visibility.SHARED)]
    r.actions = [action(6, "Return the keys", "Dan Ek", "2026-09-30", done=True)]
    r.follow_up = date(2026, 10, 15)
    r.lock()
    r.locked_at = r.updated = STAMP
    r.amendments = [
        Amendment(STAMP, "Sent the reference letter", Visibility.SHARED, id="amend0000001")
    ]
    return r


def review_talk() -> Record:
    """Nothing shared, no follow-up, required items open: the review warns about all three."""
    r = record(8, "Bo Lind", kind="career-change", on="2026-11-18", role="Assistant nurse")
    r.status = Status.IN_PROGRESS
    r.phase("prepare").notes = [note(6, "Seems tired of shift work", Visibility.PRIVATE)]
    r.actions = [action(7, "Visit the job centre", "Bo Lind", "2026-12-15")]
    return r


def seed(folder: Path, records: list[Record]) -> None:
    from dialog_kit.vault import Vault

    vault = Vault.create(folder / "vault", PASSPHRASE, work_factor=WORK_FACTOR)
    try:
        for r in records:
            vault.save(r)
    finally:
        vault.close()


def make_app(language: str | None = None) -> DialogKitApp:
    config = Config(organisation="Test Municipality", manager_name="Maja Chef", country="se")
    return DialogKitApp(
        config,
        Path("vault"),
        work_factor=WORK_FACTOR,
        output_folder=Path("out"),
        language=language,
        save_delay=SAVE_DELAY,
    )


# -- driving the app ------------------------------------------------------------------------


async def on_screen(pilot: Pilot[None], name: str) -> None:
    def shown() -> bool:
        return type(pilot.app.screen).__name__ == name

    shown.__name__ = f"screen {name}"
    await wait_for(pilot, shown)
    await pilot.pause()


async def settle(pilot: Pilot[None]) -> None:
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def until_mode(pilot: Pilot[None], mode: str) -> None:
    def ready() -> bool:
        return getattr(pilot.app.screen, "mode", "") == mode

    ready.__name__ = f"unlock screen in mode {mode}"
    await wait_for(pilot, ready)
    await pilot.pause()


async def unlock(pilot: Pilot[None]) -> None:
    await until_mode(pilot, "unlock")
    # Typed character by character in TestUnlock; here only the screens after it matter.
    pilot.app.screen.query_one("#passphrase", Input).value = PASSPHRASE
    await pilot.press("enter")
    await on_screen(pilot, "HomeScreen")


async def open_first_talk(pilot: Pilot[None]) -> None:
    await unlock(pilot)
    await pilot.press("enter")
    await on_screen(pilot, "TalkScreen")


async def go_to_actions(pilot: Pilot[None]) -> None:
    """From the phase list down to its last entry, 'Actions, follow-up', and into the table."""
    await open_first_talk(pilot)
    for _phase in pilot.app.screen.guide.phases:  # type: ignore[attr-defined]
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot)


def then(*steps: RunBefore) -> RunBefore:
    async def run(pilot: Pilot[None]) -> None:
        for step in steps:
            await step(pilot)

    return run


def light(step: RunBefore) -> RunBefore:
    async def run(pilot: Pilot[None]) -> None:
        pilot.app.theme = "textual-light"
        await step(pilot)

    return run


def shows(*texts: str) -> RunBefore:
    """Waits until every text is on the screen: the snapshot is taken once it has settled."""

    async def run(pilot: Pilot[None]) -> None:
        for text in texts:

            def shown(text: str = text) -> bool:
                return text in screen_text(pilot)

            shown.__name__ = f"{text!r} on the screen"
            await wait_for(pilot, shown)

    return run


# -- unlock ---------------------------------------------------------------------------------


class TestUnlock:
    def test_existing_vault(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [])

        async def typed(pilot: Pilot[None]) -> None:
            await until_mode(pilot, "unlock")
            await type_text(pilot, "secret")

        assert snap_compare(make_app(), run_before=typed, terminal_size=SIZE)

    def test_wrong_passphrase(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [])

        async def wrong(pilot: Pilot[None]) -> None:
            await until_mode(pilot, "unlock")
            await type_text(pilot, "not it")
            await pilot.press("enter")
            await shows("Wrong passphrase")(pilot)
            await until_mode(pilot, "unlock")

        assert snap_compare(make_app(), run_before=wrong, terminal_size=SIZE)

    def test_create_vault_first_run(self, snap_compare: SnapCompare, workdir: Path) -> None:
        async def first_typed(pilot: Pilot[None]) -> None:
            await until_mode(pilot, "create")
            await type_text(pilot, "a long passphrase")
            await pilot.press("enter")

        assert snap_compare(make_app(), run_before=first_typed, terminal_size=SIZE)


# -- home -----------------------------------------------------------------------------------


class TestHome:
    def test_several_talks(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, several_talks())
        assert snap_compare(
            make_app(), run_before=then(unlock, shows("overdue since")), terminal_size=SIZE
        )

    def test_empty(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [])
        assert snap_compare(make_app(), run_before=unlock, terminal_size=SIZE)

    def test_filtered(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, several_talks())

        async def filtered(pilot: Pilot[None]) -> None:
            await unlock(pilot)
            await pilot.press("slash")
            await type_text(pilot, "an")

        assert snap_compare(make_app(), run_before=filtered, terminal_size=SIZE)

    def test_light_theme(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, several_talks())
        assert snap_compare(
            make_app(), run_before=light(then(unlock, shows("overdue since"))), terminal_size=SIZE
        )

    def test_swedish(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, several_talks())
        assert snap_compare(make_app("sv"), run_before=unlock, terminal_size=SIZE)

    def test_danish(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, several_talks())
        assert snap_compare(make_app("da"), run_before=unlock, terminal_size=SIZE)


# -- new talk -------------------------------------------------------------------------------


class TestNewTalk:
    def test_form(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, several_talks())

        async def form(pilot: Pilot[None]) -> None:
            await unlock(pilot)
            await pilot.press("n")
            await on_screen(pilot, "NewTalkScreen")
            await pilot.press("tab")
            await type_text(pilot, "Frida")
            pilot.app.screen.query_one("#name", Input).insert_text_at_cursor(" Nord")
            await pilot.press("tab")
            await type_text(pilot, "Midwife")

        assert snap_compare(make_app(), run_before=form, terminal_size=SIZE)

    def test_performing_arts_asks_the_birth_year(
        self, snap_compare: SnapCompare, workdir: Path
    ) -> None:
        seed(workdir, several_talks())

        async def form(pilot: Pilot[None]) -> None:
            await unlock(pilot)
            await pilot.press("n")
            await on_screen(pilot, "NewTalkScreen")
            await pilot.press("tab")
            await type_text(pilot, "Cecilia Dahl")
            pilot.app.screen.query_one("#profile", Select).value = "performing-arts"
            await pilot.pause()
            pilot.app.screen.query_one("#birth_year", Input).focus()
            await type_text(pilot, "1994")
            await settle(pilot)

        assert snap_compare(make_app(), run_before=form, terminal_size=SIZE)

    def test_career_change_asks_the_stage(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, several_talks())

        async def form(pilot: Pilot[None]) -> None:
            await unlock(pilot)
            await pilot.press("n")
            await on_screen(pilot, "NewTalkScreen")
            pilot.app.screen.query_one("#kind", Select).value = "career-change"
            await wait_for(pilot, lambda: pilot.app.screen.query_one("#stage").display)
            pilot.app.screen.query_one("#stage", Select).value = "exploration"
            pilot.app.screen.query_one("#name", Input).focus()
            await type_text(pilot, "Bo Lind")
            await settle(pilot)

        assert snap_compare(make_app(), run_before=form, terminal_size=SIZE)

    def test_errors(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [])

        async def errors(pilot: Pilot[None]) -> None:
            await unlock(pilot)
            await pilot.press("n")
            await on_screen(pilot, "NewTalkScreen")
            await pilot.press("ctrl+s")
            await shows("Write the employee's name")(pilot)

        assert snap_compare(make_app(), run_before=errors, terminal_size=SIZE)


# -- the talk -------------------------------------------------------------------------------


class TestTalk:
    def test_phase(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [talk_with_notes()])
        assert snap_compare(make_app(), run_before=open_first_talk, terminal_size=SIZE)

    def test_checklist_focused(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [talk_with_notes()])

        async def checklist(pilot: Pilot[None]) -> None:
            await open_first_talk(pilot)
            await pilot.press("enter", "down", "down")

        assert snap_compare(make_app(), run_before=checklist, terminal_size=SIZE)

    def test_questions_and_cautions(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [talk_with_notes()])

        async def scrolled(pilot: Pilot[None]) -> None:
            await open_first_talk(pilot)
            pilot.app.screen.query_one("#cautions").scroll_visible(animate=False, top=True)
            await settle(pilot)

        assert snap_compare(make_app(), run_before=scrolled, terminal_size=SIZE)

    def test_notes_of_each_visibility(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [talk_with_notes()])

        async def notes(pilot: Pilot[None]) -> None:
            await open_first_talk(pilot)
            pilot.app.screen.query_one("#notes").focus()
            await settle(pilot)
            # Focus scrolls by itself (animated); end at the same place every run.
            pilot.app.screen.query_one("#phase-page").scroll_end(animate=False)
            await settle(pilot)

        assert snap_compare(make_app(), run_before=notes, terminal_size=SIZE)

    def test_writing_a_note(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [talk_with_notes()])

        async def writing(pilot: Pilot[None]) -> None:
            await open_first_talk(pilot)
            await pilot.press("w", "ctrl+t")
            await type_text(pilot, "Would ")
            editor = pilot.app.screen.query_one("#editor", TextArea)
            editor.cursor_blink = False  # a blinking cursor makes the picture depend on timing
            editor.insert("like more time with students")
            await shows("saved 14:02")(pilot)
            await pilot.pause()

        assert snap_compare(make_app(), run_before=writing, terminal_size=SIZE)

    def test_actions_page(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [talk_with_notes()])
        assert snap_compare(make_app(), run_before=go_to_actions, terminal_size=SIZE)

    def test_light_theme(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [talk_with_notes()])
        assert snap_compare(make_app(), run_before=light(open_first_talk), terminal_size=SIZE)


# -- dialogs --------------------------------------------------------------------------------


class TestActionEditor:
    def test_change_action(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [talk_with_notes()])

        async def editor(pilot: Pilot[None]) -> None:
            await go_to_actions(pilot)
            await pilot.press("enter")
            await on_screen(pilot, "ActionScreen")

        assert snap_compare(make_app(), run_before=editor, terminal_size=SIZE)

    def test_bad_date(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [talk_with_notes()])

        async def bad(pilot: Pilot[None]) -> None:
            await go_to_actions(pilot)
            await pilot.press("a")
            await on_screen(pilot, "ActionScreen")
            await type_text(pilot, "Mentor")
            await pilot.press("tab", "tab")
            await type_text(pilot, "soon")
            await pilot.press("ctrl+s")
            await shows("YYYY-MM-DD, or leave")(pilot)

        assert snap_compare(make_app(), run_before=bad, terminal_size=SIZE)


class TestReview:
    def test_with_warnings(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [review_talk()])

        async def review(pilot: Pilot[None]) -> None:
            await open_first_talk(pilot)
            await pilot.press("r")
            await on_screen(pilot, "ReviewScreen")
            await wait_for(pilot, lambda: not pilot.app.screen.query_one("#preview-busy").display)
            await pilot.pause()

        assert snap_compare(make_app(), run_before=review, terminal_size=SIZE)

    def test_ready_to_send(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [talk_with_notes()])

        async def review(pilot: Pilot[None]) -> None:
            await unlock(pilot)
            await pilot.press("e")
            await on_screen(pilot, "ReviewScreen")
            await wait_for(pilot, lambda: not pilot.app.screen.query_one("#preview-busy").display)
            await pilot.pause()

        assert snap_compare(make_app(), run_before=review, terminal_size=SIZE)


class TestHelp:
    def test_home_keys(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, several_talks())

        async def help_(pilot: Pilot[None]) -> None:
            await unlock(pilot)
            await pilot.press("f1")
            await on_screen(pilot, "HelpScreen")

        assert snap_compare(make_app(), run_before=help_, terminal_size=SIZE)

    def test_talk_keys(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [talk_with_notes()])

        async def help_(pilot: Pilot[None]) -> None:
            await open_first_talk(pilot)
            await pilot.press("f1")
            await on_screen(pilot, "HelpScreen")

        assert snap_compare(make_app(), run_before=help_, terminal_size=SIZE)


class TestConfirm:
    def test_delete_talk(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, several_talks())

        async def confirm(pilot: Pilot[None]) -> None:
            await unlock(pilot)
            await pilot.press("d")
            await on_screen(pilot, "ConfirmScreen")

        assert snap_compare(make_app(), run_before=confirm, terminal_size=SIZE)

    def test_lock_talk(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [talk_with_notes()])

        async def confirm(pilot: Pilot[None]) -> None:
            await unlock(pilot)
            await pilot.press("e")
            await on_screen(pilot, "ReviewScreen")
            await wait_for(pilot, lambda: not pilot.app.screen.query_one("#preview-busy").display)
            await pilot.press("l")
            await on_screen(pilot, "ConfirmScreen")

        assert snap_compare(make_app(), run_before=confirm, terminal_size=SIZE)


class TestLockedTalk:
    def test_locked_talk(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [locked_talk()])
        assert snap_compare(make_app(), run_before=open_first_talk, terminal_size=SIZE)

    def test_amendment(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [locked_talk()])

        async def amend(pilot: Pilot[None]) -> None:
            await open_first_talk(pilot)
            await pilot.press("m")
            await on_screen(pilot, "AmendScreen")
            await pilot.press("ctrl+t")
            await type_text(pilot, "Final ")
            editor = pilot.app.screen.query_one(TextArea)
            editor.cursor_blink = False  # a blinking cursor makes the picture depend on timing
            editor.insert("salary paid on 25 September")

        assert snap_compare(make_app(), run_before=amend, terminal_size=SIZE)


class TestPreparationSheet:
    def test_dialog(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, several_talks())

        async def prepare(pilot: Pilot[None]) -> None:
            await unlock(pilot)
            await pilot.press("down", "down")  # Cecilia Dahl: performing arts
            await pilot.press("p")
            await on_screen(pilot, "PrepareScreen")

        assert snap_compare(make_app(), run_before=prepare, terminal_size=SIZE)


# -- issue 10: setup, the team view, the person, last time ------------------------------------


@pytest.fixture
def person_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register ids in order (000000000001, …) instead of random ones: the pictures stay put."""
    import itertools

    import dialog_kit.people as people

    counter = itertools.count(1)

    class Counted:
        @staticmethod
        def token_hex(_n: int) -> str:
            return f"{next(counter):012x}"

    monkeypatch.setattr(people, "secrets", Counted)


def unset_app(language: str | None = None) -> DialogKitApp:
    """Name and organisation known, the country not yet: the first-run setup shows."""
    config = Config(organisation="Test Municipality", manager_name="Maja Chef")
    return DialogKitApp(
        config, Path("vault"), work_factor=WORK_FACTOR, output_folder=Path("out"), language=language
    )


async def setup_first_run(pilot: Pilot[None]) -> None:
    await until_mode(pilot, "unlock")
    pilot.app.screen.query_one("#passphrase", Input).value = PASSPHRASE
    await pilot.press("enter")
    await on_screen(pilot, "SetupScreen")
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False  # a blinking cursor makes the picture depend on timing
    await settle(pilot)


async def team(pilot: Pilot[None]) -> None:
    await unlock(pilot)
    await pilot.press("t")
    await shows("Cecilia Dahl")(pilot)
    await settle(pilot)


async def person_bo(pilot: Pilot[None]) -> None:
    await team(pilot)
    table = pilot.app.screen.query_one("#people", DataTable)
    row = next(i for i in range(table.row_count) if str(table.get_row_at(i)[1]) == "Bo Lind")
    table.move_cursor(row=row)
    await pilot.press("enter")
    await on_screen(pilot, "PersonScreen")
    await settle(pilot)


def last_year_and_now() -> list[Record]:
    """Anna's held talk of last year (actions, a shared and a private note) and today's."""
    last = record(11, "Anna Berg", on="2025-11-10")
    last.status = Status.COMPLETED
    last.actions = [
        action(11, "Wound-care course", "Anna Berg", "2026-03-01"),
        action(12, "Shadow the night team", "Maja Chef", None, done=True),
    ]
    last.phase("look-back").notes = [
        note(11, "Wants more responsibility on the ward", Visibility.SHARED),
        note(12, "Seemed tired", Visibility.PRIVATE),
    ]
    last.follow_up = date(2026, 5, 15)
    now = record(12, "Anna Berg", on="2026-11-22")
    return [last, now]


async def look_back(pilot: Pilot[None]) -> None:
    await unlock(pilot)
    await pilot.press("enter")  # today's talk is first in the list
    await on_screen(pilot, "TalkScreen")
    phases = [p.id for p in pilot.app.screen.guide.phases]  # type: ignore[attr-defined]
    for _step in range(phases.index("look-back")):
        await pilot.press("down")
    await shows("Wound-care course")(pilot)
    await settle(pilot)


class TestSetup:
    def test_first_run(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [])
        assert snap_compare(unset_app(), run_before=setup_first_run, terminal_size=SIZE)

    def test_first_run_light(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [])
        assert snap_compare(unset_app(), run_before=light(setup_first_run), terminal_size=SIZE)

    def test_first_run_swedish(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [])
        assert snap_compare(unset_app("sv"), run_before=setup_first_run, terminal_size=SIZE)

    def test_first_run_danish(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, [])
        assert snap_compare(unset_app("da"), run_before=setup_first_run, terminal_size=SIZE)


@pytest.mark.usefixtures("person_ids")
class TestTeamView:
    def test_team(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, several_talks())
        assert snap_compare(make_app(), run_before=team, terminal_size=SIZE)

    def test_team_light(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, several_talks())
        assert snap_compare(make_app(), run_before=light(team), terminal_size=SIZE)

    def test_team_swedish(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, several_talks())
        assert snap_compare(make_app("sv"), run_before=team, terminal_size=SIZE)

    def test_team_danish(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, several_talks())
        assert snap_compare(make_app("da"), run_before=team, terminal_size=SIZE)


@pytest.mark.usefixtures("person_ids")
class TestPerson:
    def test_person(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, several_talks())
        assert snap_compare(make_app(), run_before=person_bo, terminal_size=SIZE)

    def test_person_light(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, several_talks())
        assert snap_compare(make_app(), run_before=light(person_bo), terminal_size=SIZE)

    def test_person_swedish(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, several_talks())
        assert snap_compare(make_app("sv"), run_before=person_bo, terminal_size=SIZE)

    def test_person_danish(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, several_talks())
        assert snap_compare(make_app("da"), run_before=person_bo, terminal_size=SIZE)

    def test_new_talk_picks_a_person(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, several_talks())

        async def picker(pilot: Pilot[None]) -> None:
            await unlock(pilot)
            await pilot.press("n")
            await on_screen(pilot, "NewTalkScreen")
            await pilot.press("tab")
            await type_text(pilot, "ceci")
            await shows("New person: ceci")(pilot)
            await settle(pilot)

        assert snap_compare(make_app(), run_before=picker, terminal_size=SIZE)


@pytest.mark.usefixtures("person_ids")
class TestLookBack:
    def test_last_time(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, last_year_and_now())
        assert snap_compare(make_app(), run_before=look_back, terminal_size=SIZE)

    def test_last_time_light(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, last_year_and_now())
        assert snap_compare(make_app(), run_before=light(look_back), terminal_size=SIZE)

    def test_last_time_swedish(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, last_year_and_now())
        assert snap_compare(make_app("sv"), run_before=look_back, terminal_size=SIZE)

    def test_last_time_danish(self, snap_compare: SnapCompare, workdir: Path) -> None:
        seed(workdir, last_year_and_now())
        assert snap_compare(make_app("da"), run_before=look_back, terminal_size=SIZE)
