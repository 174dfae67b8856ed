"""The TUI against bare Textual: a phase change, a key while a PDF renders, start to first key.

(a) A phase change: the app runs with Textual's Pilot (headless, 80x24); each key is
    sent as the terminal driver sends it and timed until the new phase's title is on
    the page and the screen has been refreshed (layout and rendering; headless skips
    only the write to a terminal). Ours: the real app on a real vault, unlocked, the
    talk open, the phase list moved down and up. Baseline: bare_tui.BarePage, plain
    Textual updating the same widgets in place with the same texts and notes, the same
    keys. One run is one app started and PRESSES keys; its figure is their median.
    Runs alternate. Target <= 1.3x, for a normal and a large talk.
(b) A key while a PDF renders: in one app, runs alternate between PRESSES idle keys
    and keys sent while the summary PDF is made the way the review screen makes it
    (a thread worker calling summary_pdf(in_child=True), the file written atomically).
    Target <= 1.5x idle. For the record (no target) the same with the PDF laid out in
    the thread itself, which shows how much WeasyPrint holds the interpreter.
(c) Start until the first key is acted on: fresh processes in a pseudo-terminal, 80x24,
    from spawn until Enter has visibly acted, Enter being typed every few milliseconds
    from the start. Ours: `python -m dialog_kit --vault V` (the command a user runs);
    Enter on the empty passphrase field shows "The passphrase must not be empty.",
    which the unlock screen does only once the vault check is done. Baseline:
    bare_tui.BareStart, the same widgets and the same answer to Enter. Target <= 1.3x.

Exit code 1 when a target is missed.
"""

from __future__ import annotations

import asyncio
import copy
import fcntl
import json
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from harness import Report, Result, Target, alternate, alternate_async  # noqa: E402

RUNS = 7
PRESSES = 14
START_RUNS = 9
PASSPHRASE = "bench"
SIZE = (80, 24)
LARGE_NOTES = 12


# -- the talk both sides show ---------------------------------------------------------------


def make_record(notes_per_phase: int) -> Any:
    from dialog_kit.guides import load_library
    from dialog_kit.record import Action, GuideRef, Kind, Person, Visibility, new_record

    guide = load_library().guide_for_kind(Kind.DEVELOPMENT)
    record = new_record(
        Kind.DEVELOPMENT, GuideRef(guide.id, guide.version),
        Person("Åsa Lindqvist", "Undersköterska"), Person("Karin Berg", "Enhetschef"),
        "sv", date(2027, 3, 3), profile="welfare",
    )  # fmt: skip
    visibilities = [Visibility.SHARED, Visibility.PRIVATE, Visibility.HR]
    for phase in guide.phases:
        for n in range(notes_per_phase):
            text = f"Vi pratade om {phase.id} ({n}): hur våren har gått och vad som fungerar."
            record.add_note(phase.id, text * (1 + n % 3), visibilities[n % 3])
    for i in range(8):
        record.actions.append(Action(f"Steg {i + 1}", "Åsa", date(2027, 4 + i % 8, 1)))
    record.follow_up = date(2027, 9, 15)
    return record


def page_texts(record: Any) -> list[dict[str, Any]]:
    """The guide's texts and the notes as the talk screen shows them, for the bare page."""
    from dialog_kit.config import Config
    from dialog_kit.guides import load_library, org_scope
    from dialog_kit.i18n import get_language
    from dialog_kit.tui.labels import RICH_VISIBILITY_STYLE, visibility_marker

    library = load_library()
    country = org_scope(Config(country="se")).country
    guide = (
        library.with_profile(library.guide(record.guide.id), record.profile)
        .for_stage(record.stage)
        .for_country(country)
    )
    lang = get_language()
    out = []
    for phase in guide.phases:
        notes = record.phases[phase.id].notes if phase.id in record.phases else []
        out.append(
            {
                "title": phase.title.get(lang),
                "stage": phase.stage,
                "purpose": phase.purpose.get(lang),
                "items": [item.text.get(lang) for item in phase.items],
                "prompts": [p.text.get(lang) for p in phase.prompts],
                "cautions": [c.text.get(lang) for c in phase.cautions],
                # Each note as its marker, the marker's style and the text, as the talk shows it.
                "notes": [
                    [visibility_marker(n.visibility), RICH_VISIBILITY_STYLE[n.visibility], n.text]
                    for n in notes
                ],
            }
        )
    return out


