"""The app's start-up against a bare Textual app, and key latency while a PDF is being made.

(a) Start-up: fresh processes, interleaved, from spawn to the first screen painted (the
    unlock screen; for the bare app, a Header, Label, Input, Button and Footer), and for
    our app also until the passphrase can be typed (the vault found by the background
    thread). Median of RUNS each; target within 1.3x. Plus the import time of
    dialog_kit.tui.app against textual.app alone.
(b) Key latency: with Pilot on the talk screen, a thread worker makes the summary PDF the
    way the review screen does, while the phase-list cursor moves up and down; each
    press is timed until the new phase's page is shown and painted. Compared with the
    same presses while nothing else runs: median and 95th percentile.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 10
BASELINE_PRESSES = 150
WARM_PDFS = 3
PASSPHRASE = "bench"
SIZE = (80, 24)


# -- (a) start-up, in fresh processes --------------------------------------------------------


def child_start(mode: str, vault: str) -> None:
    """Runs one app headless; prints time.monotonic() at each mark (system-wide on Linux)."""
    marks: dict[str, float] = {}

    if mode == "bare":
        from textual.app import App, ComposeResult
        from textual.widgets import Button, Footer, Header, Input, Label

        class Bare(App[None]):
            BINDINGS = [("f1", "help", "Help"), ("escape", "quit", "Quit")]  # noqa: RUF012

            def compose(self) -> ComposeResult:
                yield Header()
                yield Label("Enter your passphrase to open your talks.")
                yield Input(password=True, placeholder="Passphrase")
                yield Button("Open")
                yield Footer()

            def on_mount(self) -> None:
                self.call_after_refresh(self.painted)

            def painted(self) -> None:
                marks["paint"] = time.monotonic()
                self.exit()

        Bare().run(headless=True, size=SIZE)
    else:
        from dialog_kit.config import Config
        from dialog_kit.tui.app import DialogKitApp
        from dialog_kit.tui.screens import unlock

        screen_cls: Any = unlock.UnlockScreen
        on_mount, set_mode = screen_cls.on_mount, screen_cls._set_mode

        def timed_on_mount(self: Any) -> None:
            on_mount(self)

            def painted() -> None:
                now = time.monotonic()
                marks.setdefault("paint", now)
                field = self.query_one("#passphrase")
                if field.has_focus and not field.disabled:
                    marks.setdefault("typing", now)

            self.call_after_refresh(painted)

        def timed_set_mode(self: Any, new: str) -> None:
            set_mode(self, new)
            if new == "unlock":

                def usable() -> None:
                    marks["usable"] = time.monotonic()
                    self.app.exit()

                self.call_after_refresh(usable)

        screen_cls.on_mount, screen_cls._set_mode = timed_on_mount, timed_set_mode
        DialogKitApp(Config(), Path(vault), work_factor=10).run(headless=True, size=SIZE)
    print(json.dumps(marks))


def child_import(what: str) -> None:
    started = time.perf_counter()
    if what == "textual":
        import textual.app
        import textual.widgets  # noqa: F401
    else:
        import dialog_kit.tui.app  # noqa: F401
    print(json.dumps({"import": time.perf_counter() - started}))


def spawn(*args: str) -> tuple[float, dict[str, float]]:
    """(monotonic time just before the spawn, the child's marks)."""
    started = time.monotonic()
    out = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True
    ).stdout
    marks: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return started, marks


def start_up(vault: Path) -> None:
    bare: list[float] = []
    paint: list[float] = []
    typing: list[float] = []
    usable: list[float] = []
    imp: dict[str, list[float]] = {"textual": [], "app": []}
    spawn("--start", "bare", str(vault))  # warm the disk cache for both
    spawn("--start", "ours", str(vault))
    for _ in range(RUNS):  # interleaved, so background load hits both alike
        t0, m = spawn("--start", "bare", str(vault))
        bare.append(m["paint"] - t0)
        t0, m = spawn("--start", "ours", str(vault))
        paint.append(m["paint"] - t0)
        typing.append(m.get("typing", m["usable"]) - t0)
        usable.append(m["usable"] - t0)
        for what in ("textual", "app"):
            imp[what].append(spawn("--import", what)[1]["import"])

    b, p, t, u = (statistics.median(x) for x in (bare, paint, typing, usable))
    print(f"start-up, process spawn to first screen (median of {RUNS}, interleaved); target 1.3x")
    print(f"  bare Textual app (Header, Label, Input, Button, Footer)  {b * 1000:6.0f} ms")
    print(f"  dialog_kit unlock screen painted                         {p * 1000:6.0f} ms"
          f"   ratio {p / b:4.2f}x")  # fmt: skip
    print(f"  dialog_kit passphrase field takes typing                 {t * 1000:6.0f} ms"
          f"   ratio {t / b:4.2f}x")  # fmt: skip
    print(f"  dialog_kit vault found, Enter acts (in the background)   {u * 1000:6.0f} ms"
          f"   ratio {u / b:4.2f}x")  # fmt: skip
    ti, ai = statistics.median(imp["textual"]), statistics.median(imp["app"])
    print(f"  import textual.app + textual.widgets                     {ti * 1000:6.0f} ms")
    print(f"  import dialog_kit.tui.app (textual included)             {ai * 1000:6.0f} ms"
          f"   ratio {ai / ti:4.2f}x")  # fmt: skip
    print("  within target" if max(p, t) / b <= 1.3 else "  OVER TARGET")


# -- (b) key latency while a PDF is made ------------------------------------------------------