def seed_vault(folder: Path, record: Any) -> Path:
    from dialog_kit.vault import Vault

    vault_dir = folder / "vault"
    vault = Vault.create(vault_dir, PASSPHRASE, work_factor=10)
    try:
        vault.save(record)
    finally:
        vault.close()
    return vault_dir


# -- keys, sent as the terminal driver sends them ---------------------------------------------


async def press(app: Any, key: str, done: Callable[[], bool]) -> tuple[float, float]:
    """Seconds from sending `key` until `done()` holds and the screen has been refreshed:
    on the clock, and of CPU in the app's thread (which other processes' load barely moves).

    Pilot's own press waits for the whole app to go idle, which never happens while a
    worker renders a PDF, so the key is posted the way the driver posts it.
    """
    from textual import events

    loop = asyncio.get_running_loop()
    started, cpu = time.perf_counter(), time.thread_time()
    app._driver.send_message(events.Key(key, None))
    # Checked after each refresh, not by polling: a polling loop would hold the
    # interpreter itself and slow a PDF rendered in a thread.
    while True:
        refreshed = loop.create_future()
        app.screen.call_after_refresh(lambda f=refreshed: f.done() or f.set_result(None))
        await refreshed
        if done():
            return time.perf_counter() - started, time.thread_time() - cpu


class Walk:
    """Down the phase list and back up; each key's figure is until its whole page is shown.

    Shown means the title, the checklist's rows (as many as the phase has, the first with
    its text), the questions and the notes' rows are the new phase's; then one refresh.
    Both pages reach that state only at the end of their update.
    """

    def __init__(self, app: Any, phases: list[dict[str, Any]]) -> None:
        self.app, self.phases, self.step = app, phases, 0
        self.cpu: list[float] = []

    def shown(self, phase: dict[str, Any]) -> Callable[[], bool]:
        from textual.widgets import ListItem

        screen = self.app.screen
        title, prompts = screen.query_one("#phase-title"), screen.query_one("#prompts")
        checklist, notes = screen.query_one("#checklist"), screen.query_one("#notes")
        first_prompt = f"• {phase['prompts'][0]}" if phase["prompts"] else ""

        def done() -> bool:
            rows = list(checklist.query_children(ListItem))
            return (
                str(title.content).startswith(phase["title"] + "  (")
                and str(prompts.content).startswith(first_prompt)
                and len(rows) == len(phase["items"])
                and (not rows or phase["items"][0] in str(rows[0].query_one("Label").content))
                and len(notes.query_children(ListItem)) == len(phase["notes"])
            )

        return done

    async def keys(self, count: int, until: Callable[[], bool] | None = None) -> list[float]:
        times: list[float] = []
        while len(times) < max(count, 1) or (until is not None and not until()):
            span = len(self.phases) - 1
            position = self.step % (2 * span)
            key = "down" if position < span else "up"
            goal = self.phases[position + 1 if key == "down" else 2 * span - position - 1]
            self.step += 1
            wall, cpu = await press(self.app, key, self.shown(goal))
            times.append(wall)
            self.cpu.append(cpu)
        return times