def seed_vault(folder: Path) -> Path:
    from datetime import date

    from dialog_kit.guides import load_library
    from dialog_kit.record import Action, GuideRef, Kind, Person, Visibility, new_record
    from dialog_kit.vault import Vault

    guide = load_library().guide_for_kind(Kind.DEVELOPMENT)
    record = new_record(
        Kind.DEVELOPMENT, GuideRef(guide.id, guide.version),
        Person("Åsa Lindqvist", "Undersköterska"), Person("Karin Berg", "Enhetschef"),
        "sv", date(2027, 3, 3), profile="welfare",
    )  # fmt: skip
    for phase in guide.phases:
        record.add_note(
            phase.id, f"Vi pratade om {phase.id}: hur våren har gått.", Visibility.SHARED
        )
        record.add_note(phase.id, "Egen minnesanteckning.", Visibility.PRIVATE)
    for i in range(4):
        record.actions.append(Action(f"Steg {i + 1}", "Åsa", date(2027, 4 + i, 1)))
    record.follow_up = date(2027, 9, 15)
    vault_dir = folder / "vault"
    vault = Vault.create(vault_dir, PASSPHRASE, work_factor=10)
    try:
        vault.save(record)
    finally:
        vault.close()
    return vault_dir


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def latency(folder: Path) -> dict[str, list[float]]:
    import asyncio

    from textual import events
    from textual.pilot import Pilot
    from textual.widgets import Input

    from dialog_kit.config import Config
    from dialog_kit.tui.app import DialogKitApp

    vault_dir = seed_vault(folder)
    out = folder / "out"
    out.mkdir()
    config = Config(organisation="Norrviks kommun", manager_name="Karin Berg", country="se")
    app = DialogKitApp(config, vault_dir, work_factor=10, output_folder=out)
    results: dict[str, list[float]] = {"idle": [], "cold": [], "warm": []}

    async def until(pilot: Pilot[None], condition: Any) -> None:
        deadline = time.monotonic() + 60
        while not condition():
            if time.monotonic() > deadline:
                raise RuntimeError("the app did not get there in 60 s")
            await pilot.pause(0.01)

    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: getattr(app.screen, "mode", "") == "unlock")
        app.screen.query_one("#passphrase", Input).value = PASSPHRASE
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "TalkScreen")
        screen: Any = app.screen
        titles = [phase.title.get("en") for phase in screen.guide.phases]
        title_label = screen.query_one("#phase-title")
        loop = asyncio.get_running_loop()
        step = 0

        async def one_press(into: list[float]) -> None:
            """Sends one key as the terminal driver does; times it until handled and painted.

            Pilot's own press/pause wait for the whole process to go idle, which never
            happens while a worker thread renders a PDF, so they cannot time this.
            """
            nonlocal step
            # Down through the phases and back up: each move redraws the phase's page.
            span = len(titles) - 1
            position = step % (2 * span)
            key = "down" if position < span else "up"
            target = titles[position + 1 if key == "down" else 2 * span - position - 1]
            step += 1
            started = time.perf_counter()
            app._driver.send_message(events.Key(key, None))  # type: ignore[union-attr]
            while not str(title_label.content).startswith(target):
                await asyncio.sleep(0.0005)
            painted = loop.create_future()
            app.call_after_refresh(lambda: painted.set_result(None))
            await painted
            into.append(time.perf_counter() - started)

        for _ in range(BASELINE_PRESSES):
            await one_press(results["idle"])

        def make_pdf() -> None:
            # What the review screen's worker does: summary PDF, neutral name, atomic write.
            from dialog_kit.documents import summary_pdf, write_document
            from dialog_kit.tui.outputs import neutral_path

            record = screen.record
            data = summary_pdf(record, app.session.library, app.session.config)
            write_document(neutral_path(out, "summary", record.date, ".pdf"), data)

        for label, count in (("cold", 1), ("warm", WARM_PDFS)):
            for _ in range(count):
                worker = app.run_worker(make_pdf, thread=True, group="documents")
                while not worker.is_finished:
                    await one_press(results[label])
                if worker.error is not None:
                    raise worker.error
    made = len(list(out.glob("*.pdf")))
    assert made == 1 + WARM_PDFS, f"{made} PDFs were made"
    return results


def key_latency() -> None:
    import asyncio

    with tempfile.TemporaryDirectory() as tmp:
        results = asyncio.run(latency(Path(tmp)))
    idle = results["idle"]
    i50, i95 = statistics.median(idle), percentile(idle, 0.95)
    print("key press to handled and painted, talk screen, phase cursor up/down")
    print(f"  {'nothing else running':<37} n={len(idle):4d}  median {i50 * 1000:6.1f} ms"
          f"  p95 {i95 * 1000:6.1f} ms")  # fmt: skip
    for label, title in (
        ("cold", "first PDF (imports WeasyPrint)"),
        ("warm", f"next {WARM_PDFS} PDFs"),
    ):
        times = results[label]
        m, p = statistics.median(times), percentile(times, 0.95)
        print(f"  during {title:<30} n={len(times):4d}  median {m * 1000:6.1f} ms"
              f"  p95 {p * 1000:6.1f} ms   ratio median {m / i50:4.2f}x"
              f"  p95 {p / i95:4.2f}x")  # fmt: skip


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        from dialog_kit.vault import Vault

        vault = Path(tmp) / "vault"
        Vault.create(vault, PASSPHRASE, work_factor=10).close()
        start_up(vault)
    key_latency()
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--start":
        child_start(sys.argv[2], sys.argv[3])
        raise SystemExit(0)
    if len(sys.argv) == 3 and sys.argv[1] == "--import":
        child_import(sys.argv[2])
        raise SystemExit(0)
    raise SystemExit(main())