async def until(condition: Callable[[], object], limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("the app did not get there in time")
        await asyncio.sleep(0.01)


async def open_talk(app: Any, pilot: Any) -> Any:
    """Unlocks and opens the talk; returns the talk screen."""
    from textual.widgets import Input

    await until(lambda: getattr(app.screen, "mode", "") == "unlock")
    app.screen.query_one("#passphrase", Input).value = PASSPHRASE
    await pilot.press("enter")
    await until(lambda: type(app.screen).__name__ == "HomeScreen")
    await pilot.pause()
    await pilot.press("enter")
    await until(lambda: type(app.screen).__name__ == "TalkScreen")
    await pilot.pause()
    return app.screen


def our_app(folder: Path) -> Any:
    from dialog_kit.config import Config
    from dialog_kit.tui.app import DialogKitApp

    out = folder / "out"
    out.mkdir(exist_ok=True)
    config = Config(organisation="Norrviks kommun", manager_name="Karin Berg", country="se")
    app = DialogKitApp(config, folder / "vault", work_factor=10, output_folder=out)
    app.animation_level = "none"
    return app


# -- (a) a phase change ---------------------------------------------------------------------


def phase_change(report: Report, label: str, notes_per_phase: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        record = make_record(notes_per_phase)
        seed_vault(folder, record)
        texts = page_texts(record)

        cpu: dict[str, list[float]] = {"ours": [], "bare": []}

        async def walk(app: Any, side: str) -> float:
            walk = Walk(app, texts)
            times = await walk.keys(PRESSES)
            cpu[side].append(statistics.median(walk.cpu))
            return statistics.median(times)

        async def ours_run() -> float:
            app = our_app(folder)
            async with app.run_test(size=SIZE) as pilot:
                await open_talk(app, pilot)
                return await walk(app, "ours")

        async def bare_run() -> float:
            from bare_tui import BarePage

            app = BarePage(copy.deepcopy(texts))
            async with app.run_test(size=SIZE) as pilot:
                await until(lambda: bool(app.query("#phase-title")))
                await pilot.pause()
                return await walk(app, "bare")

        mine, bare = alternate(lambda: asyncio.run(ours_run()), lambda: asyncio.run(bare_run()),
                               runs=RUNS)  # fmt: skip
    name = f"phase change, {label} talk ({notes_per_phase} notes a phase), median of {PRESSES} keys"
    report.add(Result(
        f"{name} a run, {RUNS} runs; baseline a bare Textual page with the same widgets",
        mine, bare, Target(max_ratio=1.3),
    ))  # fmt: skip
    report.add(Result(
        f"{name}, CPU of the app's thread (the same runs)", cpu["ours"][1:], cpu["bare"][1:],
        Target(max_ratio=1.3),
    ))  # fmt: skip


# -- (b) a key while a PDF renders -------------------------------------------------------------


def key_during_pdf(report: Report) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        record = make_record(2)
        seed_vault(folder, record)
        texts = page_texts(record)
        figures: dict[str, tuple[list[float], list[float]]] = {}

        async def main() -> None:
            app = our_app(folder)
            async with app.run_test(size=SIZE) as pilot:
                screen = await open_talk(app, pilot)
                walk = Walk(app, texts)

                def making(in_child: bool) -> Callable[[], Any]:
                    async def run() -> float:
                        # What the review screen's worker does: summary PDF, neutral name.
                        from dialog_kit.documents import summary_pdf, write_document
                        from dialog_kit.tui.outputs import neutral_path

                        def make() -> None:
                            session = app.session
                            data = summary_pdf(
                                screen.record, session.library, session.config,
                                in_child=in_child,
                            )  # fmt: skip
                            write_document(
                                neutral_path(folder / "out", "summary", record.date, ".pdf"), data
                            )

                        worker = app.run_worker(make, thread=True, group="documents")
                        await asyncio.sleep(0)
                        times = await walk.keys(0, until=lambda: worker.is_finished)
                        if worker.error is not None:
                            raise worker.error
                        return statistics.median(times)

                    return run

                async def idle() -> float:
                    return statistics.median(await walk.keys(PRESSES))

                figures["child"] = await alternate_async(making(True), idle, runs=RUNS)
                figures["thread"] = await alternate_async(making(False), idle, runs=3)

        asyncio.run(main())
        made = len(list((folder / "out").glob("*.pdf")))
        if made != (RUNS + 1) + (3 + 1):  # each run (warm-up included) writes one
            raise RuntimeError(f"{made} PDFs were made")
    during, idle = figures["child"]
    report.add(Result(
        "a key while the summary PDF renders (child process, as the TUI does) against idle, "
        f"median of the keys during one PDF, {RUNS} PDFs", during, idle, Target(max_ratio=1.5),
    ))  # fmt: skip
    during, idle = figures["thread"]
    report.add(Result(
        "for the record: a key while WeasyPrint renders in a thread of the app, against idle "
        "(3 PDFs)", during, idle, Target(note="no target: shows the hold on the interpreter"),
    ))  # fmt: skip


# -- (c) start until the first key is acted on ----------------------------------------------


CPU: dict[str, list[float]] = {}


def until_shown(command: list[str], env: dict[str, str], marker: bytes, side: str) -> float:
    """Seconds from spawn in an 80x24 pty until `marker` is on it; Enter typed all along.

    The process's CPU seconds until then go into CPU[side].
    """
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    started = time.perf_counter()
    child = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
        close_fds=True,
    )  # fmt: skip
    os.close(slave)
    seen = b""
    next_key = started
    try:
        while True:
            now = time.perf_counter()
            if now - started > 60:
                raise RuntimeError(f"{marker!r} did not show in 60 s: {seen[-400:]!r}")
            if now >= next_key:
                os.write(master, b"\r")
                next_key = now + 0.005
            ready, _, _ = select.select([master], [], [], 0.002)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    raise RuntimeError(f"the app ended: {seen[-400:]!r}") from None
                if marker in seen:
                    return time.perf_counter() - started
                seen = seen[-4096:]
    finally:
        os.killpg(child.pid, signal.SIGKILL)
        _pid, _status, usage = os.wait4(child.pid, 0)
        child.returncode = -signal.SIGKILL
        CPU.setdefault(side, []).append(usage.ru_utime + usage.ru_stime)
        os.close(master)


def start_up(report: Report) -> None:
    from bare_tui import EMPTY

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        from dialog_kit.vault import Vault

        Vault.create(folder / "vault", PASSPHRASE, work_factor=10).close()
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(folder),
            "XDG_CONFIG_HOME": str(folder / "config"),
            "XDG_DATA_HOME": str(folder / "data"),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "PYTHONPATH": str(ROOT),
        }
        # Both the same words on the screen: the marker is the error line's start.
        marker = EMPTY.split("The passphrase ")[1].encode()
        vault = str(folder / "vault")
        ours = [sys.executable, "-m", "dialog_kit", "--lang", "en", "--vault", vault]
        bare = [sys.executable, str(HERE / "bare_tui.py"), "start"]
        mine, base = alternate(
            lambda: until_shown(ours, env, marker, "ours"),
            lambda: until_shown(bare, env, marker, "bare"),
            runs=START_RUNS,
        )
    name = "start until Enter is acted on (vault checked), fresh processes in a pty"
    report.add(Result(
        f"{name}, {START_RUNS} runs; baseline a bare Textual app with the same widgets", mine,
        base, Target(max_ratio=1.3),
    ))  # fmt: skip
    report.add(Result(
        f"{name}, CPU seconds of the process (the same runs)", CPU["ours"][1:], CPU["bare"][1:],
        Target(max_ratio=1.3),
    ))  # fmt: skip


def main() -> int:
    report = Report("bench_tui")
    load = os.getloadavg()
    print(f"load average at the start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)
    only = set(sys.argv[1:])
    if not only or "start" in only:
        start_up(report)
    if not only or "phase" in only:
        phase_change(report, "normal", 2)
        phase_change(report, "large", LARGE_NOTES)
    if not only or "pdf" in only:
        key_during_pdf(report)
    load = os.getloadavg()
    print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)
    print(json.dumps({r.name: round(r.ratio, 3) for r in report.results}), flush=True)
    return report.exit_code()


if __name__ == "__main__":
    raise SystemExit(main())
